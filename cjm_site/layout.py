"""Measure, wrap and place: every size and position of a journey map, before any SVG.

:func:`place_journey` turns a :class:`~cjm_site.model.Journey` into a
:class:`MapLayout`, a tree of frozen values with absolute coordinates (card
contents are relative to their card). :mod:`cjm_site.drawing` only writes it out.

Text is measured with the conservative tables of :mod:`cjm_site.metrics`, so a
label laid out here never overflows its box in a browser; the map grows (taller
lanes, more columns) to fit its content and never shrinks text.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from cjm_site.escaping import clean_text
from cjm_site.metrics import (
    LATIN_BOX,
    is_emoji,
    is_wide,
    is_zero_width,
    line_box,
    text_width,
)
from cjm_site.model import (
    EMOTION_MAX,
    EMOTION_MIN,
    Journey,
    Opportunity,
    Settings,
    Stage,
    Touchpoint,
)

Align = Literal["start", "middle", "end"]

LANES: tuple[tuple[str, str], ...] = (
    ("goal", "Goal"),
    ("actions", "Actions"),
    ("touchpoints", "Touchpoints"),
    ("thoughts", "Thoughts"),
    ("emotion", "Emotion"),
    ("pains", "Pains"),
    ("opportunities", "Opportunities"),
    ("metrics", "Metrics"),
    ("backstage", "Backstage"),
)
"""Lane keys in drawing order, with their labels."""

MOMENT_LABELS: dict[str, str] = {"pain": "Pain", "delight": "Delight", "truth": "Moment of truth"}
PRIORITY_LABELS: dict[str, str] = {
    "low": "Low priority",
    "medium": "Medium priority",
    "high": "High priority",
}
STATUS_LABELS: dict[str, str] = {
    "idea": "Idea",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
}

# A line may not start with closing punctuation nor end with opening
# punctuation (the common part of CJK line-breaking rules).
_NO_START = frozenset(")]}、。，．：；！？）」』】〕〉》〙〗”’ー々〜…・,.:;!?%")
_NO_END = frozenset("([{（「『【〔〈《〘〖“‘")
_SOFT_BREAK_AFTER = frozenset("-/–—")
# Latin letters and punctuation: no combining marks, joiners, soft hyphens, wide,
# emoji or right-to-left characters, so line breaking can take a short cut.
_LATIN = re.compile("[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e]*")


@dataclass(frozen=True)
class MapStyle:
    """Sizes of a journey map, in CSS pixels. Passed in as a value; the defaults work."""

    column_width: int = 236
    """Width of one stage column, card gutter included."""
    label_width: int = 148
    """Width of the lane label column on the left."""
    margin: int = 24
    """Space around the whole map."""
    column_gap: int = 14
    """Space between the cards of neighbouring columns."""
    card_padding: int = 10
    card_gap: int = 8
    """Space between the cards stacked in one cell."""
    lane_padding: int = 12
    """Space above the first and below the last card of a lane."""
    font_size: int = 13
    small_size: int = 12
    heading_size: int = 15
    title_size: int = 22
    line_height: float = 1.35
    """Distance between baselines of wrapped lines, in em."""
    emotion_band: int = 128
    """Height of the emotion scale from -2 to +2."""
    face_radius: int = 13
    max_label_chars: int = 300
    """Longer labels are cut with an ellipsis; the full text stays in a tooltip."""
    show_title: bool = True
    """Draw the journey's title and facts above the map (for a map on a wall)."""
    show_legend: bool = True

    def __post_init__(self) -> None:
        if min(self.font_size, self.small_size, self.heading_size, self.title_size) < 12:
            raise ValueError("MapStyle: font sizes must be at least 12px")
        if self.column_width - self.column_gap - 2 * self.card_padding < 120:
            raise ValueError("MapStyle: column_width leaves less than 120px for text")
        if self.label_width < 110:
            raise ValueError("MapStyle: label_width must be at least 110px")
        if self.line_height < 1.2 or self.max_label_chars < 20 or self.emotion_band < 64:
            raise ValueError("MapStyle: line_height, max_label_chars or emotion_band too small")


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


