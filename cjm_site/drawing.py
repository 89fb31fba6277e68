"""Write a journey map as SVG: :func:`draw_journey`.

Everything is measured and placed first (:func:`cjm_site.layout.place_journey`);
this module only turns that layout into elements. User text reaches the SVG
only as element text and ``<title>`` text, which ElementTree escapes; the
``<style>`` element holds our own fixed stylesheet, never user text.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

import svgwrite  # type: ignore[import-untyped]

from cjm_site.escaping import clean_text
from cjm_site.layout import (
    KIND_LABELS,
    PRIORITY_LABELS,
    Card,
    EmotionLane,
    EmotionPoint,
    Icon,
    Label,
    MapLayout,
    MapStyle,
    StageHeader,
    emotion_value,
    monotone_curve,
    num,
    place_journey,
    signed,
)
from cjm_site.model import Journey, Settings, Stage

__all__ = ["STYLESHEET", "MapStyle", "describe_journey", "draw_journey"]

FONT_STACK = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif'
)

# Colours are CSS custom properties with the light scheme as fallback, so a
# standalone .svg looks right on its own and the site's map.css can switch
# them (Material's dark "slate" scheme). Fixed text: no user input ever.
STYLESHEET = (
    f"svg.cjm-journey-map{{font-family:{FONT_STACK}}}"
    ".cjm-journey-map .cjm-bg{fill:var(--cjm-bg,#ffffff)}"
    ".cjm-journey-map .cjm-lane-a{fill:var(--cjm-lane-a,#ffffff)}"
    ".cjm-journey-map .cjm-lane-b{fill:var(--cjm-lane-b,#f7f8fa)}"
    ".cjm-journey-map .cjm-lane-head{fill:var(--cjm-lane-head,#eef0f5)}"
    ".cjm-journey-map .cjm-rule{stroke:var(--cjm-rule,#dfe3ea);stroke-width:1;fill:none}"
    ".cjm-journey-map .cjm-zero{stroke:var(--cjm-muted,#596172);stroke-width:1;opacity:.55}"
    ".cjm-journey-map .cjm-visibility{stroke:var(--cjm-muted,#596172);stroke-width:1.5;"
    "stroke-dasharray:9 5;fill:none}"
    ".cjm-journey-map .cjm-stage-shape{fill:var(--cjm-stage,#e8eaf6);"
    "stroke:var(--cjm-stage-edge,#5c6bc0);stroke-width:1.5}"
    ".cjm-journey-map .cjm-card{stroke-width:1}"
    ".cjm-journey-map .cjm-card-goal{fill:var(--cjm-goal,#eef3fd);"
    "stroke:var(--cjm-goal-edge,#c5d5f2)}"
    ".cjm-journey-map .cjm-card-action{fill:var(--cjm-card,#ffffff);"
    "stroke:var(--cjm-card-edge,#cfd5df)}"
    ".cjm-journey-map .cjm-card-touchpoint{fill:var(--cjm-touch,#eaf4fb);"
    "stroke:var(--cjm-touch-edge,#b7d4ea)}"
    ".cjm-journey-map .cjm-card-thought{fill:var(--cjm-thought,#fff8e1);"
    "stroke:var(--cjm-thought-edge,#e3cd7d)}"
    ".cjm-journey-map .cjm-card-pain{fill:var(--cjm-pain,#fdeeee);"
    "stroke:var(--cjm-pain-edge,#ebb4b4)}"
    ".cjm-journey-map .cjm-card-opportunity{fill:var(--cjm-opportunity,#eaf6ee);"
    "stroke:var(--cjm-opportunity-edge,#a9d6b6)}"
    ".cjm-journey-map .cjm-card-metric{fill:var(--cjm-metric,#f4f0fb);"
    "stroke:var(--cjm-metric-edge,#d4c8ec)}"
    ".cjm-journey-map .cjm-card-backstage{fill:var(--cjm-backstage,#eff1f4);"
    "stroke:var(--cjm-backstage-edge,#c9cfd8);stroke-dasharray:4 3}"
    ".cjm-journey-map .cjm-t{fill:var(--cjm-ink,#1f2430)}"
    ".cjm-journey-map .cjm-t-muted,.cjm-journey-map .cjm-t-scale,.cjm-journey-map .cjm-t-phase,"
    ".cjm-journey-map .cjm-t-visibility,.cjm-journey-map .cjm-t-lane"
    "{fill:var(--cjm-muted,#596172)}"
    ".cjm-journey-map .cjm-t-stage{fill:var(--cjm-stage-ink,#1a237e)}"
    ".cjm-journey-map .cjm-t-thought{font-style:italic}"
    ".cjm-journey-map .cjm-t-feeling{font-style:italic;paint-order:stroke;"
    "stroke:var(--cjm-bg,#ffffff);stroke-width:4px;stroke-linejoin:round}"
    ".cjm-journey-map .cjm-mark{stroke:var(--cjm-ink,#1f2430);stroke-width:1;stroke-linejoin:round}"
    ".cjm-journey-map .cjm-mark-pain{fill:var(--cjm-mark-pain,#e53935)}"
    ".cjm-journey-map .cjm-mark-delight{fill:var(--cjm-mark-delight,#fbc02d)}"
    ".cjm-journey-map .cjm-mark-truth{fill:var(--cjm-mark-truth,#3f51b5)}"
    ".cjm-journey-map .cjm-bar-on{fill:var(--cjm-ink,#1f2430)}"
    ".cjm-journey-map .cjm-bar-off{fill:none;stroke:var(--cjm-muted,#596172);stroke-width:1}"
    ".cjm-journey-map .cjm-status{fill:var(--cjm-card,#ffffff);"
    "stroke:var(--cjm-opportunity-edge,#a9d6b6);stroke-width:1}"
    ".cjm-journey-map .cjm-status-in-progress{stroke-dasharray:3 2}"
    ".cjm-journey-map .cjm-status-done{fill:var(--cjm-opportunity-edge,#a9d6b6)}"
    ".cjm-journey-map .cjm-band-positive{fill:var(--cjm-positive,#2e7d32);opacity:.07}"
    ".cjm-journey-map .cjm-band-negative{fill:var(--cjm-negative,#c62828);opacity:.07}"
    ".cjm-journey-map .cjm-curve{fill:none;stroke:var(--cjm-curve,#3949ab);stroke-width:2.5;"
    "stroke-linecap:round;stroke-linejoin:round}"
    ".cjm-journey-map .cjm-aspiration{fill:none;stroke:var(--cjm-aspiration,#e65100);"
    "stroke-width:2;stroke-dasharray:7 5;stroke-linecap:round}"
    ".cjm-journey-map .cjm-aspiration-mark{fill:var(--cjm-bg,#ffffff);"
    "stroke:var(--cjm-aspiration,#e65100);stroke-width:2}"
    ".cjm-journey-map .cjm-aspiration-ring{fill:none;"
    "stroke:var(--cjm-aspiration,#e65100);stroke-width:2}"
    ".cjm-journey-map .cjm-face{stroke:var(--cjm-face-ink,#1f2430);stroke-width:1.5}"
    ".cjm-journey-map .cjm-face-good{fill:var(--cjm-face-good,#c8e6c9)}"
    ".cjm-journey-map .cjm-face-ok{fill:var(--cjm-face-ok,#fff1b8)}"
    ".cjm-journey-map .cjm-face-bad{fill:var(--cjm-face-bad,#ffcdd2)}"
    ".cjm-journey-map .cjm-face-eye{fill:var(--cjm-face-ink,#1f2430)}"
    ".cjm-journey-map .cjm-face-mouth{fill:none;stroke:var(--cjm-face-ink,#1f2430);"
    "stroke-width:1.8;stroke-linecap:round}"
)

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_ICON_TITLES: dict[str, str] = {
    "pain": "Pain point",
    "delight": "Delight",
    "truth": "Moment of truth",
    "emotion": "Emotion curve",
    "aspiration": "Aspiration curve",
    **{f"priority-{key}": words for key, words in PRIORITY_LABELS.items()},
}


class SvgText:
    """An element svgwrite writes out as given (our ``title``, ``desc`` and ``style``).

    Every drawing of this package uses it for text elements svgwrite has no class
    for; text is cleaned of control characters (XML forbids them) except our own CSS.
    """

    def __init__(self, tag: str, text: str, attributes: dict[str, str] | None = None) -> None:
        self.tag = tag
        # Text from the model was cleaned when read; again here, as XML forbids controls.
        self.text = text if tag == "style" else clean_text(text)
        self.attributes = attributes or {}

    def get_xml(self) -> ET.Element:
        element = ET.Element(self.tag, dict(sorted(self.attributes.items())))
        element.text = self.text
        return element


class _Writer:
    """Wraps the svgwrite drawing so every element shares its ``debug=False``."""

    def __init__(self, width: float, height: float) -> None:
        self.drawing: Any = svgwrite.Drawing(size=(num(width), num(height)), debug=False)

    def add(self, parent: Any, tag: str, attributes: dict[str, str], text: str = "") -> Any:
        factory = getattr(self.drawing, tag)
        element = factory(text) if tag in ("text", "tspan") else factory()
        element.attribs.clear()
        if tag == "path":
            # svgwrite writes a path's ``d`` from its command list.
            element.commands = [attributes["d"]]
        element.update(attributes)
        parent.add(element)
        return element


def describe_journey(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """A one-paragraph summary of the map for screen readers (the SVG's ``<desc>``)."""
    stages = journey.stages
    kind = KIND_LABELS.get(journey.kind, journey.kind)
    who = ""
    people = tuple(persona_names) or journey.persona_ids
    if people:
        noun = "persona" if len(people) == 1 else f"{len(people)} personas"
        who = f" for {noun} {', '.join(people)}"
    names = "; ".join(s.name for s in stages)
    parts = [f"{kind} map{who} in {len(stages)} stage{'s' if len(stages) != 1 else ''}: {names}."]
    values = [(s, emotion_value(s.emotion)) for s in stages]
    felt = [(s, v) for s, v in values if v is not None]
    if felt:
        low = min(felt, key=lambda pair: pair[1])
        high = max(felt, key=lambda pair: pair[1])

        def point(stage: Stage, value: float) -> str:
            words = f"{signed(value)}, {stage.feeling}" if stage.feeling else signed(value)
            return f"{stage.name} ({words})"

        if low[1] == high[1]:
            parts.append(f"Emotion stays at {signed(low[1])} on the scale −2 to +2.")
        else:
            parts.append(
                "On the emotion scale from −2 to +2 the lowest point is "
                f"{point(*low)} and the highest {point(*high)}."
            )
    aims = [emotion_value(s.aspiration) for s in stages]
    gaps = sum(
        1
        for (_, v), aim in zip(values, aims, strict=True)
        if v is not None and aim is not None and aim > v
    )
    if gaps:
        where = "1 stage" if gaps == 1 else f"{gaps} stages"
        parts.append(f"At {where} the feeling aimed for is above the current one.")
    counts = (
        (journey.pain_count, "pain point"),
        (journey.moments_of_truth, "moment of truth"),
        (sum(len(s.opportunities) for s in stages), "opportunity"),
    )
    listed = [f"{n} {word if n == 1 else _plural(word)}" for n, word in counts if n]
    if listed:
        parts.append(f"It shows {', '.join(listed)}.")
    if any(s.backstage for s in stages):
        parts.append("Backstage activities are listed below the line of visibility.")
    return " ".join(parts)


def _plural(word: str) -> str:
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word.replace("moment ", "moments ") if word.startswith("moment ") else word + "s"


def draw_journey(
    journey: Journey,
    settings: Settings,
    *,
    id_prefix: str,
    style: MapStyle = MapStyle(),  # noqa: B008 - a frozen value, safe as a default
    standalone: bool = False,
    persona_names: Sequence[str] = (),
) -> str:
    """SVG text for the whole map.

    Inline in an HTML page when ``standalone`` is false (no XML declaration), a
    complete ``.svg`` file when true. Every id starts with ``id_prefix``.
    """
    if not _PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix must be a letter then letters, digits, - or _; got {id_prefix!r}"
        )
    layout = place_journey(journey, settings, style, persona_names)
    writer = _Writer(layout.width, layout.height)
    root = writer.drawing
    root.elements.remove(root.defs)  # svgwrite's empty <defs>: nothing to define
    root.update(
        {
            "viewBox": f"0 0 {num(layout.width)} {num(layout.height)}",
            "class": "cjm-journey-map",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
            "font-family": "sans-serif",
        }
    )
    root.add(SvgText("title", journey.title, {"id": f"{id_prefix}-title"}))
    root.add(SvgText("desc", describe_journey(journey, persona_names), {"id": f"{id_prefix}-desc"}))
    root.add(SvgText("style", STYLESHEET))
    writer.add(root, "rect", _box("cjm-bg", 0, 0, layout.width, layout.height))
    _draw_lanes(writer, root, layout, id_prefix)
    for header in layout.headers:
        _draw_header(writer, root, header, id_prefix)
    cards = writer.add(root, "g", {"class": "cjm-cards"})
    for card in layout.cards:
        _draw_card(writer, cards, card)
    if layout.emotion:
        _draw_emotion(writer, root, layout.emotion, journey)
    if layout.legend:
        _draw_legend(writer, root, layout, id_prefix)
    for label in layout.heading:
        _draw_label(writer, root, label)
    text = str(root.tostring())
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
    return text


