"""What goes into a built page: the block of a map, persona, view or the catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import jinja2
import yaml
from markupsafe import Markup
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cjm_site.cache import BuildCache, cache_key, context_key
from cjm_site.checking import CheckedPage
from cjm_site.escaping import html_text, markdown_text
from cjm_site.model import Journey
from cjm_site.pipeline import Handbook
from cjm_site.rendering import (
    LinkTo,
    errors_context,
    journey_context,
    persona_context,
    stage_search_text,
)
from cjm_site.views import ViewPage
from cjm_site.vocabulary import (
    HIDE_TOC,
    META_HIDE,
    META_SEARCH,
    META_TITLE,
    SEARCH_EXCLUDED,
    label,
    text,
)

MAP_MARKER = "<!-- journey-map -->"
CATALOGUE_MARKER = "<!-- cjm:catalogue -->"
VIEW_MARKER = "<!-- cjm:view -->"
SVG_MARKER = "<!-- cjm:svg -->"
"""Where the map goes: put in after search has indexed the page (see on_post_page)."""
STACK_START = "<!-- cjm:stack -->"
STACK_END = "<!-- cjm:stack-end -->"
"""Around each stage's text, for search; in the finished page the stage cards, the
map's figure and the table replace it (the same text in hundreds of elements)."""
PRINT_MARKER = "<!-- cjm:print -->"
"""Where the map's printed pieces go, with the map (see cjm_site.export.printing)."""
AFTER_SEARCH = "<!-- cjm:after-search -->"
"""Where a block that repeats the maps' text goes once search has indexed the page:
a view, the catalogue's table, a persona's list of journeys (see on_post_page)."""
MARKERS = (SVG_MARKER, STACK_START, STACK_END, PRINT_MARKER, AFTER_SEARCH)
"""What an author's page must not contain (on_page_content defuses an author's copy)."""
_FIRST_HEADING_END = re.compile(r"</h[1-6]>")


def catalogue_source() -> str:
    """The Markdown of the generated catalogue page, titled in the site's language."""
    return (
        f"---\nhide: [toc]\n---\n# {markdown_text(text('catalogue.title'))}\n\n{CATALOGUE_MARKER}\n"
    )


class Download(NamedTuple):
    """A file of the map offered under it: its format, link and the link's words."""

    format: str
    href: str
    text: str


PLAIN_THEME_START = '<div class="md-typeset cjm-plain-theme">'
"""Around a page's content with another theme than Material: the styles of our
blocks hang off Material's content class (``md-typeset``), and ``cjm.css``
gives ``cjm-plain-theme`` the colours Material would (see ``theme_warning``)."""


def in_plain_theme(html: str) -> str:
    return f"{PLAIN_THEME_START}\n{html}\n</div>"


def view_source(view: ViewPage) -> str:
    """The Markdown of a generated view page: title, intro, and where its block goes."""
    intro = f"{view.description}\n\n" if view.description else ""
    meta: dict[str, object] = {META_TITLE: html_text(view.title), META_HIDE: list(HIDE_TOC)}
    if not view.searchable:
        # Its text is on the maps already; indexing it again would make the
        # search index (and the build) grow with every map twice over.
        meta[META_SEARCH] = dict(SEARCH_EXCLUDED)
    front = yaml.safe_dump(meta, allow_unicode=True)
    return f"---\n{front}---\n# {markdown_text(view.title)}\n\n{intro}{VIEW_MARKER}\n"


class PageLinker:
    """Links relative to one page, through MkDocs' own file list."""

    def __init__(self, page: Page, files: Files) -> None:
        self.page_url = page.url
        self.files = files

    def page(self, path: str) -> str | None:
        file = self.files.get_file_from_path(path)
        return get_relative_url(file.url, self.page_url) if file else None

    def file(self, path: str) -> str | None:
        return self.page(path)

    def href(self, path: str, anchor: str = "") -> str | None:
        """For templates: a docs path (and #anchor) as a link from this page."""
        target = self.page(path)
        if target is None:
            return None
        return f"{target}#{anchor}" if anchor else target


