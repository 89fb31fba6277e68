"""Place a whole journey map: :func:`place_journey`.

Everything is measured and placed here, before any SVG: the heading, the stage
headers, the lanes with their cards, the emotion lane and the legend. The map
grows (taller lanes, more columns) to fit its content and never shrinks text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cjm_site.model import Journey, Settings
from cjm_site.svg.cards import Frame, cell_cards, icon_top, lane_present
from cjm_site.svg.geometry import emotion_value, signed
from cjm_site.svg.layout import (
    LANES,
    Card,
    EmotionLane,
    EmotionPoint,
    Icon,
    Label,
    Lane,
    LegendItem,
    MapLayout,
    StageHeader,
)
from cjm_site.svg.style import MapStyle
from cjm_site.svg.text import measure
from cjm_site.vocabulary import KIND_LABELS, STATUS_LABELS, current, text
from cjm_site.vocabulary import label as label_of

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
    frame: Frame, journey: Journey, columns: Sequence[float], top: float
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


# --- the whole map ----------------------------------------------------------


def journey_facts(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """One line of facts under the title: kind, personas, stages, evidence, dates.

    ``persona_names`` are the personas' display names (the ids when not given).
    """
    words = current()
    facts = [KIND_LABELS.get(journey.kind, journey.kind)]
    who = tuple(persona_names) or journey.persona_ids
    if who:
        facts.append(words.plural("map.personas", len(who), names=", ".join(who)))
    facts.append(words.plural("count.stages", len(journey.stages)))
    if journey.owner:
        facts.append(words.text("map.owner", owner=journey.owner))
    if journey.evidence:
        evidence = words.of("evidence", journey.evidence, journey.evidence.capitalize())
        facts.append(words.text("map.evidence", evidence=evidence))
    if journey.updated:
        facts.append(words.text("map.updated", date=words.date(journey.updated)))
    return " · ".join(facts)


def _heading(
    frame: Frame, journey: Journey, width: float, persona_names: Sequence[str]
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
    frame: Frame, journey: Journey, settings: Settings, columns: Sequence[float], top: float
) -> tuple[list[StageHeader], float]:
    style, tip = frame.style, 12
    width = style.column_width - 4
    text_width_ = width - 2 * tip - 14
    measured = []
    for number, stage in enumerate(journey.stages, start=1):
        # A step number to point at ("stage 3"), with the spine phase when there is one.
        phase_name = settings.spine_name(stage.phase) if stage.phase else None
        kicker = f"{number} · {phase_name}" if phase_name else text("map.stage-number", n=number)
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
    frame: Frame,
    cards: Sequence[Card],
    emotion: EmotionLane | None,
    top: float,
    right: float,
) -> tuple[Label | None, list[LegendItem], float]:
    style = frame.style
    kinds = {icon.kind for card in cards for icon in card.icons}
    entries: list[tuple[str, float, str]] = []
    for moment in ("pain", "delight", "truth"):
        if moment in kinds:
            entries.append((moment, 12, label_of(f"icon.{moment}")))
    if any(kind.startswith("priority-") for kind in kinds):
        entries.append(("priority-high", 14, label_of("map.legend-priority")))
    # The pill and the dashed card explain themselves only to someone who knows.
    if any(kind.startswith("status-") for kind in kinds):
        words = ", ".join(STATUS_LABELS[k] for k in ("idea", "planned", "in-progress", "done"))
        entries.append(("status-planned", 26, text("map.legend-status", statuses=words)))
    if any(card.kind == "backstage" for card in cards):
        entries.append(("backstage", 26, label_of("map.legend-backstage")))
    if emotion and emotion.points:
        entries.append(("emotion", 44, label_of("map.legend-emotion")))
    if emotion and emotion.aspirations:
        entries.append(("aspiration", 44, label_of("map.legend-aspiration")))
    if not entries or not style.show_legend:
        return None, [], top
    left = style.margin + style.label_width + style.column_gap / 2
    title = frame.label(
        label_of("map.legend"),
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
            LegendItem(Icon(kind, x, icon_top(label, icon_height), icon_width, icon_height), label)
        )
        row_bottom = max(row_bottom, label.bottom, icon_top(label, icon_height) + icon_height)
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


def _visibility(frame: Frame, top: float) -> tuple[tuple[float, Label], float]:
    """The labelled line of visibility in a row from ``top``; return it and the row's bottom."""
    style = frame.style
    width = style.label_width - 28
    block = measure(label_of("map.line-of-visibility"), width, style.small_size, style, bold=True)
    half = max(18.0, block.height / 2 + 6)
    label = Label(block, style.margin + 14, top + half - block.height / 2, width, "visibility")
    return (top + half, label), top + 2 * half


def _body(frame: Frame, journey: Journey, columns: Sequence[float], top: float) -> _Body:
    style = frame.style
    lanes: list[Lane] = []
    cards: list[Card] = []
    emotion: EmotionLane | None = None
    visibility: tuple[float, Label] | None = None
    y = top
    for key, words in LANES:
        if not lane_present(key, journey):
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
            cells = [cell_cards(frame, key, stage) for stage in journey.stages]
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
    frame = Frame(style, settings)
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