def _box(
    css: str, x: float, y: float, width: float, height: float, radius: float = 0
) -> dict[str, str]:
    box = {"class": css, "x": num(x), "y": num(y), "width": num(width), "height": num(height)}
    if radius:
        box["rx"] = num(radius)
    return box


def _draw_label(writer: _Writer, parent: Any, label: Label) -> None:
    """One ``<text>``, a ``<tspan>`` per wrapped line; right-to-left text hangs from the right."""
    block = label.block
    left = label.x
    attributes = {"class": f"cjm-t cjm-t-{label.role}", "font-size": str(block.size)}
    if label.align == "middle":
        x = left + label.width / 2
        attributes["text-anchor"] = "middle"
    elif (label.align == "end") != block.rtl:
        x = left + label.width
        if not block.rtl:
            attributes["text-anchor"] = "end"
    else:
        x = left
        if block.rtl:
            attributes["text-anchor"] = "end"
    if block.rtl:
        attributes["direction"] = "rtl"
    if block.bold:
        attributes["font-weight"] = "700"
    baseline = label.y + block.ascent
    attributes.update(x=num(x), y=num(baseline))
    single = len(block.lines) == 1
    text = writer.add(parent, "text", attributes, block.lines[0] if single else "")
    if block.full_text is not None:
        text.elements.insert(0, SvgText("title", block.full_text))
    if not single:
        for index, line in enumerate(block.lines):
            line_y = num(baseline + index * block.leading)
            writer.add(text, "tspan", {"x": num(x), "y": line_y}, line)


