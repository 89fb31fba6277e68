"""The one slug function: text to a name for files, URLs and HTML ids.

Every slug of the package comes from :func:`slugify`; the variants callers need
(keep Unicode letters for file names, ASCII for HTML ids, keep case for map
files) are its parameters, so a rule changed here changes everywhere.

A slug is a lossy projection: ``a-b``, ``a b`` and ``a#b`` all give ``a-b``.
Where a slug names a file or a URL, the caller must check that distinct inputs
did not meet (:func:`clashes`), or make them distinct (:func:`with_digest`).

python-slugify (9.2) was measured for this role and not taken: it transliterates
Japanese with Chinese readings and drops the dakuten (``日本語のジャーニー`` ->
``ri-ben-yu-nosiyani``), with ``allow_unicode`` splits Devanagari at its vowel
signs (``हिन्दी`` -> ``ह-न-द``), costs 94 µs per accented title where this takes
15 µs, 16 ms to import, and brings text-unidecode along.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

SEPARATOR = "-"
_WORD_CATEGORIES = frozenset("LNM")
"""Letters, numbers and marks: marks too, so Devanagari or Thai words stay whole."""


def slugify(
    text: str,
    *,
    ascii_only: bool = False,
    lower: bool = True,
    keep: str = "",
    max_length: int | None = None,
    from_end: bool = False,
    fallback: str = "",
) -> str:
    """``text`` as a slug: runs of anything but letters, digits and ``keep`` become one ``-``.

    - ``ascii_only``: accents dropped (``café`` -> ``cafe``), other scripts and
      emoji dropped; for HTML ids and URLs that must stay ASCII. Otherwise
      letters of every script are kept, in NFC (``ジ`` keeps its dakuten).
    - ``lower``: case folded (``Straße`` -> ``strasse``, the same both ways).
    - ``keep``: characters kept as they are (``._-`` for map file names, so
      ``a--b`` and ``a-b`` stay apart).
    - ``max_length``: cut to at most this many characters (the last ones with
      ``from_end``), never leaving a ``-`` at either end.
    - ``fallback``: returned when nothing is left (``""``, ``🍕``, ``---``).

    A slug never starts or ends with ``-`` or ``.`` (no hidden files, no ``..``).
    """
    if lower:
        text = text.casefold()
    if ascii_only:
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    else:
        text = unicodedata.normalize("NFC", text)
    if text.isascii():
        # The common case (ids, most names), in one regular expression.
        slug = _ascii_pattern(keep).sub(SEPARATOR, text)
    else:
        slug = _slug_of_any_script(text, keep, ascii_only)
    slug = slug.strip(SEPARATOR + ".")
    if max_length is not None and len(slug) > max_length:
        slug = slug[-max_length:] if from_end else slug[:max_length]
        slug = slug.strip(SEPARATOR + ".")
    return slug or fallback


@functools.lru_cache(maxsize=16)
def _ascii_pattern(keep: str) -> re.Pattern[str]:
    return re.compile(f"[^A-Za-z0-9{re.escape(keep)}]+")


def _slug_of_any_script(text: str, keep: str, ascii_only: bool) -> str:
    out: list[str] = []
    pending = False
    for char in text:
        if char in keep or _is_word(char, ascii_only):
            if pending and out:
                out.append(SEPARATOR)
            pending = False
            out.append(char)
        else:
            pending = True
    return "".join(out)


def _is_word(char: str, ascii_only: bool) -> bool:
    if ascii_only:
        return char.isascii() and char.isalnum()
    return unicodedata.category(char)[0] in _WORD_CATEGORIES


def digest(text: str, length: int = 8) -> str:
    """A short stable hash of ``text`` (hex), to tell apart inputs whose slugs meet."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def with_digest(slug: str, text: str, length: int = 6) -> str:
    """``slug-<hash of text>``: unique for distinct ``text`` and still readable."""
    return f"{slug}{SEPARATOR}{digest(text, length)}" if slug else digest(text, length)


def map_file_name(journey_id: str) -> str:
    """The file name (without ``.svg``) of a journey's drawing, from its id.

    Case and ``._-`` are kept, so distinct valid ids give distinct names except
    for ids that differ only in characters an id may hold but a file name
    should not (spaces, ``#``, ``?``): see :func:`clashes`.
    """
    return slugify(journey_id, lower=False, keep="._-", fallback="map")


def html_id(text: str, max_length: int = 40) -> str:
    """An ASCII fragment for HTML ids and anchors (may be empty: add a prefix)."""
    return slugify(text, ascii_only=True, max_length=max_length)


def clashes(texts: Iterable[str], slug: Callable[[str], str]) -> list[tuple[str, ...]]:
    """Groups of distinct ``texts`` whose slugs are equal, compared case-insensitively
    (two files on macOS or Windows), each group in first-seen order; groups in
    the order of their first member. Empty when every slug is unique."""
    groups: dict[str, list[str]] = {}
    for text in texts:
        members = groups.setdefault(slug(text).casefold(), [])
        if text not in members:
            members.append(text)
    return [tuple(group) for group in groups.values() if len(group) > 1]
