"""Comparisons: two related maps side by side.

Every pair of maps joined by ``compare`` (either map may name the other; each
unordered pair once) or by ``improves`` (a future-state map and the current
state it improves) gets a page ``{folder}/compare/{a}--{b}.md`` (the two ids
sorted, so the name does not depend on which map named the other) with:

- both emotion curves in one chart,
- a table of the stages both maps have (same name, case-insensitive) with the
  emotion in each and the change,
- the pains only one of the two maps lists,
- links to both maps.

On an ``improves`` pair the current state is "A" (before) and the future state
"B" (after); on a ``compare`` pair A is the map whose id sorts first. A pair
joined both ways is shown once, as ``improves``.

How the chart lines the stages up: stages with the same name (matched in
order, the way ``diff`` matches lines) sit in the same column, one above the
other, so the gap between the curves there is exactly the change in the table.
Between two matched stages, the stages only one map has are spread over the
same stretch of the axis, each map by its own position; two maps with no
stage name in common are thus simply both stretched over the full width. Each
curve still reads left to right in its own order, and no stage is dropped.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import svgwrite  # type: ignore[import-untyped]

from cjm_site.drawing import SvgText
from cjm_site.escaping import clean_text
from cjm_site.layout import monotone_curve, num, signed, truncate, wrap_text
from cjm_site.linking import Site
from cjm_site.model import EMOTION_MAX, EMOTION_MIN, Journey, Settings, Stage
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet

Relation = Literal["compare", "improves"]


# --- pairs ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    a: Journey
    """The current state (improves) or the map whose id sorts first (compare)."""
    b: Journey
    relation: Relation


def _sort_key(journey: Journey) -> tuple[str, str]:
    return (journey.id.casefold(), journey.id)


def pairs_of(site: Site) -> list[Pair]:
    """Every related pair once, ``improves`` first (it says more than ``compare``)."""
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []

    def key(x: Journey, y: Journey) -> tuple[str, str]:
        first, second = sorted((x.id, y.id))
        return (first, second)

    journeys = sorted(site.journeys, key=_sort_key)
    for current in journeys:
        for future in sorted(site.improved_by(current.id), key=_sort_key):
            if future.id != current.id and key(current, future) not in seen:
                seen.add(key(current, future))
                pairs.append(Pair(current, future, "improves"))
    for journey in journeys:
        for other in site.compared_with(journey.id):
            if other.id == journey.id or key(journey, other) in seen:
                continue
            seen.add(key(journey, other))
            a, b = sorted((journey, other), key=_sort_key)
            pairs.append(Pair(a, b, "compare"))
    pairs.sort(key=lambda p: (p.a.title.casefold(), p.b.title.casefold(), p.a.id, p.b.id))
    return pairs


def _file_part(journey_id: str) -> str:
    return re.sub(r"[^\w.-]+", "-", journey_id).strip("-.") or "map"


def page_uris(pairs: Sequence[Pair], folder: str) -> list[str]:
    """``{folder}/compare/{id}--{id}.md``, ids sorted; a short hash where names would clash."""
    uris: list[str] = []
    taken: set[str] = set()
    for pair in pairs:
        first, second = sorted((pair.a.id, pair.b.id))
        name = f"{_file_part(first)}--{_file_part(second)}"
        if name.casefold() in taken:
            digest = hashlib.sha1(f"{first}\n{second}".encode()).hexdigest()[:8]
            name = f"{name}-{digest}"
        taken.add(name.casefold())
        uris.append(f"{folder}/compare/{name}.md")
    return uris


# --- matching stages and pains ----------------------------------------------


def _key(text: str) -> str:
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
        None, [_key(s.name) for s in a], [_key(s.name) for s in b], autojunk=False
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
class StageDelta:
    a_index: int
    """1-based, for ``stage-N`` links."""
    b_index: int
    a_stage: Stage
    b_stage: Stage

    @property
    def delta(self) -> float | None:
        a, b = self.a_stage.emotion, self.b_stage.emotion
        return None if a is None or b is None else round(b - a, 2)

    @property
    def direction(self) -> str:
        delta = self.delta
        if delta is None:
            return "unknown"
        return "better" if delta > 0 else "worse" if delta < 0 else "same"

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.a_stage.name,
            "a_stage": self.a_index,
            "b_stage": self.b_index,
            "a": self.a_stage.emotion,
            "b": self.b_stage.emotion,
            "delta": self.delta,
        }


@dataclass(frozen=True, slots=True)
class StageRef:
    index: int
    stage: Stage


@dataclass(frozen=True, slots=True)
class PainRef:
    text: str
    index: int
    """1-based position of the stage that lists it."""
    stage: Stage


def pains(journey: Journey) -> list[PainRef]:
    """The pains a map lists on its stages, in order, each text once (case-insensitive)."""
    found: dict[str, PainRef] = {}
    for index, stage in enumerate(journey.stages, start=1):
        for text in stage.pains:
            found.setdefault(_key(text), PainRef(text, index, stage))
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Comparison:
    pair: Pair
    uri: str
    alignment: Alignment
    deltas: tuple[StageDelta, ...]
    only_a: tuple[StageRef, ...]
    only_b: tuple[StageRef, ...]
    pains_removed: tuple[PainRef, ...]
    """Pains only A lists (removed by the future map, on an improves pair)."""
    pains_added: tuple[PainRef, ...]
    pains_shared: tuple[PainRef, ...]
    svg: str

    @property
    def a(self) -> Journey:
        return self.pair.a

    @property
    def b(self) -> Journey:
        return self.pair.b

    @property
    def relation(self) -> Relation:
        return self.pair.relation

    @property
    def title(self) -> str:
        return f"{self.a.title} vs {self.b.title}"

    @property
    def mean_delta(self) -> float | None:
        values = [d.delta for d in self.deltas if d.delta is not None]
        return round(sum(values) / len(values), 2) if values else None

    def as_json(self) -> dict[str, Any]:
        return {
            "a": self.a.id,
            "b": self.b.id,
            "relation": self.relation,
            "path": self.uri,
            "title": self.title,
            "deltas": [d.as_json() for d in self.deltas],
            "stages_only_a": [r.stage.name for r in self.only_a],
            "stages_only_b": [r.stage.name for r in self.only_b],
            "pains_removed": [p.text for p in self.pains_removed],
            "pains_added": [p.text for p in self.pains_added],
            "pains_shared": [p.text for p in self.pains_shared],
        }


def compare(pair: Pair, uri: str) -> Comparison:
    a, b = pair.a, pair.b
    alignment = align(a.stages, b.stages)
    deltas = tuple(StageDelta(i + 1, j + 1, a.stages[i], b.stages[j]) for i, j in alignment.matches)
    matched_a = {i for i, _ in alignment.matches}
    matched_b = {j for _, j in alignment.matches}
    pains_a, pains_b = pains(a), pains(b)
    keys_a = {_key(p.text) for p in pains_a}
    keys_b = {_key(p.text) for p in pains_b}
    return Comparison(
        pair=pair,
        uri=uri,
        alignment=alignment,
        deltas=deltas,
        only_a=tuple(StageRef(i + 1, s) for i, s in enumerate(a.stages) if i not in matched_a),
        only_b=tuple(StageRef(j + 1, s) for j, s in enumerate(b.stages) if j not in matched_b),
        pains_removed=tuple(p for p in pains_a if _key(p.text) not in keys_b),
        pains_added=tuple(p for p in pains_b if _key(p.text) not in keys_a),
        pains_shared=tuple(p for p in pains_a if _key(p.text) in keys_b),
        svg=draw_comparison(pair, alignment, id_prefix=_id_prefix(uri)),
    )


def _id_prefix(uri: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", uri.casefold()).strip("-")[-40:].strip("-") or "pair"
    digest = hashlib.sha1(uri.encode("utf-8")).hexdigest()[:6]
    return f"cjm-cmp-{slug}-{digest}"


# --- the chart ----------------------------------------------------------------

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


@dataclass(frozen=True, slots=True)
class Curve:
    """How one map's curve is drawn: colour, dash pattern and marker shape all differ."""

    letter: str
    colour: str
    dash: str
    marker: Literal["circle", "square"]
    pattern_words: str


