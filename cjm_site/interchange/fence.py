"""A map written in a fenced block of any page: the format's YAML, or a Mermaid journey.

The block is checked by the same read -> check steps as a journey page, with
line numbers counted in the page that holds the block. Adapters (the
Python-Markdown extension, the MkDocs plugin through the pipeline) turn the
result into HTML. :func:`fence_blocks` is the one scanner of a page's fences:
the build finds the fences the extension then draws.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from cjm_site.checking import check_page
from cjm_site.interchange import mermaid
from cjm_site.interchange.pages import Site
from cjm_site.model import Finding, Journey
from cjm_site.reading import read_page

_TYPE_KEY = re.compile(r"^type[ \t]*:", re.MULTILINE)
_ID_KEY = re.compile(r"^['\"]?id['\"]?[ \t]*:", re.MULTILINE)
_OPENING = re.compile(r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LANGUAGE = re.compile(r"^[ \t]*\{?[ \t]*\.?(?P<lang>[\w-]*)")
MAX_PADDING = 100_000
"""Past this line, a block's lines are moved after checking rather than padded before."""


@dataclass(frozen=True, slots=True)
class FenceBlock:
    """A fenced block of a Markdown text, by 0-based line index."""

    start: int
    """The opening line."""
    end: int
    """The closing line (the number of lines when the block is not closed)."""
    language: str
    """Lower case; empty when the fence names none."""
    source: str
    """The lines between the two fences."""


def fence_blocks(lines: Sequence[str], languages: Collection[str] | None) -> Iterator[FenceBlock]:
    """The fenced blocks written in one of ``languages`` (None: all), outside other
    fenced blocks.

    A block of another language is skipped whole, so an example of a journey
    fence shown inside a ````` ````markdown ````` block stays an example.
    """
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        fence = opening.group("fence") if opening else ""
        if opening is None or (fence[0] == "`" and "`" in opening.group("info")):
            index += 1
            continue
        closing = re.compile(rf"^[ ]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        found = _LANGUAGE.match(opening.group("info"))
        language = found.group("lang").lower() if found else ""
        if languages is None or language in languages:
            yield FenceBlock(index, end, language, "\n".join(lines[index + 1 : end]))
        index = end + 1


@dataclass(frozen=True, slots=True)
class FenceMap:
    """What a fenced block holds, checked."""

    journey: Journey | None
    """None when the block has errors."""
    findings: tuple[Finding, ...]
    """Errors and warnings, with the page's line numbers."""
    persona_names: tuple[str, ...] = ()
    """Who the map is for, as shown on it."""
    named: bool = False
    """The block gives the map an ``id``: a map of the handbook, listed in its catalogue."""


def _moved(finding: Finding, path: str, shift: int, first_line: int) -> Finding:
    line = max(finding.line + shift, first_line) if finding.line else first_line
    return Finding(path, line, finding.field, finding.message, finding.level, finding.hint)


def names_id(source: str) -> bool:
    """Whether a YAML block gives its map an ``id`` (a top-level ``id:`` key)."""
    return not mermaid.is_journey(source) and _ID_KEY.search(source) is not None


def read_fence(source: str, path: str, first_line: int, site: Site | None = None) -> FenceMap:
    """Check a fenced block's text; ``first_line`` is the page's line of its first line."""
    site = site or Site()
    if mermaid.is_journey(source):
        return _from_mermaid(source, path, first_line, site)
    # The block is a journey page's front matter; `type: journey` goes last if it is
    # missing, so the block's lines keep their numbers. Blank lines before it put
    # every line (the journey's own, its references') on the page's line.
    text = source if _TYPE_KEY.search(source) else f"{source.rstrip()}\ntype: journey"
    padding = min(max(first_line - 2, 0), MAX_PADDING)
    front = "\n" * padding + text
    checked = check_page(read_page(path, f"---\n{front}\n---\n".encode()), site.settings)
    shift = first_line - 2 - padding
    moved = (_moved(f, path, shift, first_line) for f in checked.findings)
    findings = tuple(sorted(moved, key=lambda f: f.line))
    if checked.type != "journey":
        message = "a journey fence holds a journey: `type: journey`, or leave `type` out"
        findings += (Finding(path, first_line, "type", message),)
    journey = checked.journey if not any(f.level == "error" for f in findings) else None
    names = tuple(site.persona_names.get(i, i) for i in journey.persona_ids) if journey else ()
    return FenceMap(journey, findings, names, named=_ID_KEY.search(source) is not None)


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
