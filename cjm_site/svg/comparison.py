"""Two maps' emotion curves in one chart: :func:`align` and :func:`draw_comparison`.

How the chart lines the stages up: stages with the same name (matched in
order, the way ``diff`` matches lines) sit in the same column, one above the
other, so the gap between the curves there is exactly the change. Between two
matched stages, the stages only one map has are spread over the same stretch
of the axis, each map by its own position; two maps with no stage name in
common are thus simply both stretched over the full width. Each curve still
reads left to right in its own order, and no stage is dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cjm_site.escaping import clean_text
from cjm_site.model import Journey, Stage
from cjm_site.svg.colours import colour
from cjm_site.svg.geometry import SCALE_VALUES, emotion_y, monotone_curve, num, signed
from cjm_site.svg.text import truncate, wrap_text
from cjm_site.svg.writer import SvgWriter
from cjm_site.vocabulary import current
from cjm_site.vocabulary import label as label_of

SLOT = 104.0
LEFT = 52.0
RIGHT = 20.0
TOP = 16.0
LEGEND_ROW = 22.0
PLOT_HEIGHT = 200.0
LABEL_SIZE = 11.0
LABEL_LINE = 13.0
LABEL_LINES = 3
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def name_key(text: str) -> str:
    """How stage names (and pains) match across maps: cleaned, case-insensitive."""
    return clean_text(text).casefold()


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where each stage of A and of B sits on the shared axis (in slots, from 0)."""

    a_x: tuple[float, ...]
    b_x: tuple[float, ...]
    slots: int
    matches: tuple[tuple[int, int], ...]
    """(index in A, index in B), 0-based, of stages with the same name."""


def align(a: Sequence[Stage], b: Sequence[Stage]) -> Alignment:
    matcher = difflib.SequenceMatcher(
        None, [name_key(s.name) for s in a], [name_key(s.name) for s in b], autojunk=False
    )
    a_x = [0.0] * len(a)
    b_x = [0.0] * len(b)
    matches: list[tuple[int, int]] = []
    slot = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                a_x[i1 + k] = b_x[j1 + k] = float(slot + k)
                matches.append((i1 + k, j1 + k))
            slot += i2 - i1
            continue
        width = max(i2 - i1, j2 - j1)
        for positions, start, end in ((a_x, i1, i2), (b_x, j1, j2)):
            count = end - start
            for k in range(count):
                positions[start + k] = slot + (k + 0.5) * width / count - 0.5
        slot += width
    return Alignment(tuple(a_x), tuple(b_x), slot, tuple(matches))


@dataclass(frozen=True, slots=True)
class Curve:
    """How one map's curve is drawn: colour, dash pattern and marker shape all differ."""

    letter: str
    colour: str
    dash: str
    marker: Literal["circle", "square"]
    pattern_words: str


CURVES = (
    Curve("A", colour("compare-a"), "", "circle", "solid line, round markers"),
    Curve("B", colour("compare-b"), "7 5", "square", "dashed line, square markers"),
)
INK = colour("ink")
MUTED = colour("muted")
RULE = colour("rule")
BACKDROP = colour("paper")


@dataclass(frozen=True, slots=True)
class _Chart:
    """The chart's frame: where the plot is and how slots and values map to it."""

    width: float
    plot_top: float
    labels_top: float

    def x_of(self, slot: float) -> float:
        return LEFT + (slot + 0.5) * SLOT

    def y_of(self, value: float) -> float:
        return emotion_y(value, self.plot_top, PLOT_HEIGHT)


def _values(journey: Journey) -> str:
    parts = [
        f"{s.name} {signed(s.emotion) if s.emotion is not None else label_of('common.no-emotion')}"
        for s in journey.stages
    ]
    return "; ".join(parts) if parts else label_of("heatmap.no-stages")


