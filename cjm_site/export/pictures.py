"""A map's storyboard pictures inside its standalone file, so it shows offline.

The drawing names each picture by its docs path (``data-cjm-picture``) and
links it relative to the page. A standalone file has no page: each picture is
read, checked to be a picture of a known type within :data:`MAX_PICTURE_BYTES`,
and written in as a ``data:`` URI. A picture that cannot be read, is of an
unknown type or is too big leaves its frame empty, and the reason is returned
for the caller to report (the build's log, ``cjm export``).
"""

from __future__ import annotations

import base64
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

MAX_PICTURE_BYTES = 1_000_000
"""Largest picture written into a standalone map (each; the file grows by a third more)."""

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""The picture types a storyboard takes, by file suffix."""

Reader = Callable[[str], bytes | None]
"""Reads a file of the docs folder by its docs path (None when there is none)."""


def media_type(path: str) -> str | None:
    return MEDIA_TYPES.get(posixpath.splitext(path)[1].casefold())


def embed_pictures(
    root: ET.Element, read: Reader | None, limit: int = MAX_PICTURE_BYTES
) -> list[str]:
    """Unwrap the pictures' links and write each picture in as a ``data:`` URI.

    Returns what could not be included, one sentence each.
    """
    problems: list[str] = []
    _unwrap_links(root)
    for parent in list(root.iter()):
        for element in list(parent):
            if element.tag != "image":
                continue
            path = element.attrib.pop("data-cjm-picture", "")
            for name in [n for n in element.attrib if "href" in n.lower()]:
                del element.attrib[name]
            uri, problem = _data_uri(path, read, limit)
            if uri is None:
                parent.remove(element)
                problems.append(problem)
            else:
                element.set("href", uri)
    return problems


def _data_uri(path: str, read: Reader | None, limit: int) -> tuple[str | None, str]:
    kind = media_type(path)
    if not path or kind is None:
        return None, f"picture {path!r} is not a PNG, JPEG, GIF, WebP or SVG file; left out"
    data = read(path) if read is not None else None
    if data is None:
        return None, f"picture {path!r} could not be read; left out of the standalone map"
    if len(data) > limit:
        return None, (
            f"picture {path!r} is {len(data) / 1000:,.0f} kB, more than the "
            f"{limit / 1000:,.0f} kB a standalone map takes; left out (make it smaller "
            "to have it in the exported file)"
        )
    encoded = base64.b64encode(data).decode("ascii")
    return f"data:{kind};base64,{encoded}", ""


def _unwrap_links(root: ET.Element) -> None:
    """Put each ``<a>``'s children in its place: a relative link means nothing offline."""
    for parent in list(root.iter()):
        index = 0
        while index < len(parent):
            child = parent[index]
            if child.tag == "a":
                parent.remove(child)
                for offset, grandchild in enumerate(list(child)):
                    parent.insert(index + offset, grandchild)
                continue
            index += 1


def folder_reader(docs_dir: Path, limit: int = MAX_PICTURE_BYTES) -> Reader:
    """A reader of the docs folder's files that never leaves it (symbolic links followed
    out of it read as nothing), reading at most one byte more than ``limit``."""
    base = docs_dir.resolve()

    def read(path: str) -> bytes | None:
        target = (base / path).resolve()
        if not target.is_relative_to(base) or not target.is_file():
            return None
        try:
            with target.open("rb") as handle:
                return handle.read(limit + 1)
        except OSError:
            return None

    return read
