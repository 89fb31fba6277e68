"""The map on paper from the browser, without JavaScript: pieces made at build time.

A journey page's map is one wide SVG; printed whole at the page's width, an
8-stage map's text falls to about 4 pt. :func:`print_copies` returns HTML that
the print stylesheet shows instead of the map: the legend, then one piece per
group of stages (and of lanes, for a tall map), each with the lane labels and
the stage headers. A piece draws nothing of its own: each of its parts is a
``<use>`` view of the map already in the page, cut out with a ``viewBox``, so
the pieces add no second drawing and no copied ids, and need no script.

The geometry comes from the map's root (``data-cjm-columns``, ``data-cjm-rows``:
see :func:`cjm_site.svg.journey.draw_journey`). Sizes: A4 landscape inside
10 mm margins is 1047 x 718 CSS px; at :data:`PRINT_SCALE` CSS px per map unit the
map's smallest text (12 px) prints at 10.8 px, 8.1 pt.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from cjm_site.svg.geometry import num

__all__ = ["PRINT_HEIGHT", "PRINT_SCALE", "PRINT_WIDTH", "print_copies"]

PRINT_WIDTH = 1047.0
PRINT_HEIGHT = 700.0
PRINT_SCALE = 0.9
_ROOT = re.compile(r"<svg\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')


def _groups(edges: Sequence[float], budget: float) -> list[tuple[int, int]]:
    """Consecutive runs of the spans between edges (indexes, end inclusive) that fit
    ``budget``; a span longer than the budget is a run of its own."""
    runs: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(edges)):
        if end - 1 > start and edges[end] - edges[start] > budget:
            runs.append((start, end - 1))
            start = end - 1
    runs.append((start, len(edges) - 1))
    return runs


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(part) for part in (value or "").split()]
    except ValueError:
        return []


Port = tuple[float, float, float, float, float, float, float, float]
"""Where a view goes in its piece (x, y, width, height) and what of the map it shows."""


def _piece(map_id: str, width: float, height: float, ports: Sequence[Port]) -> str:
    parts = [
        f'<svg class="cjm-print__piece" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width * PRINT_SCALE)}" height="{num(height * PRINT_SCALE)}" '
        'focusable="false">'
    ]
    for x, y, w, h, vx, vy, vw, vh in ports:
        parts.append(
            f'<svg x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'viewBox="{num(vx)} {num(vy)} {num(vw)} {num(vh)}" '
            'preserveAspectRatio="xMinYMin slice" focusable="false">'
            f'<use href="#{map_id}"/></svg>'
        )
    parts.append("</svg>")
    return "".join(parts)


def print_copies(svg: str) -> str:
    """HTML of the map's printed pieces (hidden on screen), or "" for a map without
    the geometry (no lanes), which then prints as it is."""
    found = _ROOT.search(svg)
    if found is None:
        return ""
    attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(found.group())}
    map_id = attributes.get("id", "")
    columns = _numbers(attributes.get("data-cjm-columns"))
    rows = _numbers(attributes.get("data-cjm-rows"))
    size = _numbers(attributes.get("viewBox"))
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", map_id):
        return ""
    if len(columns) < 2 or len(rows) < 3 or len(size) != 4:
        return ""
    width = size[2]
    label, head_top, head = columns[0], rows[0], rows[1] - rows[0]
    lanes = rows[2:]
    pieces = []
    # The legend sits above the stage headers, its items within one printed width.
    if head_top > 40:
        w = min(width, PRINT_WIDTH / PRINT_SCALE)
        pieces.append(_piece(map_id, w, head_top, [(0, 0, w, head_top, 0, 0, w, head_top)]))
    across = PRINT_WIDTH / PRINT_SCALE - label
    down = PRINT_HEIGHT / PRINT_SCALE - head
    for first, last in _groups(columns, across):
        x0, w = columns[first], columns[last] - columns[first]
        for top, bottom in _groups(lanes, down):
            y0, h = lanes[top], lanes[bottom] - lanes[top]
            ports: list[Port] = [
                (0, 0, label, head, 0, head_top, label, head),
                (label, 0, w, head, x0, head_top, w, head),
                (0, head, label, h, 0, y0, label, h),
                (label, head, w, h, x0, y0, w, h),
            ]
            pieces.append(_piece(map_id, label + w, head + h, ports))
    return f'<div class="cjm-print" aria-hidden="true">{"".join(pieces)}</div>'
