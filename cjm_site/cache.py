"""A build cache kept on disk between builds, keyed by what each entry depends on.

A map is a pure function of its journey, its personas' names, the settings and
the code that draws it. Drawing is most of what the plugin costs, so a build
keeps each drawing under a hash of exactly those inputs (like Material's social
plugin keeps its cards) and the next build, in CI or on a laptop, draws only
what changed. The same folder keeps what else a build makes from the same
inputs again and again: each page checked (:meth:`BuildCache.get_object`, by the
page's bytes and the settings) and the HTML of each block rendered (by a
:func:`context_key` of everything the template is given).

The folder is trusted as the build's own: entries are read back as text, and the
checked pages through an unpickler that only makes the model's own classes
(:class:`_ModelUnpickler`), but a cache restored from somewhere a build does not
trust (a fork's CI run) is not to be used.

Entries are written to a temporary file and renamed, so a build that reads
while another writes sees a whole entry or none; a damaged entry is reported
and drawn again. Each build records the entries it used, and :meth:`prune`
removes the others, so the folder holds one handbook's drawings, not history.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import io
import os
import pickle
import queue
import shutil
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib import import_module, resources
from pathlib import Path
from typing import Any, BinaryIO

from cjm_site import __version__

SUFFIX = ".svgz"
"""zlib-packed drawing: a map is about 10 KB packed against 60 KB as text."""
PAGE = ".pagez"
"""A checked page (the model's values, pickled)."""
BLOCK = ".htmlz"
"""A rendered block of HTML."""
_AGAIN = {SUFFIX: "drawn again", PAGE: "checked again", BLOCK: "rendered again"}
"""What a build does instead of using a damaged entry of each kind."""
_MAGIC = b"cjm-drawing-1\n"
"""First line of every entry: the layout of an entry, changed when it changes."""
_TEMPLATES = "templates-"
"""Name of the folders of compiled templates (one per version of the code)."""
_CHUNK = 1 << 16
"""Bytes read at a time when an entry is copied out (:meth:`BuildCache.copy_to`)."""
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


class Unstable(ValueError):
    """A value whose text is not its content (an object shown by its address)."""


def stable_text(value: object) -> str:
    """``value`` spelled out so that equal content gives equal text, in any process.

    For a template's context: the model's frozen dataclasses by their ``repr``
    (every field), containers item by item (sets sorted), and functions by name.
    A function in a context is a pure function of what else the key holds (the
    settings, the page's address, the site's files), so its name is enough.
    Raises :class:`Unstable` for anything else, whose ``repr`` could hide state.
    """
    parts: list[str] = []
    _spell(value, parts)
    return "".join(parts)


_PLAIN = (str, int, float, bool, type(None), dt.date, enum.Enum)


def _spell(value: object, out: list[str]) -> None:
    if isinstance(value, _PLAIN):
        out.append(repr(value))  # Markup is a str: its repr names the class too
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        text = repr(value)
        if " at 0x" in text:
            raise Unstable(type(value).__name__)
        out.append(text)
    elif isinstance(value, Mapping):
        out.append("{")
        for key, item in value.items():
            _spell(key, out)
            out.append(":")
            _spell(item, out)
            out.append(",")
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _spell(item, out)
            out.append(",")
        out.append("]" if isinstance(value, list) else ")")
    elif isinstance(value, (set, frozenset)):
        out.append("{" + ",".join(sorted(stable_text(item) for item in value)) + "}")
    elif callable(value) and hasattr(value, "__qualname__"):
        out.append(f"<{getattr(value, '__module__', '')}.{value.__qualname__}>")
    elif getattr(value, "stable_text", None) is not None:
        out.append(str(value.stable_text()))  # type: ignore[attr-defined]
    else:
        raise Unstable(type(value).__name__)


def context_key(*parts: object) -> str | None:
    """A key like :func:`cache_key` for values that are not all the model's (a
    template's context); ``None`` when one of them cannot be spelled out stably
    (then the block is rendered, not cached)."""
    try:
        texts = [stable_text(part) for part in parts]
    except Unstable:
        return None
    return cache_key(*texts)


class _ModelUnpickler(pickle.Unpickler):
    """Makes only the model's classes (frozen dataclasses and enums of ``cjm_site``)
    and dates: an entry cannot name any other function for unpickling to call."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in ("date", "datetime", "timedelta", "timezone"):
            return getattr(dt, name)
        if module.startswith("cjm_site.") and "." not in name:
            found = getattr(import_module(module), name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a class of the model")


def load_model(data: bytes) -> Any:
    """Values of the model (or plain data: a page's front matter) pickled by this
    package, made by :class:`_ModelUnpickler`; raises on anything else."""
    return _ModelUnpickler(io.BytesIO(data)).load()


class BuildCache:
    """Entries stored as files under one folder, by key; ``None`` keeps nothing.

    An entry's kind is its file's suffix: drawings and exported files (``.svgz``),
    checked pages (``.pagez``), rendered blocks (``.htmlz``). With ``background``,
    entries are packed and written by a thread of their own (zlib and the file
    system let go of the interpreter while they work), so the build goes on while
    they are written; :meth:`close` waits for the last one.
    """

    def __init__(self, folder: Path | None, *, background: bool = False) -> None:
        self.folder = folder
        self.used: set[str] = set()
        """Keys read or written by this build: what :meth:`prune` keeps."""
        self.problems: list[str] = []
        """What went wrong with the folder or an entry (for the host to log as warnings)."""
        self.hits = 0
        self.misses = 0
        self.drawn = 0
        """Drawings made by :meth:`fetch` (a second build of the same handbook makes none)."""
        self._background = background
        self._queue: queue.Queue[tuple[Path, str, bytes] | None] | None = None
        self._writer: threading.Thread | None = None
        self._pending: dict[Path, bytes] = {}
        """Entries handed to the writer and not yet on disk (read back from here)."""

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str, suffix: str = SUFFIX) -> Path:
        assert self.folder is not None
        # Two levels, as git does: no folder holds tens of thousands of files.
        return self.folder / key[:2] / f"{key[2:]}{suffix}"

    def get(self, key: str, suffix: str = SUFFIX) -> str | None:
        """The text stored under ``key``, or ``None`` (made then by the caller)."""
        data = self.get_bytes(key, suffix)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self._damaged(self._path(key, suffix))
            return None

    def get_bytes(self, key: str, suffix: str = SUFFIX) -> bytes | None:
        """The bytes stored under ``key`` (a drawing, or an exported PNG or PDF), or ``None``."""
        if self.folder is None:
            return None
        self.used.add(key)
        path = self._path(key, suffix)
        pending = self._pending.get(path)
        if pending is not None:
            self.hits += 1
            return pending
        try:
            packed = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as err:
            self._problem(f"{path}: cannot be read ({err.strerror or err}); {_AGAIN[suffix]}")
            self.misses += 1
            return None
        content = _unpack(packed, key)
        if content is None:
            self.hits += 1
            self._damaged(path)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return content

    def _damaged(self, path: Path) -> None:
        self._problem(f"{path}: damaged cache entry; {_AGAIN[path.suffix]}")
        self.hits -= 1
        self.misses += 1

    def put(self, key: str, text: str, suffix: str = SUFFIX) -> None:
        """Store text; a folder that cannot be written is reported once, not fatal."""
        self.put_bytes(key, text.encode("utf-8"), suffix)

    def put_bytes(self, key: str, raw: bytes, suffix: str = SUFFIX) -> None:
        """Store bytes (a drawing's text, an exported file) under ``key``."""
        if self.folder is None:
            return
        self.used.add(key)
        path = self._path(key, suffix)
        if not self._background:
            self._store(path, key, raw)
            return
        if self._queue is None:
            # Bounded: a build that makes entries faster than they are written waits
            # rather than holding them all.
            self._queue = queue.Queue(maxsize=64)
            self._writer = threading.Thread(target=self._write_queued, daemon=True)
            self._writer.start()
        self._pending[path] = raw
        self._queue.put((path, key, raw))

    def _write_queued(self) -> None:
        assert self._queue is not None
        while (item := self._queue.get()) is not None:
            path, key, raw = item
            if self.folder is not None:
                self._store(path, key, raw)
            self._pending.pop(path, None)

    def close(self) -> None:
        """Wait until every entry handed to the writer is on disk."""
        if self._queue is not None and self._writer is not None:
            self._queue.put(None)
            self._writer.join()
        self._queue = None
        self._writer = None
        self._pending.clear()

    def _store(self, path: Path, key: str, raw: bytes) -> None:
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
            self.folder = None  # keep building; make everything without a cache from here on

    def keep(self, key: str, text: str) -> None:
        """Keep a drawing the build had in memory: stored if it is not, never read back."""
        if self.folder is None:
            return
        self.used.add(key)
        path = self._path(key)
        if path not in self._pending and not path.is_file():
            self.put(key, text)

    def fetch(self, key: str, draw: Callable[[], str]) -> str:
        """The drawing stored under ``key``, or ``draw()``'s, stored for the next build."""
        return self.fetch_text(key, draw, SUFFIX, drawing=True)

    def fetch_bytes(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key``, or ``make()``'s, stored for the next build."""
        data = self.get_bytes(key)
        if data is None:
            data = make()
            self.drawn += 1
            self.put_bytes(key, data)
        return data

    def fetch_text(
        self, key: str, make: Callable[[], str], suffix: str = BLOCK, *, drawing: bool = False
    ) -> str:
        """Text (a rendered block; a drawing, counted in :attr:`drawn`) stored under
        ``key``, or ``make()``'s, stored for the next build."""
        text = self.get(key, suffix)
        if text is None:
            text = make()
            if drawing:
                self.drawn += 1
            self.put(key, text, suffix)
        return text

    def copy_to(self, key: str, out: BinaryIO, suffix: str = BLOCK) -> bool:
        """Write the content stored under ``key`` into ``out`` a piece at a time (a file
        too big to hold: catalogue.json); False, with nothing written, if there is none.
        """
        if self.folder is None:
            return False
        self.used.add(key)
        path = self._path(key, suffix)
        header = _MAGIC + key.encode("ascii") + b"\n"
        start = out.tell()
        try:
            with path.open("rb") as packed:
                if packed.read(len(header)) != header:
                    raise zlib.error("not an entry for this key")
                unpack = zlib.decompressobj()
                while chunk := packed.read(_CHUNK):
                    out.write(unpack.decompress(chunk))
                out.write(unpack.flush())
                if not unpack.eof:
                    raise zlib.error("cut short")
        except FileNotFoundError:
            self.misses += 1
            return False
        except (OSError, zlib.error):
            out.seek(start)
            out.truncate()
            self.hits += 1
            self._damaged(path)
            with contextlib.suppress(OSError):
                path.unlink()
            return False
        self.hits += 1
        return True

    @contextlib.contextmanager
    def writing(self, key: str, out: BinaryIO, suffix: str = BLOCK) -> Iterator[BinaryIO]:
        """A file to write into that writes into ``out`` and, packed, into the entry
        ``key`` (whole when the block ends, none if it fails)."""
        if self.folder is None:
            yield out
            return
        self.used.add(key)
        path = self._path(key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
        except OSError as err:
            self._problem(f"{self.folder}: cannot write the cache ({err.strerror or err})")
            self.folder = None
            yield out
            return
        try:
            with os.fdopen(handle, "wb") as packed:
                packed.write(_MAGIC + key.encode("ascii") + b"\n")
                tee = _PackingTee(out, packed)
                yield tee  # type: ignore[misc]
                packed.write(tee.pack.flush())
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def get_object(self, key: str) -> Any:
        """A value of the model stored by :meth:`put_object`, or ``None``."""
        data = self.get_bytes(key, PAGE)
        if data is None:
            return None
        try:
            return load_model(data)
        except Exception:
            self._damaged(self._path(key, PAGE))
            return None

    def keep_object(self, key: str, value: object) -> None:
        """Keep a value the build had in memory (``mkdocs serve``'s memo): stored if it
        is not, so the next build in a new process finds it; never read back."""
        if self.folder is None:
            return
        self.used.add(key)
        path = self._path(key, PAGE)
        if path not in self._pending and not path.is_file():
            self.put_object(key, value)

    def put_object(self, key: str, value: object) -> None:
        """Store a value of the model (a checked page)."""
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), PAGE)

    def prune(self) -> int:
        """Remove entries this build did not use; returns how many were removed.

        Another build running at the same time may lose entries it just wrote:
        it makes them again next time, and never reads half an entry.
        """
        self.close()
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in _entries(self.folder):
            key = path.parent.name + path.name[: -len(path.suffix)]
            if key in self.used:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        current = self.templates_folder()
        for folder in sorted(self.folder.iterdir()):
            if folder.name.startswith(_TEMPLATES) and folder != current:
                # Templates compiled by code this build is not: never read again.
                shutil.rmtree(folder, ignore_errors=True)
            elif folder.is_dir():
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if empty
        return removed

    def templates_folder(self) -> Path | None:
        """Where Jinja keeps the plugin's compiled templates (see
        ``cjm_site.rendering.environment``): one folder per version of the code, as
        Jinja's own check compares only each template's source."""
        if self.folder is None:
            return None
        return self.folder / f"{_TEMPLATES}{code_fingerprint()[:16]}"

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


class _PackingTee:
    """Writes into a file and, packed, into a cache entry."""

    def __init__(self, out: BinaryIO, packed: BinaryIO) -> None:
        self.out = out
        self.packed = packed
        self.pack = zlib.compressobj(_LEVEL)

    def write(self, data: bytes) -> int:
        self.packed.write(self.pack.compress(data))
        return self.out.write(data)


def _entries(folder: Path) -> Iterable[Path]:
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and len(sub.name) == 2:
            yield from sorted(p for p in sub.iterdir() if p.suffix in _AGAIN)


def _unpack(packed: bytes, key: str) -> bytes | None:
    """The content of an entry, or ``None`` if it is not a whole entry for ``key``."""
    header = _MAGIC + key.encode("ascii") + b"\n"
    if not packed.startswith(header):
        return None
    try:
        return zlib.decompress(packed[len(header) :])
    except zlib.error:
        return None