def _draw_lanes(writer: _Writer, root: Any, layout: MapLayout, id_prefix: str) -> None:
    lanes = writer.add(root, "g", {"class": "cjm-lanes"})
    left, right = layout.grid_left, layout.grid_right
    head_width = layout.columns[0] - left
    for index, lane in enumerate(layout.lanes):
        group = writer.add(lanes, "g", {"id": f"{id_prefix}-lane-{lane.key}"})
        band = "cjm-lane-a" if index % 2 == 0 else "cjm-lane-b"
        writer.add(group, "rect", _box(band, left, lane.y, right - left, lane.height))
        writer.add(group, "rect", _box("cjm-lane-head", left, lane.y, head_width, lane.height))
        writer.add(
            group, "path", {"class": "cjm-rule", "d": f"M{num(left)},{num(lane.y)}H{num(right)}"}
        )
        _draw_label(writer, group, lane.title)
    if layout.lanes:
        top = layout.lanes[0].y
        bottom = layout.lanes[-1].y + layout.lanes[-1].height
        rules = "".join(f"M{num(x)},{num(top)}V{num(bottom)}" for x in (*layout.columns, right))
        rules += f"M{num(left)},{num(bottom)}H{num(right)}"
        writer.add(lanes, "path", {"class": "cjm-rule", "d": rules})
    if layout.visibility:
        y, label = layout.visibility
        group = writer.add(lanes, "g", {"class": "cjm-visibility-line"})
        writer.add(group, "rect", _box("cjm-bg", left, y - 12, right - left, 24))
        line = f"M{num(layout.columns[0])},{num(y)}H{num(right)}"
        writer.add(group, "path", {"class": "cjm-visibility", "d": line})
        _draw_label(writer, group, label)


