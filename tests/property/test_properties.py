"""Properties of the whole pipeline on generated front matter (hypothesis).

- No exception ever escapes reading, checking, linking, drawing, the catalogue or
  the templates, whatever the bytes.
- Every invalid page gets at least one error, and every finding has a line.
- Every valid page draws a map: valid XML whose text labels never overlap and
  all lie within the map.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cjm_site.catalogue import catalogue_document, catalogue_json
from cjm_site.checking import CheckedPage, check_page
from cjm_site.drawing import MapStyle, draw_journey
from cjm_site.escaping import bidi_controls
from cjm_site.layout import Label, MapLayout, place_journey
from cjm_site.linking import Site, link
from cjm_site.model import Channel, Journey, Settings, SpineStage
from cjm_site.output import finding_text, is_unsafe
from cjm_site.reading import read_page
from cjm_site.rendering import catalogue_context, environment, journey_context, persona_context
from tests.property.strategies import (
    ANY_FRONT,
    ANY_SETTINGS,
    PATHS,
    PLAIN_WORDS,
    YAML_LIKE,
    Fault,
    dump,
    invalid_journeys,
    journeys,
    personas,
)

SETTINGS = Settings(spine=(SpineStage("awareness", "Awareness"),))
THEME = Path(__file__).resolve().parents[2] / "theme"
ENV = environment([str(THEME)])
STYLES = (MapStyle(), MapStyle(show_title=False))


class _Linker:
    def page(self, path: str) -> str | None:
        return f"../{path.removesuffix('.md')}/"

    def file(self, path: str) -> str | None:
        return f"../{path}"

    def href(self, path: str, anchor: str = "") -> str | None:
        return f"../{path}#{anchor}"


def run_pipeline(
    pages: Sequence[tuple[str, bytes]], settings: Settings = SETTINGS
) -> tuple[list[CheckedPage], Site]:
    """Everything the plugin does with pages, short of MkDocs: must never raise."""
    checked = [check_page(read_page(path, data), settings) for path, data in pages]
    site = link(checked)
    linker = _Linker()
    for journey in site.journeys:
        for style in STYLES:
            svg = draw_journey(journey, settings, id_prefix="cjm-p", style=style, standalone=True)
            ET.fromstring(svg.encode("utf-8"))
        ENV.get_template("cjm/journey.html").render(
            journey_context(journey, site, settings, linker, svg="", svg_href=None, soon_days=30)
            | {"view_links": []}
        )
    for persona in site.personas:
        context = persona_context(persona, site, settings, linker, sparklines={}, soon_days=30)
        ENV.get_template("cjm/persona.html").render(context)
        ENV.get_template("cjm/persona-journeys.html").render(context)
    context = catalogue_context(
        site, settings, linker, sparklines={}, soon_days=30, json_href=None
    ) | {"views": []}
    ENV.get_template("cjm/catalogue.html").render(context)
    document = catalogue_document(site, settings, {p.path: p.path for p in checked})
    json.loads(catalogue_json(document))  # allow_nan=False inside: NaN would raise
    for page in checked:
        yaml.safe_dump(page.meta)  # what MkDocs is handed
    return checked, site


def findings_have_lines(pages: Sequence[CheckedPage]) -> None:
    for page in pages:
        for finding in page.findings:
            if finding.line == 0:  # about the file itself, not a line of it
                assert finding.message.startswith("the file name"), finding
                assert str(finding).startswith(f"{page.path}: ")
                continue
            assert finding.line >= 1, finding
            assert str(finding).startswith(f"{page.path}:{finding.line}: ")


# -- no exception escapes ------------------------------------------------------------------


@given(st.binary(max_size=2000))
@example(b"---\n" + b"[" * 30_000 + b"\n---\n")
@example(b"\xef\xbb\xbf---\r\ntype: journey\r\ntitle: T\r\nstages: [A]\r\n---\r\n")
@example(b"---\ntitle: caf\xe9\n---\n")
def test_any_bytes(data: bytes) -> None:
    pages, _ = run_pipeline([("j/page.md", data)])
    findings_have_lines(pages)


@given(YAML_LIKE)
def test_any_yaml_like_text(text: str) -> None:
    pages, _ = run_pipeline([("j/page.md", text.encode("utf-8", "surrogatepass"))])
    findings_have_lines(pages)


@given(ANY_FRONT)
def test_any_yaml_data(front: dict[Any, Any]) -> None:
    data = dump(front)
    pages, _ = run_pipeline([("j/page.md", data), ("p/other.md", dump({"type": "persona"}))])
    findings_have_lines(pages)


# -- invalid pages are reported, with a line ----------------------------------------------


@given(invalid_journeys())
def test_every_invalid_page_gets_an_error_with_a_line(fault: Fault) -> None:
    pages, site = run_pipeline([("j/broken.md", fault.data)])
    (page,) = pages
    errors = [f for f in (*page.findings, *site.findings) if f.level == "error"]
    assert errors, fault
    assert all(f.line >= 1 for f in errors), errors
    assert site.journey("broken") is None or page.has_errors


# -- valid pages draw maps whose labels never overlap ------------------------------------


def placed_labels(layout: MapLayout) -> Iterator[tuple[str, Label, float, float]]:
    """Every text label with the offset of its frame (cards place labels inside them)."""
    for label in layout.heading:
        yield "heading", label, 0, 0
    for header in layout.headers:
        yield "phase", header.phase, 0, 0
        yield "stage", header.name, 0, 0
    for lane in layout.lanes:
        yield "lane", lane.title, 0, 0
    for card in layout.cards:
        for label in card.labels:
            yield f"card-{card.kind}", label, card.x, card.y
    if layout.emotion:
        for _, _, label in layout.emotion.scale:
            yield "scale", label, 0, 0
        for point in layout.emotion.points:
            if point.feeling:
                yield "feeling", point.feeling, 0, 0
        for label in layout.emotion.loose_feelings:
            yield "feeling", label, 0, 0
    if layout.visibility:
        yield "visibility", layout.visibility[1], 0, 0
    if layout.legend_title:
        yield "legend", layout.legend_title, 0, 0
    for item in layout.legend:
        yield "legend", item.label, 0, 0


def ink(label: Label, dx: float, dy: float) -> tuple[float, float, float, float]:
    """Where the text is drawn (left, top, right, bottom), as drawing.py anchors it."""
    block = label.block
    if label.align == "middle":
        left = label.x + (label.width - block.width) / 2
    elif (label.align == "end") != block.rtl:
        left = label.x + label.width - block.width
    else:
        left = label.x
    return (dx + left, dy + label.y, dx + left + block.width, dy + label.y + block.height)


def check_layout(journey: Journey, style: MapStyle) -> None:
    layout = place_journey(journey, SETTINGS, style)
    boxes = []
    for role, label, dx, dy in placed_labels(layout):
        left, top, right, bottom = ink(label, dx, dy)
        assert label.block.width <= label.width + 0.01, (role, label.block.lines)
        assert left >= 0 and right <= layout.width + 0.01, (role, label.block.lines)
        assert top >= 0 and bottom <= layout.height + 0.01, (role, label.block.lines)
        if label.block.width > 0:
            boxes.append((left, top, right, bottom, role, label.block.lines))
    boxes.sort()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b[0] >= a[2] - 0.01:
                break  # sorted by left edge: nothing further right can touch a
            overlap = a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01
            assert not overlap, (a, b)
    for card in layout.cards:
        assert card.x >= 0 and card.x + card.width <= layout.width + 0.01
        assert card.y >= 0 and card.y + card.height <= layout.height + 0.01


@given(journeys(), personas())
def test_every_valid_page_draws_a_map_whose_labels_do_not_overlap(
    front: dict[str, Any], persona: dict[str, Any]
) -> None:
    persona["id"] = "the-persona"
    front["persona"] = "the-persona"
    pages, site = run_pipeline([("j/map.md", dump(front)), ("p/persona.md", dump(persona))])
    for page in pages:
        assert not page.has_errors, [str(f) for f in page.findings]
    assert site.findings == ()
    (journey,) = site.journeys
    assert len(journey.stages) == len(front["stages"])
    for style in STYLES:
        check_layout(journey, style)


# -- file names, line separators and settings (issue 11, "Done when") ---------------------


def printed_safely(pages: Sequence[CheckedPage], site: Site) -> None:
    """Whatever a finding holds, the line ``cjm validate`` prints is one safe line."""
    for finding in (*(f for p in pages for f in p.findings), *site.findings):
        text = finding_text(finding)
        assert not is_unsafe(text) and not text.startswith(("::", "-")), text
        assert not bidi_controls(finding.message + finding.field), finding


@given(st.lists(PATHS, min_size=1, max_size=4, unique=True), journeys(), personas())
def test_any_file_names(paths: list[str], front: dict[str, Any], persona: dict[str, Any]) -> None:
    sources = [
        (path, dump(persona) if index % 2 else dump(front)) for index, path in enumerate(paths)
    ]
    pages, site = run_pipeline(sources)
    findings_have_lines(pages)
    printed_safely(pages, site)
    for page in pages:
        assert all(f.path == page.path for f in page.findings)
        if bidi_controls(page.path):
            assert any(f.message.startswith("the file name holds") for f in page.findings)


@given(PLAIN_WORDS, st.integers(0, 3))
def test_line_separators_inside_values_keep_line_numbers(title: str, gap: int) -> None:
    extra = "# a note\n" * gap
    text = f"---\ntype: journey\ntitle: {title}\n{extra}stages:\n  - name: A\n    emotion: 9\n---\n"
    pages, site = run_pipeline([("j/separators.md", text.encode("utf-8"))])
    (page,) = pages
    line = 6 + gap  # where an editor shows `emotion: 9`
    errors = [str(f) for f in page.findings if f.level == "error"]
    assert errors == [f"j/separators.md:{line}: stages[0].emotion: 9 is outside -2..2"]
    printed_safely(pages, site)


@given(ANY_SETTINGS, journeys(), personas())
def test_any_settings(
    settings: tuple[list[tuple[str, str]], list[tuple[str, str, bool]]],
    front: dict[str, Any],
    persona: dict[str, Any],
) -> None:
    spine, channels = settings
    chosen = Settings(
        spine=tuple(SpineStage(i, n) for i, n in spine),
        channels=tuple(Channel(i, n, o) for i, n, o in channels),
    )
    if spine and front["stages"] and isinstance(front["stages"][0], dict):
        front["stages"][0]["phase"] = spine[0][0]
    pages, site = run_pipeline(
        [("j/map.md", dump(front)), ("p/persona.md", dump(persona))], settings=chosen
    )
    findings_have_lines(pages)
    printed_safely(pages, site)
