"""Drawing micro-benchmark: milliseconds per map, median of many, in this process.

    python -m tests.benchmarks.drawing [--repeat N] [--profile]

Prints, for each example journey of the handbook and for a generated 8-stage
map with every lane filled: the median time of ``draw_journey`` (inline style,
as the plugin draws it) with the text memo warm, the element count, and the
SVG size. Then the floor: the same element tree of the 8-stage map built and
serialised by svgwrite (``debug=False``), by ElementTree and by the project's
writer (:mod:`cjm_site.svg.writer`, which must give the same text). Timings only
print; no test asserts on them (a shared machine is too noisy for that).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import random
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import svgwrite  # type: ignore[import-untyped]

from cjm_site.checking import check_page
from cjm_site.cli import settings_of
from cjm_site.drawing import MapStyle, draw_journey
from cjm_site.linking import link
from cjm_site.model import Journey, Settings
from cjm_site.reading import read_page
from cjm_site.svg.writer import SvgWriter, serialise
from tests.benchmarks.generate import SPINE, front_matter, stage

ROOT = Path(__file__).resolve().parents[2]
INLINE = MapStyle(show_title=False)


def _text_memos() -> tuple[Any, ...]:
    """The memos of measuring and wrapping (where they are: this script also times
    older trees, for a before/after in one run)."""
    found = []
    for module_name in ("cjm_site.layout", "cjm_site.svg.text", "cjm_site.svg.metrics"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in ("wrap_text", "_measure"):
            memo = getattr(module, name, None)
            if hasattr(memo, "cache_clear") and memo not in found:
                found.append(memo)
    return tuple(found)


_TEXT_MEMOS = _text_memos()


def example_journeys() -> tuple[list[tuple[Journey, list[str]]], Settings]:
    """The example handbook's journeys with their personas' names, and its settings."""
    settings = settings_of(ROOT / "mkdocs.yml")
    docs = ROOT / "content"
    pages = [
        check_page(read_page(p.relative_to(docs).as_posix(), p.read_bytes()), settings)
        for p in sorted(docs.rglob("*.md"))
    ]
    site = link(pages)
    return [(j, [p.name for p in site.personas_of(j)]) for j in site.journeys], settings


def full_journey(stages: int = 8) -> Journey:
    """A generated map of ``stages`` stages with every lane filled (the budget's case)."""
    rng = random.Random(8)
    data = {
        "type": "journey",
        "title": "Generated: every lane",
        "persona": "nobody",
        "kind": "service-blueprint",
        "stages": [stage(rng, s, stages) for s in range(stages)],
    }
    channels = {"web", "mobile", "email", "phone", "store"}
    settings = Settings(
        spine=tuple(_spine(s) for s in SPINE),
        channels=tuple(_channel(c) for c in sorted(channels)),
    )
    checked = check_page(read_page("journeys/full.md", front_matter(data).encode()), settings)
    journey = link([checked]).journeys[0]
    return journey


def _spine(key: str) -> Any:
    from cjm_site.model import SpineStage

    return SpineStage(key, key.title())


def _channel(key: str) -> Any:
    from cjm_site.model import Channel

    return Channel(key, key.title(), True)


def median_ms(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    """Median CPU milliseconds of ``fn``: on a shared machine, wall time also counts
    the neighbours' work; this process's CPU time counts only ours."""
    fn()  # warm: imports done and memos filled, as for every map after the first
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return 1000 * statistics.median(times)


def forget_text() -> None:
    """Empty the text memos, so a map costs what it costs the first time its text is met."""
    for memo in _TEXT_MEMOS:
        memo.cache_clear()


def count_elements(svg: str) -> int:
    return len(re.findall(r"<[a-zA-Z]", svg))


def floor(svg: str, repeat: int) -> tuple[float, float, float]:
    """Build and serialise ``svg``'s element tree with svgwrite, with ElementTree and
    with the project's writer (ms); the writer's copy must come out the same text."""
    tree = ET.fromstring(svg)

    def with_svgwrite() -> str:
        drawing = svgwrite.Drawing(debug=False)

        def copy(parent: Any, node: ET.Element) -> None:
            for child in node:
                tag = child.tag.rsplit("}", 1)[-1]
                element = svgwrite.base.BaseElement(factory=drawing)
                element.elementname = tag
                element.attribs = dict(child.attrib)
                parent.elements.append(element)
                copy(element, child)

        copy(drawing, tree)
        return str(drawing.tostring())

    def with_etree() -> str:
        def copy(node: ET.Element) -> ET.Element:
            element = ET.Element(node.tag, node.attrib)
            element.text = node.text
            element.extend(copy(child) for child in node)
            return element

        return ET.tostring(copy(tree), encoding="unicode")

    size = tree.attrib["viewBox"].split()
    own = {k: v for k, v in tree.attrib.items() if k not in _SVGWRITE_OWN}

    def with_writer() -> str:
        writer = SvgWriter(float(size[2]), float(size[3]), dict(own))

        def copy(parent: Any, node: ET.Element) -> None:
            for child in node:
                tag = child.tag.rsplit("}", 1)[-1]
                if tag == "style":
                    writer.style(child.text or "")
                    continue
                element = writer.add(parent, tag, dict(child.attrib), child.text or "")
                element.tail = child.tail
                copy(element, child)

        copy(writer.root, tree)
        return writer.tostring()

    assert with_writer() == svg, "the writer's copy of the map is not the same text"
    return (
        median_ms(with_svgwrite, repeat),
        median_ms(with_etree, repeat),
        median_ms(with_writer, repeat),
    )


_SVGWRITE_OWN = frozenset({"width", "height", "version", "baseProfile"})
"""Root attributes svgwrite's Drawing writes itself (namespaces are not attributes here)."""


def serialisers(svg: str, repeat: int) -> tuple[float, float]:
    """Serialising alone, the same tree (no namespaces, as the writer holds it):
    ElementTree's ``tostring`` against the writer's own :func:`serialise` (ms)."""
    tree = ET.fromstring(svg)
    for node in tree.iter():
        node.tag = node.tag.rsplit("}", 1)[-1]

    def with_etree() -> str:
        return ET.tostring(tree, encoding="unicode")

    def with_writer() -> str:
        return serialise(tree)

    assert with_etree() == with_writer()
    return median_ms(with_etree, repeat), median_ms(with_writer, repeat)


def calibrate(repeat: int) -> tuple[float, float]:
    """The issue's yardstick on this machine: 465 plain rects built and serialised by
    svgwrite (``debug=False``) and by ElementTree (ms), to compare machines by."""

    def with_svgwrite() -> str:
        drawing = svgwrite.Drawing(debug=False)
        for i in range(465):
            drawing.add(drawing.rect(insert=(i, i), size=(10, 10), class_="r"))
        return str(drawing.tostring())

    def with_etree() -> str:
        root = ET.Element("svg")
        for i in range(465):
            attributes = {"x": str(i), "y": str(i), "width": "10", "height": "10", "class": "r"}
            ET.SubElement(root, "rect", attributes)
        return ET.tostring(root, encoding="unicode")

    return median_ms(with_svgwrite, repeat), median_ms(with_etree, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="profile the 8-stage map")
    args = parser.parse_args()
    journeys, settings = example_journeys()
    full = full_journey()
    rows: list[tuple[str, Journey, list[str], Settings]] = [
        (j.id, j, names, settings) for j, names in journeys
    ]
    rows.append(("generated-8-stages-every-lane", full, [], settings))
    print("CPU ms per map, median; 'cold': the text memos emptied before each map")
    print(f"{'map':34} {'stages':>6} {'ms/map':>8} {'cold':>6} {'elements':>9} {'bytes':>8}")
    medians: list[float] = []
    colds: list[float] = []
    for name, journey, names, its_settings in rows:

        def draw(j: Journey = journey, n: list[str] = names, s: Settings = its_settings) -> str:
            return draw_journey(j, s, id_prefix="cjm-bench", style=INLINE, persona_names=n)

        ms = median_ms(draw, args.repeat)
        cold = median_ms(draw, args.repeat, forget_text)
        medians.append(ms)
        colds.append(cold)
        svg = draw()
        print(
            f"{name[:34]:34} {len(journey.stages):>6} {ms:>8.2f} {cold:>6.2f} "
            f"{count_elements(svg):>9} {len(svg.encode()):>8}"
        )
    print(
        f"{'median of the example maps':34} {'':>6} {statistics.median(medians[:-1]):>8.2f}"
        f" {statistics.median(colds[:-1]):>6.2f}"
    )
    svg = draw_journey(full, settings, id_prefix="cjm-bench", style=INLINE)
    with_svgwrite, with_etree, with_writer = floor(svg, args.repeat)
    print(
        f"floor, 8-stage map's tree ({count_elements(svg)} elements) built and serialised: "
        f"svgwrite {with_svgwrite:.2f} ms, ElementTree {with_etree:.2f} ms, "
        f"the writer {with_writer:.2f} ms"
    )
    tostring, ours = serialisers(svg, args.repeat)
    print(
        f"serialising that tree (as the standalone file does): ElementTree tostring "
        f"{tostring:.2f} ms, the writer's serialise {ours:.2f} ms"
    )
    yard_svgwrite, yard_etree = calibrate(args.repeat)
    print(
        f"yardstick, 465 plain rects: svgwrite {yard_svgwrite:.2f} ms, "
        f"ElementTree {yard_etree:.2f} ms (the issue measured 5.2 and 1.5)"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            draw_journey(full, settings, id_prefix="cjm-bench", style=INLINE)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