@dataclass(frozen=True)
class Label:
    """A text block placed in a box ``width`` wide whose top-left corner is ``x``, ``y``."""

    block: TextBlock
    x: float
    y: float
    width: float
    role: str
    """What the text is (``body``, ``muted``, ``stage``...): its CSS class."""
    align: Align = "start"

    @property
    def bottom(self) -> float:
        return self.y + self.block.height


@dataclass(frozen=True)
class Icon:
    """A drawn symbol (marker shape, priority bars, status pill...) in a box."""

    kind: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Card:
    """One item of a cell; its labels and icons are relative to its top-left corner."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    labels: tuple[Label, ...]
    icons: tuple[Icon, ...] = ()


@dataclass(frozen=True)
class StageHeader:
    index: int
    """1-based position of the stage."""
    x: float
    y: float
    width: float
    height: float
    name: Label
    phase: Label
    """The step number and, when the stage has one, its spine phase's name."""


@dataclass(frozen=True)
class Lane:
    key: str
    title: Label
    y: float
    height: float


@dataclass(frozen=True)
class EmotionPoint:
    stage: int
    """0-based index of the stage."""
    x: float
    y: float
    value: float
    feeling: Label | None
    """The stage's feeling word, next to the face."""


@dataclass(frozen=True)
class EmotionLane:
    top: float
    """y of +2."""
    bottom: float
    """y of -2."""
    left: float
    right: float
    points: tuple[EmotionPoint, ...]
    aspirations: tuple[EmotionPoint, ...]
    loose_feelings: tuple[Label, ...]
    """Feeling words of stages that have no emotion value."""
    scale: tuple[tuple[float, float, Label], ...]
    """Each gridline: value, y and its label."""
    face_radius: float

    def y_of(self, value: float) -> float:
        share = (EMOTION_MAX - value) / (EMOTION_MAX - EMOTION_MIN)
        return self.top + share * (self.bottom - self.top)


@dataclass(frozen=True)
class LegendItem:
    icon: Icon
    label: Label


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    heading: tuple[Label, ...]
    """Title, facts and scenario above the map."""
    headers: tuple[StageHeader, ...]
    columns: tuple[float, ...]
    """x of each stage column's left edge."""
    grid_left: float
    grid_right: float
    lanes: tuple[Lane, ...]
    cards: tuple[Card, ...]
    emotion: EmotionLane | None
    visibility: tuple[float, Label] | None
    """y of the line of visibility and its label."""
    legend_title: Label | None
    legend: tuple[LegendItem, ...]


# --- measuring and wrapping -------------------------------------------------


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
    can_break = _can_break_in_latin if latin else _can_break_before
    ends = [0.0]
    for piece in pieces:
        ends.append(ends[-1] + text_width(piece, size, bold=bold))
    lines: list[str] = []
    start, count = 0, len(pieces)
    while start < count:
        while start < count and pieces[start] == " ":
            start += 1
        if start == count:
            break
        last_break = -1
        cut = count
        for i in range(start + 1, count):
            if can_break(pieces[i - 1], pieces[i]):
                last_break = i
            if pieces[i] != " " and ends[i + 1] - ends[start] > width:
                cut = last_break if last_break > start else i
                break
        lines.append("".join(pieces[start:cut]).rstrip(" "))
        start = cut
    return tuple(lines)


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
    text = clean_text(text)  # already done when reading; again, as XML forbids controls
    shown = truncate(text, style.max_label_chars)
    lines = wrap_text(shown, width, size, bold=bold) or ("",)
    latin = _LATIN.fullmatch(shown) is not None
    box = LATIN_BOX if latin else line_box(shown)
    leading = size * max(style.line_height, box.ascent + box.descent + 0.05)
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


# --- cards ------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The measuring context of one map: style and the text width inside a card."""

    style: MapStyle
    settings: Settings

    @property
    def card_width(self) -> float:
        return self.style.column_width - self.style.column_gap

    @property
    def inner(self) -> float:
        return self.card_width - 2 * self.style.card_padding

    def label(
        self,
        text: str,
        x: float,
        y: float,
        width: float,
        role: str,
        *,
        size: int,
        bold: bool = False,
    ) -> Label:
        return Label(measure(text, width, size, self.style, bold=bold), x, y, width, role)


