"""Text on a drawing: measure, wrap and cut labels before anything is placed.

Widths come from the conservative tables of :mod:`cjm_site.svg.metrics`, so a
label wrapped here never overflows its box in a browser.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from cjm_site.escaping import clean_text
from cjm_site.svg.metrics import (
    LATIN_BOX,
    char_ends,
    is_emoji,
    is_wide,
    is_zero_width,
    line_box,
    text_width,
)
from cjm_site.svg.style import MapStyle

# A line may not start with closing punctuation nor end with opening
# punctuation (the common part of CJK line-breaking rules).
# A line may not start with closing punctuation nor end with opening
# punctuation (the common part of CJK line-breaking rules).
_NO_START = frozenset(")]}、。，．：；！？）」』】〕〉》〙〗”’ー々〜…・,.:;!?%")
_NO_END = frozenset("([{（「『【〔〈《〘〖“‘")
_SOFT_BREAK_AFTER = frozenset("-/–—")
# Latin letters and punctuation: no combining marks, joiners, soft hyphens, wide,
# emoji or right-to-left characters, so line breaking can take a short cut.
_LATIN = re.compile("[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e]*")


@dataclass(frozen=True)
class TextBlock:
    """A label measured and wrapped: the lines and the box they need."""

    lines: tuple[str, ...]
    size: int
    bold: bool
    rtl: bool
    """Paragraph direction: the first strong character is Hebrew or Arabic."""
    width: float
    """The widest line (an upper bound of the rendered width)."""
    ascent: float
    """From the top of the block to the first baseline."""
    leading: float
    """From one baseline to the next."""
    height: float
    full_text: str | None = None
    """The whole text when the label was cut short, for a tooltip."""


def is_rtl(text: str) -> bool:
    """Whether the first strong character is right-to-left (Hebrew, Arabic...)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def clusters(text: str) -> list[str]:
    """Split text into pieces a line break may never cut: a base character with
    its combining marks, an emoji with its modifiers and joined parts, a flag."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        joins = bool(out) and (
            is_zero_width(char)
            or out[-1].endswith("\u200d")
            or 0x1F3FB <= code <= 0x1F3FF
            or (_regional(char) and len(out[-1]) == 1 and _regional(out[-1]))
        )
        if joins:
            out[-1] += char
        else:
            out.append(char)
    return out


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _ideographic(piece: str) -> bool:
    return is_wide(piece[0]) or is_emoji(piece[0])


def _can_break_before(before: str, piece: str) -> bool:
    if piece == " ":
        return False
    if before == " ":
        return True
    if piece[0] in _NO_START or before[-1] in _NO_END:
        return False
    if _ideographic(before) or _ideographic(piece):
        return True
    # After a hyphen or slash between letters ("check-in", "and/or"), not in
    # numbers and dates ("2027-01-31").
    return before[-1] in _SOFT_BREAK_AFTER and piece[0].isalpha()


def _can_break_in_latin(before: str, piece: str) -> bool:
    """:func:`_can_break_before` for :data:`_LATIN` text, where nothing is ideographic."""
    if piece == " ":
        return False
    if before == " ":
        return True
    if piece in _NO_START or before in _NO_END:
        return False
    return before in _SOFT_BREAK_AFTER and piece.isalpha()


# A memo of a pure function: labels such as channel names and owners recur across
# maps. Small on purpose: most text is met once, and at thousands of maps a large
# memo would hold megabytes of strings for the rest of the build.
@functools.lru_cache(maxsize=4096)
def wrap_text(text: str, width: float, size: float, *, bold: bool = False) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width`` pixels.

    Breaks at spaces, between CJK characters and after hyphens and slashes; a
    word that does not fit on a line of its own is broken between characters.
    """
    latin = _LATIN.fullmatch(text) is not None
    # In Latin text every character is a cluster of its own and none is wide.
    pieces = list(text) if latin else clusters(text)
    if latin:
        ends = char_ends(text, size, bold=bold)
    else:
        ends = [0.0, *itertools.accumulate(text_width(p, size, bold=bold) for p in pieces)]
    count = len(pieces)
    if ends[-1] <= width:  # the usual label: one line, no break to look for
        start = 0
        while start < count and pieces[start] == " ":
            start += 1
        return ("".join(pieces[start:]).rstrip(" "),) if start < count else ()
    breaks = _latin_breaks(text) if latin else _breaks(pieces)
    lines: list[str] = []
    start = 0
    while start < count:
        while start < count and pieces[start] == " ":
            start += 1
        if start == count:
            break
        cut = _cut(pieces, ends, breaks, start, width)
        lines.append("".join(pieces[start:cut]).rstrip(" "))
        start = cut
    return tuple(lines)


