"""Which handbook a page belongs to, whoever renders it.

Python-Markdown does not know which file it converts, nor the site around it.
Three hosts, three answers:

- the **MkDocs plugin** reads the whole handbook (fences included, see
  ``cjm_site.pipeline``) and hands it over with :func:`host_handbook`: fences
  are drawn from it, and a fence that names an ``id`` is the same map the
  catalogue lists;
- **Zensical** (0.0.x) runs no MkDocs plugin, but hands each page's path and the
  site's configuration to its rendering-context preprocessor
  (``zensical/extensions/context.py``): the extension reads the docs folder
  itself, through the same pipeline, once per change of its files;
- anywhere else (``markdown.markdown(...)``, MkDocs without the plugin): no
  handbook, only the personas of ``docs_dir`` for names.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown

from cjm_site.inputs import InputError, read_author_file
from cjm_site.model import Channel, Settings, SpineStage
from cjm_site.output import finding_text, shown
from cjm_site.pipeline import Handbook, Host, Source, build_date

log = logging.getLogger("mkdocs.plugins.cjm_markdown")

_HOSTED: dict[str, Handbook] = {}
"""Handbooks the MkDocs plugin handed over, by its docs folder."""
RELIST_SECONDS = 1.0
"""How often (at most) a Zensical docs folder is listed again to see whether it changed."""


@dataclass(frozen=True)
class Page:
    """The page being converted, as far as the host tells."""

    path: str
    """Docs-relative; empty when the host does not say."""
    file: Path | None
    docs_dir: str
    url: str | None = None
    """The page's URL in the site (Zensical says; MkDocs pages link through the plugin)."""
    zensical: bool = False
    meta: dict[str, Any] | None = field(default=None, compare=False)
    """Zensical: the page's metadata, which it reads back after rendering."""


def host_handbook(docs_dir: str, handbook: Handbook | None) -> None:
    """The MkDocs plugin's handbook for pages of ``docs_dir`` (None: forget it).

    One at a time: the latest build's (a process builds one site at a time), so a
    process that builds many sites does not keep them all.
    """
    _HOSTED.clear()
    if handbook is not None:
        _HOSTED[docs_dir] = handbook


def page_of(md: Markdown) -> Page:
    """The page's path, its source file and the docs folder, when the host tells.

    MkDocs keeps the page's ``File`` and its config on its ``relpath``
    treeprocessor; Zensical hands the page and the site config to its
    rendering-context preprocessor. Elsewhere: none of them.
    """
    try:
        if "relpath" in md.treeprocessors:
            relpath = md.treeprocessors["relpath"]
            file = relpath.file
            return Page(str(file.src_uri), Path(file.abs_src_path), str(relpath.config["docs_dir"]))
        for processor in md.preprocessors:
            page, config = getattr(processor, "page", None), getattr(processor, "config", None)
            if page is not None and isinstance(config, dict) and "docs_dir" in config:
                docs = Path(str(config.get("root_dir") or ".")) / str(config["docs_dir"])
                path = str(page.path).replace("\\", "/")
                url = str(getattr(page, "url", "") or "")
                meta = getattr(page, "meta", None)
                shared = meta if isinstance(meta, dict) else None
                return Page(path, docs / path, str(docs), url, zensical=True, meta=shared)
    except (AttributeError, KeyError, TypeError):
        pass
    return Page("", None, "")


def _said(value: object) -> str:
    return shown(repr(value))


