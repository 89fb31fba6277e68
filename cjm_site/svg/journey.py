"""Write a journey map as SVG: :func:`draw_journey`.

Everything is measured and placed first (:func:`cjm_site.svg.place.place_journey`);
this module only turns that layout into elements through the one writer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cjm_site.model import Journey, Settings
from cjm_site.svg.blueprint import draw_lines
from cjm_site.svg.colours import map_stylesheet
from cjm_site.svg.describe import describe_journey
from cjm_site.svg.geometry import monotone_curve, num, signed
from cjm_site.svg.layout import Card, EmotionLane, MapLayout, StageHeader
from cjm_site.svg.personas import draw_series
from cjm_site.svg.phases import draw_bands, draw_hatch
from cjm_site.svg.pieces import box, diamond, draw_face, draw_icon, draw_label, draw_runs
from cjm_site.svg.place import place_journey
from cjm_site.svg.storyboard import draw_pictures
from cjm_site.svg.style import MapStyle
from cjm_site.svg.writer import SvgWriter
from cjm_site.vocabulary import current, text

STYLESHEET = map_stylesheet()
"""The map's CSS, colours as tokens with the light palette as fallback."""

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def draw_journey(
    journey: Journey,
    settings: Settings,
    *,
    id_prefix: str,
    style: MapStyle = MapStyle(),  # noqa: B008 - a frozen value, safe as a default
    standalone: bool = False,
    persona_names: Sequence[str] = (),
    picture_base: str | None = None,
) -> str:
    """SVG text for the whole map.

    Inline in an HTML page when ``standalone`` is false (no XML declaration), a
    complete ``.svg`` file when true. Every id starts with ``id_prefix``.
    ``picture_base`` is the way from the map's page to the docs root: with it, the
    storyboard's pictures link to themselves (see :mod:`cjm_site.svg.storyboard`).
    """
    if not _PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix must be a letter then letters, digits, - or _; got {id_prefix!r}"
        )
    layout = place_journey(journey, settings, style, persona_names)
    attributes = {
        "viewBox": f"0 0 {num(layout.width)} {num(layout.height)}",
        "class": "cjm-journey-map",
        "role": "img",
        "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
        "font-family": "sans-serif",
        "id": f"{id_prefix}-map",
        **_geometry(layout),
    }
    if current().rtl:
        # A right-to-left page (dir="rtl") would turn every text-anchor around;
        # the map is laid out left to right, and each text still runs in its own
        # direction inside it (the bidi algorithm orders Arabic or Hebrew words).
        attributes["direction"] = "ltr"
    writer = SvgWriter(layout.width, layout.height, attributes)
    root = writer.root
    writer.title(root, journey.title, {"id": f"{id_prefix}-title"})
    writer.add(root, "desc", {"id": f"{id_prefix}-desc"}, describe_journey(journey, persona_names))
    writer.style(STYLESHEET)
    writer.add(root, "rect", box("cjm-bg", 0, 0, layout.width, layout.height))
    _draw_lanes(writer, root, layout, id_prefix)
    if layout.hatch:
        draw_hatch(writer, root, layout.hatch)
    draw_bands(writer, root, layout.bands)
    if layout.lines:
        draw_lines(
            writer, root, layout.lines, layout.grid_left, layout.columns[0], layout.grid_right
        )
    for header in layout.headers:
        _draw_header(writer, root, header, id_prefix)
    cards = writer.add(root, "g", {"class": "cjm-cards"})
    for card in layout.cards:
        _draw_card(writer, cards, card)
    draw_pictures(writer, root, layout.pictures, picture_base)
    if layout.emotion:
        _draw_emotion(writer, root, layout.emotion, journey)
    if layout.legend:
        _draw_legend(writer, root, layout, id_prefix)
    for label in layout.heading:
        draw_label(writer, root, label)
    return writer.tostring(standalone=standalone)


