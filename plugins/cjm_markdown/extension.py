"""The Python-Markdown adapter: a fenced ``journey`` block becomes the map, drawn on the server.

Two routes to the same drawing:

- the extension itself (``markdown_extensions: [cjm_markdown]``): a
  preprocessor takes ```` ```journey ```` fences (and, with ``mermaid: true``,
  ```` ```mermaid ```` fences whose diagram is a journey) before the fenced-code
  extensions see them;
- a custom fence of ``pymdownx.superfences`` (:func:`fence_format` with
  :func:`fence_validator`; :func:`mermaid_format` for ``mermaid`` fences that
  leaves every other Mermaid diagram to Material's own formatter).

Errors appear where the map would be and in the log, under ``mkdocs.plugins``
so that ``mkdocs build --strict`` counts them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from html import escape
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from cjm_markdown.hosts import handbook_for, page_of
from cjm_site.interchange import mermaid
from cjm_site.interchange.fence import FenceMap, fence_blocks, read_fence
from cjm_site.interchange.pages import Site, read_site
from cjm_site.model import Finding
from cjm_site.output import finding_text
from cjm_site.svg.storyboard import page_base

log = logging.getLogger("mkdocs.plugins.cjm_markdown")

_OPENING = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<lang>[\w-]+)[^`\n]*$"
)
# MkDocs and Zensical hand Markdown the page without its front matter and the blank lines after.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n\n*", re.DOTALL)
_SITES: dict[str, Site] = {}
_OPTIONS = "cjm_markdown_options"
"""Where the extension keeps its options on the Markdown instance (superfences
formatters get the instance, not the extension)."""


def _offset(file: Path | None) -> int:
    """How many lines of the file the host cut (front matter) before Markdown saw it."""
    if file is None:
        return 0
    try:
        text = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, ValueError):
        return 0
    cut = _FRONT_MATTER.match(text)
    return cut.group(0).count("\n") if cut else 0


def _site(docs_dir: str) -> Site:
    """The personas of a docs folder, read once per process (names for the maps)."""
    if not docs_dir:
        return Site()
    if docs_dir not in _SITES:
        root = Path(docs_dir)
        pages = (
            (p.relative_to(root).as_posix(), p.read_bytes())
            for p in sorted(root.rglob("*.md"))
            if p.is_file()
        )
        _SITES[docs_dir] = read_site(pages) if root.is_dir() else Site()
    return _SITES[docs_dir]


def _options(md: Markdown) -> dict[str, Any]:
    options = getattr(md, _OPTIONS, None)
    return options if isinstance(options, dict) else {}


def render(source: str, md: Markdown, first_line: int | None, docs_dir: str = "") -> str:
    """The HTML for one fenced block: the map's SVG, or the errors in its place."""
    page = page_of(md)
    shown = page.path or "Markdown"
    line = (first_line or 1) + _offset(page.file)
    handbook = handbook_for(page, _options(md))
    if handbook is not None:
        # The handbook read this fence already (and said what is wrong with it).
        fence = handbook.fence_at(page.path, source, line if first_line is not None else None)
        if fence is not None:
            errors = handbook.fence_errors(fence)
            if errors or fence.read.journey is None:
                return _error_box(tuple(errors), True)
            return _figure(handbook.fence_svg(fence))
    site = _site(docs_dir or page.docs_dir)
    found: FenceMap = read_fence(source, shown, line, site)
    for finding in found.findings:
        # As the MkDocs plugin does: notices are information, the rest fail --strict.
        level = logging.INFO if finding.level == "notice" else logging.WARNING
        log.log(level, "%s", _where(finding, first_line is not None))
    if found.journey is None:
        return _error_box(found.findings, first_line is not None)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:10]
    from cjm_site.drawing import draw_journey  # loaded when a fence is drawn

    svg = draw_journey(
        found.journey,
        site.settings,
        id_prefix=f"cjm-fence-{digest}",
        persona_names=found.persona_names,
        # Pictures relative to the page's own file (the HTML beside its Markdown).
        picture_base=page_base(page.path, directory_urls=False) if page.path else "",
    )
    return _figure(svg)


def _figure(svg: str) -> str:
    return f'<figure class="cjm-map cjm-fence-map">{svg}</figure>'


def _where(finding: Finding, counted: bool) -> str:
    """The finding as the plugin prints it (every part shown safely); without a line
    when the host does not say which line of a page the block is on."""
    if counted or not finding.line:
        return finding_text(finding)
    return finding_text(Finding(finding.path, 0, finding.field, finding.message))