def describe(a: Journey, b: Journey, alignment: Alignment) -> str:
    """The chart in words, for its ``<desc>``."""
    words = current()
    said = [
        words.label("chart.scale"),
        words.text("chart.curve-a", title=a.title, values=_values(a)),
        words.text("chart.curve-b", title=b.title, values=_values(b)),
    ]
    shared = [a.stages[i].name for i, _ in alignment.matches]
    if shared:
        said.append(words.text("chart.shared", names=", ".join(shared)))
    else:
        said.append(words.label("comparison.chart-none-shared"))
    return " ".join(said)


def draw_comparison(a: Journey, b: Journey, alignment: Alignment, *, id_prefix: str) -> str:
    """One inline SVG with both emotion curves, a legend and the stage names."""
    width = LEFT + max(alignment.slots, 1) * SLOT + RIGHT
    plot_top = TOP + 2 * LEGEND_ROW + 18
    labels_top = plot_top + PLOT_HEIGHT + 16
    height = labels_top + 2 * (LABEL_LINES * LABEL_LINE + 10) + 4
    chart = _Chart(width, plot_top, labels_top)
    svg = SvgWriter(
        width,
        height,
        {
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "class": "cjm-compare-chart",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title",
            "aria-describedby": f"{id_prefix}-desc",
            "font-family": FONT,
        },
    )
    svg.title(
        svg.root,
        current().text("chart.title", a=a.title, b=b.title),
        {"id": f"{id_prefix}-title"},
    )
    svg.add(svg.root, "desc", {"id": f"{id_prefix}-desc"}, describe(a, b, alignment))
    _legend(svg, chart, (a, b))
    _grid(svg, chart, alignment)
    journeys = (a, b)
    positions = (alignment.a_x, alignment.b_x)
    _curves(svg, chart, journeys, positions)
    for row, (curve, journey, xs) in enumerate(zip(CURVES, journeys, positions, strict=True)):
        _names(svg, chart, row, curve, journey, xs)
    return svg.tostring()


def _marker(
    svg: SvgWriter, parent: Any, curve: Curve, x: float, y: float, size: float = 4.5
) -> None:
    style = f"fill:{curve.colour};stroke:{BACKDROP};stroke-width:1.5"
    if curve.marker == "circle":
        svg.add(parent, "circle", {"cx": num(x), "cy": num(y), "r": num(size), "style": style})
        return
    side = size * 1.8
    square = {"x": num(x - side / 2), "y": num(y - side / 2), "width": num(side)}
    svg.add(parent, "rect", {**square, "height": num(side), "style": style})


def _line_style(curve: Curve, width: float = 2.25) -> str:
    dash = f";stroke-dasharray:{curve.dash}" if curve.dash else ""
    return (
        f"fill:none;stroke:{curve.colour};stroke-width:{num(width)};"
        f"stroke-linecap:round;stroke-linejoin:round{dash}"
    )


def _legend(svg: SvgWriter, chart: _Chart, journeys: Sequence[Journey]) -> None:
    """A sample of each line with its marker, and the map's title."""
    legend = svg.add(svg.root, "g", {"class": "cjm-compare-chart__legend"})
    title_room = chart.width - LEFT - 70
    for row, (curve, journey) in enumerate(zip(CURVES, journeys, strict=True)):
        y = TOP + row * LEGEND_ROW + 8
        svg.add(legend, "path", {"d": f"M{num(LEFT)},{num(y)}h36", "style": _line_style(curve)})
        _marker(svg, legend, curve, LEFT + 18, y)
        title_lines = wrap_text(f"{curve.letter}: {journey.title}", title_room, 12, bold=True)
        shown = (title_lines[0] if title_lines else "") + ("…" if len(title_lines) > 1 else "")
        style = f"fill:{INK};font-size:12px;font-weight:600"
        svg.add(legend, "text", {"x": num(LEFT + 46), "y": num(y + 4), "style": style}, shown)


