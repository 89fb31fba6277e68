"""The SVG writer writes what svgwrite and ElementTree would, byte for byte: its own
start tags and joining (``SvgWriter.tostring``), and its serialiser of ElementTree
trees (``serialise``, which the standalone file uses)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cjm_site.drawing import MapStyle, draw_journey
from cjm_site.sparkline import draw_sparkline
from cjm_site.svg import writer
from cjm_site.svg.writer import SvgWriter, serialise
from tests.unit.test_drawing import HOSTILE, twelve_stage_journey
from tests.unit.test_layout import SETTINGS, rich_journey, sparse_journey


def elementtree(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def test_awkward_text_and_attributes_come_out_as_elementtree_writes_them() -> None:
    svg = SvgWriter(100, 50, {"class": 'a "b" <c> & d', "aria-label": "x\ny\tz\r"})
    group = svg.add(svg.root, "g", {"id": "g1", "data-x": "&amp; < >"})
    svg.add(group, "text", {"x": "1"}, HOSTILE + " <tail> & ")
    svg.title(group, 'tip: "quoted" & <angled>')
    svg.add(group, "rect", {})
    svg.add(group, "text", {}, "")
    root = svg.drawing.get_xml()
    assert serialise(root) == elementtree(root)
    assert svg.tostring() == elementtree(root)
    tail = ET.Element("g")
    child = ET.SubElement(tail, "text")
    child.text, child.tail = "a & b", " after <this> "
    assert serialise(tail) == elementtree(tail)


@pytest.mark.parametrize("style", [MapStyle(), MapStyle(show_title=False)])
def test_maps_and_sparklines_are_the_same_bytes_as_with_elementtree(
    style: MapStyle, monkeypatch: pytest.MonkeyPatch
) -> None:
    journeys = [rich_journey(), sparse_journey(), twelve_stage_journey()]

    def drawings() -> list[str]:
        maps = [draw_journey(j, SETTINGS, id_prefix="cjm-t", style=style) for j in journeys]
        standalone = [
            draw_journey(j, SETTINGS, id_prefix="cjm-s", standalone=True) for j in journeys
        ]
        lines = [draw_sparkline([s.emotion for s in j.stages], label=j.title) for j in journeys]
        return maps + standalone + lines

    ours = drawings()

    def with_elementtree(self: SvgWriter, *, standalone: bool = False) -> str:
        # svgwrite's own way: the element tree of the drawing, serialised by ElementTree.
        text = elementtree(self.drawing.get_xml())
        return writer.XML_DECLARATION + text + "\n" if standalone else text

    monkeypatch.setattr(SvgWriter, "tostring", with_elementtree)
    theirs = drawings()
    assert theirs == ours
    assert all("<text" in svg or "<path" in svg for svg in theirs)


def test_the_standalone_file_is_the_same_bytes_as_with_elementtree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cjm_site.export import standalone

    journeys = [rich_journey(), twelve_stage_journey()]

    def files() -> list[str]:
        drawn = [draw_journey(j, SETTINGS, id_prefix="cjm-map") for j in journeys]
        return [
            standalone.standalone_svg(j, svg, ["Eva <Molin> & co"], "https://x.test/?a=1&b=2")
            for j, svg in zip(journeys, drawn, strict=True)
        ]

    ours = files()
    monkeypatch.setattr(standalone, "serialise", elementtree)
    assert files() == ours


def test_attributes_are_sorted_escaped_and_empty_ones_left_out_in_any_order() -> None:
    svg = SvgWriter(10, 10, {})
    for attributes in (
        {"y": "2", "x": "1", "class": "c"},
        {"class": "c", "x": "1", "y": "2"},
        {"x": "1", "class": "c", "y": "2", "rx": ""},
        {"x": "1", "class": 'c" onload="x', "y": "2"},
        {"x": "1", "d": "100%", "y": "2"},
    ):
        svg.add(svg.root, "rect", dict(attributes))
    root = svg.drawing.get_xml()
    assert svg.tostring() == elementtree(root)
    assert svg.tostring().count('<rect class="c" x="1" y="2" />') == 3
    assert 'class="c&quot; onload=&quot;x"' in svg.tostring()
