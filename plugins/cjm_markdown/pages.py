"""Journey and persona pages where no MkDocs plugin runs (Zensical).

Zensical hands the extension each page's path; the page's front matter is read
by the pipeline from the docs folder (never from Zensical's own parse of it),
so a journey page gets its facts, map and table, a persona page its card and
the journeys it appears in, and a page holding ``<!-- cjm:catalogue -->`` the
catalogue, from the very templates the MkDocs plugin renders.
"""

from __future__ import annotations

import posixpath
import re
from importlib import resources

import jinja2

from cjm_markdown.hosts import Page
from cjm_site.pipeline import Handbook
from cjm_site.rendering import (
    catalogue_context,
    environment,
    errors_context,
    journey_context,
    persona_context,
)

MAP_MARKER = "<!-- journey-map -->"
CATALOGUE_MARKER = "<!-- cjm:catalogue -->"
STYLES = ("cjm.css", "map.css")
"""The plugin's styles the blocks need; Zensical has no plugin to add them, so
a page with a block carries them."""
_FIRST_HEADING_END = re.compile(r"</h[1-6]>")
_ENV: list[jinja2.Environment] = []


def _env() -> jinja2.Environment:
    if not _ENV:
        _ENV.append(environment([str(resources.files("cjm_theme"))]))
    return _ENV[0]


def _styles() -> str:
    folder = resources.files("cjm_theme").joinpath("assets", "cjm")
    css = "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in STYLES)
    return f"<style>{css}</style>"


class SiteLinker:
    """Links between pages of a Zensical site, relative to one page."""

    def __init__(self, page_url: str, directory_urls: bool = True) -> None:
        self.page_url = page_url.lstrip("/")
        self.directory_urls = directory_urls

    def url(self, path: str) -> str:
        """Where the site puts the page (``.md``) or file at a docs path."""
        if not path.endswith(".md"):
            return path
        stem = path[: -len(".md")]
        name = posixpath.basename(stem)
        if name in ("index", "README"):
            folder = posixpath.dirname(stem)
            if not self.directory_urls:
                return posixpath.join(folder, "index.html")
            return f"{folder}/" if folder else ""
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def _relative(self, target: str) -> str:
        base = self.page_url if self.page_url.endswith("/") else posixpath.dirname(self.page_url)
        base = base.strip("/")
        relative = posixpath.relpath(f"/{target}", f"/{base}" if base else "/")
        if target.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return "./" if relative in (".", "./") else relative

    def page(self, path: str) -> str | None:
        return self._relative(self.url(path))

    def file(self, path: str) -> str | None:
        return self._relative(path)

    def href(self, path: str, anchor: str = "") -> str | None:
        target = self.page(path)
        return f"{target}#{anchor}" if anchor and target else target


def _insert(html: str, block: str, marker: str) -> str:
    if marker in html:
        return html.replace(marker, block, 1)
    match = _FIRST_HEADING_END.search(html)
    if match is None:
        return block + html
    return html[: match.end()] + "\n" + block + html[match.end() :]


def with_block(html: str, page: Page, handbook: Handbook, directory_urls: bool = True) -> str:
    """The page's HTML with its block (map, persona card, catalogue), if it has one."""
    linker = SiteLinker(page.url or "", directory_urls)
    env = _env()
    if CATALOGUE_MARKER in html:
        broken = [j.path for j in handbook.site.journeys if handbook.journey_errors(j)]
        context = catalogue_context(
            handbook.site,
            handbook.settings,
            linker,
            sparklines=handbook.sparklines,
            soon_days=handbook.options.views.soon_days,
            json_href=None,
            broken=broken,
        )
        context["views"] = []
        block = env.get_template("cjm/catalogue.html").render(context)
        html = html.replace(CATALOGUE_MARKER, _styles() + block, 1)
    checked = handbook.pages.get(page.path)
    if checked is None or checked.type is None:
        return html
    errors = handbook.errors_of(page.path)
    if errors:
        block = env.get_template("cjm/errors.html").render(errors_context(errors, checked.type))
        return _insert(html, _styles() + block, MAP_MARKER)
    if checked.journey is not None:
        journey = handbook.site.journey(checked.journey.id)
        if journey is None or journey.path != page.path or journey.id not in handbook.maps:
            return html
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
        block = env.get_template("cjm/journey.html").render(context)
        return _insert(html, _styles() + block, MAP_MARKER)
    if checked.persona is not None:
        persona = handbook.site.persona(checked.persona.id)
        if persona is None or persona.path != page.path:
            return html
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
        return _insert(html, _styles() + card, "<!-- persona-card -->") + journeys
    return html
