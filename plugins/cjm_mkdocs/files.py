"""The files the plugin adds to a MkDocs site, and how their bytes get written."""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable
from typing import BinaryIO
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions

from cjm_mkdocs.pages import catalogue_source, view_source
from cjm_site.pipeline import CATALOGUE_JSON, Handbook, Urls


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

    def write_text(self, text: str) -> None:
        path = self.abs_dest_path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(text.encode("utf-8"))

    def write_now(self) -> None:
        ProducedFile.copy_file(self)


def _write_bytes(data: bytes, out: BinaryIO) -> None:
    out.write(data)


def _text_writer(make: Callable[[], str]) -> Callable[[BinaryIO], None]:
    def write(out: BinaryIO) -> None:
        out.write(make().encode("utf-8"))

    return write


def _write_map(handbook: Handbook, journey_id: str, page_url: str | None, out: BinaryIO) -> None:
    out.write(handbook.map_download(journey_id, page_url).encode("utf-8"))


def _write_export(
    handbook: Handbook, journey_id: str, format_name: str, page_url: str | None, out: BinaryIO
) -> None:
    out.write(handbook.map_export(journey_id, format_name, page_url))


def page_address(config: MkDocsConfig, url: str) -> str | None:
    """A page's address on the published site, when ``site_url`` says where that is."""
    return urljoin(config.site_url, url) if config.site_url else None


def in_folder(file: File, prefix: str) -> File:
    """The file, written under ``prefix`` (a language's folder, ``de/``) in the site;
    its docs path stays the one the handbook links by."""
    if prefix:
        file.dest_uri = prefix + file.dest_uri
        for cached in ("url", "abs_dest_path"):  # derived from dest_uri, if asked already
            vars(file).pop(cached, None)
    return file


def add_generated(
    handbook: Handbook, files: Files, config: MkDocsConfig, prefix: str = ""
) -> dict[str, MapFile]:
    """Add the views, the catalogue page, the maps and catalogue.json; the map files
    by journey id (each written with its page). With ``prefix``, every file goes into
    that folder of the site (a language's own catalogue, views and maps)."""

    def add(file: File) -> None:
        files.append(in_folder(file, prefix))

    for view in handbook.view_pages.values():
        add(File.generated(config, view.uri, content=view_source(view)))
    for extra in handbook.views.files:
        if extra.uri in handbook.kept_out:
            continue
        add(ProducedFile.produced(config, extra.uri, _text_writer(extra.make)))
    if handbook.catalogue_page:
        add(File.generated(config, handbook.options.catalogue, content=catalogue_source()))
    map_files: dict[str, MapFile] = {}
    for journey_id, job in handbook.maps.items():
        if job.uri in handbook.kept_out:
            continue
        page = files.get_file_from_path(job.journey.path)
        address = page_address(config, page.url) if page is not None else None
        write = functools.partial(_write_map, handbook, journey_id, address)
        map_file = MapFile.produced(config, job.uri, write)
        assert isinstance(map_file, MapFile)
        map_files[journey_id] = map_file
        add(map_file)
        for name in handbook.options.downloads:
            if name == "svg":
                continue
            uri = handbook.map_uri(job.journey, f".{name}")
            if uri in handbook.kept_out:
                continue
            write_export = functools.partial(_write_export, handbook, journey_id, name, address)
            add(ProducedFile.produced(config, uri, write_export))
    pages = {}
    for path in handbook.pages:
        file = files.get_file_from_path(path)
        if file is not None:
            pages[path] = file.url
    maps = {key: f"{prefix}{job.uri}" for key, job in handbook.maps.items()}
    urls = Urls(pages=pages, maps=maps)
    write_json = functools.partial(handbook.write_catalogue, urls)
    if CATALOGUE_JSON not in handbook.kept_out:
        add(ProducedFile.produced(config, CATALOGUE_JSON, write_json))
    return map_files


def keep_out_of_nav(files: Files, paths: set[str], config: MkDocsConfig) -> None:
    """Leave these pages out of the default navigation; they are still built.

    MkDocs builds its navigation from the pages whose inclusion level is in the
    nav; a file still undecided gets the site's own rules first (``exclude_docs``,
    ``draft_docs``), so only a page that would be in the nav is moved out of it.
    """
    for path in sorted(paths):
        file = files.get_file_from_path(path)
        if file is None:
            continue
        if file.inclusion == InclusionLevel.UNDEFINED:
            set_exclusions([file], config)
        if file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def hand_on_sources(handbook: Handbook, files: Files) -> None:
    """Give MkDocs each page as the handbook read it: front matter re-written as plain,
    escaped YAML (every key of a map page, with YAML's types), the body as written.

    MkDocs' own front-matter reader has no bounds and prints nothing it cannot read,
    so a page that needs it gets its checked source as the file's content (MkDocs
    1.6's way, replacing the deprecated ``on_page_read_source``); the file keeps its
    ``abs_src_path``, which other plugins (revision dates, i18n) use to find it.
    """
    for path in handbook.pages:
        source = handbook.page_source(path)
        if source is None:
            continue
        file = files.get_file_from_path(path)
        if file is None:
            continue
        where = file.abs_src_path
        file.content_string = source  # MkDocs unsets abs_src_path here...
        file.abs_src_path = where  # ...which still names the author's file.
