"""The pipeline's one front door: a handbook's files and settings in; findings, maps,
views and the catalogue out.

Every host (the MkDocs plugin, ``cjm validate``) builds a :class:`Handbook` the
same way and asks it what to report, draw and publish; none keeps a copy of
these steps. What only the host knows (which files exist, which lead out of
the docs folder, what the theme holds, how a file is read) comes in as
functions (:class:`Host`, :class:`Source`), so this module never imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import posixpath
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import yaml

from cjm_site.cache import BuildCache, cache_key, load_model
from cjm_site.catalogue import catalogue_parts, write_catalogue_json
from cjm_site.checking import CheckedPage, check_page
from cjm_site.escaping import html_values
from cjm_site.fences import Fence, may_hold_fences, named_fences, read_fences
from cjm_site.linking import (
    THEME_FILES,
    Site,
    check_images,
    check_theme_files,
    leads_out,
    link,
)
from cjm_site.model import Finding, Journey, Settings
from cjm_site.reading import read_page
from cjm_site.rendering import Linker, catalogue_context
from cjm_site.slugs import clashes, digest, html_id, map_file_name
from cjm_site.svg.storyboard import page_base
from cjm_site.views import ViewOptions, ViewPage, build_views
from cjm_site.vocabulary import HIDE_TOC, META_HIDE, PAGE_META, text
from cjm_site.voices import persona_emotions, persona_sparkline_key, voiced_personas

if TYPE_CHECKING:
    from cjm_site.drawing import MapStyle

CATALOGUE_JSON = "catalogue.json"
"""Where the catalogue's data goes in the site."""


# The drawing and export code is imported when something is drawn: a build whose
# maps all come from the build cache never loads it (a tenth of a second of start-up).


def draw_journey(*args: Any, **kwargs: Any) -> str:
    """``cjm_site.drawing.draw_journey``, loaded on first use."""
    from cjm_site.drawing import draw_journey as draw

    return draw(*args, **kwargs)


def draw_sparkline(*args: Any, **kwargs: Any) -> str:
    """``cjm_site.sparkline.draw_sparkline``, loaded on first use."""
    from cjm_site.sparkline import draw_sparkline as draw

    return draw(*args, **kwargs)


def inline_style() -> MapStyle:
    """On a page, the template shows the title and facts above the map."""
    from cjm_site.drawing import MapStyle

    return MapStyle(show_title=False)


PACK_LEVEL = 1
"""zlib level of the drawings kept between rebuilds (level 1: ~7x smaller, <1 ms)."""


class DateError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set but is not a Unix time we can use."""


try:  # libyaml's emitter: the pure-Python one was a quarter of a warm build
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


HOST_META = frozenset(key.name for key in PAGE_META)
"""The front-matter keys MkDocs and the theme read from a page's source."""