def _geometry(layout: MapLayout) -> dict[str, str]:
    """Where the label column, stage headers and columns are, in map units.

    The page reads these (no second layout): the print view repeats the label
    column beside each group of stages, and the script keeps the labels and
    headers in view while the map scrolls. The standalone file drops them.
    """
    if not layout.headers or not layout.lanes:
        return {}
    head = layout.headers[0]
    bottom = layout.lanes[-1].y + layout.lanes[-1].height
    # The phase bands go with the headers they stand over (repeated in print, kept in view).
    top = layout.bands[0].y if layout.bands else head.y
    rows = (top, head.y + head.height, *(lane.y for lane in layout.lanes), bottom)
    return {
        "data-cjm-columns": " ".join(num(x) for x in (*layout.columns, layout.grid_right)),
        # The stage headers' top and bottom, each lane's top, the last lane's bottom.
        "data-cjm-rows": " ".join(num(y) for y in rows),
    }


def _draw_lanes(writer: SvgWriter, root: Any, layout: MapLayout, id_prefix: str) -> None:
    lanes = writer.add(root, "g", {"class": "cjm-lanes"})
    left, right = layout.grid_left, layout.grid_right
    for top, bottom in _runs(layout):
        # One rect behind the labels of lanes that touch: the same picture as a
        # rect per lane (the line of visibility's row breaks a run).
        head = box("cjm-lane-head", left, top, layout.columns[0] - left, bottom - top)
        writer.add(lanes, "rect", head)
    for index, lane in enumerate(layout.lanes):
        group = writer.add(lanes, "g", {"id": f"{id_prefix}-lane-{lane.key}"})
        band = "cjm-lane-a" if index % 2 == 0 else "cjm-lane-b"
        x = layout.columns[0]
        writer.add(group, "rect", box(band, x, lane.y, right - x, lane.height))
        draw_label(writer, group, lane.title)
    if layout.lanes:
        top = layout.lanes[0].y
        bottom = layout.lanes[-1].y + layout.lanes[-1].height
        # Every rule in one path: each lane's top, the column edges, the bottom.
        rules = "".join(f"M{num(left)},{num(lane.y)}H{num(right)}" for lane in layout.lanes)
        rules += "".join(f"M{num(x)},{num(top)}V{num(bottom)}" for x in (*layout.columns, right))
        rules += f"M{num(left)},{num(bottom)}H{num(right)}"
        writer.add(lanes, "path", {"class": "cjm-rule", "d": rules})
    if layout.visibility:
        y, label = layout.visibility
        group = writer.add(lanes, "g", {"class": "cjm-visibility-line"})
        writer.add(group, "rect", box("cjm-bg", left, y - 12, right - left, 24))
        line = f"M{num(layout.columns[0])},{num(y)}H{num(right)}"
        writer.add(group, "path", {"class": "cjm-visibility", "d": line})
        draw_label(writer, group, label)


def _runs(layout: MapLayout) -> list[tuple[float, float]]:
    """Top and bottom of each run of lanes that touch."""
    runs: list[tuple[float, float]] = []
    for lane in layout.lanes:
        if runs and runs[-1][1] == lane.y:
            runs[-1] = (runs[-1][0], lane.y + lane.height)
        else:
            runs.append((lane.y, lane.y + lane.height))
    return runs


def _draw_header(writer: SvgWriter, root: Any, header: StageHeader, id_prefix: str) -> None:
    group = writer.add(root, "g", {"class": "cjm-stage", "id": f"{id_prefix}-stage-{header.index}"})
    x, y, w, h, tip = header.x, header.y, header.width, header.height, 12
    notch = f"L{num(x + tip)},{num(y + h / 2)}" if header.index > 1 else ""
    shape = (
        f"M{num(x)},{num(y)}H{num(x + w - tip)}L{num(x + w)},{num(y + h / 2)}"
        f"L{num(x + w - tip)},{num(y + h)}H{num(x)}{notch}Z"
    )
    writer.add(group, "path", {"class": "cjm-stage-shape", "d": shape})
    draw_label(writer, group, header.phase)
    draw_label(writer, group, header.name)


def _bubble(width: float, height: float) -> str:
    """A rounded speech bubble whose tail points down from the bottom left."""
    body, r = height - 8, 8.0
    return (
        f"M{num(r)},0H{num(width - r)}Q{num(width)},0 {num(width)},{num(r)}"
        f"V{num(body - r)}Q{num(width)},{num(body)} {num(width - r)},{num(body)}"
        f"H30L16,{num(height)}L20,{num(body)}H{num(r)}Q0,{num(body)} 0,{num(body - r)}"
        f"V{num(r)}Q0,0 {num(r)},0Z"
    )


