"""MkDocs events -> the cjm_site pipeline. The story lives in cjm_site; this stays thin."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import posixpath
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import BinaryIO

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from cjm_mkdocs.config import CjmConfig
from cjm_site.catalogue import catalogue_parts, write_catalogue_json
from cjm_site.checking import CheckedPage, check_page
from cjm_site.drawing import MapStyle, draw_journey
from cjm_site.escaping import html_text, html_values
from cjm_site.linking import (
    THEME_FILES,
    Site,
    check_images,
    check_theme_files,
    link,
    linked_out,
    outside_docs,
)
from cjm_site.model import Channel, Finding, Journey, Settings, SpineStage
from cjm_site.reading import read_page
from cjm_site.rendering import (
    LinkTo,
    catalogue_context,
    environment,
    errors_context,
    journey_context,
    persona_context,
)
from cjm_site.sparkline import draw_sparkline
from cjm_site.views import ViewOptions, ViewPage, ViewSet, build_views

log = get_plugin_logger("cjm")

MAP_MARKER = "<!-- journey-map -->"
CATALOGUE_MARKER = "<!-- cjm:catalogue -->"
VIEW_MARKER = "<!-- cjm:view -->"
SVG_MARKER = "<!-- cjm:svg -->"
"""Where the map goes: put in after search has indexed the page (see on_post_page)."""
_FIRST_HEADING_END = re.compile(r"</h[1-6]>")
INLINE = MapStyle(show_title=False)
"""On a page, the template shows the title and facts above the map."""
ASSETS = (
    "assets/cjm/cjm.css",
    "assets/cjm/map.css",
    "assets/cjm/views-a.css",
    "assets/cjm/views-b.css",
)
SCRIPTS = ("assets/cjm/catalogue.js",)


def build_date() -> dt.date:
    """Today for review notices: ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError) as err:
            raise PluginError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time: {err}") from None
    return dt.date.today()


def map_id_prefix(journey_id: str) -> str:
    """Ids inside a map: readable, and distinct even for ids that slugify alike."""
    slug = re.sub(r"[^a-z0-9]+", "-", journey_id.casefold()).strip("-")[:40] or "map"
    digest = hashlib.sha1(journey_id.encode("utf-8")).hexdigest()[:6]
    return f"cjm-{slug}-{digest}"


SVG_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
PACK_LEVEL = 1
"""zlib level of the drawings kept under ``mkdocs serve`` (level 1: ~7x smaller, <1 ms)."""


@dataclass(frozen=True)
class MapJob:
    """What a map is drawn from, and the key its drawing is cached under."""

    journey: Journey
    names: tuple[str, ...]
    """Names of the map's personas, shown on it."""
    key: tuple[object, ...]


class ProducedFile(File):
    """A generated static file whose bytes are made when MkDocs writes it.

    MkDocs keeps a generated file's content from ``on_files`` until it copies
    the static files; for a map per journey, a catalogue.json and exports that
    grow with the handbook, that is memory for nothing. This file holds a
    function that writes the bytes instead, and is copied like any other.
    """

    write: Callable[[BinaryIO], None]

    @classmethod
    def produced(
        cls, config: MkDocsConfig, uri: str, write: Callable[[BinaryIO], None]
    ) -> ProducedFile:
        file = cls.generated(config, uri, content=b"")
        assert isinstance(file, ProducedFile)
        file.write = write
        return file

    @property
    def content_bytes(self) -> bytes:
        out = io.BytesIO()
        self.write(out)
        return out.getvalue()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        # Another plugin replacing the content: from now on, these bytes.
        self.write = functools.partial(_write_bytes, value)

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8")

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.write = functools.partial(_write_bytes, value.encode("utf-8"))

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        path = self.abs_dest_path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            self.write(out)


class _PageLinker:
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


