"""A map written in a fenced block of any page: the format's YAML, or a Mermaid journey.

The block is checked by the same read -> check steps as a journey page, with
line numbers counted in the page that holds the block. Adapters (the
Python-Markdown extension) turn the result into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjm_site.checking import check_page
from cjm_site.interchange import mermaid
from cjm_site.interchange.pages import Site
from cjm_site.model import Finding, Journey
from cjm_site.reading import read_page

_TYPE_KEY = re.compile(r"^type[ \t]*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FenceMap:
    """What a fenced block holds, checked."""

    journey: Journey | None
    """None when the block has errors."""
    findings: tuple[Finding, ...]
    """Errors and warnings, with the page's line numbers."""
    persona_names: tuple[str, ...] = ()
    """Who the map is for, as shown on it."""


def _moved(finding: Finding, path: str, shift: int, first_line: int) -> Finding:
    line = max(finding.line + shift, first_line) if finding.line else first_line
    return Finding(path, line, finding.field, finding.message, finding.level, finding.hint)


def read_fence(source: str, path: str, first_line: int, site: Site | None = None) -> FenceMap:
    """Check a fenced block's text; ``first_line`` is the page's line of its first line."""
    site = site or Site()
    if mermaid.is_journey(source):
        return _from_mermaid(source, path, first_line, site)
    # The block is a journey page's front matter; `type: journey` goes last if it is
    # missing, so the block's lines keep their numbers (front matter starts on line 2).
    text = source if _TYPE_KEY.search(source) else f"{source.rstrip()}\ntype: journey"
    checked = check_page(read_page(path, f"---\n{text}\n---\n".encode()), site.settings)
    shift = first_line - 2
    moved = (_moved(f, path, shift, first_line) for f in checked.findings)
    findings = tuple(sorted(moved, key=lambda f: f.line))
    if checked.type != "journey":
        message = "a journey fence holds a journey: `type: journey`, or leave `type` out"
        findings += (Finding(path, first_line, "type", message),)
    journey = checked.journey if not any(f.level == "error" for f in findings) else None
    names = tuple(site.persona_names.get(i, i) for i in journey.persona_ids) if journey else ()
    return FenceMap(journey, findings, names)


def _from_mermaid(source: str, path: str, first_line: int, site: Site) -> FenceMap:
    diagram, findings = mermaid.parse(source, path, first_line)
    if diagram is None or any(f.level == "error" for f in findings):
        return FenceMap(None, tuple(findings))
    if not diagram.tasks:
        message = "the diagram has no tasks, so no stages"
        return FenceMap(None, (*findings, Finding(path, diagram.line, "mermaid", message)))
    draft = mermaid.draft(diagram, site, kind="current-state", title="Journey", source=path)
    checked = check_page(read_page(path, draft.text().encode()), site.settings)
    if checked.journey is None:
        moved = [_moved(f, path, 0, diagram.line) for f in checked.findings]
        return FenceMap(None, (*findings, *moved))
    names = site.persona_names
    shown = (names.get(site.persona_id(a) or "", a) for a in diagram.actors)
    unique = tuple(dict.fromkeys(shown))
    return FenceMap(checked.journey, tuple(findings), unique)
