"""A MkDocs site as the core sees it: settings, the host's checks and the handbook.

The build (``plugin.py``) and ``cjm validate`` (through :func:`read_site`) both come
here, so they load the same configuration, list the same files and read the
same handbook.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import posixpath
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import jinja2
from cjm_markdown.hosts import host_handbook
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import File, Files, get_files
from mkdocs.utils import is_markdown_file

from cjm_mkdocs.config import CjmConfig
from cjm_mkdocs.folders import LOOP, folder_problems, under
from cjm_site.cache import cache_key
from cjm_site.export.pictures import folder_reader
from cjm_site.i18n import normalise, usable_labels
from cjm_site.inputs import InputError, read_author_file
from cjm_site.linking import outside_docs
from cjm_site.links_out import ticket_url_problem
from cjm_site.model import Channel, CustomLane, Finding, Settings, SpineStage
from cjm_site.output import shown
from cjm_site.pipeline import (
    CATALOGUE_JSON,
    Handbook,
    Host,
    HostedHandbook,
    Memo,
    Options,
    Source,
    build_date,
)
from cjm_site.views import ViewOptions

OUTPUT_OPTIONS = ("catalogue", "maps_dir", "views_dir")
ASSETS = (
    "assets/cjm/cjm.css",
    "assets/cjm/map.css",
    "assets/cjm/views-a.css",
    "assets/cjm/views-b.css",
)
SCRIPTS = ("assets/cjm/catalogue.js", "assets/cjm/map.js")
FENCES = "cjm_markdown"
"""The Markdown extension that draws journey fences (added to every handbook)."""
PLAIN_SITE = b"site_name: Handbook\ntheme: {name: material}\nplugins: [cjm]\n"


class SiteError(Exception):
    """The site's configuration cannot be used; the message says why, for a person."""


def language_of(config: MkDocsConfig) -> str:
    """The site's language: Material's ``theme.language``, or the ``theme.locale`` of
    MkDocs' own themes (``en`` when neither is set)."""
    theme = config.theme
    for option in ("language", "locale"):
        value = theme.get(option) if option in theme else None
        if value:
            return normalise(value)
    return "en"


def settings_of(options: CjmConfig, language: str = "en") -> Settings:
    """The core's settings from the plugin's options, dated by ``SOURCE_DATE_EPOCH``."""
    try:
        today = build_date()
    except ValueError as err:
        raise PluginError(str(err)) from None
    ticket_url = options.ticket_url
    if ticket_url is not None:
        problem = ticket_url_problem(ticket_url)
        if problem is not None:
            raise PluginError(f"cjm: ticket_url: {problem} but received: {shown(repr(ticket_url))}")
    return Settings(
        ticket_url=ticket_url,
        spine=tuple(SpineStage(s.id, s.name) for s in options.spine),
        channels=tuple(
            Channel(key, value.name, value.online) for key, value in options.channels.items()
        ),
        lanes=tuple(CustomLane(x.id, x.name, x.after, x.type == "list") for x in options.lanes),
        today=today,
        language=language,
        labels=tuple(sorted(usable_labels(options.labels).items())),
    )


LAST_GZIP_TIME = 2**32 - 1
"""The latest time MkDocs can stamp on sitemap.xml.gz (gzip keeps 32 bits)."""


