"""Place a whole journey map: :func:`place_journey`.

Everything is measured and placed here, before any SVG: the heading, the stage
headers, the lanes with their cards, the emotion lane and the legend. The map
grows (taller lanes, more columns) to fit its content and never shrinks text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cjm_site.lanes import map_lanes
from cjm_site.model import Journey, Settings
from cjm_site.svg.blueprint import BlueprintLine, place_line
from cjm_site.svg.cards import Frame, cell_cards, icon_top, lane_present
from cjm_site.svg.geometry import emotion_value, signed
from cjm_site.svg.layout import (
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
from cjm_site.svg.personas import legend_entries, persona_chips, place_series
from cjm_site.svg.phases import hatch_area, place_bands
from cjm_site.svg.storyboard import Picture, cell_pictures
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


def blueprint_entries(body: _Body) -> list[tuple[str, float, str]]:
    """Legend entries for the blueprint's lines and the storyboard, as on the map."""
    kinds = {line.kind for line in body.lines}
    if body.visibility is not None:
        kinds.add("visibility")
    entries: list[tuple[str, float, str]] = [
        (f"line-{kind}", 44.0, label_of(f"legend.{kind}"))
        for kind in ("interaction", "visibility", "internal")
        if kind in kinds
    ]
    if body.pictures:
        entries.append(("picture", 26.0, label_of("legend.storyboard")))
    return entries


# --- the whole map ----------------------------------------------------------


def map_facts(
    journey: Journey, persona_names: Sequence[str] = (), *, stages: bool = True
) -> list[str]:
    """Kind, personas, (the number of stages,) owner and evidence, as the map's facts
    and the standalone file's title block show them; the dates are each one's own.

    ``persona_names`` are the personas' display names (the ids when not given).
    """
    words = current()
    facts = [KIND_LABELS.get(journey.kind, journey.kind)]
    who = tuple(persona_names) or journey.persona_ids
    if who:
        facts.append(words.plural("map.personas", len(who), names=", ".join(who)))
    if stages:
        facts.append(words.plural("count.stages", len(journey.stages)))
    if journey.owner:
        facts.append(words.text("map.owner", owner=journey.owner))
    if journey.evidence:
        evidence = words.of("evidence", journey.evidence, journey.evidence.capitalize())
        facts.append(words.text("map.evidence", evidence=evidence))
    return facts