def _draw_card(writer: SvgWriter, parent: Any, card: Card) -> None:
    group = writer.add(
        parent,
        "g",
        {
            "class": f"cjm-item-{card.kind}",
            "transform": f"translate({num(card.x)} {num(card.y)})",
        },
    )
    css = f"cjm-card cjm-card-{card.kind}"
    if card.kind == "thought":
        writer.add(group, "path", {"class": css, "d": _bubble(card.width, card.height)})
    else:
        writer.add(group, "rect", box(css, 0, 0, card.width, card.height, 6))
    for icon in card.icons:
        draw_icon(writer, group, icon)
    for label in card.labels:
        draw_label(writer, group, label)


def _draw_emotion(writer: SvgWriter, root: Any, lane: EmotionLane, journey: Journey) -> None:
    group = writer.add(root, "g", {"class": "cjm-emotion"})
    _draw_scale(writer, group, lane)
    _draw_aspirations(writer, group, lane, journey)
    if lane.series:
        draw_series(writer, group, lane, journey)
    if len(lane.points) > 1:
        curve = monotone_curve([(p.x, p.y) for p in lane.points])
        writer.add(group, "path", {"class": "cjm-curve", "d": curve})
    for point in lane.points:
        stage = journey.stages[point.stage]
        face = writer.add(group, "g", {"class": "cjm-face-group"})
        feeling = f"{stage.feeling}, " if stage.feeling else ""
        writer.title(
            face,
            text("map.face-title", stage=stage.name, feeling=feeling, value=signed(point.value)),
        )
        draw_face(writer, face, point.x, point.y, point.value, lane.face_radius)
        if point.feeling:
            draw_label(writer, group, point.feeling)
    for label in lane.loose_feelings:
        draw_label(writer, group, label)


def _draw_scale(writer: SvgWriter, group: Any, lane: EmotionLane) -> None:
    """The positive and negative bands, a rule per whole value (zero stronger), the values."""
    zero = lane.y_of(0)
    width = lane.right - lane.left
    writer.add(group, "rect", box("cjm-band-positive", lane.left, lane.top, width, zero - lane.top))
    writer.add(group, "rect", box("cjm-band-negative", lane.left, zero, width, lane.bottom - zero))
    left, right = num(lane.left), num(lane.right)
    rules = "".join(f"M{left},{num(y)}H{right}" for value, y, _ in lane.scale if value != 0)
    writer.add(group, "path", {"class": "cjm-rule", "d": rules})
    writer.add(group, "path", {"class": "cjm-zero", "d": f"M{left},{num(zero)}H{right}"})
    for _, _, label in lane.scale:
        draw_label(writer, group, label)


def _draw_aspirations(writer: SvgWriter, group: Any, lane: EmotionLane, journey: Journey) -> None:
    """The dashed aspiration curve and a small hollow diamond per aspiration.

    Drawn before the emotion curve and the faces, so a face always shows whole.
    Where the aim is about what is felt (the diamond would sit on the face), the
    diamond moves beside the face at the aim's height rather than box it in:
    a frame around a face read as a selection or a rendering fault.
    """
    # The curve runs only between neighbouring stages that both have an aspiration.
    draw_runs(writer, group, list(lane.aspirations), {"class": "cjm-aspiration"})
    faces = {p.stage: p for p in lane.points}
    for point in lane.aspirations:
        face = faces.get(point.stage)
        x, words = point.x, ""
        if face is not None and abs(face.y - point.y) < lane.face_radius + 5:
            x, words = point.x + lane.face_radius + 8, text("map.as-felt")
        mark = writer.add(
            group, "path", {"class": "cjm-aspiration-mark", "d": diamond(x, point.y, 5)}
        )
        name = journey.stages[point.stage].name
        writer.title(
            mark, text("map.aspiration-title", stage=name, value=signed(point.value), note=words)
        )


def _draw_legend(writer: SvgWriter, root: Any, layout: MapLayout, id_prefix: str) -> None:
    group = writer.add(root, "g", {"class": "cjm-legend", "id": f"{id_prefix}-legend"})
    if layout.legend_title:
        draw_label(writer, group, layout.legend_title)
    for item in layout.legend:
        draw_icon(writer, group, item.icon)
        draw_label(writer, group, item.label)
