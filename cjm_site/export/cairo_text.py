"""Text that cairo can draw: right-to-left words in visual order, Arabic joined, emoji in colour.

cairosvg draws each label with cairo's simple text API: one font for the whole
label (the first family named), glyphs in the order of the characters, no
shaping. As measured on ``tests/fixtures/hard-map`` (see ``tests/site/test_pdf_text.py``):

- Hebrew printed mirrored (``קריאת התפריט`` as ``טירפתה תאירק``), Arabic mirrored
  with every letter in its isolated form, and Arabic in italic labels (thoughts)
  as empty boxes (DejaVu Sans Oblique has no Arabic letters);
- emoji printed as empty boxes: the label's font has none, and cairo falls back
  to no other.

:func:`prepare` rewrites a standalone map's text for cairo before it is drawn:
Arabic letters become their joined presentation forms (``arabic-reshaper``),
each label is put in visual order by the Unicode bidirectional algorithm
(``python-bidi``), a label with Arabic is drawn upright, and each run of emoji
becomes a ``<tspan>`` in a colour emoji font (Noto Color Emoji, as Debian's
``fonts-noto-color-emoji`` installs it). What stays limited, and why:

- the PDF's text layer holds right-to-left words as drawn, in visual order,
  without the spaces between words (cairo places each word): readers that
  reorder right-to-left runs (pypdf, poppler) give the words back in reading
  order, run together; others give them reversed;
- Arabic is joined from Unicode's presentation forms, not shaped by a font:
  ligatures beyond lam-alef and mark placement are simpler than in a browser;
- emoji print as the colour font's bitmaps, so they are not vector, and print
  as boxes when no colour emoji font is installed;
- without ``python-bidi`` and ``arabic-reshaper`` (both in the ``export`` extra)
  the PDF is still made, with the limits described first.

The SVG and PNG exports need none of this: browsers, librsvg and resvg shape text.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from cjm_site.svg.metrics import is_emoji
from cjm_site.svg.text import clusters

__all__ = ["EMOJI_FONT", "has_arabic", "prepare", "visual"]

SVG_NS = "http://www.w3.org/2000/svg"
EMOJI_FONT = "Noto Color Emoji"
ISOLATE, POP_ISOLATE = "\u2067", "\u2069"
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def has_arabic(text: str) -> bool:
    return any(first <= ord(c) <= last for c in text for first, last in _ARABIC)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _tools() -> tuple[Callable[..., str], Callable[[str], str]] | None:
    try:
        from arabic_reshaper import reshape
        from bidi import get_display
    except ImportError:
        return None
    return get_display, reshape


def visual(text: str, rtl: bool) -> str:
    """``text`` as cairo must draw it: joined Arabic, in visual order (left to right).

    ``rtl`` is the label's own direction (its paragraph direction). Without the
    two libraries, the text as it is.
    """
    tools = _tools()
    if tools is None or not _has_rtl(text):
        return text
    get_display, reshape = tools
    shaped = reshape(text) if has_arabic(text) else text
    return str(get_display(shaped, base_dir="R" if rtl else "L"))


def _is_emoji_cluster(piece: str) -> bool:
    return any(is_emoji(c) for c in piece)


def _emoji_runs(text: str) -> list[tuple[bool, str]]:
    runs: list[tuple[bool, str]] = []
    for piece in clusters(text):
        emoji = _is_emoji_cluster(piece)
        if runs and runs[-1][0] == emoji:
            runs[-1] = (emoji, runs[-1][1] + piece)
        else:
            runs.append((emoji, piece))
    return runs


def _split_emoji(element: Any) -> None:
    """The element's own text as runs, each run of emoji a tspan in the emoji font."""
    text = element.text or ""
    runs = _emoji_runs(text)
    if not any(emoji for emoji, _ in runs):
        return
    element.text = ""
    made = []
    for emoji, words in runs:
        if emoji:
            span = ET.Element(f"{{{SVG_NS}}}tspan", {"font-family": EMOJI_FONT})
            span.text = words
            made.append(span)
        elif made:
            made[-1].tail = (made[-1].tail or "") + words
        else:
            element.text = words
    for index, span in enumerate(made):
        element.insert(index, span)


def prepare(svg: str) -> str:
    """The standalone map (or a sheet of it) with its text made ready for cairo."""
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(svg.encode("utf-8"))
    for text in root.iter(f"{{{SVG_NS}}}text"):
        parts = [e for e in text.iter() if e.tag in (f"{{{SVG_NS}}}text", f"{{{SVG_NS}}}tspan")]
        words = "".join(e.text or "" for e in parts)
        if has_arabic(words):
            text.set("font-style", "normal")  # the oblique face has no Arabic letters
        for part in parts:
            if not part.text:
                continue
            value = part.text
            rtl = value.startswith(ISOLATE)
            value = value.replace(ISOLATE, "").replace(POP_ISOLATE, "")
            part.text = visual(value, rtl)
            _split_emoji(part)
    return ET.tostring(root, encoding="unicode")