def _cut(
    pieces: Sequence[str], ends: Sequence[float], breaks: Sequence[int], start: int, width: float
) -> int:
    """Where the line from ``start`` ends: at the last break before the first piece that
    does not fit, else before that piece; the first piece always fits."""
    count = len(pieces)
    base = ends[start]
    if ends[count] - base <= width:  # widths add up, so nothing after overflows
        return count
    # The first piece after the first whose end overflows. Ends only grow, and so do
    # the ends less ``base``: a binary search finds it, comparing just as a scan would.
    i = bisect.bisect_right(ends, width, start + 2, count + 1, key=lambda end: end - base) - 1
    while i < count and pieces[i] == " ":  # a space may hang past the edge
        i += 1
    if i == count:
        return count
    last = bisect.bisect_right(breaks, i) - 1
    if last >= 0 and breaks[last] > start:
        return breaks[last]
    # Broken between characters: an ellipsis never starts a line alone.
    return i - 1 if pieces[i] == "…" and i - 1 > start else i


def _breaks(pieces: Sequence[str]) -> list[int]:
    """Every index ``i`` such that a line may start at ``pieces[i]``."""
    return [i for i in range(1, len(pieces)) if _can_break_before(pieces[i - 1], pieces[i])]


_AFTER_SPACE = re.compile(r"(?<= )[^ ]")
_AFTER_SOFT = re.compile("(?<=[-/–—])[^ ]")


def _latin_breaks(text: str) -> list[int]:
    """:func:`_breaks` of :data:`_LATIN` text, found by pattern, not char by char."""
    found = [m.start() for m in _AFTER_SPACE.finditer(text)]
    if not any(soft in text for soft in _SOFT_BREAK_AFTER):  # the usual text: spaces only
        return found
    soft = {
        m.start()
        for m in _AFTER_SOFT.finditer(text)
        if _can_break_in_latin(text[m.start() - 1], text[m.start()])
    }
    return sorted(soft.union(found))


def _clean(text: str) -> str:
    """:func:`clean_text`, skipped when it would change nothing (text from the model
    was cleaned when read): printable, normalised, no doubled or outer spaces."""
    if (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    return clean_text(text)


def truncate(text: str, limit: int) -> str:
    """Cut ``text`` to about ``limit`` characters with an ellipsis, never inside a cluster."""
    if len(text) <= limit:
        return text
    cut = limit
    while cut > 0 and (is_zero_width(text[cut]) or text[cut - 1] == "\u200d"):
        cut -= 1
    return text[:cut].rstrip() + "…"


def measure(
    text: str, width: float, size: int, style: MapStyle, *, bold: bool = False
) -> TextBlock:
    """Wrap ``text`` to ``width`` and measure the block it makes."""
    return _measure(text, width, size, style.max_label_chars, style.line_height, bold)


# A memo of a pure function with frozen results, safe to share across maps:
# lane names, scale numbers, owners and channels recur on every map.
@functools.lru_cache(maxsize=4096)
def _measure(
    text: str, width: float, size: int, limit: int, line_height: float, bold: bool
) -> TextBlock:
    text = _clean(text)
    shown = truncate(text, limit)
    lines = wrap_text(shown, width, size, bold=bold) or ("",)
    latin = _LATIN.fullmatch(shown) is not None
    box = LATIN_BOX if latin else line_box(shown)
    leading = size * max(line_height, box.ascent + box.descent + 0.05)
    return TextBlock(
        lines=lines,
        size=size,
        bold=bold,
        rtl=False if latin else is_rtl(shown),
        width=max(text_width(line, size, bold=bold) for line in lines),
        ascent=box.ascent * size,
        leading=leading,
        height=(box.ascent + box.descent) * size + (len(lines) - 1) * leading,
        full_text=text if shown != text else None,
    )