def _draw_header(writer: _Writer, root: Any, header: StageHeader, id_prefix: str) -> None:
    group = writer.add(root, "g", {"class": "cjm-stage", "id": f"{id_prefix}-stage-{header.index}"})
    x, y, w, h, tip = header.x, header.y, header.width, header.height, 12
    notch = f"L{num(x + tip)},{num(y + h / 2)}" if header.index > 1 else ""
    shape = (
        f"M{num(x)},{num(y)}H{num(x + w - tip)}L{num(x + w)},{num(y + h / 2)}"
        f"L{num(x + w - tip)},{num(y + h)}H{num(x)}{notch}Z"
    )
    writer.add(group, "path", {"class": "cjm-stage-shape", "d": shape})
    _draw_label(writer, group, header.phase)
    _draw_label(writer, group, header.name)


def _bubble(width: float, height: float) -> str:
    """A rounded speech bubble whose tail points down from the bottom left."""
    body, r = height - 8, 8.0
    return (
        f"M{num(r)},0H{num(width - r)}Q{num(width)},0 {num(width)},{num(r)}"
        f"V{num(body - r)}Q{num(width)},{num(body)} {num(width - r)},{num(body)}"
        f"H30L16,{num(height)}L20,{num(body)}H{num(r)}Q0,{num(body)} 0,{num(body - r)}"
        f"V{num(r)}Q0,0 {num(r)},0Z"
    )


