"""The standalone map file: concrete colours, renderer-safe text, a title block, escaped text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_site.cli_export import MapSource, load_map
from cjm_site.drawing import draw_journey
from cjm_site.export.palette import LIGHT_PALETTE, resolve_stylesheet
from cjm_site.export.paper import MAP_STYLE
from cjm_site.export.standalone import standalone_svg, title_facts
from cjm_site.model import Journey, Ref, Settings, Stage

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "content" / "journeys").glob("*.md"))
NS = "{http://www.w3.org/2000/svg}"


def _file(source: MapSource) -> str:
    svg = draw_journey(
        source.journey,
        source.settings,
        id_prefix="cjm-map",
        style=MAP_STYLE,
        persona_names=source.persona_names,
    )
    return standalone_svg(source.journey, svg, source.persona_names, source.page_url)


def _texts(svg: str) -> str:
    root = ET.fromstring(svg.encode("utf-8"))
    return " ".join(
        "".join(t.itertext()) for t in root.iter(f"{NS}text") if t.get("aria-hidden") != "true"
    )


def test_light_palette_is_the_light_scheme_of_map_css() -> None:
    css = (REPO / "theme" / "assets" / "cjm" / "map.css").read_text(encoding="utf-8")
    light = css.split('[data-md-color-scheme="default"] {', 1)[1].split("}", 1)[0]
    values = dict(re.findall(r"(--cjm-[a-z-]+):\s*(#[0-9a-f]{6})", light))
    assert values == dict(LIGHT_PALETTE)


def test_every_rule_of_the_drawing_resolves_to_concrete_values() -> None:
    rules = resolve_stylesheet()
    assert len(rules) > 40
    for rule in rules:
        for _, value in rule.declarations:
            assert "var(" not in value and "--" not in value


def test_an_unknown_property_or_selector_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown to the export"):
        resolve_stylesheet(".cjm-journey-map .a{filter:blur(2px)}")
    with pytest.raises(ValueError, match="selector unknown"):
        resolve_stylesheet("g > .a{fill:red}")


@pytest.mark.parametrize("page", EXAMPLES, ids=lambda p: p.stem)
def test_example_maps_stand_alone(page: Path) -> None:
    source = load_map(page)
    svg = _file(source)
    assert svg == _file(source), "same input, same bytes"
    for absent in ("var(", "--cjm", "<style", "paint-order", 'direction="rtl"', 'class="cjm-t'):
        if absent == 'class="cjm-t':
            continue  # classes stay as names for people; nothing styles them any more
        assert absent not in svg
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{NS}svg"
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        if element.tag in (f"{NS}text", f"{NS}rect", f"{NS}circle"):
            # Shapes and text carry their colour, or inherit it from a group; never
            # the renderer's default black.
            chain = [element]
            while chain[-1] in parents:
                chain.append(parents[chain[-1]])
            assert any(e.get("fill") for e in chain[:-1]), f"{element.tag} {element.attrib}"
    shown = _texts(svg)
    journey = source.journey
    assert journey.title in shown
    for fact in title_facts(journey, source.persona_names):
        assert fact in shown
    for name in source.persona_names:
        assert name in shown
    assert "Review by:" in shown and "Owner:" in shown and "Evidence:" in shown


def test_the_title_block_names_the_page_address_and_escapes_author_text() -> None:
    hostile = '<script>alert(1)</script> ]]> & "quotes" \u202e'
    journey = Journey(
        id="j",
        path="journeys/j.md",
        title=hostile,
        stages=(Stage(name=hostile, emotion=1.0, feeling=hostile), Stage(name="Two")),
        personas=(Ref("p", 1, "personas[0]"),),
        owner=hostile,
        evidence="researched",
        updated=dt.date(2026, 1, 2),
        review_by=dt.date(2026, 7, 2),
    )
    svg = draw_journey(journey, Settings(), id_prefix="m", style=MAP_STYLE)
    out = standalone_svg(journey, svg, ["<b>Ana</b>"], "https://handbook.example/journeys/j/")
    root = ET.fromstring(out.encode("utf-8"))
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script>" not in out and "&lt;script&gt;" in out
    shown = _texts(out)
    for words in (
        "Persona: <b>Ana</b>",
        "Owner: <script>",
        "Updated: 2026-01-02",
        "Review by: 2026-07-02",
        "https://handbook.example/journeys/j/",
    ):
        assert words in shown


def test_halo_text_becomes_a_copy_under_the_letters() -> None:
    journey = Journey(
        id="j", path="j.md", title="T", stages=(Stage("A", emotion=1, feeling="glad"),)
    )
    out = standalone_svg(journey, draw_journey(journey, Settings(), id_prefix="m", style=MAP_STYLE))
    root = ET.fromstring(out.encode("utf-8"))
    glad = [t for t in root.iter(f"{NS}text") if "".join(t.itertext()) == "glad"]
    assert len(glad) == 2
    halo, letters = glad
    assert halo.get("aria-hidden") == "true" and halo.get("stroke") == "#ffffff"
    assert letters.get("stroke") is None and letters.get("fill") == LIGHT_PALETTE["--cjm-ink"]


def test_right_to_left_labels_are_isolated_and_anchored_at_their_end() -> None:
    stage = Stage("קריאת התפריט")
    journey = Journey(id="j", path="j.md", title="T", stages=(stage,))
    out = standalone_svg(journey, draw_journey(journey, Settings(), id_prefix="m", style=MAP_STYLE))
    root = ET.fromstring(out.encode("utf-8"))
    label = next(t for t in root.iter(f"{NS}text") if "קריאת" in "".join(t.itertext()))
    assert label.get("direction") is None
    assert label.get("text-anchor") == "end"
    assert "".join(label.itertext()) == "\u2067קריאת התפריט\u2069"


def test_what_a_file_must_not_hold_is_refused_or_dropped() -> None:
    journey = Journey(id="j", path="j.md", title="T", stages=(Stage("A"),))
    base = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}</svg>'
    with pytest.raises(ValueError, match="script"):
        standalone_svg(journey, base.format("<script>alert(1)</script>"))
    out = standalone_svg(journey, base.format('<rect onclick="x()" width="1" height="1"/>'))
    assert "onclick" not in out
    with pytest.raises(ValueError, match="not well-formed"):
        standalone_svg(journey, "<svg")


def test_a_journey_without_optional_facts_still_says_its_kind() -> None:
    journey = dataclasses.replace(
        Journey(id="j", path="j.md", title="T", stages=(Stage("A"),)), kind="future-state"
    )
    assert title_facts(journey) == ("Future state",)  # the vocabulary's one wording


ALLOWED = {"svg", "g", "title", "desc", "rect", "path", "text", "tspan", "circle"}


@settings(max_examples=40, deadline=None)
@given(words=st.text(min_size=1, max_size=60), more=st.text(max_size=60))
def test_any_author_text_stays_text(words: str, more: str) -> None:
    """Whatever the front matter says, the file is well-formed and holds only our elements."""
    journey = Journey(
        id="j",
        path="j.md",
        title=words,
        owner=more or None,
        stages=(Stage(name=words, goal=more or None, emotion=-1, feeling=more or None),),
    )
    drawn = draw_journey(journey, Settings(), id_prefix="m", style=MAP_STYLE)
    out = standalone_svg(journey, drawn, [more] if more else [], f"https://x.example/{more}")
    root = ET.fromstring(out.encode("utf-8"))
    assert {e.tag.removeprefix(NS) for e in root.iter()} <= ALLOWED
    assert not [name for e in root.iter() for name in e.attrib if name.lower().startswith("on")]