def _text_card(frame: _Frame, kind: str, text: str, role: str = "body") -> Card:
    pad = frame.style.card_padding
    label = frame.label(text, pad, pad, frame.inner, role, size=frame.style.font_size)
    return Card(kind, 0, 0, frame.card_width, label.bottom + pad, (label,))


def _marked_card(frame: _Frame, kind: str, text: str, icon: str) -> Card:
    """A card whose text follows a marker shape (on the right for right-to-left text)."""
    pad, size = frame.style.card_padding, frame.style.font_size
    room = 18
    rtl = is_rtl(text)
    x = pad if rtl else pad + room
    label = frame.label(text, x, pad, frame.inner - room, "body", size=size)
    icon_x = frame.card_width - pad - 12 if rtl else pad
    mark = Icon(icon, icon_x, _icon_top(label, 12), 12, 12)
    return Card(kind, 0, 0, frame.card_width, label.bottom + pad, (label,), (mark,))


def _icon_top(label: Label, icon: float) -> float:
    """Top of an icon centred on the first line's lower-case letters."""
    middle = label.y + label.block.ascent - 0.36 * label.block.size
    return middle - icon / 2


def _chips(
    frame: _Frame, items: Sequence[tuple[str, float, str]], top: float
) -> tuple[list[Label], list[Icon], float]:
    """Flow (icon kind, icon width, text) chips in rows from ``top``; return the bottom."""
    pad, size = frame.style.card_padding, frame.style.small_size
    labels: list[Label] = []
    icons: list[Icon] = []
    x: float = pad
    y, row_bottom = top, top
    for kind, icon_width, text in items:
        block = measure(text, frame.inner - icon_width - 4, size, frame.style)
        chip = icon_width + 4 + block.width
        if x > pad and x + chip > pad + frame.inner:
            x, y = pad, row_bottom + 4
        label = Label(block, x + icon_width + 4, y, block.width + 1, "chip")
        labels.append(label)
        icons.append(Icon(kind, x, _icon_top(label, 12), icon_width, 12))
        row_bottom = max(row_bottom, label.bottom)
        x += chip + 12
    return labels, icons, row_bottom


def _touchpoint_card(frame: _Frame, touchpoint: Touchpoint) -> Card:
    style, pad = frame.style, frame.style.card_padding
    name = frame.label(
        touchpoint.name, pad, pad, frame.inner, "strong", size=style.font_size, bold=True
    )
    labels = [name]
    bottom = name.bottom
    facts = [part for part in (frame.settings.channel_name(touchpoint.channel),) if part]
    if touchpoint.owner:
        facts.append(f"Owner: {touchpoint.owner}")
    if facts:
        meta = frame.label(
            " · ".join(facts), pad, bottom + 4, frame.inner, "muted", size=style.small_size
        )
        labels.append(meta)
        bottom = meta.bottom
    chips: list[tuple[str, float, str]] = []
    if touchpoint.priority in PRIORITY_LABELS:
        chips.append((f"priority-{touchpoint.priority}", 14, PRIORITY_LABELS[touchpoint.priority]))
    chips.extend((m, 12, MOMENT_LABELS[m]) for m in touchpoint.moments if m in MOMENT_LABELS)
    icons: list[Icon] = []
    if chips:
        chip_labels, icons, bottom = _chips(frame, chips, bottom + 8)
        labels.extend(chip_labels)
    return Card("touchpoint", 0, 0, frame.card_width, bottom + pad, tuple(labels), tuple(icons))


def _thought_card(frame: _Frame, text: str) -> Card:
    card = _text_card(frame, "thought", text, "thought")
    return replace(card, height=card.height + 8)  # room for the bubble's tail