def key_of_settings(settings: Settings) -> Settings:
    """The settings a page's checks and a drawing depend on, for their cache keys:
    all of them but the build's date (review notices are worked out apart)."""
    return dataclasses.replace(settings, today=Settings().today)


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today for review notices: ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible.

    The one reader of the variable: the build and every command agree on the date.
    """
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if not epoch.strip():
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError) as err:
        raise DateError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time: {err}") from None


def source_time(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """Midnight (UTC) of :func:`build_date` when ``SOURCE_DATE_EPOCH`` is set, else None:
    the date stamped into exported files (a PDF's metadata), so builds are reproducible."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if not epoch.strip():
        return None
    day = build_date(environ)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def map_id_prefix(journey_id: str) -> str:
    """Ids inside a map: readable, and distinct even for ids that slugify alike."""
    return f"cjm-{html_id(journey_id) or 'map'}-{digest(journey_id, 6)}"


def _never(_path: str) -> bool:
    return False


@dataclass(frozen=True)
class Source:
    """A file of the docs folder, as the host lists it."""

    path: str
    """Docs-relative, ``/``-separated."""
    read: Callable[[], bytes]
    """The file's bytes; raises ``OSError`` when the file cannot be read."""
    page: bool = True
    """A Markdown page (read and checked); other files are only checked as paths."""
    generated: bool = False
    """Made by the host or another plugin: no file on disk that could be a link."""
    refused: Finding | None = None
    """Why the host already knows the file cannot be used (a file it cannot open,
    a folder that loops): reported (once, for files sharing it), and left out."""
    id_path: str | None = None
    """The path the page's default id comes from, when not its own: a translation
    (``pizza-night.de.md``) is the same map as the page it translates."""

    @classmethod
    def of(cls, path: str, data: bytes) -> Source:
        """A page given as its bytes."""
        return cls(path, lambda: data)


@dataclass(frozen=True)
class Host:
    """What only the host can answer, as functions of a docs path."""

    exists: Callable[[str], bool] = _never
    """Whether the site has a file at this path (a picture, an author's page)."""
    leaves_docs: Callable[[str], bool] = _never
    """Whether the path leads out of the docs folder once symbolic links are followed."""
    in_theme: Callable[[str], bool] | None = None
    """Whether the theme has this template or icon; None: the host has no theme."""
    page_template: Callable[[str], bool] | None = None
    """Whether a template the theme has can build a whole page (not a partial);
    None: every template the theme has can."""
    read: Callable[[str], bytes | None] | None = None
    """The bytes of a file of the docs folder (a storyboard picture, for the
    standalone map file); None: the host reads none."""


@dataclass(frozen=True)
class Options:
    """Where generated things go and how they are cut up (the plugin's options)."""

    catalogue: str = "catalogue.md"
    maps_dir: str = "maps"
    downloads: tuple[str, ...] = ("svg",)
    """Files offered under each map (``svg``, ``png``, ``pdf``), those that can be made."""
    views: ViewOptions = field(default_factory=ViewOptions)
    nav_limit: int = 50
    directory_urls: bool = True
    """Whether pages are published as ``page/`` (where a map's pictures are from its page)."""


@dataclass(frozen=True)
class MapJob:
    """What a map is drawn from, and the key its drawing is cached under."""

    journey: Journey
    names: tuple[str, ...]
    """Names of the map's personas, shown on it."""
    key: tuple[object, ...]
    uri: str
    """Where the map's ``.svg`` file goes in the site."""


@dataclass(frozen=True)
class Urls:
    """Where the site puts things: built pages by docs path, map files by journey id."""

    pages: Mapping[str, str] = field(default_factory=dict)
    maps: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Memo:
    """What one build can hand the next (``mkdocs serve``): each build keeps only
    the entries it used, so the memo never grows past one site."""

    pack: bool = False
    """Keep drawings (zlib-packed) for the next build: only worth it when rebuilding."""
    checked: dict[tuple[str, str, Settings, str | None], Kept] = field(default_factory=dict)
    sparklines: dict[tuple[object, ...], str] = field(default_factory=dict)
    packed: dict[tuple[object, ...], bytes] = field(default_factory=dict)
    disk: BuildCache = field(default_factory=lambda: BuildCache(None))
    """Drawings kept on disk between builds (``cache: false``: none); made anew per build."""


def _printable(path: str) -> str:
    """A file name as text that can be printed: bytes that are not UTF-8 as ``\\xNN``
    (the one place to neutralise what else a file name must not print, too)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _dropped(source: Source, host: Host) -> Finding | None:
    """Why the host must leave this file out of the site, if it must."""
    if source.refused is not None:
        return source.refused
    shown = _printable(source.path)
    if not source.generated and host.leaves_docs(source.path):
        return leads_out(shown)
    if source.page and shown != source.path:
        # MkDocs cannot make a URL of it (and stops the build): say so instead.
        message = "the file name is not UTF-8; rename the file (it is left out of the site)"
        return Finding(shown, 0, "", message)
    return None


Kept = tuple[CheckedPage, bytes]
"""A checked page as a build keeps it: its front matter as MkDocs is to see it
(``meta``, half of a map page's memory, read once per build) escaped for HTML
(:func:`html_values`: a tenth of a build when done every build) and packed apart."""


def _checked(
    source: Source,
    data: bytes,
    key: tuple[str, str, Settings, str | None],
    settings: Settings,
    memo: Memo,
) -> Kept:
    """The page read and checked, or as the build cache kept it from a build before:
    the same bytes checked with the same settings by the same code are the same page."""
    disk_key = cache_key("checked", *key) if memo.disk.enabled else ""
    if disk_key:
        kept = memo.disk.get_object(disk_key)
        if (
            isinstance(kept, tuple)
            and len(kept) == 2
            and isinstance(kept[0], CheckedPage)
            and kept[0].path == source.path
            and isinstance(kept[1], bytes)
            and _meta_ok(kept[1])
        ):
            return kept
    checked = check_page(read_page(source.path, data), settings, id_path=source.id_path)
    light = (
        # The keys MkDocs and the theme read stay (the theme's files a page names are
        # checked against the theme); the rest is packed.
        dataclasses.replace(
            checked, meta={k: checked.meta[k] for k in HOST_META & checked.meta.keys()}
        ),
        pickle.dumps(html_values(checked.meta), protocol=pickle.HIGHEST_PROTOCOL),
    )
    if disk_key:
        memo.disk.put_object(disk_key, light)
    return light


def _meta_ok(packed: bytes) -> bool:
    """Whether a page's packed ``meta`` from the cache unpacks to a mapping (a damaged
    or tampered entry is checked again rather than failing the page later)."""
    try:
        return isinstance(load_model(packed), dict)
    except Exception:
        return False


def _read(source: Source) -> bytes | Finding:
    try:
        return source.read()
    except OSError as err:
        # Reported once, and the host leaves the page out: MkDocs would stop at it.
        message = f"cannot be read: {err.strerror or err}; it is left out of the site"
        return Finding(source.path, 0, "", message)


TEMPLATES_OF_OURS = ("cjm/",)
"""Templates of the plugin: blocks inside a page, never a page's own template."""
NOT_A_PAGE_TEMPLATE = ("404.html", "sitemap.xml", "sitemap.html")
"""Templates of a theme that build something other than a page of the handbook."""


def page_template_problem(name: str, *, is_page_template: bool = True) -> str | None:
    """Why a page may not name this template of the theme, if it may not.

    MkDocs renders a page with whatever template it names: a partial stops the
    whole build (it expects variables only a page template sets), one of ours
    shows an empty block, and ``404.html`` drops the page's content.
    """
    base = posixpath.normpath(name.replace("\\", "/"))
    if base.startswith(TEMPLATES_OF_OURS) or base in NOT_A_PAGE_TEMPLATE:
        return (
            f"{name!r} is not a page template (it is used by the site for something else); "
            "name a page template such as 'main.html', or one of your custom_dir that "
            "extends it; the page is built with the theme's main template"
        )
    if base.startswith("partials/") or not is_page_template:
        return (
            f"{name!r} is a part of a page, not a page template; name a page template "
            "such as 'main.html', or one of your custom_dir that extends it; the page "
            "is built with the theme's main template"
        )
    return None


def _check_page_templates(
    pages: Iterable[CheckedPage], host: Host, known: list[Finding]
) -> list[Finding]:
    """Templates the theme has but that cannot be a page's template (see above)."""
    reported = {(f.path, f.field) for f in known}
    findings: list[Finding] = []
    for page in sorted(pages, key=lambda p: p.path):
        name = page.meta.get("template")
        if not isinstance(name, str) or (page.path, "template") in reported:
            continue
        whole = host.page_template is None or host.page_template(name)
        problem = page_template_problem(name, is_page_template=whole)
        if problem is not None:
            findings.append(Finding(page.path, 0, "template", problem))
    return findings


def _fence_text(source: str) -> str:
    lines = source.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    return "\n".join(line.expandtabs(4).rstrip() for line in lines)


class Handbook:
    """One handbook: its checked pages, the linked site, and everything made from them.

    Build it with :meth:`read`. Everything a host publishes or reports comes from
    here; drawings and catalogue parts are made when asked for, not before.
    """

    def __init__(
        self,
        settings: Settings,
        options: Options,
        pages: Mapping[str, CheckedPage],
        site: Site,
        dropped: Mapping[str, Finding],
        memo: Memo,
        exists: Callable[[str], bool],
        read: Callable[[str], bytes | None] | None = None,
        fences: Iterable[Fence] = (),
    ) -> None:
        self.settings = settings
        self._metas: Mapping[str, bytes] = {}
        """Pages' ``meta`` packed (see :data:`Kept`), by docs path; set by :meth:`read`."""
        self.content_key = ""
        """A hash of every page's path and bytes (set by :meth:`read`): what the
        handbook-wide blocks (views, the catalogue) are made from, with the settings."""
        self._read = read
        self.picture_problems: list[Finding] = []
        """Storyboard pictures left out of a standalone map file (too big, unreadable)."""
        self.options = options
        self.pages = pages
        """Checked pages by docs path (ordinary pages too: ``type`` None)."""
        self.fences: dict[str, tuple[Fence, ...]] = {}
        """The ``journey`` fences of each page, in page order."""
        for fence in fences:
            self.fences[fence.path] = (*self.fences.get(fence.path, ()), fence)
        self._fence_of = {
            f.read.journey.id: f
            for found in self.fences.values()
            for f in found
            if f.listed and f.read.journey is not None
        }
        self.dropped = tuple(dropped)
        """Docs paths the host must take out of the site (never read or copied)."""
        self._memo = memo
        self._clashes = self._map_name_clashes(site)
        self.maps, self.sparklines = self._maps_and_sparklines(site)
        self.views = build_views(site, settings, options.views)
        self.view_pages, self.catalogue_page, generated = self._generated_pages(exists)
        """View pages the site gets, by docs path; whether it gets the catalogue page."""
        self.kept_out = frozenset(self._authors_files(exists, generated))
        """Generated files (maps, exports, catalogue.json) left out: an author's file
        is at their path, and takes their place."""
        # dict.fromkeys: files left out for one reason (a folder loop) say it once.
        left_out = list(dict.fromkeys(dropped.values()))
        self.site = site.with_findings([*left_out, *self._clashes, *generated])
        self._by_path: dict[str, list[Finding]] = {}
        fence_findings = (
            f for found in self.fences.values() for x in found for f in x.read.findings
        )
        for finding in (
            *(f for p in pages.values() for f in p.findings),
            *fence_findings,
            *self.site.findings,
        ):
            self._by_path.setdefault(finding.path, []).append(finding)

    @classmethod
    def read(
        cls,
        sources: Iterable[Source],
        settings: Settings,
        options: Options | None = None,
        host: Host | None = None,
        memo: Memo | None = None,
    ) -> Handbook:
        """Read, check and link every page; check paths, pictures and theme files."""
        host = host or Host()
        memo = memo or Memo()
        key_settings = key_of_settings(settings)
        dropped: dict[str, Finding] = {}
        pages: dict[str, CheckedPage] = {}
        metas: dict[str, bytes] = {}
        checked_now: dict[tuple[str, str, Settings, str | None], Kept] = {}
        sources_read: dict[str, bytes] = {}
        for source in sources:
            gone = _dropped(source, host)
            if gone is None and source.page:
                data = _read(source)
                if isinstance(data, bytes):
                    digest_ = hashlib.sha256(data).hexdigest()
                    key = (source.path, digest_, key_settings, source.id_path)
                    kept = memo.checked.get(key)
                    if kept is None:
                        kept = _checked(source, data, key, settings, memo)
                    elif memo.disk.enabled:  # kept in memory: and on disk, for the next process
                        memo.disk.keep_object(cache_key("checked", *key), kept)
                    checked_now[key] = kept
                    pages[source.path], metas[source.path] = kept
                    if may_hold_fences(data):
                        sources_read[source.path] = data
                    continue
                gone = data
            if gone is not None:
                dropped[source.path] = gone
        memo.checked = checked_now
        fences = read_fences(sources_read, pages, settings)
        named, clashes = named_fences(fences, pages.values())
        listed = {(f.path, f.first): f for f in named}
        fences = [listed.get((f.path, f.first), f) for f in fences]

        def exists(path: str) -> bool:
            return path not in dropped and host.exists(path)

        fence_pages = [CheckedPage(f.path, "journey", journey=f.read.journey) for f in named]
        site = link([*pages.values(), *fence_pages]).with_findings(clashes)
        extra = check_images(site, exists, leaves_docs=host.leaves_docs)
        if host.in_theme is not None:
            found = check_theme_files(pages.values(), host.in_theme)
            extra += found + _check_page_templates(pages.values(), host, found)
        site = site.with_findings(extra)
        handbook = cls(
            settings, options or Options(), pages, site, dropped, memo, exists, host.read, fences
        )
        handbook._metas = metas
        handbook.content_key = cache_key(
            "content", sorted(key[:2] + key[3:] for key in checked_now), sorted(dropped)
        )
        return handbook

    # -- fences ------------------------------------------------------------------

    def fence_at(self, path: str, source: str, line: int | None = None) -> Fence | None:
        """The fence of a page with this text (at this line of its first content line,
        when several have the same text). Texts are compared as Markdown hands them
        on: tabs expanded, trailing spaces and line-end styles ignored."""
        wanted = _fence_text(source)
        found = [f for f in self.fences.get(path, ()) if _fence_text(f.source) == wanted]
        if line is not None:
            at = [f for f in found if f.first + 1 == line]
            found = at or found
        return found[0] if found else None

    def fence_errors(self, fence: Fence) -> list[Finding]:
        """The errors of a fence: its own, and those of its map in the handbook."""
        return [
            f for f in self._by_path.get(fence.path, ()) if f.level == "error" and fence.holds(f)
        ]

    def catalogue_context(self, linker: Linker, json_href: str | None) -> dict[str, Any]:
        """What the catalogue's template is rendered from, for every host (the views'
        links are the host's to add)."""
        return catalogue_context(
            self.site,
            self.settings,
            linker,
            sparklines=self.sparklines,
            soon_days=self.options.views.soon_days,
            json_href=json_href,
            broken=[j.path for j in self.site.journeys if self.journey_errors(j)],
        )

    def journey_errors(self, journey: Journey) -> list[Finding]:
        """The errors that keep a journey's map from being drawn (its page's, or its fence's)."""
        fence = self._fence_of.get(journey.id)
        return self.errors_of(journey.path) if fence is None else self.fence_errors(fence)

    def fence_names(self, fence: Fence) -> tuple[str, ...]:
        """Who a fence's map is for, as shown on it."""
        journey = fence.read.journey
        if journey is not None and fence.listed:
            return tuple(p.name for p in self.site.personas_of(journey))
        return fence.read.persona_names

    def fence_svg(self, fence: Fence) -> str:
        """A fence's map, with its title (the page around it is not the map's page)."""
        journey = fence.read.journey
        assert journey is not None
        names = self.fence_names(fence)
        key_settings = key_of_settings(self.settings)
        prefix = (
            f"{map_id_prefix(journey.id)}-fence"
            if fence.listed
            else f"cjm-fence-{digest(fence.source, 10)}"
        )
        # Pictures are found from the page the fence is on.
        base = page_base(fence.path, directory_urls=self.options.directory_urls)
        key = cache_key("fence", journey, names, key_settings, prefix, base)
        return self._memo.disk.fetch(
            key,
            lambda: draw_journey(
                journey, self.settings, id_prefix=prefix, persona_names=names, picture_base=base
            ),
        )

    # -- findings --------------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the handbook, in the order hosts report them."""
        found = [f for findings in self._by_path.values() for f in findings]
        return sorted(found, key=lambda f: (f.path, f.line, f.field, f.message))

    def findings_for(self, path: str) -> tuple[Finding, ...]:
        return tuple(self._by_path.get(path, ()))

    def errors_of(self, path: str) -> list[Finding]:
        """The page's errors: a page with any is shown as its errors, not as a map.

        A fence's errors are the fence's: it shows them in its place, and the page
        around it keeps its own map.
        """
        fences = self.fences.get(path, ())
        return [
            f
            for f in self._by_path.get(path, ())
            if f.level == "error" and not any(fence.holds(f) for fence in fences)
        ]

    # -- maps and sparklines ---------------------------------------------------

    def _maps_and_sparklines(self, site: Site) -> tuple[dict[str, MapJob], dict[str, str]]:
        """What each map is drawn from (maps only for pages without errors); sparklines."""
        key_settings = key_of_settings(self.settings)
        errors = [f for p in self.pages.values() for f in p.findings if f.level == "error"]
        errors += [f for f in site.findings if f.level == "error"]
        errors += [
            f
            for found in self.fences.values()
            for fence in found
            for f in fence.read.findings
            if f.level == "error"
        ]
        # A page's map is broken by the page's errors, a fence's by its own.
        broken: set[object] = set()
        for finding in (*errors, *self._clashes):
            owner = next((x for x in self.fences.get(finding.path, ()) if x.holds(finding)), None)
            broken.add((owner.path, owner.first) if owner is not None else finding.path)
        maps: dict[str, MapJob] = {}
        sparklines: dict[str, str] = {}
        kept: dict[tuple[object, ...], str] = {}
        for journey in site.journeys:
            names = tuple(p.name for p in site.personas_of(journey))
            # A map is a pure function of these: the same key, the same drawing.
            key: tuple[object, ...] = (journey, names, key_settings)
            if any(stage.images for stage in journey.stages):
                key += (self.options.directory_urls,)  # the pictures' links depend on it
            sparkline = self._sparkline(journey, self._memo.sparklines.get(key))
            kept[key] = sparklines[journey.id] = sparkline
            # On a map with an emotion per persona, each persona's page shows their own curve.
            for persona in site.personas_of(journey) if voiced_personas(journey) else ():
                sparklines[persona_sparkline_key(journey.id, persona.id)] = self._persona_sparkline(
                    journey, persona.id, persona.name
                )
            fence = self._fence_of.get(journey.id)
            if ((fence.path, fence.first) if fence is not None else journey.path) not in broken:
                maps[journey.id] = MapJob(journey, names, key, self.map_uri(journey))
        # Like drawings, kept in memory only for a rebuild (mkdocs serve); a build reads disk.
        self._memo.sparklines = kept if self._memo.pack else {}
        used = {job.key for job in maps.values()}
        self._memo.packed = {k: v for k, v in self._memo.packed.items() if k in used}
        return maps, sparklines

    def _map_name_clashes(self, site: Site) -> list[Finding]:
        """Journeys whose map files would be one file (``a-b``, ``a b``, ``a#b``, or
        ``A-b`` on a disk that ignores case): each is an error naming the others."""
        by_id = {journey.id: journey for journey in site.journeys}
        findings: list[Finding] = []
        for found in clashes(by_id, map_file_name):
            if len({journey_id.casefold() for journey_id in found}) == 1:
                continue  # ids that differ only in case: the linker reports them
            group = sorted(found, key=lambda journey_id: by_id[journey_id].path)
            uri = self.map_uri(by_id[group[0]])
            for journey_id in group:
                others = ", ".join(
                    f"{by_id[other].path} (id {other!r})" for other in group if other != journey_id
                )
                message = (
                    f"the map file {uri} would also be the map of {others}; "
                    "rename one of them so that the names differ in letters or digits"
                )
                findings.append(Finding(by_id[journey_id].path, 0, "", message))
        return findings

    def _sparkline(self, journey: Journey, known: str | None) -> str:
        emotions = [s.emotion for s in journey.stages]
        label = text("sparkline.label", title=journey.title)
        key = cache_key("sparkline", emotions, label, self.settings.language, self.settings.labels)
        if known is not None:
            self._memo.disk.keep(key, known)
            return known
        return self._memo.disk.fetch(key, lambda: draw_sparkline(emotions, label=label))

    def _persona_sparkline(self, journey: Journey, persona: str, name: str) -> str:
        emotions = list(persona_emotions(journey, persona))
        label = text("sparkline.persona-label", name=name, title=journey.title)
        key = cache_key("sparkline", emotions, label)
        return self._memo.disk.fetch(key, lambda: draw_sparkline(emotions, label=label))

    def map_uri(self, journey: Journey, suffix: str = ".svg") -> str:
        name = map_file_name(journey.id)
        return posixpath.join(self.options.maps_dir.strip("/"), f"{name}{suffix}")

    def map_svg(self, journey_id: str) -> str:
        """The map of a journey, drawn now (or, with a packing memo, when it last changed)."""
        job = self.maps[journey_id]
        key = cache_key("map", *job.key)
        packed = self._memo.packed.get(job.key)
        if packed is not None:
            svg = zlib.decompress(packed).decode("utf-8")
            self._memo.disk.keep(key, svg)
            return svg
        svg = self._memo.disk.fetch(
            key,
            lambda: draw_journey(
                job.journey,
                self.settings,
                id_prefix=map_id_prefix(journey_id),
                style=inline_style(),
                persona_names=job.names,
                picture_base=page_base(
                    job.journey.path, directory_urls=self.options.directory_urls
                ),
            ),
        )
        if self._memo.pack:
            self._memo.packed[job.key] = zlib.compress(svg.encode("utf-8"), PACK_LEVEL)
        return svg

    def map_download(self, journey_id: str, page_url: str | None, drawn: str | None = None) -> str:
        """The map's downloadable ``.svg`` file: standalone (concrete colours, a title
        block, the page's address), so it works in any SVG tool, not only a browser."""
        job = self.maps[journey_id]
        problems: list[str] = []

        def draw() -> str:
            from cjm_site.export.formats import MapSource, standalone

            return standalone(
                MapSource(
                    job.journey,
                    self.settings,
                    job.names,
                    page_url,
                    drawn=drawn if drawn is not None else self.map_svg(journey_id),
                    pictures=self._read,
                    problems=problems,
                )
            )

        if not any(stage.images for stage in job.journey.stages):
            return self._memo.disk.fetch(cache_key("download", *job.key, page_url), draw)
        # Pictures are files of their own that may change: drawn again every build.
        svg = draw()
        self.picture_problems += [
            Finding(job.journey.path, 0, "images", problem, "warning") for problem in problems
        ]
        return svg

    def map_export(self, journey_id: str, format_name: str, page_url: str | None) -> bytes:
        """A map's file in an export format (``png``, ``pdf``: the ``export`` extra),
        kept in the drawing cache like the maps (raises ``ExportUnavailable``)."""
        job = self.maps[journey_id]
        created = source_time()
        from cjm_site.export.formats import FORMATS, ExportOptions, MapSource

        options = ExportOptions(created=created)
        key = cache_key("export", format_name, *job.key, page_url, created)

        def make() -> bytes:
            if format_name == "png":
                from cjm_site.export.render import png_bytes

                return png_bytes(self.map_download(journey_id, page_url), options.scale)
            source = MapSource(job.journey, self.settings, job.names, page_url)
            return FORMATS[format_name].write(source, options)

        return self._memo.disk.fetch_bytes(key, make)

    # -- generated pages, navigation, catalogue ------------------------------------

    def _generated_pages(
        self, exists: Callable[[str], bool]
    ) -> tuple[dict[str, ViewPage], bool, list[Finding]]:
        """Which generated pages the site gets; an author's file at one's path wins."""
        findings: list[Finding] = []
        view_pages: dict[str, ViewPage] = {}
        for view in self.views.pages:
            if exists(view.uri):
                message = "a generated view lives here; this file takes its place"
                findings.append(Finding(view.uri, 0, "", message))
            else:
                view_pages[view.uri] = view
        catalogue_page = not exists(self.options.catalogue)
        if not catalogue_page:
            message = (
                "the catalogue page is generated; this file takes its place "
                "(set the plugin's 'catalogue' option to move the catalogue)"
            )
            findings.append(Finding(self.options.catalogue, 0, "", message))
        return view_pages, catalogue_page, findings

    def _authors_files(self, exists: Callable[[str], bool], findings: list[Finding]) -> set[str]:
        """Generated files whose path an author's file already has: the author's file
        stays (as it does for view pages), with a warning, so nothing is lost silently."""
        made = {job.uri: f"the map of {job.journey.path}" for job in self.maps.values()}
        for name in self.options.downloads:
            if name != "svg":
                made.update(
                    {
                        self.map_uri(job.journey, f".{name}"): f"the {name.upper()} of "
                        f"{job.journey.path}"
                        for job in self.maps.values()
                    }
                )
        made.update({file.uri: "an export of the views" for file in self.views.files})
        made[CATALOGUE_JSON] = "the catalogue's data"
        taken = set()
        for uri, what in sorted(made.items()):
            if exists(uri):
                message = f"cjm-site generates {what} here; this file takes its place"
                findings.append(Finding(uri, 0, "", message))
                taken.add(uri)
        return taken

    def out_of_nav(self) -> tuple[set[str], list[str]]:
        """Pages reached through the catalogue and views rather than the navigation,
        and a note for each group that left it (the navigation stays bounded)."""
        hidden = {uri for uri, view in self.view_pages.items() if not view.in_index}
        notes = []
        for kind in ("journey", "persona"):
            paths = {path for path, page in self.pages.items() if page.type == kind}
            if len(paths) > self.options.nav_limit:
                hidden |= paths
                notes.append(
                    f"{len(paths)} {kind}s are reached through the catalogue and views, "
                    f"not the navigation (more than nav_limit: {self.options.nav_limit})"
                )
        return hidden, notes

    def write_catalogue(self, urls: Urls, out: BinaryIO) -> None:
        """catalogue.json, made as it is written: the document is built and streamed."""
        # (A handbook not made by read() has no content key: nothing to key it by.)
        disk = self._memo.disk if self.content_key else BuildCache(None)
        # Made of every page, the settings (today too: review states), the options and
        # where the site puts pages and maps: the same again is copied from the cache.
        key = cache_key("catalogue.json", self.content_key, self.settings, self.options, urls)
        if disk.copy_to(key, out):
            return
        # catalogue.py still reads maps' URLs under "svg:<id>" keys: the typed map ends here.
        keys = {**urls.pages, **{f"svg:{key}": uri for key, uri in urls.maps.items()}}
        document: dict[str, Any] = catalogue_parts(
            self.site, self.settings, keys, soon_days=self.options.views.soon_days
        )
        document.update(self.views.json)  # each part made when it is written
        with disk.writing(key, out) as both:
            write_catalogue_json(document, both)

    # -- what the host hands its Markdown reader -------------------------------------

    def page_meta(self, path: str) -> dict[str, Any] | None:
        """Every key of a page's front matter as checked, with YAML's types and each
        text escaped once (MkDocs and Material print meta values as HTML, unescaped),
        for the page's ``meta``; None when the host reads the page as it is."""
        checked = self.pages.get(path)
        if checked is None:
            return None
        # A template or icon the theme lacks would stop the build.
        missing = {f.field for f in self.findings_for(path) if f.field in THEME_FILES}
        if checked.untouched and not missing:
            return None  # an ordinary page MkDocs reads as it would without the plugin
        packed = self._metas.get(path)
        # Escaped when the page was checked (see Kept); a handbook not made by read() here.
        front = load_model(packed) if packed is not None else html_values(checked.meta)
        meta: dict[str, Any] = {k: v for k, v in front.items() if k not in missing}
        if checked.type == "journey" and META_HIDE not in meta:
            # The map needs the width more than a table of contents does.
            meta[META_HIDE] = list(HIDE_TOC)
        return meta

    def page_source(self, path: str) -> str | None:
        """The page with front matter a host can parse safely, or None if not read here.

        Hosts' own front-matter parsers swallow errors and crash on deep nesting;
        the page was read within bounds, so the host gets only the keys it and the
        theme read while reading the page (:data:`HOST_META`), re-written as plain
        YAML; the rest of the front matter reaches the page through
        :meth:`page_meta` (a stage list parsed again by every page was most of a
        build's reading time and memory).
        """
        full = self.page_meta(path)
        if full is None:
            return None
        checked = self.pages[path]
        # An ordinary page keeps every key in its source, for plugins that read it there
        # (the blog's dates); a map page's stages and lanes are the format's.
        meta = {k: v for k, v in full.items() if checked.type is None or k in HOST_META}
        # Always a block of our own, even an empty one: the host then reads nothing else.
        front = yaml.dump(
            meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, default_flow_style=False
        )
        return f"---\n{front}---\n{checked.body}"


@dataclass(frozen=True)
class HostedHandbook:
    """A handbook as a host read it, for commands that report without building."""

    docs_dir: Path
    handbook: Handbook
    warnings: tuple[str, ...] = ()
    """What the host said about its configuration (it loaded nonetheless)."""
    site_url: str | None = None
    """Where the site is published, when the configuration says (for addresses on exports)."""
    directory_urls: bool = True
    """Whether pages are published as ``page/`` (MkDocs' ``use_directory_urls``)."""
