"""The legend where the reader meets the markers, and a type scale with steps."""

from __future__ import annotations

import dataclasses

import pytest

from cjm_site.drawing import draw_journey
from cjm_site.export.printing import PRINT_SCALE, PRINT_WIDTH, print_copies
from cjm_site.layout import MapStyle, place_journey
from cjm_site.model import Journey, Stage
from tests.unit.test_layout import SETTINGS, STYLE, rich_journey


def test_the_legend_sits_above_the_stage_headers() -> None:
    layout = place_journey(rich_journey(), SETTINGS, STYLE)
    assert layout.legend and layout.legend_title is not None
    first_header = min(header.y for header in layout.headers)
    for item in layout.legend:
        assert item.label.bottom <= first_header and item.icon.y + item.icon.height <= first_header
    # Nothing of the map runs under the legend.
    assert min(lane.y for lane in layout.lanes) > max(i.label.bottom for i in layout.legend)


def test_the_legend_explains_every_marker_line_and_pill_the_map_shows() -> None:
    layout = place_journey(rich_journey(), SETTINGS, STYLE)
    words = " ".join(" ".join(item.label.block.lines) for item in layout.legend)
    kinds = {item.icon.kind for item in layout.legend}
    for kind in (
        "emotion",
        "aspiration",
        "pain",
        "delight",
        "truth",
        "line-visibility",
        "backstage",
    ):
        assert kind in kinds, kind
    assert any(kind.startswith("status-") for kind in kinds)
    assert any(kind.startswith("priority-") for kind in kinds)
    assert "visibility" in words.lower() and "backstage" in words.lower()


def test_the_legend_lists_only_what_the_map_shows() -> None:
    plain = Journey("plain", "plain.md", "Plain", (Stage("One", actions=("Walks",)),))
    style = MapStyle(show_title=False)
    layout = place_journey(plain, SETTINGS, style)
    assert layout.legend == () and layout.legend_title is None
    # Without a legend the headers start where the legend would have.
    assert layout.headers[0].y == style.margin
    assert place_journey(rich_journey(), SETTINGS, style).headers[0].y > style.margin + 40


def test_the_legend_fits_one_printed_width() -> None:
    long = rich_journey()
    long = dataclasses.replace(long, stages=long.stages * 3)
    layout = place_journey(long, SETTINGS, MapStyle(show_title=False))
    right = max(i.label.x + i.label.width for i in layout.legend)
    assert right <= PRINT_WIDTH / PRINT_SCALE


def test_the_type_scale_has_steps() -> None:
    style = MapStyle()
    assert style.title_size > style.heading_size > style.lane_size > style.font_size
    assert style.font_size > style.small_size >= 12
    layout = place_journey(rich_journey(), SETTINGS, style)
    assert {h.name.block.size for h in layout.headers} == {style.heading_size}
    assert {lane.title.block.size for lane in layout.lanes} == {style.lane_size}
    with pytest.raises(ValueError, match="at least 12px"):
        MapStyle(lane_size=11)


def _map(journey: Journey) -> str:
    return draw_journey(journey, SETTINGS, id_prefix="m", style=MapStyle(show_title=False))


def test_printed_pieces_cover_every_stage_with_labels_on_each() -> None:
    long = rich_journey()
    long = dataclasses.replace(long, stages=long.stages * 3)  # 18 stages
    html = print_copies(_map(long))
    assert html.startswith('<div class="cjm-print" aria-hidden="true">')
    assert html.count('class="cjm-print__piece"') == 1  # the legend
    pieces = html.count('class="cjm-print__piece cjm-print__piece--grid"')
    assert pieces >= 4  # at least four groups of stages
    # Every piece shows the label column (corner and labels): two views from x=0.
    assert html.count('viewBox="0 ') == 1 + 2 * pieces
    assert html.count('<use href="#m-map"/>') == 1 + 4 * pieces
    # No SVG inside another: each view is a box of its own.
    assert html.count("<svg") == html.count("</svg>") == 1 + 4 * pieces
    assert "<svg" not in html.split("<svg", 2)[1].split("</svg>")[0]


def test_a_map_without_geometry_has_no_pieces() -> None:
    assert print_copies('<svg id="m-map" viewBox="0 0 10 10"></svg>') == ""
    assert print_copies("no map here") == ""
    hostile = '<svg id="x&quot; onload=&quot;1" viewBox="0 0 9 9" data-cjm-columns="1 2" data-cjm-rows="0 1 2">'
    assert print_copies(hostile) == ""