def _opportunity_card(frame: _Frame, opportunity: Opportunity) -> Card:
    style, pad = frame.style, frame.style.card_padding
    text = frame.label(opportunity.text, pad, pad, frame.inner, "body", size=style.font_size)
    labels, icons = [text], []
    bottom = text.bottom
    facts = []
    if opportunity.owner:
        facts.append(f"Owner: {opportunity.owner}")
    if opportunity.due:
        facts.append(f"Due {opportunity.due.isoformat()}")
    if facts:
        meta = frame.label(
            " · ".join(facts), pad, bottom + 4, frame.inner, "muted", size=style.small_size
        )
        labels.append(meta)
        bottom = meta.bottom
    if opportunity.status:
        words = STATUS_LABELS.get(opportunity.status, opportunity.status)
        block = measure(words, frame.inner - 16, style.small_size, style)
        label = Label(block, pad + 8, bottom + 10, block.width + 1, "status")
        kind = opportunity.status if opportunity.status in STATUS_LABELS else "other"
        icons.append(Icon(f"status-{kind}", pad, bottom + 6, block.width + 16, block.height + 8))
        labels.append(label)
        bottom = label.bottom + 4
    return Card("opportunity", 0, 0, frame.card_width, bottom + pad, tuple(labels), tuple(icons))


def _metric_card(frame: _Frame, name: str, value: str) -> Card:
    style, pad = frame.style, frame.style.card_padding
    title = frame.label(name, pad, pad, frame.inner, "muted", size=style.small_size)
    figure = frame.label(
        value, pad, title.bottom + 3, frame.inner, "figure", size=style.heading_size, bold=True
    )
    return Card("metric", 0, 0, frame.card_width, figure.bottom + pad, (title, figure))


def _cell(frame: _Frame, key: str, stage: Stage) -> list[Card]:
    """The cards of one lane in one stage, unplaced."""
    if key == "goal":
        return [_text_card(frame, "goal", stage.goal)] if stage.goal else []
    if key == "actions":
        return [_text_card(frame, "action", text) for text in stage.actions]
    if key == "touchpoints":
        return [_touchpoint_card(frame, t) for t in stage.touchpoints]
    if key == "thoughts":
        return [_thought_card(frame, text) for text in stage.thoughts]
    if key == "pains":
        return [_marked_card(frame, "pain", text, "pain") for text in stage.pains]
    if key == "opportunities":
        return [_opportunity_card(frame, o) for o in stage.opportunities]
    if key == "metrics":
        return [_metric_card(frame, name, value) for name, value in stage.metrics]
    if key == "backstage":
        return [_text_card(frame, "backstage", text) for text in stage.backstage]
    return []


def emotion_value(value: float | None) -> float | None:
    """A value on the emotion scale, clamped to it; None when missing or not a number."""
    if value is None or not math.isfinite(value):
        return None
    return min(EMOTION_MAX, max(EMOTION_MIN, value))


def _has_emotion(stage: Stage) -> bool:
    values = (emotion_value(stage.emotion), emotion_value(stage.aspiration))
    return any(v is not None for v in values) or bool(stage.feeling)


def _lane_present(key: str, journey: Journey) -> bool:
    if key == "emotion":
        return any(_has_emotion(s) for s in journey.stages)
    # The other lane keys are the names of the stage's fields.
    return any(getattr(s, key) for s in journey.stages)


# --- the emotion lane -------------------------------------------------------


def _feeling_side(
    value: float, aspiration: float | None, before: float | None, after: float | None
) -> int:
    """-1 to put the feeling word above the face, +1 below: away from the
    aspiration marker, else away from where the curve comes in."""
    if aspiration is not None and abs(aspiration - value) >= 0.25:
        return 1 if aspiration > value else -1
    neighbours = [v for v in (before, after) if v is not None]
    if neighbours and all(v < value for v in neighbours):
        return -1
    if neighbours and all(v > value for v in neighbours):
        return 1
    return 1 if value >= 0 else -1


