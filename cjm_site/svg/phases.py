"""Phase bands over the stage headers, and the hatching of a hypothesis map.

:func:`place_bands` puts one band over each run of consecutive stages sharing
a phase (:func:`cjm_site.phases.phase_bands`), labelled with the spine stage's
name. :func:`hatch_area` and :func:`draw_hatch` mark a map whose evidence is
``hypothesis``: diagonal lines over the lanes, drawn as one plain path so the
standalone file and print keep them (no pattern element to resolve).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cjm_site.model import Journey
from cjm_site.phases import phase_bands
from cjm_site.svg.cards import Frame
from cjm_site.svg.geometry import num
from cjm_site.svg.layout import Label, Lane, PhaseBand
from cjm_site.svg.pieces import box, draw_label
from cjm_site.svg.text import measure
from cjm_site.svg.writer import SvgWriter

_HATCH_STEP = 16.0


def place_bands(
    frame: Frame, journey: Journey, columns: Sequence[float], top: float
) -> tuple[tuple[PhaseBand, ...], float]:
    """The phase bands in a row from ``top``; return them and where the headers start."""
    bands = phase_bands(journey, frame.settings)
    if not bands:
        return (), top
    style = frame.style
    measured = []
    for band in bands:
        width = (band.last - band.first + 1) * style.column_width - 4
        block = measure(band.name, width - 20, style.small_size, style, bold=True)
        measured.append((band, width, block))
    height = max(block.height for _, _, block in measured) + 10
    placed = []
    for band, width, block in measured:
        x = columns[band.first] + 2
        label = Label(block, x + 10, top + (height - block.height) / 2, width - 20, "band")
        placed.append(PhaseBand(x, top, width, height, label))
    return tuple(placed), top + height + 4


def draw_bands(writer: SvgWriter, root: Any, bands: Sequence[PhaseBand]) -> None:
    if not bands:
        return
    group = writer.add(root, "g", {"class": "cjm-phases"})
    for band in bands:
        writer.add(group, "rect", box("cjm-phase-band", band.x, band.y, band.width, band.height, 4))
        draw_label(writer, group, band.label)


def hatch_area(
    journey: Journey, lanes: Sequence[Lane], left: float, right: float
) -> tuple[float, float, float, float] | None:
    """Where a hypothesis map is hatched: the stage columns of every lane."""
    if journey.evidence != "hypothesis" or not lanes:
        return None
    top = lanes[0].y
    bottom = lanes[-1].y + lanes[-1].height
    return (left, top, right - left, bottom - top)


def hatch_path(x0: float, y0: float, width: float, height: float) -> str:
    """Diagonal lines (bottom left to top right) cut to the rectangle, as one path."""
    x1, y1 = x0 + width, y0 + height
    parts = []
    c = x0 + y0 + _HATCH_STEP
    while c < x1 + y1:
        start_x = max(x0, c - y1)
        end_x = min(x1, c - y0)
        if start_x < end_x:
            parts.append(f"M{num(start_x)},{num(c - start_x)}L{num(end_x)},{num(c - end_x)}")
        c += _HATCH_STEP
    return "".join(parts)


def draw_hatch(writer: SvgWriter, root: Any, area: tuple[float, float, float, float]) -> None:
    writer.add(root, "path", {"class": "cjm-hatch", "d": hatch_path(*area)})