CURVES = (
    Curve("A", "var(--cjm-compare-a, #3949ab)", "", "circle", "solid line, round markers"),
    Curve("B", "var(--cjm-compare-b, #b53d00)", "7 5", "square", "dashed line, square markers"),
)
INK = "var(--cjm-ink, #1f2430)"
MUTED = "var(--cjm-muted, #596172)"
RULE = "var(--cjm-rule, #dfe3ea)"
BACKDROP = "var(--cjm-paper, #ffffff)"


class _Svg:
    """The svgwrite drawing (debug off) and a way to add elements with our attributes."""

    def __init__(self, width: float, height: float) -> None:
        self.drawing: Any = svgwrite.Drawing(size=(num(width), num(height)), debug=False)
        self.drawing.elements.remove(self.drawing.defs)

    def add(self, parent: Any, tag: str, attributes: dict[str, str], text: str = "") -> Any:
        factory = getattr(self.drawing, tag)
        element = factory(clean_text(text)) if tag in ("text", "tspan") else factory()
        element.attribs.clear()
        if tag == "path":
            element.commands = [attributes["d"]]
        element.update(attributes)
        parent.add(element)
        return element


def _marker(svg: _Svg, parent: Any, curve: Curve, x: float, y: float, size: float = 4.5) -> None:
    style = f"fill:{curve.colour};stroke:{BACKDROP};stroke-width:1.5"
    if curve.marker == "circle":
        svg.add(parent, "circle", {"cx": num(x), "cy": num(y), "r": num(size), "style": style})
    else:
        side = size * 1.8
        svg.add(
            parent,
            "rect",
            {
                "x": num(x - side / 2),
                "y": num(y - side / 2),
                "width": num(side),
                "height": num(side),
                "style": style,
            },
        )


