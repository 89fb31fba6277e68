"""The service blueprint's lines: interaction, visibility and internal interaction.

Each line is drawn in a row of its own above the lane it opens (frontstage,
backstage, support), labelled in the label column, and only when that lane is on
the map. The three are told apart by their stroke (solid, dashed, dotted) and by
their labels, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cjm_site.lanes import line_label
from cjm_site.svg.cards import Frame
from cjm_site.svg.geometry import num
from cjm_site.svg.layout import Label
from cjm_site.svg.pieces import box, draw_label
from cjm_site.svg.text import measure
from cjm_site.svg.writer import SvgWriter

LINE_CLASSES = {
    "interaction": "cjm-interaction",
    "visibility": "cjm-visibility",
    "internal": "cjm-internal",
}
"""The stroke of each line (the legend draws the same)."""


@dataclass(frozen=True)
class BlueprintLine:
    kind: str
    """``interaction``, ``visibility`` or ``internal``."""
    y: float
    label: Label


def place_line(frame: Frame, kind: str, top: float) -> tuple[BlueprintLine, float]:
    """The labelled line in a row from ``top``; return it and the row's bottom."""
    style = frame.style
    width = style.label_width - 28
    block = measure(line_label(kind), width, style.small_size, style, bold=True)
    half = max(18.0, block.height / 2 + 6)
    label = Label(block, style.margin + 14, top + half - block.height / 2, width, "visibility")
    return BlueprintLine(kind, top + half, label), top + 2 * half


def draw_lines(
    writer: SvgWriter,
    parent: Any,
    lines: tuple[BlueprintLine, ...],
    left: float,
    start: float,
    right: float,
) -> None:
    """Each line across the stage columns (from ``start``), its label on the left."""
    for line in lines:
        group = writer.add(parent, "g", {"class": f"cjm-{line.kind}-line"})
        half = max(12.0, line.label.block.height / 2 + 4)
        writer.add(group, "rect", box("cjm-bg", left, line.y - half, right - left, 2 * half))
        d = f"M{num(start)},{num(line.y)}H{num(right)}"
        writer.add(group, "path", {"class": LINE_CLASSES[line.kind], "d": d})
        draw_label(writer, group, line.label)