def _emotion_lane(
    frame: _Frame, journey: Journey, columns: Sequence[float], top: float
) -> tuple[EmotionLane, float]:
    """Place the emotion lane whose top is ``top``; return it and its height."""
    style = frame.style
    radius, gap = style.face_radius, 5
    width = frame.card_width - 8
    feelings = [
        measure(s.feeling, width, style.small_size, style) if s.feeling else None
        for s in journey.stages
    ]
    room = radius + gap + max((b.height for b in feelings if b), default=0.0)
    band_top = top + style.lane_padding + room
    band_bottom = band_top + style.emotion_band
    height = 2 * (style.lane_padding + room) + style.emotion_band
    lane = EmotionLane(
        band_top, band_bottom, columns[0], columns[-1] + style.column_width, (), (), (), (), radius
    )
    values = [emotion_value(s.emotion) for s in journey.stages]
    points, aspirations, loose = [], [], []
    for index, (stage, block) in enumerate(zip(journey.stages, feelings, strict=True)):
        centre = columns[index] + style.column_width / 2
        left = centre - width / 2
        value, aspiration = values[index], emotion_value(stage.aspiration)
        if value is not None:
            y = lane.y_of(value)
            feeling = None
            if block:
                before = _neighbour(values, index, -1)
                after = _neighbour(values, index, 1)
                side = _feeling_side(value, aspiration, before, after)
                label_top = y + radius + gap if side > 0 else y - radius - gap - block.height
                feeling = Label(block, left, label_top, width, "feeling", "middle")
            points.append(EmotionPoint(index, centre, y, value, feeling))
        elif block:
            label_top = lane.y_of(0) - block.height / 2
            loose.append(Label(block, left, label_top, width, "feeling", "middle"))
        if aspiration is not None:
            aspirations.append(EmotionPoint(index, centre, lane.y_of(aspiration), aspiration, None))
    scale = []
    for value in (2, 1, 0, -1, -2):
        block = measure(signed(value), 40, style.small_size, style)
        y = lane.y_of(value)
        label_x = columns[0] - 10 - 40
        scale.append(
            (float(value), y, Label(block, label_x, y - block.height / 2, 40, "scale", "end"))
        )
    lane = replace(
        lane,
        points=tuple(points),
        aspirations=tuple(aspirations),
        loose_feelings=tuple(loose),
        scale=tuple(scale),
    )
    return lane, height


def _neighbour(values: Sequence[float | None], index: int, step: int) -> float | None:
    """The nearest defined value before (step -1) or after (step 1) ``index``."""
    i = index + step
    while 0 <= i < len(values):
        if values[i] is not None:
            return values[i]
        i += step
    return None


def monotone_curve(points: Sequence[tuple[float, float]]) -> str:
    """SVG path data of a monotone cubic (Fritsch-Carlson) through points sorted by x.

    Between two points the curve never goes beyond their values, so it stays
    inside the emotion scale.
    """
    if not points:
        return ""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    count = len(points)
    path = f"M{num(xs[0])},{num(ys[0])}"
    if count == 1:
        return path
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(count - 1)]
    tangents = [slopes[0]] + [
        0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2
        for i in range(1, count - 1)
    ]
    tangents.append(slopes[-1])
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slope, tangents[i + 1] / slope
        norm = math.hypot(a, b)
        if norm > 3:
            tangents[i] = 3 / norm * a * slope
            tangents[i + 1] = 3 / norm * b * slope
    for i in range(count - 1):
        step = (xs[i + 1] - xs[i]) / 3
        c1 = (xs[i] + step, ys[i] + tangents[i] * step)
        c2 = (xs[i + 1] - step, ys[i + 1] - tangents[i + 1] * step)
        path += (
            f" C{num(c1[0])},{num(c1[1])} {num(c2[0])},{num(c2[1])}"
            f" {num(xs[i + 1])},{num(ys[i + 1])}"
        )
    return path


