"""Reading built pages as a browser would: html5lib, the WHATWG parsing algorithm in Python.

html5lib is the reference implementation of the HTML5 parsing spec (html5lib-tests
come from it), pure Python, packaged by Debian, and collects every parse error
with its position instead of stopping at the first. It is not a validator of
content models (the Nu validator is); parse errors plus our own checks (unique,
non-empty ids; no event attributes; safe links) are what the tests ask of it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, overload

import html5lib

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_NAMESPACES = {
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://www.w3.org/2000/xmlns/": "xmlns",
}


@overload
def parse_html(data: bytes, errors: Literal[False] = False) -> Any: ...


@overload
def parse_html(data: bytes, errors: Literal[True]) -> list[tuple[str, tuple[int, int]]]: ...


def parse_html(data: bytes, errors: bool = False) -> Any:
    """The document tree (ElementTree, no HTML namespace), or its parse errors."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(data)
    if errors:
        return [(code, position) for position, code, _ in parser.errors]
    return tree


def _name(key: Any) -> str:
    if isinstance(key, tuple):  # (namespace, local name) in foreign content
        namespace, local = key
        prefix = _NAMESPACES.get(namespace)
        return f"{prefix}:{local}" if prefix else local
    text = str(key)
    if text.startswith("{"):
        namespace, local = text[1:].split("}", 1)
        prefix = _NAMESPACES.get(namespace)
        return f"{prefix}:{local}" if prefix else local
    return text


def _tag(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else "#comment"
    return tag.split("}", 1)[-1]


def attributes(tree: Any) -> Iterator[tuple[str, str, str]]:
    """Every attribute of every element: (tag, name, value), values as the DOM has them."""
    for element in tree.iter():
        for key, value in element.attrib.items():
            yield _tag(element), _name(key), value


def html_text_of(tree: Any) -> str:
    """The text of the document (what a reader sees, roughly), scripts and styles left out."""
    parts: list[str] = []
    for element in tree.iter():
        if _tag(element) in ("script", "style"):
            continue
        if element.text:
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    return " ".join(parts)


def svg_blocks(html: str) -> list[str]:
    """Inline ``<svg>`` elements of a page, as written (ours are XML)."""
    return _SVG.findall(html)


@functools.lru_cache(maxsize=512)
def parsed(path: Path) -> tuple[Any, tuple[tuple[str, tuple[int, int]], ...]]:
    """A built page's tree and parse errors, parsed once per session."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(path.read_bytes())
    return tree, tuple((code, position) for position, code, _ in parser.errors)
