"""MkDocs events -> the cjm_site pipeline. The story lives in cjm_site; this stays thin.

``site.py`` turns MkDocs' configuration and files into the core's handbook
(``cjm validate`` uses it too), ``files.py`` adds the generated files and writes
them, ``pages.py`` renders each page's block.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from cjm_mkdocs.config import CjmConfig
from cjm_mkdocs.files import MapFile, add_generated, keep_out_of_nav, page_address
from cjm_mkdocs.pages import MARKERS, SVG_MARKER, Blocks, in_plain_theme
from cjm_mkdocs.site import (
    add_theme,
    check_outputs,
    check_source_date_epoch,
    handbook_of,
    options_of,
    settings_of,
)
from cjm_site.cache import DrawingCache
from cjm_site.model import Settings
from cjm_site.output import finding_text, shown
from cjm_site.pipeline import Handbook, Memo, Options
from cjm_site.rendering import environment

log = get_plugin_logger("cjm")

SUPPORTED_THEMES = ("material", "mkdocs", "readthedocs")
"""Themes the maps and views are made to fit (Material is the one they are made for)."""


class CjmPlugin(BasePlugin[CjmConfig]):
    """Publishes persona and journey pages as a journey-map handbook."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.options = Options()
        self.handbook: Handbook | None = None
        # Kept across rebuilds under `mkdocs serve` (see on_startup).
        self.memo = Memo()
        self.env: jinja2.Environment = environment([])
        self.files = Files([])
        self.map_files: dict[str, MapFile] = {}
        self._written: set[str] = set()
        self._authored: dict[str, str] = {}
        """Pages' own content while the page carrying our block is being written."""
        self._later: dict[str, dict[str, object]] = {}
        """Journey blocks' contexts, for the parts put in after search (on_post_page)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and its memo, across rebuilds."""
        self.memo.pack = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.settings = settings_of(self.config)
        # Before any page is built: MkDocs would stop at the very end (the sitemap).
        check_source_date_epoch()
        self.options = options_of(self.config)
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
        self.env = environment(config.theme.dirs)
        return config

    # Late (-50), so pages other plugins add are read and checked too.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.memo.disk = DrawingCache(self._cache_folder(config))
        handbook = handbook_of(files, config, self.settings, self.options, self.memo)
        check_outputs(handbook, files, config)
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
        self.map_files = add_generated(handbook, files, config)
        self._written = set()
        if config.nav is None:  # an explicit nav is the site's own choice
            hidden, notes = handbook.out_of_nav()
            for note in notes:
                log.info("%s", shown(note))
            keep_out_of_nav(files, hidden, config)
        return files

    def _cache_folder(self, config: MkDocsConfig) -> Path | None:
        if not self.config.cache:
            return None
        # Beside mkdocs.yml, as Material's own caches are: kept between builds, not published.
        return Path(config.config_file_path or ".").parent / self.config.cache_dir

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the page with front matter it can parse safely."""
        if not self.config.enabled or self.handbook is None:
            return None
        return self.handbook.page_source(page.file.src_uri)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or "<!-- cjm:" not in html:
            return None
        # An author's copy of our markers must not receive a map (or a table).
        for marker in MARKERS:
            html = html.replace(marker, marker.replace("cjm:", "cjm : "))
        return html

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
        if not self.config.enabled or self.handbook is None or page.content is None:
            return None
        blocks = Blocks(self.handbook, self.env)
        block = blocks.with_block(page.content, page, self.files)
        if block is not None:
            self._authored[page.file.src_uri] = page.content
            if blocks.later is not None:
                self._later[page.file.src_uri] = blocks.later
            page.content = block if config.theme.name == "material" else in_plain_theme(block)
        return None

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
        if not self.config.enabled or self.handbook is None:
            return None
        authored = self._authored.pop(page.file.src_uri, None)
        if authored is not None:
            page.content = authored
        later = self._later.pop(page.file.src_uri, None)
        if later is not None:
            output = Blocks(self.handbook, self.env).finish(output, later)
        checked = self.handbook.pages.get(page.file.src_uri)
        if checked is None or checked.journey is None:
            return output if later is not None else None
        journey_id = checked.journey.id
        if journey_id not in self.handbook.maps or SVG_MARKER not in output:
            return output if later is not None else None
        svg = self.handbook.map_svg(journey_id)
        file = self.map_files.get(journey_id)
        if file is not None and journey_id not in self._written:
            address = page_address(config, page.url)
            file.write_text(self.handbook.map_download(journey_id, address, drawn=svg))
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
        disk = self.memo.disk
        for problem in disk.problems:
            log.warning("drawing cache: %s", shown(problem))
        if disk.enabled:
            removed = disk.prune()
            log.debug(
                "drawing cache: %d reused, %d drawn, %d unused removed",
                disk.hits,
                disk.drawn,
                removed,
            )