def num(value: float) -> str:
    """A coordinate as short, stable text: two decimals at most, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed(value: float) -> str:
    """An emotion value as people write it: ``+1``, ``0``, ``−1.5``."""
    text = num(abs(value))
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"−{text}"


# --- the whole map ----------------------------------------------------------

KIND_LABELS: dict[str, str] = {
    "current-state": "Current-state journey",
    "future-state": "Future-state journey",
    "day-in-the-life": "Day in the life",
    "service-blueprint": "Service blueprint",
}


def journey_facts(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """One line of facts under the title: kind, personas, stages, evidence, dates.

    ``persona_names`` are the personas' display names (the ids when not given).
    """
    facts = [KIND_LABELS.get(journey.kind, journey.kind)]
    who = tuple(persona_names) or journey.persona_ids
    if who:
        noun = "Persona" if len(who) == 1 else "Personas"
        facts.append(f"{noun}: {', '.join(who)}")
    facts.append(f"{len(journey.stages)} stage{'s' if len(journey.stages) != 1 else ''}")
    if journey.owner:
        facts.append(f"Owner: {journey.owner}")
    if journey.evidence:
        facts.append(f"Evidence: {journey.evidence.capitalize()}")
    if journey.updated:
        facts.append(f"Updated {journey.updated.isoformat()}")
    return " · ".join(facts)


def _heading(
    frame: _Frame, journey: Journey, width: float, persona_names: Sequence[str]
) -> tuple[list[Label], float]:
    style = frame.style
    x, y = style.margin, style.margin
    width = min(width, 1200.0)  # keep lines readable on a very wide map
    title = frame.label(journey.title, x, y, width, "title", size=style.title_size, bold=True)
    facts = frame.label(
        journey_facts(journey, persona_names),
        x,
        title.bottom + 6,
        width,
        "muted",
        size=style.font_size,
    )
    labels = [title, facts]
    if journey.scenario:
        labels.append(
            frame.label(
                journey.scenario, x, facts.bottom + 6, min(width, 860), "body", size=style.font_size
            )
        )
    return labels, labels[-1].bottom + 22


def _headers(
    frame: _Frame, journey: Journey, settings: Settings, columns: Sequence[float], top: float
) -> tuple[list[StageHeader], float]:
    style, tip = frame.style, 12
    width = style.column_width - 4
    text_width_ = width - 2 * tip - 14
    measured = []
    for number, stage in enumerate(journey.stages, start=1):
        # A step number to point at ("stage 3"), with the spine phase when there is one.
        phase_name = settings.spine_name(stage.phase) if stage.phase else None
        kicker = f"{number} · {phase_name}" if phase_name else f"Stage {number}"
        phase = measure(kicker, text_width_, style.small_size, style)
        name = measure(stage.name, text_width_, style.heading_size, style, bold=True)
        measured.append((phase, name, phase.height + 3 + name.height))
    height = max(56.0, max((m[2] for m in measured), default=0.0) + 24)
    headers = []
    for index, (phase, name, content) in enumerate(measured):
        x = columns[index] + 2
        text_x = x + tip + 10
        y = top + (height - content) / 2
        name_label = Label(name, text_x, y + phase.height + 3, text_width_, "stage")
        phase_label = Label(phase, text_x, y, text_width_, "phase")
        headers.append(StageHeader(index + 1, x, top, width, height, name_label, phase_label))
    return headers, top + height


def _legend(
    frame: _Frame,
    cards: Sequence[Card],
    emotion: EmotionLane | None,
    top: float,
    right: float,
) -> tuple[Label | None, list[LegendItem], float]:
    style = frame.style
    kinds = {icon.kind for card in cards for icon in card.icons}
    entries: list[tuple[str, float, str]] = []
    for moment, words in (
        ("pain", "Pain point"),
        ("delight", "Delight"),
        ("truth", "Moment of truth"),
    ):
        if moment in kinds:
            entries.append((moment, 12, words))
    if any(kind.startswith("priority-") for kind in kinds):
        entries.append(("priority-high", 14, "Priority: 1 bar low, 2 medium, 3 high"))
    if emotion and emotion.points:
        entries.append(("emotion", 44, "Emotion, from −2 (very negative) to +2 (very positive)"))
    if emotion and emotion.aspirations:
        entries.append(("aspiration", 44, "Aspiration: the feeling we aim for"))
    if not entries or not style.show_legend:
        return None, [], top
    left = style.margin + style.label_width + style.column_gap / 2
    title = frame.label(
        "Legend",
        style.margin + 14,
        top,
        style.label_width - 28,
        "lane",
        size=style.font_size,
        bold=True,
    )
    items = []
    x, y, row_bottom = left, top, top
    for kind, icon_width, words in entries:
        block = measure(words, right - left - icon_width - 8, style.small_size, style)
        span = icon_width + 8 + block.width
        if x > left and x + span > right:
            x, y = left, row_bottom + 8
        label = Label(block, x + icon_width + 8, y, block.width + 1, "legend")
        icon_height = 16 if kind in ("emotion", "aspiration") else 12
        items.append(
            LegendItem(Icon(kind, x, _icon_top(label, icon_height), icon_width, icon_height), label)
        )
        row_bottom = max(row_bottom, label.bottom, _icon_top(label, icon_height) + icon_height)
        x += span + 24
    return title, items, max(row_bottom, title.bottom)


@dataclass(frozen=True)
class _Body:
    """The lanes of a map as placed, and where they end."""

    lanes: tuple[Lane, ...]
    cards: tuple[Card, ...]
    emotion: EmotionLane | None
    visibility: tuple[float, Label] | None
    bottom: float


def _visibility(frame: _Frame, top: float) -> tuple[tuple[float, Label], float]:
    """The labelled line of visibility in a row from ``top``; return it and the row's bottom."""
    style = frame.style
    width = style.label_width - 28
    block = measure("Line of visibility", width, style.small_size, style, bold=True)
    half = max(18.0, block.height / 2 + 6)
    label = Label(block, style.margin + 14, top + half - block.height / 2, width, "visibility")
    return (top + half, label), top + 2 * half


