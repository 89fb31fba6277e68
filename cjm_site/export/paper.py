"""Lay a journey map out on paper: one sheet when the text stays readable, else pages.

A page holds a group of stages (and, when a map is very tall, a group of lanes),
drawn as a map of its own: each page has the lane labels, the stage headers and
the title block. Text never prints smaller than :data:`MIN_TEXT_PT`.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cjm_site.drawing import draw_journey
from cjm_site.export.formats import PAPERS as PAPERS  # where the command line reads them
from cjm_site.export.pictures import Reader
from cjm_site.export.standalone import SVG_NS, standalone_svg
from cjm_site.layout import LANES, MapStyle, num
from cjm_site.model import Journey, Settings, Stage
from cjm_site.vocabulary import text

__all__ = ["MIN_TEXT_PT", "PAPERS", "Page", "lay_out"]

MIN_TEXT_PT = 7.0
MARGIN_PT = 28.35
"""10 mm around the printed area: what office printers can reach."""
MAX_SCALE = 2.0
"""Points per CSS pixel at most: a short map on a poster is not blown up further."""
MAP_STYLE = MapStyle(show_title=False)
"""The map under a title block: the block says what the map's own heading would."""

_LANE_FIELDS: dict[str, tuple[str, ...]] = {
    "emotion": ("emotion", "feeling", "aspiration"),
}
_EMPTY: dict[str, object] = {"goal": None, "emotion": None, "feeling": None, "aspiration": None}
_PHASE = re.compile(
    r'(<text class="cjm-t cjm-t-phase"[^>]*>(?:<title>[^<]*</title>)?(?:<tspan[^>]*>)?)'
    r"(Stage )?(\d+)"
)
_SIZE = re.compile(r'font-size="([0-9.]+)"')
_PLACEHOLDER = "Page 00 of 00 · stages 00–00 of 00 · lanes Opportunities to Opportunities"


@dataclass(frozen=True, slots=True)
class Page:
    """One sheet: its SVG in points, and what it shows."""

    svg: str
    width: float
    height: float
    scale: float
    """Points per CSS pixel of the map."""
    smallest_text_pt: float
    stages: tuple[int, int]
    """First and last stage shown, 1-based."""
    lanes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Piece:
    svg: str
    width: float
    height: float
    smallest: float
    stages: tuple[int, int]
    lanes: tuple[str, ...]


def _fields(lane: str) -> tuple[str, ...]:
    return _LANE_FIELDS.get(lane, (lane,))


def _lanes_of(stages: Sequence[Stage]) -> tuple[str, ...]:
    return tuple(
        key
        for key, _ in LANES
        if any(getattr(s, name) not in (None, ()) for s in stages for name in _fields(key))
    )


def _keep_lanes(stage: Stage, lanes: Sequence[str]) -> Stage:
    dropped = {
        name: _EMPTY.get(name, ()) for key, _ in LANES if key not in lanes for name in _fields(key)
    }
    return replace(stage, **dropped)  # type: ignore[arg-type]


def _renumber(svg: str, first: int) -> str:
    """Stage numbers on a page's headers count from the whole map's first stage."""
    if first == 1:
        return svg
    count = iter(range(first, first + 10_000))
    return _PHASE.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{next(count)}", svg)


class _Drawer:
    """Draws pieces of one journey as standalone maps."""

    def __init__(
        self,
        journey: Journey,
        settings: Settings,
        persona_names: Sequence[str],
        page_url: str | None,
        pictures: Reader | None = None,
    ) -> None:
        self.journey = journey
        self.settings = settings
        self.names = tuple(persona_names)
        self.page_url = page_url
        self.pictures = pictures

    def piece(self, first: int, last: int, lanes: Sequence[str], part: str | None) -> _Piece:
        stages = self.journey.stages[first - 1 : last]
        if tuple(lanes) != _lanes_of(stages):
            stages = tuple(_keep_lanes(s, lanes) for s in stages)
        sliced = replace(self.journey, stages=stages)
        svg = draw_journey(
            sliced,
            self.settings,
            id_prefix="cjm-map",
            style=MAP_STYLE,
            persona_names=self.names,
        )
        svg = _renumber(svg, first)
        full = standalone_svg(
            self.journey, svg, self.names, self.page_url, part=part, pictures=self.pictures
        )
        root = ET.fromstring(full.encode("utf-8"))
        sizes = [float(s) for s in _SIZE.findall(full)]
        return _Piece(
            full,
            float(root.get("width", "0")),
            float(root.get("height", "0")),
            min(sizes, default=12.0),
            (first, last),
            tuple(lanes),
        )