def _draw_card(writer: _Writer, parent: Any, card: Card) -> None:
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
        writer.add(group, "rect", _box(css, 0, 0, card.width, card.height, 6))
    for icon in card.icons:
        _draw_icon(writer, group, icon)
    for label in card.labels:
        _draw_label(writer, group, label)


def _draw_icon(writer: _Writer, parent: Any, icon: Icon) -> None:
    x, y, w, h = icon.x, icon.y, icon.width, icon.height
    cx, cy = x + w / 2, y + h / 2
    if icon.kind.startswith("status-"):
        css = f"cjm-status cjm-{icon.kind}"
        writer.add(parent, "rect", _box(css, x, y, w, h, h / 2))
        return
    group = writer.add(parent, "g", {"class": f"cjm-icon cjm-icon-{icon.kind}"})
    if icon.kind in _ICON_TITLES:
        group.add(SvgText("title", _ICON_TITLES[icon.kind]))
    if icon.kind == "pain":
        d = _polygon([(cx, y - 0.5), (x + w + 0.5, y + h), (x - 0.5, y + h)])
        writer.add(group, "path", {"class": "cjm-mark cjm-mark-pain", "d": d})
    elif icon.kind == "delight":
        writer.add(
            group, "path", {"class": "cjm-mark cjm-mark-delight", "d": _star(cx, cy, h / 2 + 1)}
        )
    elif icon.kind == "truth":
        d = _polygon([(cx, y - 1), (x + w + 1, cy), (cx, y + h + 1), (x - 1, cy)])
        writer.add(group, "path", {"class": "cjm-mark cjm-mark-truth", "d": d})
    elif icon.kind.startswith("priority-"):
        level = ("low", "medium", "high").index(icon.kind.removeprefix("priority-")) + 1
        for bar in range(3):
            bar_h = h * (bar + 1) / 3
            css = "cjm-bar-on" if bar < level else "cjm-bar-off"
            writer.add(
                group, "rect", _box(css, x + bar * 5 + 0.5, y + h - bar_h + 0.5, 3.5, bar_h - 1)
            )
    elif icon.kind == "emotion":
        writer.add(
            group,
            "path",
            {
                "class": "cjm-curve",
                "d": f"M{num(x)},{num(cy + 4)}Q{num(cx)},{num(y - 6)} {num(x + w)},{num(cy + 4)}",
            },
        )
        _draw_face(writer, group, cx, cy - 1, 1.0, 7)
    elif icon.kind == "aspiration":
        writer.add(
            group, "path", {"class": "cjm-aspiration", "d": f"M{num(x)},{num(cy)}H{num(x + w)}"}
        )
        writer.add(group, "rect", _box("cjm-aspiration-mark", cx - 4.5, cy - 4.5, 9, 9))


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{num(x)},{num(y)}" for x, y in points) + "Z"


def _star(cx: float, cy: float, radius: float) -> str:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = math.pi / 5 * i - math.pi / 2
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return _polygon(points)


