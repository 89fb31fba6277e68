"""Journey and persona pages where no MkDocs plugin runs (Zensical).

Zensical hands the extension each page's path; the page's front matter is read
by the pipeline from the docs folder (never from Zensical's own parse of it),
so a journey page gets its facts, map and table, a persona page its card and
the journeys it appears in, and a page holding ``<!-- cjm:catalogue -->`` the
catalogue, from the very templates the MkDocs plugin renders.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from importlib import resources

import jinja2
from markupsafe import Markup

from cjm_markdown.hosts import Page
from cjm_site.export.printing import print_copies
from cjm_site.interchange.fence import fence_blocks
from cjm_site.pipeline import Handbook
from cjm_site.rendering import (
    environment,
    errors_context,
    journey_context,
    persona_context,
)
from cjm_site.vocabulary import HIDE_TOC

MAP_MARKER = "<!-- journey-map -->"
PERSONA_MARKER = "<!-- persona-card -->"
CATALOGUE_MARKER = "<!-- cjm:catalogue -->"
STYLES = ("cjm.css", "map.css")
"""The plugin's styles the blocks need; Zensical has no plugin to add them, so
a page with a block carries them."""
_ENV: list[jinja2.Environment] = []


def _env() -> jinja2.Environment:
    if not _ENV:
        _ENV.append(environment([str(resources.files("cjm_theme"))]))
    return _ENV[0]


@functools.cache
def _styles() -> str:
    folder = resources.files("cjm_theme").joinpath("assets", "cjm")
    css = "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in STYLES)
    return f"<style>{css}</style>"


class SiteLinker:
    """Links from one page of a Zensical site: to the other page's Markdown file,
    relative to this page's, as an author writes them. Zensical turns such links
    into the pages' URLs (and checks them) in every page's HTML, ours included."""

    def __init__(self, page_path: str) -> None:
        self.folder = posixpath.dirname(page_path)

    def page(self, path: str) -> str | None:
        return posixpath.relpath(path, self.folder or ".")

    def file(self, path: str) -> str | None:
        return self.page(path)

    def href(self, path: str, anchor: str = "") -> str | None:
        target = self.page(path)
        return f"{target}#{anchor}" if anchor and target else target


_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")


def _first_heading(lines: list[str]) -> int | None:
    """The line of the page's first ATX heading, outside fenced blocks."""
    fences = list(fence_blocks(lines, None))
    for index, line in enumerate(lines):
        if _HEADING.match(line) and not any(f.start <= index <= f.end for f in fences):
            return index
    return None


def _insert(lines: list[str], block: str, marker: str) -> list[str]:
    """Put the block (a stash placeholder) at the author's marker, else under the
    first heading, else on top: before Markdown reads the page, so its headings,
    their ids and the table of contents stay the page's own."""
    for index, line in enumerate(lines):
        if line.strip() == marker:
            return [*lines[:index], "", block, "", *lines[index + 1 :]]
    heading = _first_heading(lines)
    at = 0 if heading is None else heading + 1
    return [*lines[:at], "", block, "", *lines[at:]]


def _wide(page: Page) -> None:
    """A map or the catalogue needs the width more than a table of contents does
    (as the plugin does for journey pages), unless the author said otherwise."""
    if page.meta is not None and "hide" not in page.meta:
        page.meta["hide"] = list(HIDE_TOC)


def with_blocks(
    lines: list[str], page: Page, handbook: Handbook, store: Callable[[str], str]
) -> list[str]:
    """The page's lines with its blocks (map, persona card, catalogue), if it has any;
    ``store`` keeps a block's HTML and gives the placeholder Markdown leaves alone."""
    linker = SiteLinker(page.path)
    env = _env()
    if any(line.strip() == CATALOGUE_MARKER for line in lines):
        context = handbook.catalogue_context(linker, json_href=None)
        context["views"] = []
        block = env.get_template("cjm/catalogue.html").render(context)
        lines = _insert(lines, store(_styles() + block), CATALOGUE_MARKER)
        _wide(page)
    checked = handbook.pages.get(page.path)
    if checked is None or checked.type is None:
        return lines
    errors = handbook.errors_of(page.path)
    if errors:
        block = env.get_template("cjm/errors.html").render(errors_context(errors, checked.type))
        return _insert(lines, store(_styles() + block), MAP_MARKER)
    if checked.journey is not None:
        journey = handbook.site.journey(checked.journey.id)
        if journey is None or journey.path != page.path or journey.id not in handbook.maps:
            return lines
        context = journey_context(
            journey,
            handbook.site,
            handbook.settings,
            linker,
            svg=handbook.map_svg(journey.id),
            svg_href=None,
            soon_days=handbook.options.views.soon_days,
        )
        context["view_links"] = []
        # The map's printed pieces (stage groups with their labels), as the plugin prints.
        context["print_marker"] = Markup(print_copies(context["svg"]))
        block = env.get_template("cjm/journey.html").render(context)
        _wide(page)
        return _insert(lines, store(_styles() + block), MAP_MARKER)
    if checked.persona is not None:
        persona = handbook.site.persona(checked.persona.id)
        if persona is None or persona.path != page.path:
            return lines
        context = persona_context(
            persona,
            handbook.site,
            handbook.settings,
            linker,
            sparklines=handbook.sparklines,
            soon_days=handbook.options.views.soon_days,
        )
        card = env.get_template("cjm/persona.html").render(context)
        journeys = env.get_template("cjm/persona-journeys.html").render(context)
        lines = _insert(lines, store(_styles() + card), PERSONA_MARKER)
        return [*lines, "", store(journeys), ""]
    return lines