def _grid(svg: SvgWriter, chart: _Chart, alignment: Alignment) -> None:
    """A rule per whole value, the zero line stronger, values at the left."""
    grid = svg.add(svg.root, "g", {"class": "cjm-compare-chart__grid"})
    muted = {"x": num(LEFT - 8), "text-anchor": "end"}
    top = num(chart.plot_top - 10)
    svg.add(
        grid,
        "text",
        {**muted, "y": top, "style": f"fill:{MUTED};font-size:10px"},
        label_of("chart.axis"),
    )
    for value in SCALE_VALUES:
        y = chart.y_of(value)
        line = (
            f"fill:none;stroke:{MUTED};stroke-width:1.25"
            if value == 0
            else f"fill:none;stroke:{RULE};stroke-width:1;stroke-dasharray:2 3"
        )
        d = f"M{num(LEFT)},{num(y)}H{num(chart.width - RIGHT)}"
        svg.add(grid, "path", {"d": d, "style": line})
        label = {**muted, "y": num(y + 4), "style": f"fill:{MUTED};font-size:11px"}
        svg.add(grid, "text", label, signed(value))
    bottom = num(chart.plot_top + PLOT_HEIGHT)
    for i, _ in alignment.matches:
        x = num(chart.x_of(alignment.a_x[i]))
        rule = {"d": f"M{x},{num(chart.plot_top)}V{bottom}"}
        svg.add(grid, "path", {**rule, "style": f"fill:none;stroke:{RULE};stroke-width:1"})


def _curves(
    svg: SvgWriter,
    chart: _Chart,
    journeys: Sequence[Journey],
    positions: Sequence[Sequence[float]],
) -> None:
    """The curves, A under B; markers on top of both lines."""
    points: list[list[tuple[float, float]]] = []
    for curve, journey, xs in zip(CURVES, journeys, positions, strict=True):
        found = [
            (chart.x_of(x), chart.y_of(s.emotion))
            for x, s in zip(xs, journey.stages, strict=True)
            if s.emotion is not None
        ]
        points.append(found)
        if len(found) > 1:
            css = f"cjm-compare-chart__curve cjm-compare-chart__curve--{curve.letter}"
            path = {"d": monotone_curve(found), "class": css, "style": _line_style(curve)}
            svg.add(svg.root, "path", path)
    for curve, found in zip(CURVES, points, strict=True):
        marks = svg.add(svg.root, "g", {"class": f"cjm-compare-chart__marks--{curve.letter}"})
        for x, y in found:
            _marker(svg, marks, curve, x, y)


def _names(
    svg: SvgWriter, chart: _Chart, row: int, curve: Curve, journey: Journey, xs: Sequence[float]
) -> None:
    """A row of stage names under the plot, led by the map's marker and letter."""
    top = chart.labels_top + row * (LABEL_LINES * LABEL_LINE + 10)
    names = svg.add(svg.root, "g", {"class": f"cjm-compare-chart__names--{curve.letter}"})
    _marker(svg, names, curve, 16, top + 6, 4)
    letter = {"x": "26", "y": num(top + 10), "style": f"fill:{INK};font-size:11px;font-weight:700"}
    svg.add(names, "text", letter, curve.letter)
    for x, stage in zip(xs, journey.stages, strict=True):
        lines: list[str] = list(wrap_text(stage.name, SLOT - 10, LABEL_SIZE))
        if len(lines) > LABEL_LINES:
            rest = truncate(" ".join(lines[LABEL_LINES - 1 :]), 14)
            lines = [*lines[: LABEL_LINES - 1], rest]
        style = f"fill:{INK};font-size:{num(LABEL_SIZE)}px"
        where = {"x": num(chart.x_of(x)), "y": num(top + 10), "text-anchor": "middle"}
        text = svg.add(names, "text", {**where, "style": style})
        for n, line in enumerate(lines):
            tspan = {"x": num(chart.x_of(x)), "dy": "0" if n == 0 else num(LABEL_LINE)}
            svg.add(text, "tspan", tspan, line)