def _error_box(findings: tuple[Finding, ...], counted: bool) -> str:
    items = "".join(
        f"<li>{escape(f'line {f.line}: ' if counted and f.line else '')}"
        f"{escape(f'{f.field}: ' if f.field else '')}{escape(f.message)}</li>"
        for f in findings
        if f.level == "error"
    )
    return (
        '<div class="admonition failure cjm-fence-error" role="alert">'
        '<p class="admonition-title">This journey map could not be drawn</p>'
        f"<ul>{items}</ul></div>"
    )


class JourneyFences(Preprocessor):
    """Replaces ``journey`` fences (and Mermaid journeys, if asked) with their drawings."""

    def __init__(self, md: Markdown, languages: tuple[str, ...], docs_dir: str) -> None:
        super().__init__(md)
        self.languages = languages
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        done = 0
        for block in fence_blocks(lines, self.languages):
            if block.language == "mermaid" and not mermaid.is_journey(block.source):
                continue  # another Mermaid diagram: not ours
            out.extend(lines[done : block.start])
            html = render(block.source, self.md, block.start + 2, self.docs_dir)
            placeholder = self.md.htmlStash.store(html)
            # Same number of lines, so later blocks keep their line numbers.
            out.extend(["", placeholder, ""] + [""] * max(block.end - block.start - 2, 0))
            done = block.end + 1
        out.extend(lines[done:])
        return out


class PageBlocks(Preprocessor):
    """Where no MkDocs plugin runs (Zensical): journey and persona pages get their blocks."""

    def run(self, lines: list[str]) -> list[str]:
        page = page_of(self.md)
        if not page.zensical:
            return lines
        handbook = handbook_for(page, _options(self.md))
        if handbook is None:
            return lines
        from cjm_markdown.pages import with_blocks

        return with_blocks(lines, page, handbook, self.md.htmlStash.store)


class JourneyExtension(Extension):
    """``markdown.markdown(text, extensions=["cjm_markdown"])``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "mermaid": [False, "Also draw ```mermaid fences whose diagram is a journey."],
            "docs_dir": ["", "Where persona pages are (default: the host's docs folder)."],
            "fence": ["journey", "The fence language that holds a map."],
            "spine": [[], "Zensical: the organisation's stages, as the cjm plugin's spine."],
            "channels": [{}, "Zensical: known channels, as the cjm plugin's channels."],
            "pages": [True, "Zensical: journey and persona pages get their maps and cards."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        languages: tuple[str, ...] = (str(self.getConfig("fence")).lower(),)
        if self.getConfig("mermaid"):
            languages += ("mermaid",)
        fences = JourneyFences(md, languages, str(self.getConfig("docs_dir")))
        # Before fenced_code and superfences (25), after whitespace normalising (30).
        md.preprocessors.register(fences, "cjm_journey_fences", 27)
        setattr(md, _OPTIONS, self.getConfigs())
        if self.getConfig("pages"):
            # After the fences, before raw HTML is read: markers are still the author's lines.
            md.preprocessors.register(PageBlocks(md), "cjm_page_blocks", 26)


# -- pymdownx.superfences custom fences ------------------------------------------------


def _line_of(source: str, md: Markdown) -> int | None:
    """The line of the fence's first line in the text being converted, when it can be found."""
    lines: list[str] = list(getattr(md, "lines", []) or [])
    wanted = [line.strip() for line in source.split("\n")]
    for index, line in enumerate(lines):
        if _OPENING.match(line.strip()) or line.strip().startswith(("```", "~~~")):
            body = [part.strip() for part in lines[index + 1 : index + 1 + len(wanted)]]
            if body == wanted:
                return index + 2
    return None


def fence_format(
    src: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any
) -> str:
    """A superfences formatter: the map of a ``journey`` fence."""
    return render(src, md, _line_of(src, md))


def fence_validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, Any],
    attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """A superfences validator: a journey fence takes no options."""
    return not inputs


def mermaid_format(
    src: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any
) -> str:
    """A superfences formatter for ``mermaid`` fences: journeys drawn here, the rest as before."""
    if mermaid.is_journey(src):
        return fence_format(src, language, class_name, options, md, **kwargs)
    from pymdownx.superfences import fence_code_format  # Material's formatter for Mermaid

    return str(fence_code_format(src, language, class_name, options, md, **kwargs))