def journey_facts(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """One line of facts under the title: kind, personas, stages, evidence, dates."""
    words = current()
    facts = map_facts(journey, persona_names)
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
    if journey.evidence == "hypothesis":
        # Said in words as well as by the hatching over the lanes.
        words = label_of("map.hypothesis")
        labels.append(
            frame.label(
                words, x, facts.bottom + 6, width, "hypothesis", size=style.font_size, bold=True
            )
        )
    if journey.scenario:
        labels.append(
            frame.label(
                journey.scenario,
                x,
                labels[-1].bottom + 6,
                min(width, 860),
                "body",
                size=style.font_size,
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
        # The phase is the band above (svg/phases.py): every header says "Stage N".
        kicker = text("map.stage-number", n=number)
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


LEGEND_ITEMS_WIDTH = 900.0
"""The legend's items wrap within this width, from the first stage column: at the
top of the map they are seen whole before any scrolling (and print as one piece)."""


def _legend_entries(
    cards: Sequence[Card],
    emotion: EmotionLane | None,
    more: Sequence[tuple[str, float, str]] = (),
    hypothesis: bool = False,
) -> list[tuple[str, float, str]]:
    """What the legend explains (icon kind, icon width, words): only what the map shows;
    ``more`` are the blueprint's lines and the storyboard (:func:`blueprint_entries`)."""
    kinds = {icon.kind for card in cards for icon in card.icons}
    entries: list[tuple[str, float, str]] = []
    if emotion and emotion.points:
        entries.append(("emotion", 44, label_of("map.legend-emotion")))
    if emotion and emotion.aspirations:
        entries.append(("aspiration", 44, label_of("map.legend-aspiration")))
    entries.extend(legend_entries(emotion, hypothesis))
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
    entries.extend(more)
    return entries


def _legend(
    frame: Frame,
    entries: Sequence[tuple[str, float, str]],
    top: float,
    right: float,
) -> tuple[Label | None, list[LegendItem], float]:
    """The legend's title in the label column and its items in rows from ``top``,
    above the stage headers, where the reader meets the markers; returns its bottom."""
    style = frame.style
    if not entries or not style.show_legend:
        return None, [], top
    left = style.margin + style.label_width + style.column_gap / 2
    right = min(right, left + LEGEND_ITEMS_WIDTH)
    title = frame.label(
        label_of("map.legend"),
        style.margin + 14,
        top,
        style.label_width - 28,
        "lane",
        size=style.lane_size,
        bold=True,
    )
    items = []
    x, y, row_bottom = left, top, top
    for kind, icon_width, words in entries:
        block = measure(words, right - left - icon_width - 8, style.small_size, style)
        span = icon_width + 8 + block.width
        if x > left and x + span > right:
            x, y = left, row_bottom + 8
        text = Label(block, x + icon_width + 8, y, block.width + 1, "legend")
        icon_height = 16 if kind in ("emotion", "aspiration") else 12
        items.append(
            LegendItem(Icon(kind, x, icon_top(text, icon_height), icon_width, icon_height), text)
        )
        row_bottom = max(row_bottom, text.bottom, icon_top(text, icon_height) + icon_height)
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
    lines: tuple[BlueprintLine, ...] = ()
    pictures: tuple[Picture, ...] = ()


def _visibility(frame: Frame, top: float) -> tuple[tuple[float, Label], float]:
    """The labelled line of visibility in a row from ``top``; return it and the row's bottom."""
    style = frame.style
    width = style.label_width - 28
    block = measure(label_of("map.line-of-visibility"), width, style.small_size, style, bold=True)
    half = max(18.0, block.height / 2 + 6)
    label = Label(block, style.margin + 14, top + half - block.height / 2, width, "visibility")
    return (top + half, label), top + 2 * half


def _pictures(
    frame: Frame, journey: Journey, columns: Sequence[float], top: float
) -> tuple[list[Picture], float]:
    """The storyboard's thumbnails placed from ``top``; and the lane's content height."""
    style = frame.style
    placed: list[Picture] = []
    content = 0.0
    for column, stage in zip(columns, journey.stages, strict=False):
        cell = cell_pictures(frame, journey, stage.images)
        x = column + style.column_gap / 2
        placed += [replace(p, x=x, y=top + p.y) for p in cell]
        if cell:
            content = max(content, cell[-1].bottom)
    return placed, content


def _body(
    frame: Frame, journey: Journey, columns: Sequence[float], top: float, settings: Settings
) -> _Body:
    style = frame.style
    lanes: list[Lane] = []
    cards: list[Card] = []
    emotion: EmotionLane | None = None
    visibility: tuple[float, Label] | None = None
    lines: list[BlueprintLine] = []
    pictures: list[Picture] = []
    y = top
    for lane_def in map_lanes(settings, journey.kind):
        key, words = lane_def.key, lane_def.label
        if not lane_present(key, journey):
            continue
        if key == "backstage":
            visibility, y = _visibility(frame, y)
        elif lane_def.line is not None:
            line, y = place_line(frame, lane_def.line, y)
            lines.append(line)
        # The emotion lane's label leaves room for the scale's numbers.
        label_width = style.label_width - 28 - (44 if key == "emotion" else 0)
        title = frame.label(
            words,
            style.margin + 14,
            y + style.lane_padding,
            label_width,
            "lane",
            size=style.lane_size,
            bold=True,
        )
        if key == "emotion":
            emotion, height = _emotion_lane(frame, journey, columns, y)
            if frame.personas:
                emotion, height = place_series(frame, journey, emotion, y, height)
        elif key == "images":
            placed, content = _pictures(frame, journey, columns, y + style.lane_padding)
            pictures += placed
            height = content + 2 * style.lane_padding
        else:
            cells = frame.cells.get(key)
            if cells is None:  # unplaced cards do not depend on ``top``: measured once
                cells = [cell_cards(frame, key, stage) for stage in journey.stages]
                frame.cells[key] = cells
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
                    # Card(...) rather than replace(): the same value, made several
                    # times faster (a map places a hundred cards).
                    cards.append(
                        Card(card.kind, x, card_y, card.width, tall, card.labels, card.icons)
                    )
                    card_y += card.height + style.card_gap
        height = max(height, title.block.height + 2 * style.lane_padding)
        lanes.append(Lane(key, title, y, height))
        y += height
    return _Body(tuple(lanes), tuple(cards), emotion, visibility, y, tuple(lines), tuple(pictures))


def place_journey(
    journey: Journey, settings: Settings, style: MapStyle, persona_names: Sequence[str] = ()
) -> MapLayout:
    """Measure and place everything on the map of ``journey``."""
    frame = Frame(style, settings, persona_chips(journey, persona_names))
    count = max(1, len(journey.stages))
    first = style.margin + style.label_width
    columns = tuple(float(first + i * style.column_width) for i in range(count))
    grid_left, grid_right = float(style.margin), float(first + count * style.column_width)
    heading: list[Label] = []
    y = float(style.margin)
    if style.show_title:
        heading, y = _heading(frame, journey, grid_right - grid_left, persona_names)
    # The legend goes above the stage headers; what it lists depends on the
    # placed cards, so the lanes are placed once more below it when there is one.
    entries: list[tuple[str, float, str]] = []
    if style.show_legend:
        draft = _body(frame, journey, columns, 0.0, settings)
        entries = _legend_entries(
            draft.cards,
            draft.emotion,
            blueprint_entries(draft),
            hypothesis=journey.evidence == "hypothesis",
        )
    legend_title, legend, legend_bottom = _legend(frame, entries, y, grid_right)
    if legend:
        y = legend_bottom + 18
    bands, y = place_bands(frame, journey, columns, y)
    headers, y = _headers(frame, journey, settings, columns, y)
    body = _body(frame, journey, columns, y + 8, settings)
    y = body.bottom
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
        bands=bands,
        hatch=hatch_area(journey, body.lanes, columns[0], grid_right),
        lines=body.lines,
        pictures=body.pictures,
    )
