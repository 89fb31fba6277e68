"""The one path every piece of front-matter text takes towards SVG, HTML, JSON and CSV.

Text is cleaned once when it is read (:func:`clean_text`), then escaped by the
writer of each format: ElementTree for SVG, Jinja's autoescaping for HTML,
``json`` for JSON, :func:`markdown_text` for Markdown we write (view headings,
``cjm diff`` summaries). Links go through :func:`safe_url`.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from html import escape as _html_escape
from html import unescape as _html_unescape
from typing import Any
from urllib.parse import unquote, urlsplit

# C0 and C1 controls except tab and newline, plus characters XML 1.0 forbids
# (lone surrogates, U+FFFE/U+FFFF). They make SVG invalid XML and can hide text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Bidirectional controls (a character class body): marks, embeddings, overrides and
isolates. Invisible, they make text read differently from what it is (U+202E shows
``gpj.exe`` as ``exe.jpg``)."""
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Embeddings, overrides and isolates reorder whole runs of text, and one left open
# reorders what follows it on the page too. Right-to-left text never needs them to
# show (the Unicode bidirectional algorithm places Arabic and Hebrew by itself), so
# displayed text loses them. The marks (U+200E, U+200F, U+061C) only settle where
# neutral characters such as punctuation go, stay within their text, and are what
# right-to-left keyboards insert: displayed text keeps them.
_BIDI_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")
_URL_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")

SAFE_SCHEMES: tuple[str, ...] = ("http", "https", "mailto")

# Markdown we write is read by Python-Markdown (MkDocs) and by CommonMark/GFM
# (GitHub, for `cjm diff`). A backslash escapes these in both dialects; `|`
# splits table cells before inline parsing, so only `\|` keeps it whole.
_MD_BACKSLASHED = re.compile(r"([\\`*_{}\[\]()#!|])")
# A backslash before these is shown as is by Python-Markdown, so they become
# character references, which both dialects decode (`~` is strikethrough in GFM
# and in pymdownx.tilde).
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_MD_ENTITY = re.compile("[&<>~]")


def has_control(text: str) -> bool:
    """Whether the text holds characters that :func:`clean_text` removes."""
    return _CONTROL.search(text) is not None


def bidi_controls(text: str) -> list[str]:
    """The distinct bidirectional controls in ``text``, in order of appearance."""
    return list(dict.fromkeys(_BIDI.findall(text)))


def reordering_controls(text: str) -> list[str]:
    """The distinct embeddings, overrides and isolates that :func:`clean_text` removes."""
    return list(dict.fromkeys(_BIDI_REORDERING.findall(text)))


def code_points(chars: str | list[str], *, names: bool = False) -> str:
    """``U+0065 U+0301`` (with ``names``: ``U+202E (RIGHT-TO-LEFT OVERRIDE)``)."""
    shown = []
    for char in chars:
        point = f"U+{ord(char):04X}"
        shown.append(f"{point} ({unicodedata.name(char, 'unnamed')})" if names else point)
    return (", " if names else " ").join(shown)


def neutral(text: str) -> str:
    """Bidirectional controls written as visible escapes (``\\u202e``), for log lines."""
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Remove control characters and bidirectional embeddings, overrides and isolates,
    and fold runs of white space.

    With ``multiline`` newlines are kept (for quotes and scenarios); the rest
    is folded to single spaces, as a label on a map has no line structure of
    its own.
    """
    text = unicodedata.normalize("NFC", _BIDI_REORDERING.sub("", _CONTROL.sub("", text)))
    if multiline:
        lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    return _SPACES.sub(" ", text).strip()


def safe_url(url: str) -> str | None:
    """Return the link if its target is http, https, mailto or relative; else None.

    Browsers ignore white space and control characters inside a scheme and
    fold its case (``JaVa\\tScript:``), so the check does the same before
    looking at the scheme. Character references are decoded first
    (``&#106;avascript:``), as any consumer that treats the link as HTML would.
    """
    probe = _probe(url)
    if not probe:
        return None
    if probe.startswith("//"):
        # Protocol-relative: leaves the host, and so the intranet.
        return None
    scheme_end = probe.find(":")
    first_delim = min(
        (i for i in (probe.find("/"), probe.find("?"), probe.find("#")) if i >= 0),
        default=len(probe),
    )
    if 0 <= scheme_end < first_delim:
        scheme = probe[:scheme_end].lower()
        if scheme not in SAFE_SCHEMES:
            return None
        try:
            urlsplit(probe)
        except ValueError:
            return None
    return url.strip()


def is_external(url: str) -> bool:
    """Whether a (safe) link points off the site."""
    return _probe(url).lower().startswith(("http:", "https:", "mailto:"))


def leaves_docs(page_path: str, url: str) -> bool:
    """Whether a relative link written on the page at ``page_path`` (a docs path)
    points outside the docs folder: an absolute path, or more ``..`` than folders.

    Read as a browser would: references and percent escapes decoded (``%2e%2e``
    is ``..``), backslashes as slashes; the query and fragment do not count.
    """
    path = re.split(r"[?#]", _probe(url), maxsplit=1)[0]
    path = unquote(path).replace("\\", "/")
    if not path:
        return False
    if path.startswith("/"):
        return True
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    return joined == ".." or joined.startswith("../")


def _probe(url: str) -> str:
    """The link as a browser reads its scheme: references decoded (until nothing
    changes, so ``&amp;#106;`` is caught too), white space and controls removed,
    backslashes as slashes (``\\\\host`` and ``/\\host`` leave the site too)."""
    decoded = url
    for _ in range(8):
        step = _html_unescape(decoded)
        if step == decoded:
            break
        decoded = step
    return _URL_STRIP.sub("", decoded).replace("\\", "/")


def html_text(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute."""
    return _html_escape(text, quote=True)


def html_values(value: Any, _memo: dict[int, Any] | None = None) -> Any:
    """Every string in ``value`` (lists and mappings walked, keys kept) escaped for HTML.

    For front matter handed to MkDocs: its templates are not autoescaped, and
    Material prints ``page.meta`` values as HTML (the title in ``<title>``, the
    description in an attribute, a status in a class, ``revision_date`` in the
    page), so each text is escaped here, once.
    """
    if isinstance(value, str):
        return html_text(value)
    # A value shared through a YAML alias stays shared: walking it once per use
    # would expand a "billion laughs" document.
    memo = {} if _memo is None else _memo
    known = memo.get(id(value))
    if known is not None:
        return known
    if isinstance(value, list):
        items: list[Any] = []
        memo[id(value)] = items
        items.extend(html_values(item, memo) for item in value)
        return items
    if isinstance(value, dict):
        mapping: dict[Any, Any] = {}
        memo[id(value)] = mapping
        for key, item in value.items():
            mapping[key] = html_values(item, memo)
        return mapping
    return value


def markdown_text(text: str) -> str:
    """Text for one line of Markdown (a heading, a list item, a table cell), shown as is.

    White space runs, line breaks included (CR, LF, U+2028, U+2029, U+0085...),
    become one space: the text cannot end the line it is on. Markup characters
    are escaped, and ``& < > ~`` written as character references, so no emphasis,
    link, HTML or table cell comes out of it.
    """
    text = _CONTROL.sub("", " ".join(text.split()))
    # Backslashes first: the references written next hold a `#` of their own.
    text = _MD_BACKSLASHED.sub(r"\\\1", text)
    return _MD_ENTITY.sub(lambda m: _MD_ENTITIES[m.group()], text)