def check_source_date_epoch(environ: Mapping[str, str] | None = None) -> None:
    """MkDocs reads ``SOURCE_DATE_EPOCH`` with ``int()`` and writes it into a gzip
    header, so an empty value, a negative one, or one past 2106 stops the build at
    its very end (the sitemap) with a traceback: refuse them first, plainly."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if value is None:
        return
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits) > LAST_GZIP_TIME:
        raise PluginError(
            f"cjm: SOURCE_DATE_EPOCH={shown(repr(value))} is not a Unix time MkDocs can use: "
            f"it takes a whole number of seconds from 0 to {LAST_GZIP_TIME} (2106-02-07); "
            "set such a number, or unset the variable"
        )


def options_of(options: CjmConfig, directory_urls: bool = True) -> Options:
    for option in OUTPUT_OPTIONS:
        _inside_site(option, options[option])
    if not is_markdown_file(options.catalogue):
        raise PluginError(
            "cjm: catalogue: Expected a Markdown page path such as 'catalogue.md' "
            f"but received: {shown(repr(options.catalogue))}"
        )
    return Options(
        catalogue=_clean(options.catalogue),
        maps_dir=_clean(options.maps_dir),
        downloads=tuple(options.downloads),
        views=ViewOptions(
            folder=_clean(options.views_dir),
            soon_days=options.review_soon_days,
            page_rows=options.page_rows,
        ),
        nav_limit=options.nav_limit,
        directory_urls=directory_urls,
    )


def _clean(path: str) -> str:
    """``./maps/`` and ``maps`` are one folder: compared and joined as the same path."""
    return posixpath.normpath(path.replace("\\", "/")).strip("/")


def _inside_site(option: str, value: str) -> None:
    """Paths from settings must stay inside the site: nothing is written outside it."""
    path = posixpath.normpath(value.replace("\\", "/"))
    if not value.strip() or path.startswith(("/", "../")) or path in ("..", ".") or ":" in path:
        raise PluginError(
            f"cjm: {option}: {shown(repr(value))} must be a relative path inside the site, "
            "such as 'maps' or 'views'"
        )


def site_key(files: Files, config: MkDocsConfig) -> str:
    """What every block of a page depends on that is the site's, not the block's
    (a key part of the build cache, see ``pages.Blocks``): where every file of the
    site is published (a block links to other pages and files), the plugin's
    templates as the theme's folders give them (a site's ``custom_dir`` overrides
    any), and the plugin's own code, which makes the templates' contexts."""
    digest = hashlib.sha256()
    # A file's URL follows from where it is written (and use_directory_urls, below);
    # MkDocs cannot make a URL of a file name that is not UTF-8.
    for src_uri, dest_uri in sorted((file.src_uri, file.dest_uri) for file in files):
        digest.update(f"{src_uri}\0{dest_uri}\n".encode("utf-8", "surrogateescape"))
    for index, folder in enumerate(config.theme.dirs):
        templates = Path(folder) / "cjm"
        if templates.is_dir():
            for path in sorted(templates.rglob("*")):
                if path.is_file():
                    digest.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode())
                    digest.update(path.read_bytes())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return cache_key("site", digest.hexdigest(), config.theme.name, config.use_directory_urls)


def add_theme(config: MkDocsConfig) -> None:
    """Make the plugin's templates, CSS and script part of the site's theme."""
    theme_dir = str(resources.files("cjm_theme"))
    if theme_dir not in config.theme.dirs:
        # Last, so a site's custom_dir and Material come first: any cjm/ template
        # can be overridden by a file of the same name in custom_dir.
        config.theme.dirs.append(theme_dir)
    for css in ASSETS:
        if css not in config.extra_css:
            config.extra_css.append(css)
    if FENCES not in config.markdown_extensions:
        # A `journey` fence on any page of the handbook draws its map.
        config.markdown_extensions.append(FENCES)
    scripts = [str(s) for s in config.extra_javascript]
    for script in SCRIPTS:
        if script not in scripts:
            config.extra_javascript.append(script)


def _is_page_template(env: jinja2.Environment, name: str) -> bool:
    """Whether a template of the theme builds a whole page: the theme's own
    ``main.html`` or ``base.html``, a template that extends another (as page
    templates do, in Material and MkDocs' themes alike), or a whole HTML document
    (Material's ``redirect.html``); partials are none of these."""
    if posixpath.basename(name) in ("main.html", "base.html"):
        return True
    try:
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, name)
        tree = env.parse(source)
    except (jinja2.TemplateError, OSError, AssertionError):
        return False
    return tree.find(jinja2.nodes.Extends) is not None or "<html" in source.lower()


def _in_theme(env: jinja2.Environment, name: str) -> bool:
    """Whether the theme has a template (or icon) of that name."""
    try:
        env.get_template(name)
    except jinja2.TemplateError:
        return False
    return True


def _read(file: File) -> bytes:
    """A page's bytes: a file on disk within the commands' bounds (never a FIFO or a
    device, which would hang the build), else what another plugin generated."""
    if file.abs_src_path is None or file.generated_by is not None:
        return file.content_bytes
    try:
        return read_author_file(Path(file.abs_src_path))
    except InputError as err:
        raise OSError(err.reason) from None


def _source(file: File, folders: Mapping[str, Finding]) -> Source:
    page = file.is_documentation_page() and file.inclusion.is_included()
    generated = file.abs_src_path is None or file.generated_by is not None
    refused = None
    folder = under(file.src_uri, folders)
    if folder is not None:
        refused = folders[folder]
    elif not page and not generated:
        # A page is read (and reported if it cannot be); MkDocs copies other files
        # as they are, and a link to nothing or to itself stops it there.
        try:
            os.stat(file.abs_src_path or "")
        except OSError as err:
            message = f"cannot be read: {err.strerror or err}; it is left out of the site"
            refused = Finding(file.src_uri, 0, "", message)
    # mkdocs-static-i18n's translation (`pizza-night.de.md`): the same page as the
    # one it translates, so the same default id.
    localized = getattr(file, "localization", None) is not None
    id_path = getattr(file, "norm_src_uri", None) if localized else None
    return Source(
        file.src_uri,
        lambda: _read(file),
        page=page,
        generated=generated,
        refused=refused,
        id_path=id_path if isinstance(id_path, str) else None,
    )


def _folders(files: Files, problems: Mapping[str, Finding]) -> list[Source]:
    """Folders that cannot be read, as sources (they have no file MkDocs listed)."""
    listed = files.src_uris
    return [
        Source(path, bytes, page=False, generated=True, refused=finding)
        for path, finding in sorted(problems.items())
        if path not in listed
    ]


def handbook_of(
    files: Files, config: MkDocsConfig, settings: Settings, options: Options, memo: Memo
) -> Handbook:
    """The handbook of a site's files, with MkDocs answering the host's questions."""
    theme = config.theme.get_env()
    host = Host(
        exists=lambda path: files.get_file_from_path(path) is not None,
        leaves_docs=lambda path: outside_docs(config.docs_dir, path),
        in_theme=lambda name: _in_theme(theme, name),
        page_template=lambda name: _is_page_template(theme, name),
        read=folder_reader(Path(config.docs_dir)),
    )
    problems = folder_problems(config.docs_dir)
    loops = {path: finding for path, finding in problems.items() if finding.message == LOOP}
    sources = [*(_source(f, loops) for f in files), *_folders(files, problems)]
    handbook = Handbook.read(sources, settings, options, host, memo)
    # Journey fences on any page are drawn by cjm_markdown, from this handbook: a
    # fence that names an id is the very map the catalogue lists.
    host_handbook(config.docs_dir, handbook)
    return handbook


def _outputs(handbook: Handbook) -> Iterator[tuple[str, str]]:
    """Every file the plugin adds to the site, with the setting that put it there;
    the catalogue page last, so a clash with it names its setting."""
    if CATALOGUE_JSON not in handbook.kept_out:
        yield CATALOGUE_JSON, "catalogue"
    for uri in handbook.view_pages:
        yield uri, "views_dir"
    for file in handbook.views.files:
        if file.uri not in handbook.kept_out:
            yield file.uri, "views_dir"
    for job in handbook.maps.values():
        if job.uri not in handbook.kept_out:
            yield job.uri, "maps_dir"
    if handbook.catalogue_page:
        yield handbook.options.catalogue, "catalogue"


def check_outputs(handbook: Handbook, files: Files, config: MkDocsConfig, prefix: str = "") -> None:
    """Every generated file must have a place of its own in the built site: not the
    place of another file, not a folder that holds others, not inside a file.

    Otherwise MkDocs fails writing (``NotADirectoryError``) or one file silently
    replaces the other. Compared by where the files land (``catalogue.md`` lands
    at ``catalogue/index.html``), ignoring case (a site is often served from a
    disk that does).
    """
    taken: dict[str, str] = {}
    folders: dict[str, str] = {}

    def place(key: str, what: str) -> None:
        taken[key] = what
        for folder in _folders_of(key):
            folders.setdefault(folder, what)

    for file in files:
        place(file.dest_uri.casefold(), f"the site's file {file.src_uri}")
    # One at a time, so a clash names the setting of the later file of the two.
    for uri, option in _outputs(handbook):
        dest = prefix + File(uri, None, config.site_dir, config.use_directory_urls).dest_uri
        key = dest.casefold()
        if key in taken:
            _clash(option, uri, f"to {dest}, where {taken[key]} goes too")
        if key in folders:
            _clash(option, uri, f"to {dest}, a folder that holds {folders[key]}")
        for folder in _folders_of(key):
            if folder in taken:
                _clash(option, uri, f"inside {folder}, which is {taken[folder]}")
        place(key, f"the generated {uri}")


def _folders_of(path: str) -> Iterator[str]:
    parts = path.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        yield "/".join(parts[:end])


def _clash(option: str, uri: str, where: str) -> None:
    raise PluginError(
        f"cjm: {option}: the generated {shown(uri)} would be written {shown(where)}; "
        f"set '{option}' to a path of its own"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_messages() -> Iterator[_Collect]:
    """MkDocs' log messages while loading, kept for our own message instead of printed."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _load(config_file: Path | None, docs: Path | None) -> MkDocsConfig:
    if config_file is not None:
        return load_config(str(config_file))
    # A folder of pages with no mkdocs.yml above it: MkDocs' defaults, Material and
    # the plugin with its defaults; the site folder is never written.
    assert docs is not None
    return load_config(
        io.BytesIO(PLAIN_SITE),
        docs_dir=str(docs.resolve()),
        site_dir=str(docs.resolve().parent / f"{docs.name}.cjm-site"),
    )


@contextmanager
def _loading(config_file: Path | None, docs: Path | None) -> Iterator[list[str]]:
    """MkDocs' messages while loading; its errors become one :class:`SiteError`."""
    with _mkdocs_messages() as said:
        try:
            yield said.messages
        except (MkDocsException, OSError, jinja2.TemplateError) as err:
            where = config_file if config_file is not None else docs
            raise SiteError(_config_message(where, said.messages, err)) from None


def docs_dir_of(config_file: Path) -> Path:
    """The docs folder of a site, as MkDocs reads its configuration."""
    with _loading(config_file, None):
        return Path(_load(config_file, None).docs_dir)


def site_settings(config_file: Path) -> Settings:
    """The core's settings of a site, as the build makes them."""
    with _loading(config_file, None):
        config = _load(config_file, None)
        return settings_of(_plugin_options(config), language_of(config))


def read_site(config_file: Path | None, docs: Path | None = None) -> HostedHandbook:
    """Load ``config_file`` as ``mkdocs build`` does (or a folder ``docs`` without one),
    and read its handbook: the same files, settings and checks as the build.

    Configuration problems (``INHERIT`` of a missing file, a mistyped plugin
    option, ...) raise :class:`SiteError` with MkDocs' own words.
    """
    with _loading(config_file, docs) as said:
        config = _load(config_file, docs)
        plugin = _plugin_options(config)
        settings = settings_of(plugin, language_of(config))
        if plugin.enabled:  # as the build checks it (see the plugin's on_config)
            check_source_date_epoch()
        options = options_of(plugin, bool(config.use_directory_urls))
        add_theme(config)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
    handbook = handbook_of(files, config, settings, options, Memo())
    try:
        check_outputs(handbook, files, config)
    except PluginError as err:
        raise SiteError(_config_message(config_file or docs, [], err)) from None
    return HostedHandbook(
        Path(config.docs_dir),
        handbook,
        tuple(said),
        site_url=config.site_url or None,
        directory_urls=bool(config.use_directory_urls),
    )


def _plugin_options(config: MkDocsConfig) -> CjmConfig:
    """The cjm plugin's validated options (defaults when the site does not use it)."""
    from cjm_mkdocs.plugin import CjmPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, CjmPlugin):
            return plugin.config
    options = CjmConfig()
    options.load_dict({})
    errors, _warnings = options.validate()
    assert not errors
    return options


def _config_message(where: Path | None, said: list[str], err: BaseException) -> str:
    """MkDocs' own words (its log lines name the option; its exception often only
    says that it gave up), each line naming the file."""
    lines = [f"{where}: {line}" for line in said]
    text = str(err).strip() or type(err).__name__
    if not lines or "Aborted" not in text:
        lines.append(f"{where}: {text}")
    return "\n".join(lines)