def _body(frame: _Frame, journey: Journey, columns: Sequence[float], top: float) -> _Body:
    style = frame.style
    lanes: list[Lane] = []
    cards: list[Card] = []
    emotion: EmotionLane | None = None
    visibility: tuple[float, Label] | None = None
    y = top
    for key, words in LANES:
        if not _lane_present(key, journey):
            continue
        if key == "backstage":
            visibility, y = _visibility(frame, y)
        # The emotion lane's label leaves room for the scale's numbers.
        label_width = style.label_width - 28 - (44 if key == "emotion" else 0)
        title = frame.label(
            words,
            style.margin + 14,
            y + style.lane_padding,
            label_width,
            "lane",
            size=style.font_size,
            bold=True,
        )
        if key == "emotion":
            emotion, height = _emotion_lane(frame, journey, columns, y)
        else:
            cells = [_cell(frame, key, stage) for stage in journey.stages]
            gaps = (style.card_gap * max(0, len(cell) - 1) for cell in cells)
            content = max(
                sum(c.height for c in cell) + gap for cell, gap in zip(cells, gaps, strict=True)
            )
            height = content + 2 * style.lane_padding
            for column, cell in zip(columns, cells, strict=False):
                card_y = y + style.lane_padding
                for card in cell:
                    # A goal is one card per stage: the row of them lines up.
                    tall = content if key == "goal" else card.height
                    x = column + style.column_gap / 2
                    cards.append(replace(card, x=x, y=card_y, height=tall))
                    card_y += card.height + style.card_gap
        height = max(height, title.block.height + 2 * style.lane_padding)
        lanes.append(Lane(key, title, y, height))
        y += height
    return _Body(tuple(lanes), tuple(cards), emotion, visibility, y)


def place_journey(
    journey: Journey, settings: Settings, style: MapStyle, persona_names: Sequence[str] = ()
) -> MapLayout:
    """Measure and place everything on the map of ``journey``."""
    frame = _Frame(style, settings)
    count = max(1, len(journey.stages))
    first = style.margin + style.label_width
    columns = tuple(float(first + i * style.column_width) for i in range(count))
    grid_left, grid_right = float(style.margin), float(first + count * style.column_width)
    heading: list[Label] = []
    y = float(style.margin)
    if style.show_title:
        heading, y = _heading(frame, journey, grid_right - grid_left, persona_names)
    headers, y = _headers(frame, journey, settings, columns, y)
    body = _body(frame, journey, columns, y + 8)
    legend_title, legend, y = _legend(frame, body.cards, body.emotion, body.bottom + 24, grid_right)
    return MapLayout(
        width=grid_right + style.margin,
        height=math.ceil(y + style.margin),
        heading=tuple(heading),
        headers=tuple(headers),
        columns=columns,
        grid_left=grid_left,
        grid_right=grid_right,
        lanes=body.lanes,
        cards=body.cards,
        emotion=body.emotion,
        visibility=body.visibility,
        legend_title=legend_title,
        legend=tuple(legend),
    )