def _draw_face(
    writer: _Writer, parent: Any, cx: float, cy: float, value: float, radius: float
) -> None:
    """A face whose mouth curves with the value: smile, straight or frown."""
    mood = "good" if value >= 0.5 else "bad" if value <= -0.5 else "ok"
    scale = radius / 13
    writer.add(
        parent,
        "circle",
        {"class": f"cjm-face cjm-face-{mood}", "cx": num(cx), "cy": num(cy), "r": num(radius)},
    )
    for side in (-1, 1):
        eye = {
            "class": "cjm-face-eye",
            "cx": num(cx + side * 4.5 * scale),
            "cy": num(cy - 3.5 * scale),
            "r": num(1.7 * scale),
        }
        writer.add(parent, "circle", eye)
    ends = cy + (5 - 0.9 * value) * scale
    bend = ends + 3.5 * value * scale
    half = 6 * scale
    mouth = f"M{num(cx - half)},{num(ends)}Q{num(cx)},{num(bend)} {num(cx + half)},{num(ends)}"
    writer.add(parent, "path", {"class": "cjm-face-mouth", "d": mouth})


def _draw_emotion(writer: _Writer, root: Any, lane: EmotionLane, journey: Journey) -> None:
    group = writer.add(root, "g", {"class": "cjm-emotion"})
    zero = lane.y_of(0)
    writer.add(
        group,
        "rect",
        _box("cjm-band-positive", lane.left, lane.top, lane.right - lane.left, zero - lane.top),
    )
    writer.add(
        group,
        "rect",
        _box("cjm-band-negative", lane.left, zero, lane.right - lane.left, lane.bottom - zero),
    )
    for value, y, label in lane.scale:
        css = "cjm-zero" if value == 0 else "cjm-rule"
        writer.add(
            group, "path", {"class": css, "d": f"M{num(lane.left)},{num(y)}H{num(lane.right)}"}
        )
        _draw_label(writer, group, label)
    # The dashed aspiration runs only between neighbouring stages that both
    # have one: across a gap it would suggest a value nobody wrote.
    faces = {p.stage: p for p in lane.points}
    runs: list[list[EmotionPoint]] = []
    for point in lane.aspirations:
        if runs and runs[-1][-1].stage == point.stage - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    for run in runs:
        if len(run) > 1:
            curve = monotone_curve([(p.x, p.y) for p in run])
            writer.add(group, "path", {"class": "cjm-aspiration", "d": curve})
    rings: list[EmotionPoint] = []
    for point in lane.aspirations:
        face = faces.get(point.stage)
        if face is not None and abs(face.y - point.y) < lane.face_radius + 5:
            rings.append(point)  # drawn around the face, after it, so both show
            continue
        mark = writer.add(
            group, "rect", _box("cjm-aspiration-mark", point.x - 5, point.y - 5, 10, 10)
        )
        name = journey.stages[point.stage].name
        mark.add(SvgText("title", f"{name}: aspiration {signed(point.value)}"))
    if len(lane.points) > 1:
        writer.add(
            group,
            "path",
            {"class": "cjm-curve", "d": monotone_curve([(p.x, p.y) for p in lane.points])},
        )
    for point in lane.points:
        stage = journey.stages[point.stage]
        face = writer.add(group, "g", {"class": "cjm-face-group"})
        words = f"{stage.feeling}, " if stage.feeling else ""
        face.add(SvgText("title", f"{stage.name}: {words}emotion {signed(point.value)}"))
        _draw_face(writer, face, point.x, point.y, point.value, lane.face_radius)
        if point.feeling:
            _draw_label(writer, group, point.feeling)
    for point in rings:
        side = 2 * lane.face_radius + 8
        ring = writer.add(
            group,
            "rect",
            _box("cjm-aspiration-ring", point.x - side / 2, point.y - side / 2, side, side),
        )
        name = journey.stages[point.stage].name
        ring.add(SvgText("title", f"{name}: aspiration {signed(point.value)}, as felt"))
    for label in lane.loose_feelings:
        _draw_label(writer, group, label)


def _draw_legend(writer: _Writer, root: Any, layout: MapLayout, id_prefix: str) -> None:
    group = writer.add(root, "g", {"class": "cjm-legend", "id": f"{id_prefix}-legend"})
    if layout.legend_title:
        _draw_label(writer, group, layout.legend_title)
    for item in layout.legend:
        _draw_icon(writer, group, item.icon)
        _draw_label(writer, group, item.label)