def settings_of(spine: object, channels: object) -> Settings:
    """The core's settings from the extension's options (the plugin's shape); what
    cannot be used is said in the log, naming the option, never dropped silently."""
    stages: list[SpineStage] = []
    if spine is not None and (not isinstance(spine, list)):
        log.warning(
            "cjm_markdown: spine: expected a list of {id, name} but received %s", _said(spine)
        )
        spine = []
    for index, item in enumerate(spine or []):
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"].strip():
            name = item.get("name", item["id"])
            if any(stage.id == item["id"] for stage in stages):
                log.warning(
                    "cjm_markdown: spine[%d]: the id %s comes twice", index, _said(item["id"])
                )
                continue
            stages.append(SpineStage(item["id"], str(name)))
        else:
            log.warning(
                "cjm_markdown: spine[%d]: expected {id, name} but received %s", index, _said(item)
            )
    known: list[Channel] = []
    if channels is not None and not isinstance(channels, Mapping):
        log.warning(
            "cjm_markdown: channels: expected a mapping of id to {name, online} but received %r",
            channels,
        )
        channels = {}
    for key, value in (channels or {}).items():
        if not isinstance(value, Mapping) or not isinstance(value.get("online", True), bool):
            log.warning(
                "cjm_markdown: channels.%s: expected {name, online} but received %s",
                shown(str(key)),
                _said(value),
            )
            continue
        known.append(
            Channel(str(key), str(value.get("name", key)), bool(value.get("online", True)))
        )
    try:
        today = build_date()
    except ValueError as err:
        log.warning("cjm_markdown: %s; review dates are compared with today", err)
        today = dt.date.today()
    return Settings(spine=tuple(stages), channels=tuple(known), today=today)


def _stat(path: Path) -> tuple[int, int]:
    try:
        found = path.stat()
    except OSError:
        return (-1, -1)  # gone since it was listed: read (and reported) as the pipeline finds it
    return (found.st_mtime_ns, found.st_size)


def _reader(path: Path) -> Callable[[], bytes]:
    """A page's bytes, read within the bounds every command reads authors' files in."""

    def read() -> bytes:
        try:
            return read_author_file(path)
        except InputError as err:
            raise OSError(err.reason) from None

    return read


class _Folder:
    """A Zensical docs folder read as a handbook, again when its files change."""

    def __init__(self, docs: Path, settings: Settings) -> None:
        self.docs = docs
        self.settings = settings
        self.signature: tuple[tuple[str, int, int], ...] | None = None
        self.listed_at = -RELIST_SECONDS
        self.handbook: Handbook | None = None

    def files(self) -> list[Path]:
        """The folder's files, as Zensical lists them; links to elsewhere are not followed."""
        found: list[Path] = []
        for folder, _dirs, names in os.walk(self.docs, followlinks=False):
            found.extend(Path(folder) / name for name in names)
        return sorted(p for p in found if p.is_file() and not p.is_symlink())

    def current(self) -> Handbook:
        now = time.monotonic()
        if self.handbook is not None and now - self.listed_at < RELIST_SECONDS:
            return self.handbook
        self.listed_at = now
        files = self.files()
        signature = tuple((p.relative_to(self.docs).as_posix(), *_stat(p)) for p in files)
        if self.handbook is None or signature != self.signature:
            self.signature = signature
            self.handbook = self.read(files)
        return self.handbook

    def read(self, files: list[Path]) -> Handbook:
        paths = {p.relative_to(self.docs).as_posix() for p in files}
        sources = [
            Source(p.relative_to(self.docs).as_posix(), _reader(p), page=p.suffix == ".md")
            for p in files
        ]
        handbook = Handbook.read(sources, self.settings, host=Host(exists=paths.__contains__))
        # Zensical runs no plugin: the extension says once what the build would.
        for finding in handbook.findings:
            level = logging.INFO if finding.level == "notice" else logging.WARNING
            log.log(level, "%s", finding_text(finding))
        return handbook


_FOLDERS: dict[tuple[str, Settings], _Folder] = {}
_SETTINGS: dict[str, Settings] = {}


def handbook_for(page: Page, options: Mapping[str, Any]) -> Handbook | None:
    """The handbook the page belongs to: the plugin's, or (Zensical) one read here."""
    if not page.docs_dir:
        return None
    hosted = _HOSTED.get(page.docs_dir)
    if hosted is not None or not page.zensical:
        return hosted
    written = repr((options.get("spine"), options.get("channels")))
    if written not in _SETTINGS:  # once per build, not per page: warnings are said once
        _SETTINGS[written] = settings_of(options.get("spine"), options.get("channels"))
    settings = _SETTINGS[written]
    key = (page.docs_dir, settings)
    if key not in _FOLDERS:
        _FOLDERS[key] = _Folder(Path(page.docs_dir), settings)
    return _FOLDERS[key].current()