def _fit(piece: _Piece, paper: tuple[float, float]) -> float:
    width, height = paper
    return min((width - 2 * MARGIN_PT) / piece.width, (height - 2 * MARGIN_PT) / piece.height)


def _readable(piece: _Piece, paper: tuple[float, float]) -> bool:
    return _fit(piece, paper) * piece.smallest >= MIN_TEXT_PT


def _groups(count: int, size: int) -> list[tuple[int, int]]:
    """``count`` stages in runs of at most ``size``, as even as can be (1-based, inclusive)."""
    runs = math.ceil(count / size)
    base, extra = divmod(count, runs)
    groups, start = [], 1
    for index in range(runs):
        length = base + (1 if index < extra else 0)
        groups.append((start, start + length - 1))
        start += length
    return groups


def lay_out(
    journey: Journey,
    settings: Settings,
    persona_names: Sequence[str],
    paper: str,
    page_url: str | None = None,
    pictures: Reader | None = None,
) -> list[Page]:
    """The pages of the map on ``paper`` (a key of :data:`PAPERS`), landscape; the
    storyboard's pictures read with ``pictures`` (left out without it)."""
    size = PAPERS[paper]
    drawer = _Drawer(journey, settings, persona_names, page_url, pictures)
    count = len(journey.stages)
    every_lane = _lanes_of(journey.stages)
    whole = drawer.piece(1, count, every_lane, None)
    if _readable(whole, size) or count == 0:
        return [_page(whole, size, centre=True)]
    scale = MIN_TEXT_PT / whole.smallest
    fixed = 2 * MAP_STYLE.margin + MAP_STYLE.label_width
    room = (size[0] - 2 * MARGIN_PT) / scale - fixed
    per_page = max(1, min(count, int(room // MAP_STYLE.column_width)))
    plan: list[tuple[int, int, tuple[str, ...]]] = []
    for first, last in _groups(count, per_page):
        lanes = _lanes_of(journey.stages[first - 1 : last])
        if _readable(drawer.piece(first, last, lanes, _PLACEHOLDER), size):
            plan.append((first, last, lanes))
            continue
        current: list[str] = []
        for lane in lanes:
            trial = drawer.piece(first, last, [*current, lane], _PLACEHOLDER)
            if current and not _readable(trial, size):
                plan.append((first, last, tuple(current)))
                current = []
            current.append(lane)
        if current:
            plan.append((first, last, tuple(current)))
    labels = dict(LANES)
    pieces = []
    for number, (first, last, lanes) in enumerate(plan, start=1):
        part = text("export.part", n=number, pages=len(plan), first=first, last=last, count=count)
        if lanes != _lanes_of(journey.stages[first - 1 : last]):
            lanes_part = text("export.lanes", start=labels[lanes[0]], end=labels[lanes[-1]])
            part += f" · {lanes_part}"
        pieces.append(drawer.piece(first, last, lanes, part))
    # One scale for every page, so columns line up when the sheets hang side by side.
    common = min(_fit(piece, size) for piece in pieces)
    return [_page(piece, size, common) for piece in pieces]


def _page(
    piece: _Piece, paper: tuple[float, float], scale: float | None = None, *, centre: bool = False
) -> Page:
    """The standalone map scaled onto a sheet, in points, from the top left of the margins.

    A map alone on its sheet is centred across it; pages of a split map keep
    their columns where the neighbouring sheets have theirs.
    """
    width, height = paper
    scale = min(scale or _fit(piece, paper), MAX_SCALE)
    left = MARGIN_PT + ((width - 2 * MARGIN_PT - piece.width * scale) / 2 if centre else 0)
    root = ET.fromstring(piece.svg.encode("utf-8"))
    content = ET.Element(
        "g",
        {
            "transform": f"translate({num(left)} {num(MARGIN_PT)}) scale({scale:.6f})",
            "font-family": root.get("font-family", "sans-serif"),
        },
    )
    for child in root:
        if child.tag not in (f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc"):
            content.append(child)
    for element in content.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
    sheet = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": num(width),
            "height": num(height),
            "viewBox": f"0 0 {num(width)} {num(height)}",
        },
    )
    ET.SubElement(sheet, "rect", {"width": num(width), "height": num(height), "fill": "#ffffff"})
    sheet.append(content)
    svg = ET.tostring(sheet, encoding="unicode")
    return Page(svg, width, height, scale, scale * piece.smallest, piece.stages, piece.lanes)
