"""A drawing cache kept on disk between builds, keyed by what a drawing depends on.

A map is a pure function of its journey, its personas' names, the settings and
the code that draws it. Drawing is most of what the plugin costs, so a build
keeps each drawing under a hash of exactly those inputs (like Material's social
plugin keeps its cards) and the next build, in CI or on a laptop, draws only
what changed.

Entries are written to a temporary file and renamed, so a build that reads
while another writes sees a whole entry or none; a damaged entry is reported
and drawn again. Each build records the entries it used, and :meth:`prune`
removes the others, so the folder holds one handbook's drawings, not history.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from cjm_site import __version__

SUFFIX = ".svgz"
"""zlib-packed drawing: a map is about 10 KB packed against 60 KB as text."""
_MAGIC = b"cjm-drawing-1\n"
"""First line of every entry: the layout of an entry, changed when it changes."""
_LEVEL = 1
"""zlib level: level 1 packs a map ~6x in well under a millisecond."""


@cache
def code_fingerprint() -> str:
    """A hash of the package version and of the modules that draw.

    The version alone would keep stale drawings during development, where the
    drawing code changes and the version does not.
    """
    digest = hashlib.sha256(__version__.encode("utf-8"))
    package = resources.files("cjm_site")
    names: list[str] = []
    for entry in package.iterdir():
        if entry.name.endswith(".py"):
            names.append(entry.name)
        elif entry.is_dir() and not entry.name.startswith(("_", ".")):
            children = (child.name for child in entry.iterdir())
            names.extend(f"{entry.name}/{child}" for child in children if child.endswith(".py"))
    # The words drawn on maps come from the translations too: a changed catalogue
    # draws the maps of its language again.
    locale = package.joinpath("locale")
    if locale.is_dir():
        for language in locale.iterdir():
            catalogue = language.joinpath("LC_MESSAGES", "cjm.po")
            if catalogue.is_file():
                names.append(f"locale/{language.name}/LC_MESSAGES/cjm.po")
    for name in sorted(names):
        digest.update(name.encode("utf-8"))
        digest.update(package.joinpath(*name.split("/")).read_bytes())
    return digest.hexdigest()


def cache_key(*parts: object) -> str:
    """A stable key for a drawing's inputs: frozen values whose ``repr`` is their content.

    The model is frozen dataclasses, tuples, strings, numbers and dates, whose
    ``repr`` spells out every field; two inputs have the same key exactly when
    they hold the same values (and were drawn by the same code).
    """
    digest = hashlib.sha256(code_fingerprint().encode("ascii"))
    for part in parts:
        digest.update(b"\x00")
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class DrawingCache:
    """Drawings stored as files under one folder, by key; ``None`` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        """Keys read or written by this build: what :meth:`prune` keeps."""
        self.problems: list[str] = []
        """What went wrong with the folder or an entry (for the host to log as warnings)."""
        self.hits = 0
        self.misses = 0
        self.drawn = 0
        """Drawings made by :meth:`fetch` (a second build of the same handbook makes none)."""

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        # Two levels, as git does: no folder holds tens of thousands of files.
        return self.folder / key[:2] / f"{key[2:]}{SUFFIX}"

    def get(self, key: str) -> str | None:
        """The drawing stored under ``key``, or ``None`` (drawn then by the caller)."""
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self._problem(f"{self._path(key)}: damaged cache entry; drawn again")
            self.hits -= 1
            self.misses += 1
            return None

    def get_bytes(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` (a drawing, or an exported PNG or PDF), or ``None``."""
        if self.folder is None:
            return None
        self.used.add(key)
        path = self._path(key)
        try:
            packed = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as err:
            self._problem(f"{path}: cannot be read ({err.strerror or err}); drawn again")
            self.misses += 1
            return None
        content = _unpack(packed, key)
        if content is None:
            self._problem(f"{path}: damaged cache entry; drawn again")
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        return content

    def put(self, key: str, text: str) -> None:
        """Store a drawing; a folder that cannot be written is reported once, not fatal."""
        self.put_bytes(key, text.encode("utf-8"))

    def put_bytes(self, key: str, raw: bytes) -> None:
        """Store bytes (a drawing's text, an exported file) under ``key``."""
        if self.folder is None:
            return
        self.used.add(key)
        path = self._path(key)
        data = _MAGIC + key.encode("ascii") + b"\n" + zlib.compress(raw, _LEVEL)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                # Atomic on one file system: a reader sees the old entry, or this one.
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as err:
            self._problem(f"{self.folder}: cannot write the cache ({err.strerror or err})")
            self.folder = None  # keep building; draw without a cache from here on

    def keep(self, key: str, text: str) -> None:
        """Keep a drawing the build had in memory: stored if it is not, never read back."""
        if self.folder is None:
            return
        self.used.add(key)
        if not self._path(key).is_file():
            self.put(key, text)

    def fetch(self, key: str, draw: Callable[[], str]) -> str:
        """The drawing stored under ``key``, or ``draw()``'s, stored for the next build."""
        text = self.get(key)
        if text is None:
            text = draw()
            self.drawn += 1
            self.put(key, text)
        return text

    def fetch_bytes(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``, or ``make()``'s, stored for the next build."""
        data = self.get_bytes(key)
        if data is None:
            data = make()
            self.drawn += 1
            self.put_bytes(key, data)
        return data

    def prune(self) -> int:
        """Remove entries this build did not use; returns how many were removed.

        Another build running at the same time may lose entries it just wrote:
        it draws them again next time, and never reads half an entry.
        """
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in _entries(self.folder):
            key = path.parent.name + path.name[: -len(SUFFIX)]
            if key in self.used:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        for folder in sorted(self.folder.iterdir()):
            if folder.is_dir():
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if empty
        return removed

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


def _entries(folder: Path) -> Iterable[Path]:
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and len(sub.name) == 2:
            yield from sorted(p for p in sub.iterdir() if p.name.endswith(SUFFIX))


def _unpack(packed: bytes, key: str) -> bytes | None:
    """The content of an entry, or ``None`` if it is not a whole entry for ``key``."""
    header = _MAGIC + key.encode("ascii") + b"\n"
    if not packed.startswith(header):
        return None
    try:
        return zlib.decompress(packed[len(header) :])
    except zlib.error:
        return None