def _line_style(curve: Curve, width: float = 2.25) -> str:
    dash = f";stroke-dasharray:{curve.dash}" if curve.dash else ""
    return (
        f"fill:none;stroke:{curve.colour};stroke-width:{num(width)};"
        f"stroke-linecap:round;stroke-linejoin:round{dash}"
    )


def _values(journey: Journey) -> str:
    parts = [
        f"{s.name} {signed(s.emotion) if s.emotion is not None else 'no emotion'}"
        for s in journey.stages
    ]
    return "; ".join(parts) if parts else "no stages"


def describe(pair: Pair, alignment: Alignment) -> str:
    """The chart in words, for its ``<desc>``."""
    a, b = pair.a, pair.b
    text = [
        "Emotion of each stage on a scale from −2 to +2.",
        f"A, {a.title} ({CURVES[0].pattern_words}): {_values(a)}.",
        f"B, {b.title} ({CURVES[1].pattern_words}): {_values(b)}.",
    ]
    shared = [a.stages[i].name for i, _ in alignment.matches]
    if shared:
        text.append(f"Stages both maps have are drawn one above the other: {', '.join(shared)}.")
    else:
        text.append("The maps have no stage name in common; each is spread over the full width.")
    return " ".join(text)


def draw_comparison(pair: Pair, alignment: Alignment, *, id_prefix: str) -> str:
    """One inline SVG with both emotion curves, a legend and the stage names."""
    slots = max(alignment.slots, 1)
    width = LEFT + slots * SLOT + RIGHT
    legend_top = TOP
    plot_top = legend_top + 2 * LEGEND_ROW + 18
    plot_bottom = plot_top + PLOT_HEIGHT
    labels_top = plot_bottom + 16
    label_block = LABEL_LINES * LABEL_LINE + 10
    height = labels_top + 2 * label_block + 4

    def x_of(slot: float) -> float:
        return LEFT + (slot + 0.5) * SLOT

    def y_of(value: float) -> float:
        clamped = min(EMOTION_MAX, max(EMOTION_MIN, value))
        return plot_top + (EMOTION_MAX - clamped) / (EMOTION_MAX - EMOTION_MIN) * PLOT_HEIGHT

    svg = _Svg(width, height)
    root = svg.drawing
    root.update(
        {
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "class": "cjm-compare-chart",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title",
            "aria-describedby": f"{id_prefix}-desc",
            "font-family": FONT,
        }
    )
    root.add(
        SvgText(
            "title",
            f"Emotion curves: {pair.a.title} (A) and {pair.b.title} (B)",
            {"id": f"{id_prefix}-title"},
        )
    )
    root.add(SvgText("desc", describe(pair, alignment), {"id": f"{id_prefix}-desc"}))

    # Legend: a sample of each line with its marker, and the map's title.
    legend = svg.add(root, "g", {"class": "cjm-compare-chart__legend"})
    title_room = width - LEFT - 70
    for row, (curve, journey) in enumerate(zip(CURVES, (pair.a, pair.b), strict=True)):
        y = legend_top + row * LEGEND_ROW + 8
        svg.add(legend, "path", {"d": f"M{num(LEFT)},{num(y)}h36", "style": _line_style(curve)})
        _marker(svg, legend, curve, LEFT + 18, y)
        title_lines = wrap_text(f"{curve.letter}: {journey.title}", title_room, 12, bold=True)
        shown = (title_lines[0] if title_lines else "") + ("…" if len(title_lines) > 1 else "")
        svg.add(
            legend,
            "text",
            {
                "x": num(LEFT + 46),
                "y": num(y + 4),
                "style": f"fill:{INK};font-size:12px;font-weight:600",
            },
            shown,
        )

    # Scale: a rule per whole value, the zero line stronger, values at the left.
    grid = svg.add(root, "g", {"class": "cjm-compare-chart__grid"})
    svg.add(
        grid,
        "text",
        {
            "x": num(LEFT - 8),
            "y": num(plot_top - 10),
            "text-anchor": "end",
            "style": f"fill:{MUTED};font-size:10px",
        },
        "emotion",
    )
    for value in range(int(EMOTION_MAX), int(EMOTION_MIN) - 1, -1):
        y = y_of(value)
        svg.add(
            grid,
            "path",
            {
                "d": f"M{num(LEFT)},{num(y)}H{num(width - RIGHT)}",
                "style": f"fill:none;stroke:{MUTED if value == 0 else RULE};"
                f"stroke-width:{'1.25' if value == 0 else '1'}"
                + ("" if value == 0 else ";stroke-dasharray:2 3"),
            },
        )
        svg.add(
            grid,
            "text",
            {
                "x": num(LEFT - 8),
                "y": num(y + 4),
                "text-anchor": "end",
                "style": f"fill:{MUTED};font-size:11px",
            },
            signed(value),
        )
    for i, _ in alignment.matches:
        x = x_of(alignment.a_x[i])
        svg.add(
            grid,
            "path",
            {
                "d": f"M{num(x)},{num(plot_top)}V{num(plot_bottom)}",
                "style": f"fill:none;stroke:{RULE};stroke-width:1",
            },
        )

    # The curves, A under B; markers on top of both lines.
    journeys = (pair.a, pair.b)
    positions = (alignment.a_x, alignment.b_x)
    points: list[list[tuple[float, float]]] = []
    for curve, journey, xs in zip(CURVES, journeys, positions, strict=True):
        found = [
            (x_of(x), y_of(s.emotion))
            for x, s in zip(xs, journey.stages, strict=True)
            if s.emotion is not None
        ]
        points.append(found)
        if len(found) > 1:
            svg.add(
                root,
                "path",
                {
                    "d": monotone_curve(found),
                    "class": f"cjm-compare-chart__curve cjm-compare-chart__curve--{curve.letter}",
                    "style": _line_style(curve),
                },
            )
    for curve, found in zip(CURVES, points, strict=True):
        marks = svg.add(root, "g", {"class": f"cjm-compare-chart__marks--{curve.letter}"})
        for x, y in found:
            _marker(svg, marks, curve, x, y)

    # Stage names: a row per map under the plot, in the map's colour, led by its marker.
    for row, (curve, journey, xs) in enumerate(zip(CURVES, journeys, positions, strict=True)):
        top = labels_top + row * label_block
        names = svg.add(root, "g", {"class": f"cjm-compare-chart__names--{curve.letter}"})
        _marker(svg, names, curve, 16, top + 6, 4)
        svg.add(
            names,
            "text",
            {"x": "26", "y": num(top + 10), "style": f"fill:{INK};font-size:11px;font-weight:700"},
            curve.letter,
        )
        for x, stage in zip(xs, journey.stages, strict=True):
            lines: list[str] = list(wrap_text(stage.name, SLOT - 10, LABEL_SIZE))
            if len(lines) > LABEL_LINES:
                lines = [
                    *lines[: LABEL_LINES - 1],
                    truncate(" ".join(lines[LABEL_LINES - 1 :]), 14),
                ]
            text = svg.add(
                names,
                "text",
                {
                    "x": num(x_of(x)),
                    "y": num(top + 10),
                    "text-anchor": "middle",
                    "style": f"fill:{INK};font-size:{num(LABEL_SIZE)}px",
                },
            )
            for n, line in enumerate(lines):
                svg.add(
                    text,
                    "tspan",
                    {"x": num(x_of(x)), "dy": "0" if n == 0 else num(LABEL_LINE)},
                    line,
                )
    return str(root.tostring())


