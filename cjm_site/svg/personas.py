"""Several personas on one map: a curve per persona, initials on their cards, a legend.

Each persona gets a look of its own, told apart without colour: a colour, a
dash pattern and a marker shape (:data:`cjm_site.voices.MARKERS`). The faces sit
side by side in each column; the feeling words follow under the scale, one row
per persona, each after the persona's marker and initials.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from cjm_site.model import Journey, Stage
from cjm_site.svg.cards import Frame, icon_top
from cjm_site.svg.geometry import emotion_value, num, signed
from cjm_site.svg.layout import Card, EmotionLane, EmotionPoint, Icon, Label, PersonaSeries
from cjm_site.svg.pieces import box, draw_face, draw_label, draw_runs
from cjm_site.svg.text import measure
from cjm_site.svg.writer import SvgWriter
from cjm_site.vocabulary import label as vocabulary_label
from cjm_site.vocabulary import text
from cjm_site.voices import DASHES, MARKERS, STYLES, initials, voiced_personas

_MARK = 5.0
"""Half the size of a persona's marker."""


def persona_chips(journey: Journey, names: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    """(id, display name, initials) of each persona drawn on its own; none on most maps."""
    voiced = voiced_personas(journey, ("emotion", "feeling", "thoughts", "actions", "aspiration"))
    if not voiced:
        return ()
    shown = tuple(names) if len(names) == len(voiced) else voiced
    return tuple(zip(voiced, shown, initials(shown), strict=True))


def look(index: int) -> int:
    return index % STYLES


# --- placing ---------------------------------------------------------------


def place_series(
    frame: Frame, journey: Journey, lane: EmotionLane, top: float, height: float
) -> tuple[EmotionLane, float]:
    """The emotion lane with a curve per persona instead of one; return it and its height."""
    chips = frame.personas
    if not any(s.personal("emotion") or s.personal("feeling") for s in journey.stages):
        return lane, height
    style = frame.style
    radius = lane.face_radius
    count = len(chips)
    step = min(2 * radius + 4, (style.column_width - style.column_gap - 2 * radius) / count)
    width = frame.card_width - 8
    row_top = lane.bottom + radius + 8
    series: list[PersonaSeries] = []
    for index, (persona, name, chip) in enumerate(chips):
        offset = (index - (count - 1) / 2) * step
        points, feelings, row_bottom = [], [], row_top
        for column, stage in enumerate(journey.stages):
            centre = lane.left + column * style.column_width + style.column_width / 2
            value = emotion_value(stage.value_for("emotion", persona))
            if value is not None:
                points.append(EmotionPoint(column, centre + offset, lane.y_of(value), value, None))
            feeling = stage.value_for("feeling", persona)
            if feeling:
                left = centre - width / 2
                block = measure(f"{chip}: {feeling}", width - 16, style.small_size, style)
                feelings.append(Label(block, left + 16, row_top, width - 16, "feeling"))
                row_bottom = max(row_bottom, row_top + block.height)
        series.append(
            PersonaSeries(look(index), persona, name, chip, tuple(points), tuple(feelings))
        )
        if feelings:
            row_top = row_bottom + 6
    lane = replace(lane, points=(), loose_feelings=(), series=tuple(series))
    return lane, max(height, row_top + style.lane_padding - top)


def persona_cards(frame: Frame, key: str, stage: Stage) -> list[Card]:
    """The cards of a lane written per persona: each item after its persona's initials."""
    looks = {persona: (index, chip) for index, (persona, _, chip) in enumerate(frame.personas)}
    field = "actions" if key == "actions" else "thoughts"
    kind = "action" if key == "actions" else "thought"
    cards = []
    for voice in stage.voices:
        if voice.field != field or voice.persona not in looks:
            continue
        index, chip = looks[voice.persona]
        for item in voice.value:
            cards.append(_chip_card(frame, kind, chip, look(index), item))
    return cards


def _chip_card(frame: Frame, kind: str, chip: str, index: int, text: str) -> Card:
    style, pad = frame.style, frame.style.card_padding
    tag = measure(chip, 60, style.small_size, style, bold=True)
    chip_width = tag.width + 10
    role = "thought" if kind == "thought" else "body"
    body = Label(
        measure(text, frame.inner - chip_width - 6, style.font_size, style),
        pad + chip_width + 6,
        pad,
        frame.inner - chip_width - 6,
        role,
    )
    tag_label = Label(tag, pad + 5, icon_top(body, tag.height), tag.width + 1, "persona-chip")
    icon = Icon(f"persona-chip-{index}", pad, tag_label.y - 2, chip_width, tag.height + 4)
    bottom = max(body.bottom, icon.y + icon.height)
    tail = 8 if kind == "thought" else 0
    return Card(kind, 0, 0, frame.card_width, bottom + pad + tail, (body, tag_label), (icon,))


def legend_entries(
    emotion: EmotionLane | None, hypothesis: bool = False
) -> list[tuple[str, float, str]]:
    """(icon kind, icon width, words) for each persona's curve, and the hatching."""
    entries = []
    if emotion is not None:
        words = vocabulary_label("legend.persona-curve")
        entries += [
            (f"persona-{s.index}", 44.0, words.format(name=s.name, chip=s.chip))
            for s in emotion.series
        ]
    if hypothesis:
        entries.append(("hatch", 26.0, vocabulary_label("legend.hatch")))
    return entries


# --- drawing ---------------------------------------------------------------


def draw_series(writer: SvgWriter, group: Any, lane: EmotionLane, journey: Journey) -> None:
    """Each persona's curve, faces with their marker, and feeling words."""
    for series in lane.series:
        css = f"cjm-persona-curve cjm-persona-{series.index}"
        attributes = {"class": css}
        if DASHES[series.index]:
            attributes["stroke-dasharray"] = DASHES[series.index]
        draw_runs(writer, group, list(series.points), attributes)
    for series in lane.series:
        for point in series.points:
            stage = journey.stages[point.stage]
            face = writer.add(group, "g", {"class": f"cjm-face-group cjm-persona-{series.index}"})
            feeling = stage.value_for("feeling", series.persona)
            words = f"{feeling}, " if feeling else ""
            who = f"{stage.name}: {series.name} ({series.chip})"
            writer.title(
                face, text("map.face-title", stage=who, feeling=words, value=signed(point.value))
            )
            draw_face(writer, face, point.x, point.y, point.value, lane.face_radius)
            r = lane.face_radius
            draw_marker(writer, face, series.index, point.x + r * 0.8, point.y - r * 0.8)
        for label in series.feelings:
            draw_marker(
                writer, group, series.index, label.x - 9, icon_top(label, 2 * _MARK) + _MARK
            )
            draw_label(writer, group, label)


def _hatch(icon: Icon) -> str:
    parts = []
    x = icon.x
    while x < icon.x + icon.width:
        top = min(icon.height, icon.x + icon.width - x)
        parts.append(f"M{num(x)},{num(icon.y + icon.height)}l{num(top)},{num(-top)}")
        x += 5
    return "".join(parts)


def draw_marker(writer: SvgWriter, parent: Any, index: int, cx: float, cy: float) -> None:
    """The persona's marker shape, centred on ``cx``, ``cy``."""
    shape, r = MARKERS[index % len(MARKERS)], _MARK
    css = f"cjm-persona-mark cjm-persona-{index}"
    if shape == "circle":
        writer.add(parent, "circle", {"class": css, "cx": num(cx), "cy": num(cy), "r": num(r)})
        return
    if shape == "square":
        d = f"M{num(cx - r)},{num(cy - r)}h{num(2 * r)}v{num(2 * r)}h{num(-2 * r)}Z"
    elif shape == "triangle":
        d = f"M{num(cx)},{num(cy - r - 1)}L{num(cx + r + 1)},{num(cy + r)}H{num(cx - r - 1)}Z"
    elif shape == "diamond":
        d = (
            f"M{num(cx)},{num(cy - r - 1)}L{num(cx + r + 1)},{num(cy)}"
            f"L{num(cx)},{num(cy + r + 1)}L{num(cx - r - 1)},{num(cy)}Z"
        )
    elif shape == "cross":
        t = r / 2.5
        d = (
            f"M{num(cx - t)},{num(cy - r)}h{num(2 * t)}v{num(r - t)}h{num(r - t)}v{num(2 * t)}"
            f"h{num(t - r)}v{num(r - t)}h{num(-2 * t)}v{num(t - r)}h{num(t - r)}v{num(-2 * t)}"
            f"h{num(r - t)}Z"
        )
    else:
        d = f"M{num(cx - r)},{num(cy - r / 2)}h{num(2 * r)}v{num(r)}h{num(-2 * r)}Z"
    writer.add(parent, "path", {"class": css, "d": d})


def draw_persona_icon(writer: SvgWriter, parent: Any, icon: Icon) -> None:
    """A legend sample of a persona's curve or of the hatching, or the chip behind a
    card's initials."""
    if icon.kind == "hatch":
        writer.add(parent, "rect", box("cjm-lane-b", icon.x, icon.y, icon.width, icon.height))
        writer.add(parent, "path", {"class": "cjm-hatch", "d": _hatch(icon)})
        return
    if icon.kind.startswith("persona-chip-"):
        index = int(icon.kind.removeprefix("persona-chip-"))
        css = f"cjm-persona-chip cjm-persona-{index}"
        writer.add(parent, "rect", box(css, icon.x, icon.y, icon.width, icon.height, 4))
        return
    index = int(icon.kind.removeprefix("persona-"))
    group = writer.add(parent, "g", {"class": f"cjm-icon cjm-persona-{index}"})
    cy = icon.y + icon.height / 2
    attributes = {
        "class": f"cjm-persona-curve cjm-persona-{index}",
        "d": f"M{num(icon.x)},{num(cy)}H{num(icon.x + icon.width)}",
    }
    if DASHES[index]:
        attributes["stroke-dasharray"] = DASHES[index]
    writer.add(group, "path", attributes)
    draw_marker(writer, group, index, icon.x + icon.width / 2, cy)