class Blocks:
    """Renders each page's block with the site's templates (overridable in custom_dir).

    With a build cache, a block is rendered once for what it is made from: the
    same context (or, for the views and the catalogue, the same handbook and
    settings) on the same page of the same site gives the same HTML, which the
    next build reads back instead of rendering. ``site_key`` stands for what is
    the site's rather than the block's: every file's address (the links), the
    templates and the code that makes the contexts (see ``site.site_key``).
    """

    def __init__(
        self,
        handbook: Handbook,
        env: jinja2.Environment,
        cache: BuildCache | None = None,
        site_key: str = "",
    ) -> None:
        self.handbook = handbook
        self.env = env
        self.cache = cache if cache is not None and cache.enabled and site_key else None
        self.site_key = site_key
        self.later: dict[str, object] | None = None
        """The journey block's context, kept for :meth:`finish` (its heavy parts)."""
        self.after_search: str | None = None
        """The block that goes in at ``AFTER_SEARCH`` in the finished page."""

    def with_block(self, html: str, page: Page, files: Files) -> str | None:
        """The page's HTML with its block in, or None when the page has none."""
        handbook = self.handbook
        path = page.file.src_uri
        # The catalogue and the views list what the maps say, which search finds
        # on the maps: parsing it again would cost search (and the build) the
        # maps' text once more; they go into the finished page.
        if path == handbook.options.catalogue and CATALOGUE_MARKER in html:
            self.after_search = self.catalogue(page, files)
            return html.replace(CATALOGUE_MARKER, AFTER_SEARCH, 1)
        view = handbook.view_pages.get(path)
        if view is not None and VIEW_MARKER in html:
            self.after_search = self.view(view, page, files)
            return html.replace(VIEW_MARKER, AFTER_SEARCH, 1)
        checked = handbook.pages.get(path)
        if checked is None or checked.type is None:
            return None
        errors = handbook.errors_of(path)
        if errors:
            context = errors_context(errors, checked.type)
            return _insert(html, self._render("cjm/errors.html", context), MAP_MARKER)
        if checked.journey is not None:
            return self.journey(html, checked, page, files)
        if checked.persona is not None:
            return self.persona(html, checked, page, files)
        return None

    def _render(self, template: str, context: dict[str, object]) -> str:
        return str(self.env.get_template(template).render(context))

    def _rendered(self, template: str, context: dict[str, object], page: str) -> str:
        """``_render``, through the build cache under a key of the whole context
        (rendered every time if the context cannot be keyed)."""
        if self.cache is None:
            return self._render(template, context)
        key = context_key("block", template, self.site_key, page, context)
        return self._through_cache(key, lambda: self._render(template, context))

    def _rendered_whole(
        self, template: str, context: Callable[[], dict[str, object]], page: str
    ) -> str:
        """``_render`` of a handbook-wide block, through the build cache under the
        handbook's key: its context is made only when it is not in the cache."""
        if self.cache is None or not self.handbook.content_key:
            return self._render(template, context())
        key = cache_key("whole", template, self.site_key, page, self._handbook_key())
        return self._through_cache(key, lambda: self._render(template, context()))

    def _through_cache(self, key: str | None, render: Callable[[], str]) -> str:
        if key is None or self.cache is None:
            return render()
        return self.cache.fetch_text(key, render)

    def _handbook_key(self) -> str:
        """What a handbook-wide block is made from: every page, the settings (the
        build's date too: review notices) and the options."""
        handbook = self.handbook
        return cache_key(handbook.content_key, handbook.settings, handbook.options)

    def journey(self, html: str, checked: CheckedPage, page: Page, files: Files) -> str | None:
        handbook = self.handbook
        assert checked.journey is not None
        journey = handbook.site.journey(checked.journey.id)
        if journey is None or journey.path != checked.path:
            return None  # a duplicate id: the first page holds the map
        linker = PageLinker(page, files)
        svg_file = files.get_file_from_path(handbook.map_uri(journey))
        context = journey_context(
            journey,
            handbook.site,
            handbook.settings,
            linker,
            svg=SVG_MARKER,
            svg_href=get_relative_url(svg_file.url, page.url) if svg_file else None,
            soon_days=handbook.options.views.soon_days,
        )
        context["print_marker"] = Markup(PRINT_MARKER)
        context["downloads"] = self._downloads(journey, page, files)
        context["downloads_title"] = label("download.title")
        context["view_links"] = [
            LinkTo(link.text, linker.href(link.uri, link.anchor))
            for link in handbook.views.links_for(journey)
        ]
        # Search parses page.content: the stage cards, the map's figure and the
        # table (the same text in hundreds of elements) go in after it (see finish).
        context["search_text"] = stage_search_text(journey, handbook.settings)
        # One key for both parts (the context is most of the work of a key).
        context["cache_key"] = (
            context_key("journey", self.site_key, page.url, context) if self.cache else None
        )
        context["part"] = "page"
        self.later = context
        block = self._journey_part(context)
        return _insert(html, block, MAP_MARKER)

    def _journey_part(self, context: dict[str, object]) -> str:
        key = context["cache_key"]
        part = context["part"]
        if not isinstance(key, str):
            return self._render("cjm/journey.html", context)
        return self._through_cache(
            cache_key("journey-part", key, part),
            lambda: self._render("cjm/journey.html", context),
        )

    def finish(self, output: str, context: dict[str, object]) -> str:
        """The finished page with the stage cards, figure and table of its journey in."""
        start = output.find(STACK_START)
        end = output.find(STACK_END, start)
        if start < 0 or end < 0:
            return output  # a site's own journey.html without the markers
        later = self._journey_part({**context, "part": "later"})
        return output[:start] + later + output[end + len(STACK_END) :]

    def _downloads(self, journey: Journey, page: Page, files: Files) -> list[Download]:
        """The map's files offered under it, each with a link that names it."""
        found = []
        for name in self.handbook.options.downloads:
            file = files.get_file_from_path(self.handbook.map_uri(journey, f".{name}"))
            if file is not None:
                href = get_relative_url(file.url, page.url)
                found.append(Download(name, href, label(f"download.{name}")))
        return found

    def persona(self, html: str, checked: CheckedPage, page: Page, files: Files) -> str | None:
        handbook = self.handbook
        assert checked.persona is not None
        persona = handbook.site.persona(checked.persona.id)
        if persona is None or persona.path != checked.path:
            return None
        context = persona_context(
            persona,
            handbook.site,
            handbook.settings,
            PageLinker(page, files),
            sparklines=handbook.sparklines,
            soon_days=handbook.options.views.soon_days,
        )
        card = self._rendered("cjm/persona.html", context, page.url)
        # The list of journeys (titles and curves) goes in after search, as a view does.
        self.after_search = self._rendered("cjm/persona-journeys.html", context, page.url)
        return _insert(html, card, "<!-- persona-card -->") + AFTER_SEARCH

    def view(self, view: ViewPage, page: Page, files: Files) -> str:
        settings = self.handbook.settings

        def context() -> dict[str, object]:
            return {
                **view.context,
                "href": PageLinker(page, files).href,
                "settings": settings,
                "today": settings.today,
                "sparklines": self.handbook.sparklines,
            }

        return self._rendered_whole(view.template, context, page.url)

    def catalogue(self, page: Page, files: Files) -> str:
        handbook = self.handbook
        linker = PageLinker(page, files)

        def context() -> dict[str, object]:
            json_file = files.get_file_from_path("catalogue.json")
            json_href = get_relative_url(json_file.url, page.url) if json_file else None
            made = handbook.catalogue_context(linker, json_href=json_href)
            made["views"] = [
                LinkTo(v.title, linker.href(v.uri))
                for v in handbook.view_pages.values()
                if v.in_index
            ]
            return made

        return self._rendered_whole("cjm/catalogue.html", context, page.url)


def _insert(html: str, block: str, marker: str) -> str:
    """Put ``block`` at the author's marker, else under the first heading, else on top."""
    if marker in html:
        return html.replace(marker, block, 1)
    match = _FIRST_HEADING_END.search(html)
    if match is None:
        return block + html
    return html[: match.end()] + "\n" + block + html[match.end() :]
