"""The map on paper from the browser, without JavaScript: pieces made at build time.

A journey page's map is one wide SVG; printed whole at the page's width, an
8-stage map's text falls to about 4 pt. :func:`print_copies` returns HTML that
the print stylesheet shows instead of the map: the legend, then one piece per
group of stages (and of lanes, for a tall map), each with the lane labels and
the stage headers. A piece draws nothing of its own: each of its parts is a
``<use>`` view of the map already in the page, cut out with a ``viewBox``, so
the pieces add no second drawing and no copied ids, and need no script. A
piece is a box of views side by side (the label column and the cells, under
the corner and the stage headers), never an SVG inside an SVG.

The geometry comes from the map's root (``data-cjm-columns``, ``data-cjm-rows``:
see :func:`cjm_site.svg.journey.draw_journey`). Sizes: A4 landscape inside
10 mm margins is 1047 x 718 CSS px; at :data:`PRINT_SCALE` CSS px per map unit the
map's smallest text (12 px) prints at 10.8 px, 8.1 pt.
"""

from __future__ import annotations

import functools
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


Port = tuple[float, float, float, float]
"""What of the map a view shows: x, y, width and height in map units."""


def _view(map_id: str, port: Port) -> str:
    x, y, w, h = port
    return (
        f'<svg width="{num(w * PRINT_SCALE)}" height="{num(h * PRINT_SCALE)}" '
        f'viewBox="{num(x)} {num(y)} {num(w)} {num(h)}" '
        'preserveAspectRatio="xMinYMin slice" focusable="false">'
        f'<use href="#{map_id}"/></svg>'
    )


def _piece(map_id: str, ports: Sequence[Port], views: dict[Port, str]) -> str:
    """A piece: one view, or four in a two-by-two grid (corner, headers; labels, cells).
    ``views``: those written already (the corner and the labels come back in every piece)."""
    kind = "cjm-print__piece" + (" cjm-print__piece--grid" if len(ports) == 4 else "")
    written = []
    for port in ports:
        view = views.get(port)
        if view is None:
            view = views[port] = _view(map_id, port)
        written.append(view)
    return f'<div class="{kind}">{"".join(written)}</div>'


def print_copies(svg: str) -> str:
    """HTML of the map's printed pieces (hidden on screen), or "" for a map without
    the geometry (no lanes), which then prints as it is."""
    found = _ROOT.search(svg)
    if found is None:
        return ""
    return _pieces(found.group())


@functools.lru_cache(maxsize=1024)
def _pieces(root: str) -> str:
    """The pieces of the map whose ``<svg>`` start tag is ``root``: they depend on nothing
    else, so a map drawn the same (every build under ``mkdocs serve``) is cut once."""
    attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(root)}
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
    views: dict[Port, str] = {}
    # The legend sits above the stage headers, its items within one printed width.
    if head_top > 40:
        # Stopped short of the headers, whose outline would show as a line under it.
        w, h = min(width, PRINT_WIDTH / PRINT_SCALE), head_top - 8
        pieces.append(_piece(map_id, [(0, 0, w, h)], views))
    across = PRINT_WIDTH / PRINT_SCALE - label
    down = PRINT_HEIGHT / PRINT_SCALE - head
    for first, last in _groups(columns, across):
        x0, w = columns[first], columns[last] - columns[first]
        for top, bottom in _groups(lanes, down):
            y0, h = lanes[top], lanes[bottom] - lanes[top]
            ports: list[Port] = [
                (0, head_top, label, head),
                (x0, head_top, w, head),
                (0, y0, label, h),
                (x0, y0, w, h),
            ]
            pieces.append(_piece(map_id, ports, views))
    return f'<div class="cjm-print" aria-hidden="true">{"".join(pieces)}</div>'