# --- the view -----------------------------------------------------------------


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    index_uri = f"{options.folder}/comparisons.md"
    pairs = pairs_of(site)
    comparisons = [
        compare(pair, uri)
        for pair, uri in zip(pairs, page_uris(pairs, options.folder), strict=True)
    ]
    pages = [
        ViewPage(
            uri=index_uri,
            title="Map comparisons",
            template="cjm/comparisons.html",
            description=(
                "Maps set side by side: each future-state map against the current state it "
                "improves, and the maps that name each other under compare."
            ),
            context={"comparisons": comparisons},
        )
    ]
    links: dict[str, list[ViewLink]] = {}
    for item in comparisons:
        pages.append(
            ViewPage(
                uri=item.uri,
                title=item.title,
                template="cjm/comparison.html",
                context={"comparison": item, "index_uri": index_uri},
                in_index=False,
            )
        )
        links.setdefault(item.a.id, []).append(ViewLink(f"Compare with {item.b.title}", item.uri))
        links.setdefault(item.b.id, []).append(ViewLink(f"Compare with {item.a.title}", item.uri))
    return ViewSet(
        pages=tuple(pages),
        journey_links=MappingProxyType({k: tuple(v) for k, v in links.items()}),
        json={"comparisons": functools.partial(_comparisons_json, comparisons)},
    )


def _comparisons_json(comparisons: list[Comparison]) -> list[dict[str, Any]]:
    return [item.as_json() for item in comparisons]