class CjmPlugin(BasePlugin[CjmConfig]):
    """Publishes persona and journey pages as a journey-map handbook."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.pages: dict[str, CheckedPage] = {}
        self.site: Site | None = None
        self.maps: dict[str, MapJob] = {}
        """The maps to draw, by journey id: only journeys whose page is not broken."""
        self.map_files: dict[str, MapFile] = {}
        self._written: set[str] = set()
        self._serving = False
        self.views = ViewSet()
        self.view_pages: dict[str, ViewPage] = {}
        # Kept across rebuilds under `mkdocs serve` (see on_startup); each build
        # keeps only the entries it used, so the caches never grow past one site.
        self._checked_cache: dict[tuple[str, str, Settings], CheckedPage] = {}
        self._packed: dict[tuple[object, ...], bytes] = {}
        """Under ``mkdocs serve`` only: drawings kept (zlib-packed) for the next rebuild."""
        self._sparklines: dict[tuple[object, ...], str] = {}
        self.sparklines: dict[str, str] = {}
        self.env: jinja2.Environment = environment([])
        self.files = Files([])
        self._authored: dict[str, str] = {}
        """Pages' own content while the page carrying our block is being written."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its caches, across rebuilds."""
        self._serving = command == "serve"

    @property
    def _settings_key(self) -> Settings:
        """What checks and drawings depend on: the settings without the date."""
        return Settings(spine=self.settings.spine, channels=self.settings.channels)

    # -- configuration -----------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        for option in ("catalogue", "maps_dir", "views_dir"):
            _inside_site(option, self.config[option])
        if config.theme.name != "material":
            log.warning(
                "the theme is %r; cjm-site is made for Material (theme: name: material)",
                config.theme.name,
            )
        self.settings = Settings(
            spine=tuple(SpineStage(s.id, s.name) for s in self.config.spine),
            channels=tuple(
                Channel(key, value.name, value.online)
                for key, value in self.config.channels.items()
            ),
            today=build_date(),
        )
        theme_dir = str(resources.files("cjm_theme"))
        if theme_dir not in config.theme.dirs:
            # Last, so a site's custom_dir and Material come first: any cjm/ template
            # can be overridden by a file of the same name in custom_dir.
            config.theme.dirs.append(theme_dir)
        for css in ASSETS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        scripts = [str(s) for s in config.extra_javascript]
        for script in SCRIPTS:
            if script not in scripts:
                config.extra_javascript.append(script)
        self.env = environment(config.theme.dirs)
        return config

    # -- reading, checking, linking, drawing ---------------------------------

    # Late (-50), so pages other plugins add are read and checked too.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.pages = {}
        # A symbolic link out of the docs folder is neither read nor copied into the site.
        linked = linked_out(config.docs_dir, [f.src_uri for f in files if f.abs_src_path])
        gone = {finding.path for finding in linked}
        for file in [f for f in files if f.src_uri in gone]:
            files.remove(file)
        checked_now: dict[tuple[str, str, Settings], CheckedPage] = {}
        for file in files.documentation_pages():
            try:
                data = file.content_bytes
            except OSError as err:
                log.warning("%s: cannot be read: %s", file.src_uri, err.strerror or err)
                continue
            key = (file.src_uri, hashlib.sha256(data).hexdigest(), self._settings_key)
            checked = self._checked_cache.get(key)
            if checked is None:
                checked = check_page(read_page(file.src_uri, data), self.settings)
            checked_now[key] = checked
            self.pages[file.src_uri] = checked
        # Keep what this build used: a rebuild under `mkdocs serve` reuses it.
        self._checked_cache = checked_now
        self.site = link(list(self.pages.values())).with_findings(linked)
        self._check_images(files, config)
        for finding in self._all_findings():
            if finding.level == "notice":
                log.info("%s", finding)
            else:
                log.warning("%s", finding)
        self._draw()
        self._add_generated(files, config)
        return files

    def _all_findings(self) -> list[Finding]:
        assert self.site is not None
        findings = [f for page in self.pages.values() for f in page.findings]
        findings.extend(self.site.findings)
        return sorted(findings, key=lambda f: (f.path, f.line, f.field, f.message))

    def _check_images(self, files: Files, config: MkDocsConfig) -> None:
        assert self.site is not None
        extra = check_images(
            self.site,
            lambda path: files.get_file_from_path(path) is not None,
            leaves_docs=lambda path: outside_docs(config.docs_dir, path),
        )
        theme = config.theme.get_env()
        extra += check_theme_files(self.pages.values(), lambda name: _in_theme(theme, name))
        if extra:
            self.site = self.site.with_findings(extra)

    def _errors_of(self, path: str) -> list[Finding]:
        assert self.site is not None
        own = self.pages[path].findings if path in self.pages else ()
        return [f for f in (*own, *self.site.findings_for(path)) if f.level == "error"]

    def _draw(self) -> None:
        """Draw the sparklines; note what each map is drawn from (drawn with its page)."""
        assert self.site is not None
        self.maps = {}
        self.sparklines = {}
        sparklines: dict[tuple[object, ...], str] = {}
        for journey in self.site.journeys:
            broken = bool(self._errors_of(journey.path))
            names = tuple(p.name for p in self.site.personas_of(journey))
            # A map is a pure function of these: the same key, the same drawing.
            key = (journey, names, self._settings_key)
            sparkline = self._sparklines.get(key) or draw_sparkline(
                [s.emotion for s in journey.stages], label=f"Emotion along {journey.title}"
            )
            sparklines[key] = self.sparklines[journey.id] = sparkline
            if not broken:
                self.maps[journey.id] = MapJob(journey, names, key)
        # Keep what this build used: a rebuild under `mkdocs serve` reuses it.
        self._sparklines = sparklines
        used = {job.key for job in self.maps.values()}
        self._packed = {k: v for k, v in self._packed.items() if k in used}

    def map_svg(self, journey_id: str) -> str:
        """The map of a journey, drawn now (or, under ``mkdocs serve``, when it last changed).

        Drawn once per build, for the page and the file alike: drawing is most of
        what the plugin costs. The page shows title and facts above the map; the
        file carries the title as its <title>.
        """
        job = self.maps[journey_id]
        packed = self._packed.get(job.key)
        if packed is not None:
            return zlib.decompress(packed).decode("utf-8")
        svg = draw_journey(
            job.journey,
            self.settings,
            id_prefix=map_id_prefix(journey_id),
            style=INLINE,
            persona_names=job.names,
        )
        if self._serving:
            self._packed[job.key] = zlib.compress(svg.encode("utf-8"), PACK_LEVEL)
        return svg

    def _write_map(self, journey_id: str, out: BinaryIO) -> None:
        _svg_file(self.map_svg(journey_id), out)

    def _svg_uri(self, journey: Journey) -> str:
        name = re.sub(r"[^\w.-]+", "-", journey.id).strip("-.") or "map"
        return posixpath.join(self.config.maps_dir.strip("/"), f"{name}.svg")

    def _add_views(self, files: Files, config: MkDocsConfig) -> None:
        assert self.site is not None
        options = ViewOptions(
            folder=self.config.views_dir.strip("/"),
            soon_days=self.config.review_soon_days,
            page_rows=max(1, self.config.page_rows),
        )
        self.views = build_views(self.site, self.settings, options)
        self.view_pages = {}
        for view in self.views.pages:
            if files.get_file_from_path(view.uri) is not None:
                log.warning("%s: a generated view lives here; this file takes its place", view.uri)
                continue
            self.view_pages[view.uri] = view
            intro = f"{view.description}\n\n" if view.description else ""
            meta: dict[str, object] = {"title": html_text(view.title), "hide": ["toc"]}
            if not view.searchable:
                # Its text is on the maps already; indexing it again would make the
                # search index (and the build) grow with every map twice over.
                meta["search"] = {"exclude": True}
            front = yaml.safe_dump(meta, allow_unicode=True)
            content = f"---\n{front}---\n# {_md_heading(view.title)}\n\n{intro}{VIEW_MARKER}\n"
            files.append(File.generated(config, view.uri, content=content))
        for extra in self.views.files:
            files.append(ProducedFile.produced(config, extra.uri, _text_writer(extra.make)))

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        assert self.site is not None
        self._add_views(files, config)
        catalogue_uri = self.config.catalogue
        if files.get_file_from_path(catalogue_uri) is None:
            files.append(
                File.generated(
                    config,
                    catalogue_uri,
                    content=f"---\nhide: [toc]\n---\n# Map catalogue\n\n{CATALOGUE_MARKER}\n",
                )
            )
        else:
            log.warning(
                "%s: the catalogue page is generated; this file takes its place "
                "(set the plugin's 'catalogue' option to move the catalogue)",
                catalogue_uri,
            )
        self.map_files = {}
        self._written = set()
        for journey in self.site.journeys:
            if journey.id in self.maps:
                write = functools.partial(self._write_map, journey.id)
                map_file = MapFile.produced(config, self._svg_uri(journey), write)
                assert isinstance(map_file, MapFile)
                self.map_files[journey.id] = map_file
                files.append(map_file)
        urls: dict[str, str] = {}
        for path in self.pages:
            file = files.get_file_from_path(path)
            if file is not None:
                urls[path] = file.url
        for journey in self.site.journeys:
            if journey.id in self.maps:
                urls[f"svg:{journey.id}"] = self._svg_uri(journey)
        files.append(
            ProducedFile.produced(
                config,
                "catalogue.json",
                functools.partial(
                    _write_catalogue,
                    self.site,
                    self.settings,
                    urls,
                    self.views,
                    self.config.review_soon_days,
                ),
            )
        )

    # -- navigation ----------------------------------------------------------

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Keep the default navigation bounded when a handbook holds many maps."""
        if not self.config.enabled or config.nav is not None:
            return None  # an explicit nav is the site's own choice
        groups = {
            "journeys": {p for p, c in self.pages.items() if c.type == "journey"},
            "personas": {p for p, c in self.pages.items() if c.type == "persona"},
        }
        # Pages a view reaches from its own index (one per owner) stay out of the
        # sidebar whatever their number: the index lists them.
        hidden = {uri for uri, view in self.view_pages.items() if not view.in_index}
        for name, paths in groups.items():
            if len(paths) > self.config.nav_limit:
                hidden |= paths
                log.info(
                    "%d %s are reached through the catalogue and views, not the navigation "
                    "(more than nav_limit: %d)",
                    len(paths),
                    name,
                    self.config.nav_limit,
                )
        if not hidden:
            return None
        nav.items = _prune(nav.items, hidden)
        for page in nav.pages:
            if page.file.src_uri in hidden:
                page.previous_page = page.next_page = None
        nav.pages = [p for p in nav.pages if p.file.src_uri not in hidden]
        ends: list[Page | None] = [None, *nav.pages, None]
        for before, page, after in zip(ends, nav.pages, ends[2:], strict=False):
            page.previous_page, page.next_page = before, after
        return nav

    # -- pages ---------------------------------------------------------------

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the page with front matter it can parse safely.

        MkDocs' own front-matter parser swallows errors and crashes on deep
        nesting; we have already read the page within bounds, so MkDocs gets
        only the keys it and the theme use, re-written as plain YAML.
        """
        if not self.config.enabled:
            return None
        checked = self.pages.get(page.file.src_uri)
        if checked is None:
            return None
        # MkDocs and Material print meta values as HTML, unescaped: every text is
        # escaped here, once. A template or icon the theme lacks would stop the build.
        found = self.site.findings_for(checked.path) if self.site else ()
        missing = {f.field for f in found if f.field in THEME_FILES}
        meta = html_values({k: v for k, v in checked.meta.items() if k not in missing})
        if checked.type == "journey" and "hide" not in meta:
            # The map needs the width more than a table of contents does.
            meta["hide"] = ["toc"]
        # Always a block of our own, even an empty one: MkDocs then reads nothing else.
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
        return f"---\n{front}---\n{checked.body}"

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or SVG_MARKER not in html:
            return None
        # An author's copy of our marker must not receive a map.
        return html.replace(SVG_MARKER, "<!-- cjm : svg -->")

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        self.files = files
        return None

    # Before search (priority 0) indexes page.content: the text of the block is searchable.
    @event_priority(50)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Add the page's block (map, facts, table; a view; the catalogue).

        Rendered now, one page at a time, rather than in ``on_page_content``:
        MkDocs keeps every page's content from the first page read to the last
        page written, and these blocks, for thousands of maps, would all be held
        at once. After the page is written, ``on_post_page`` gives the page back
        the content the author wrote.
        """
        if not self.config.enabled or self.site is None or page.content is None:
            return None
        block = self._with_block(page.content, page, self.files)
        if block is not None:
            self._authored[page.file.src_uri] = page.content
            page.content = block
        return None

    def _with_block(self, html: str, page: Page, files: Files) -> str | None:
        assert self.site is not None
        path = page.file.src_uri
        if path == self.config.catalogue and CATALOGUE_MARKER in html:
            return html.replace(CATALOGUE_MARKER, self._render_catalogue(page, files), 1)
        view = self.view_pages.get(path)
        if view is not None and VIEW_MARKER in html:
            return html.replace(VIEW_MARKER, self._render_view(view, page, files), 1)
        checked = self.pages.get(path)
        if checked is None or checked.type is None:
            return None
        linker = _PageLinker(page, files)
        errors = self._errors_of(path)
        if errors:
            block = self.env.get_template("cjm/errors.html").render(
                errors_context(errors, checked.type)
            )
            return _insert(html, block, MAP_MARKER)
        if checked.journey is not None:
            journey = self.site.journey(checked.journey.id)
            if journey is None or journey.path != path:
                return None
            svg_file = files.get_file_from_path(self._svg_uri(journey))
            context = journey_context(
                journey,
                self.site,
                self.settings,
                linker,
                svg=SVG_MARKER,
                svg_href=get_relative_url(svg_file.url, page.url) if svg_file else None,
                soon_days=self.config.review_soon_days,
            )
            context["view_links"] = [
                LinkTo(link.text, linker.href(link.uri, link.anchor))
                for link in self.views.links_for(journey)
            ]
            block = self.env.get_template("cjm/journey.html").render(context)
            return _insert(html, block, MAP_MARKER)
        if checked.persona is not None:
            persona = self.site.persona(checked.persona.id)
            if persona is None or persona.path != path:
                return None
            context = persona_context(
                persona,
                self.site,
                self.settings,
                linker,
                sparklines=self.sparklines,
                soon_days=self.config.review_soon_days,
            )
            card = self.env.get_template("cjm/persona.html").render(context)
            journeys = self.env.get_template("cjm/persona-journeys.html").render(context)
            return str(_insert(html, card, "<!-- persona-card -->") + journeys)
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each map into its page once the page is indexed for search.

        The search plugin parses every page's content; a map adds hundreds of SVG
        elements it would parse for nothing (the table under the map holds the
        same text). So the map goes in here, into the finished page.
        """
        if not self.config.enabled or self.site is None:
            return None
        authored = self._authored.pop(page.file.src_uri, None)
        if authored is not None:
            page.content = authored
        checked = self.pages.get(page.file.src_uri)
        if checked is None or checked.journey is None:
            return None
        journey_id = checked.journey.id
        if journey_id not in self.maps or SVG_MARKER not in output:
            return None
        svg = self.map_svg(journey_id)
        file = self.map_files.get(journey_id)
        if file is not None and journey_id not in self._written:
            file.write_svg(svg)
            self._written.add(journey_id)
        return output.replace(SVG_MARKER, svg, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the map files whose page did not write them (a page not built)."""
        if not self.config.enabled:
            return
        for journey_id, file in self.map_files.items():
            if journey_id not in self._written:
                file.write_now()
        self._written = set(self.map_files)

    def _render_view(self, view: ViewPage, page: Page, files: Files) -> str:
        linker = _PageLinker(page, files)
        context = {
            **view.context,
            "href": linker.href,
            "settings": self.settings,
            "today": self.settings.today,
            "sparklines": self.sparklines,
        }
        return str(self.env.get_template(view.template).render(context))

    def _view_links(self, linker: _PageLinker) -> list[LinkTo]:
        return [LinkTo(v.title, linker.href(v.uri)) for v in self.view_pages.values() if v.in_index]

    def _render_catalogue(self, page: Page, files: Files) -> str:
        assert self.site is not None
        json_file = files.get_file_from_path("catalogue.json")
        broken = [j.path for j in self.site.journeys if self._errors_of(j.path)]
        context = catalogue_context(
            self.site,
            self.settings,
            _PageLinker(page, files),
            sparklines=self.sparklines,
            soon_days=self.config.review_soon_days,
            json_href=get_relative_url(json_file.url, page.url) if json_file else None,
            broken=broken,
        )
        context["views"] = self._view_links(_PageLinker(page, files))
        return str(self.env.get_template("cjm/catalogue.html").render(context))


class MapFile(ProducedFile):
    """A map's ``.svg`` file: written with its page, when the map is drawn anyway.

    MkDocs copies static files before it builds any page; drawing the maps then
    would mean keeping every drawing until its page is built (tens of megabytes at
    thousands of maps). So copying does nothing, and the plugin writes the file
    when it puts the map into its page (``write_svg``), or at the end of the build
    for a map whose page was not built.
    """

    def copy_file(self, dirty: bool = False) -> None:
        pass

    def write_svg(self, svg: str) -> None:
        path = self.abs_dest_path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            _svg_file(svg, out)

    def write_now(self) -> None:
        ProducedFile.copy_file(self)


def _svg_file(svg: str, out: BinaryIO) -> None:
    """The map as a standalone ``.svg`` file."""
    out.write(SVG_DECLARATION)
    out.write(svg.encode("utf-8"))
    out.write(b"\n")


def _write_bytes(data: bytes, out: BinaryIO) -> None:
    out.write(data)


def _text_writer(make: Callable[[], str]) -> Callable[[BinaryIO], None]:
    def write(out: BinaryIO) -> None:
        out.write(make().encode("utf-8"))

    return write


def _write_catalogue(
    site: Site,
    settings: Settings,
    urls: dict[str, str],
    views: ViewSet,
    soon_days: int,
    out: BinaryIO,
) -> None:
    """catalogue.json, made when it is written: the document is built and streamed."""
    document = catalogue_parts(site, settings, urls, soon_days=soon_days)
    document.update(views.json)  # each part made when it is written
    write_catalogue_json(document, out)


def _in_theme(env: jinja2.Environment, name: str) -> bool:
    """Whether the theme has a template (or icon) of that name."""
    try:
        env.get_template(name)
    except jinja2.TemplateError:
        return False
    return True


def _inside_site(option: str, value: str) -> None:
    """Paths from settings must stay inside the site: nothing is written outside it."""
    path = posixpath.normpath(value.replace("\\", "/"))
    if not value.strip() or path.startswith(("/", "../")) or path in ("..", ".") or ":" in path:
        raise PluginError(
            f"cjm: {option}: {value!r} must be a relative path inside the site, "
            "such as 'maps' or 'views'"
        )


def _prune(items: list[StructureItem], hidden: set[str]) -> list[StructureItem]:
    """The navigation items without the hidden pages, and without sections left empty."""
    kept: list[StructureItem] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in hidden:
            continue
        if isinstance(item, Section):
            item.children = _prune(item.children, hidden)
            if not item.children:
                continue
        kept.append(item)
    return kept


def _md_heading(text: str) -> str:
    """Text safe to put after ``# `` in Markdown (no inline markup, no HTML)."""
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def _insert(html: str, block: str, marker: str) -> str:
    """Put ``block`` at the author's marker, else under the first heading, else on top."""
    if marker in html:
        return html.replace(marker, block, 1)
    match = _FIRST_HEADING_END.search(html)
    if match is None:
        return block + html
    return html[: match.end()] + "\n" + block + html[match.end() :]
