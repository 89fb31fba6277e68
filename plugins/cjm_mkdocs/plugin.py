"""MkDocs events -> the cjm_site pipeline. The story lives in cjm_site; this stays thin.

``site.py`` turns MkDocs' configuration and files into the core's handbook
(``cjm validate`` uses it too), ``files.py`` adds the generated files and writes
them, ``pages.py`` renders each page's block.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from cjm_mkdocs.config import CjmConfig
from cjm_mkdocs.files import (
    MapFile,
    add_generated,
    hand_on_sources,
    keep_out_of_nav,
    page_address,
)
from cjm_mkdocs.navigation import explicit_pages
from cjm_mkdocs.pages import AFTER_SEARCH, MARKERS, PRINT_MARKER, SVG_MARKER, Blocks, in_plain_theme
from cjm_mkdocs.site import (
    add_theme,
    check_outputs,
    check_source_date_epoch,
    handbook_of,
    language_of,
    options_of,
    settings_of,
    site_key,
)
from cjm_site import i18n
from cjm_site.cache import BuildCache
from cjm_site.export.printing import print_copies
from cjm_site.export.render import unavailable
from cjm_site.i18n import check_labels
from cjm_site.model import Settings
from cjm_site.output import finding_text, shown
from cjm_site.pipeline import HOST_META, Handbook, Memo, Options
from cjm_site.rendering import environment
from cjm_site.vocabulary import WORDS, label, set_current

log = get_plugin_logger("cjm")

SUPPORTED_THEMES = ("material", "mkdocs", "readthedocs")
"""Themes the maps and views are made to fit (Material is the one they are made for)."""


class CjmPlugin(BasePlugin[CjmConfig]):
    """Publishes persona and journey pages as a journey-map handbook."""

    supports_multiple_instances = True
    """A second ``cjm`` in the plugin list (an ``INHERIT``ed configuration, say) is no
    mistake worth a warning: the first instance builds the handbook, the others step
    aside (see :meth:`on_config`)."""

    def __init__(self) -> None:
        self.active = False
        """Enabled, and the first enabled instance of the site: the one that builds."""
        self.settings = Settings()
        self.options = Options()
        self.handbook: Handbook | None = None
        # Kept across rebuilds under `mkdocs serve` (see on_startup).
        self.memo = Memo()
        self.env: jinja2.Environment = environment([])
        self.files = Files([])
        self.site_key = ""
        """What every block depends on that is the site's (see ``site.site_key``)."""
        self.map_files: dict[str, MapFile] = {}
        self._written: set[str] = set()
        self._authored: dict[str, str] = {}
        """Pages' own content while the page carrying our block is being written."""
        self._later: dict[str, dict[str, object]] = {}
        """Journey blocks' contexts, for the parts put in after search (on_post_page)."""
        self._packed_meta: dict[str, tuple[list[str], bytes]] = {}
        """Map pages' meta, packed between their conversion and their rendering."""
        self._last_rendered: Page | None = None
        self._after_search: dict[str, str] = {}
        """Blocks put in after search (a view, the catalogue's table), by page."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its memo, across rebuilds."""
        self.memo.pack = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.active = False
        if not self.config.enabled:
            return None
        first = _first_instance(config)
        if first is not self:
            if first is not None and dict(first.config) != dict(self.config):
                log.warning(
                    "the plugin is listed more than once with different settings; "
                    "the first 'cjm' entry builds the handbook and the settings of the "
                    "others are not used: keep one entry"
                )
            else:
                log.debug("another 'cjm' entry builds the handbook; this one steps aside")
            return None
        self.active = True
        self.settings = settings_of(self.config, language_of(config))
        for problem in check_labels(self.config.labels):
            log.warning("%s", shown(problem))
        # What is drawn and rendered from here to the end of the build speaks the
        # site's language (on_post_build and on_build_error set English back).
        words = i18n.vocabulary(self.settings.language, dict(self.settings.labels))
        set_current(words)
        # Before any page is built: MkDocs would stop at the very end (the sitemap).
        check_source_date_epoch()
        self.options = options_of(self.config, bool(config.use_directory_urls))
        self.options = replace(self.options, downloads=self._downloads(self.options.downloads))
        if config.theme.name not in SUPPORTED_THEMES:
            log.warning(
                "the theme is %s; cjm-site is made for Material (theme: name: material) "
                "and also works with 'mkdocs' and 'readthedocs'",
                shown(repr(config.theme.name)),
            )
        elif config.theme.name != "material" and self.config.theme_warning:
            log.warning(
                "the theme is %r; cjm-site is made for Material (theme: name: material); "
                "maps work here with a plainer look: set the plugin's theme_warning: false "
                "to keep this theme without this warning",
                config.theme.name,
            )
        add_theme(config)
        compiled = BuildCache(self._cache_folder(config)).templates_folder()
        self.env = environment(config.theme.dirs, words, compiled)
        return config

    def _downloads(self, wanted: tuple[str, ...]) -> tuple[str, ...]:
        """The downloads that can be made here: a missing export extra is a warning."""
        offered = []
        for name in wanted:
            problem = unavailable(name)
            if problem is None:
                offered.append(name)
            else:
                log.warning(
                    "downloads: %s is left out of the maps' downloads: %s", name, shown(problem)
                )
        return tuple(offered)

    # Late (-110), so pages other plugins add are read and checked too, and after
    # mkdocs-static-i18n (-100) has chosen the pages of the language being built.
    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.active:
            return None
        self.memo.disk.close()  # the build before's, if it stopped half-way
        self._packed_meta = {}
        self._last_rendered = None
        self.memo.disk = BuildCache(self._cache_folder(config), background=True)
        handbook = handbook_of(files, config, self.settings, self.options, self.memo)
        prefix = language_folder(config)
        check_outputs(handbook, files, config, prefix)
        self.handbook = handbook
        for path in handbook.dropped:
            file = files.src_uris.get(path)
            if file is not None:  # a folder that cannot be read has no file
                files.remove(file)
        # Paths and values come from authors: one line each, never a workflow command.
        for finding in handbook.findings:
            if finding.level == "notice":
                log.info("%s", finding_text(finding))
            else:
                log.warning("%s", finding_text(finding))
        hand_on_sources(handbook, files)
        self.map_files = add_generated(handbook, files, config, prefix)
        self._written = set()
        if config.nav is None:  # an explicit nav is the site's own choice
            hidden, notes = handbook.out_of_nav()
            # Pages another plugin's navigation names one by one stay in it.
            hidden -= explicit_pages(files, config)
            for note in notes:
                log.info("%s", shown(note))
            keep_out_of_nav(files, hidden, config)
        return files

    def _cache_folder(self, config: MkDocsConfig) -> Path | None:
        if not self.config.cache:
            return None
        # Beside mkdocs.yml, as Material's own caches are: kept between builds, not published.
        return Path(config.config_file_path or ".").parent / self.config.cache_dir

    # Late (-100): after other plugins have read page.meta in this event.
    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.active:
            return None
        self._pack_meta(page)
        if "<!-- cjm:" not in html:
            return None
        # An author's copy of our markers must not receive a map (or a table).
        for marker in MARKERS:
            html = html.replace(marker, marker.replace("cjm:", "cjm : "))
        return html

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Name the section of the generated views in the site's language (MkDocs
        names a folder's section after the folder, ``views`` -> "Views")."""
        if not self.config.enabled or self.handbook is None or config.nav is not None:
            return None
        folder = self.handbook.options.views.folder.strip("/") + "/"
        for item in nav.items:
            if isinstance(item, Section) and item.title == folder[:-1].replace("_", " ").title():
                pages = [p for p in item.children if isinstance(p, Page)]
                if pages and all(p.file.src_uri.startswith(folder) for p in pages):
                    item.title = label("catalogue.views")
        return None

    # Early (100): other plugins and hooks (macros, dates, social cards) read page.meta
    # in this event and later ones, and see every key of the front matter.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.active and self.handbook is not None:
            meta = self.handbook.page_meta(page.file.src_uri)
            if meta is not None:
                page.meta = meta
        return None

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        self.files = files
        self.site_key = site_key(files, config)
        return None

    def _blocks(self) -> Blocks:
        assert self.handbook is not None
        return Blocks(self.handbook, self.env, self.memo.disk, self.site_key)

    def _pack_meta(self, page: Page) -> None:
        """Pack a map page's front matter away from the time its Markdown is converted
        until the page is rendered (:meth:`_unpack_meta`).

        MkDocs converts every page before it renders any, and keeps them all: a map's
        stages in ``page.meta`` are most of its memory, held for every map at once.
        Between the two, ``page.meta`` holds the keys MkDocs and the theme read (title,
        tags, hide, search, template...); before and after, every key."""
        if self.handbook is None:
            return
        checked = self.handbook.pages.get(page.file.src_uri)
        if checked is None or checked.type is None or not isinstance(page.meta, dict):
            return
        order = list(page.meta)
        away = {k: v for k, v in page.meta.items() if k not in HOST_META}
        if not away:
            return
        try:
            packed = pickle.dumps(away, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # another plugin's value that cannot be packed: keep it all
            return
        self._packed_meta[page.file.src_uri] = (order, packed)
        page.meta = {k: v for k, v in page.meta.items() if k in HOST_META}

    def _unpack_meta(self, page: Page) -> None:
        """Every key back into the page about to be rendered; the page rendered before
        it (every plugin is done with it) keeps the keys MkDocs and the theme read."""
        last, self._last_rendered = self._last_rendered, None
        if last is not None and isinstance(last.meta, dict):
            last.meta = {k: v for k, v in last.meta.items() if k in HOST_META}
        packed = self._packed_meta.pop(page.file.src_uri, None)
        if packed is None:
            return
        order, data = packed
        away = pickle.loads(data)  # bytes this process made (_pack_meta)
        now = page.meta
        meta = {k: now[k] if k in now else away[k] for k in order if k in now or k in away}
        meta.update((k, v) for k, v in now.items() if k not in meta)
        page.meta = meta
        self._last_rendered = page

    # Early (100): before other plugins (and search, at 0) read page.meta and
    # page.content, the page has every key of its front matter, and its block (so the
    # block's text is searchable).
    @event_priority(100)
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
        if not self.active or self.handbook is None:
            return None
        self._unpack_meta(page)
        if page.content is None:
            return None
        blocks = self._blocks()
        block = blocks.with_block(page.content, page, self.files)
        if block is not None:
            self._authored[page.file.src_uri] = page.content
            if blocks.later is not None:
                self._later[page.file.src_uri] = blocks.later
            if blocks.after_search is not None:
                self._after_search[page.file.src_uri] = blocks.after_search
            page.content = block if config.theme.name == "material" else in_plain_theme(block)
            if isinstance(getattr(page, "html", None), str) and "print-site" in config.plugins:
                # mkdocs-print-site-plugin kept the page's HTML before our block was in,
                # and builds its print page from that copy, never through on_post_page:
                # give it the page as readers get it, map drawn in.
                setattr(page, "html", self._with_map(page.content, page))  # noqa: B010
        return None

    def _with_map(self, html: str, page: Page) -> str:
        assert self.handbook is not None
        later = self._later.get(page.file.src_uri)
        if later is not None:
            html = self._blocks().finish(html, later)
        after = self._after_search.get(page.file.src_uri)
        if after is not None:
            html = html.replace(AFTER_SEARCH, after, 1)
        checked = self.handbook.pages.get(page.file.src_uri)
        journey = checked.journey if checked is not None else None
        if journey is None or journey.id not in self.handbook.maps or SVG_MARKER not in html:
            return html
        svg = self.handbook.map_svg(journey.id)
        html = html.replace(SVG_MARKER, svg, 1)
        return html.replace(PRINT_MARKER, print_copies(svg), 1)

    # Early (100): a plugin that minifies pages (and drops HTML comments) must see
    # the finished page, with the map, stage cards and table in place of our markers.
    @event_priority(100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each map, its stage cards and its table into its page once the page
        is indexed for search.

        The search plugin parses every page's content; the map, the stage cards and
        the table add hundreds of elements it would parse for nothing (it gets each
        stage's text once instead). So they go in here, into the finished page.
        """
        if not self.active or self.handbook is None:
            return None
        authored = self._authored.pop(page.file.src_uri, None)
        if authored is not None:
            page.content = authored
        checked = self.handbook.pages.get(page.file.src_uri)
        later = self._later.pop(page.file.src_uri, None)
        if later is not None:
            output = self._blocks().finish(output, later)
        after = self._after_search.pop(page.file.src_uri, None)
        if after is not None:
            output = output.replace(AFTER_SEARCH, after, 1)
        changed = later is not None or after is not None
        if checked is None or checked.journey is None:
            return output if changed else None
        journey_id = checked.journey.id
        if journey_id not in self.handbook.maps or SVG_MARKER not in output:
            return output if changed else None
        svg = self.handbook.map_svg(journey_id)
        file = self.map_files.get(journey_id)
        if file is not None and journey_id not in self._written:
            address = page_address(config, page.url)
            file.write_text(self.handbook.map_download(journey_id, address, drawn=svg))
            self._written.add(journey_id)
            self._log_picture_problems()
        output = output.replace(SVG_MARKER, svg, 1)
        return output.replace(PRINT_MARKER, print_copies(svg), 1)

    def _log_picture_problems(self) -> None:
        """Pictures left out of a standalone map file: a warning (the page shows them)."""
        if self.handbook is None:
            return
        for finding in self.handbook.picture_problems:
            log.warning("%s", shown(str(finding)))
        self.handbook.picture_problems.clear()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the map files whose page did not write them (a page not built)."""
        if not self.active:
            return
        try:
            self._write_unwritten_maps()
        finally:
            set_current(WORDS)

    def on_build_error(self, *, error: Exception) -> None:
        self.memo.disk.close()
        set_current(WORDS)

    def _write_unwritten_maps(self) -> None:
        for journey_id, file in self.map_files.items():
            if journey_id not in self._written:
                file.write_now()
        self._log_picture_problems()
        self._written = set(self.map_files)
        disk = self.memo.disk
        disk.close()  # every entry written: its problems are known
        for problem in disk.problems:
            log.warning("build cache: %s", shown(problem))
        if disk.enabled:
            removed = disk.prune()
            log.debug(
                "build cache: %d reused, %d drawn, %d unused removed",
                disk.hits,
                disk.drawn,
                removed,
            )


def language_folder(config: MkDocsConfig) -> str:
    """The site folder of the language being built, with mkdocs-static-i18n: it builds
    the site once per language, each but the default into a folder of its own
    (``de/``), with the pages of that language; the handbook made of them (catalogue,
    views, maps) goes there too."""
    for name, plugin in config.plugins.items():
        if name.split(" #", 1)[0] != "i18n":
            continue
        current = getattr(plugin, "current_language", None)
        default = getattr(plugin, "default_language", None)
        if isinstance(current, str) and current and current != default:
            return f"{current}/"
    return ""


def _first_instance(config: MkDocsConfig) -> CjmPlugin | None:
    """The first enabled ``cjm`` of the site's plugin list (``cjm``, ``cjm #2``...)."""
    for plugin in config.plugins.values():
        if isinstance(plugin, CjmPlugin) and plugin.config.enabled:
            return plugin
    return None
