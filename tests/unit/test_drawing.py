"""The journey map as SVG text, and the sparkline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjm_site.drawing import STYLESHEET, MapStyle, describe_journey, draw_journey
from cjm_site.escaping import clean_text
from cjm_site.model import Journey, Opportunity, Stage, Touchpoint
from cjm_site.sparkline import draw_sparkline
from tests.unit.test_layout import LONG_LABEL, LONG_WORD, SETTINGS, rich_journey, sparse_journey

SVG = "{http://www.w3.org/2000/svg}"
REPO = Path(__file__).resolve().parents[2]
HOSTILE = clean_text(
    "</text><script>alert(1)</script> ]]> <![CDATA[x]]> & <b onload=alert(2)>\x07 \"q\" 'a' {}"
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def all_text(element: ET.Element) -> str:
    return "".join(element.itertext())


def twelve_stage_journey() -> Journey:
    names = [
        "البحث عن مطعم",
        "קריאת התפריט",
        "予約の確認",
        "🍕 Pizza time 🎉",
        "Waiting to pay",
        "The receipt",
        "مشاركة الفاتورة",
        "후기 작성",
        "Повторный визит",
        "Ζητώντας βοήθεια",
        "Loyalty card",
        "Tiếng Việt phản hồi",
    ]
    stages = []
    for n, name in enumerate(names):
        stages.append(
            Stage(
                name,
                phase="awareness" if n % 2 else "unknown",
                goal=[
                    LONG_LABEL,
                    LONG_WORD,
                    "לבדוק אם יש מנות בלי שומשום",
                    "金曜日の19時に6人のテーブル",
                ][n % 4],
                actions=("Orders three pizzas to share 🍕", "يرسل الرابط للزملاء"),
                touchpoints=(Touchpoint(LONG_WORD, "store", "Finance", ("pain", "truth"), "high"),),
                thoughts=("6人は無理かな？",) if n % 3 == 0 else ("هل يوجد مطعم قريب من المكتب؟",),
                emotion=None if n == 9 else [1, -1, -0.5, 2, -2, 0][n % 6],
                feeling=["curious", "מתוסכלת", "不安", "delighted 😊", "stuck", "محايد"][n % 6],
                aspiration=1 if n % 2 else 2,
                pains=(LONG_LABEL,) if n % 2 else (),
                opportunities=(Opportunity("تطبيق الدفع من الهاتف", "المالية", None, "planned"),),
                metrics=(("予約完了率", "63%"),),
                backstage=("Listings synced nightly",) if n % 4 == 0 else (),
            )
        )
    return Journey(
        "dinner",
        "dinner.md",
        "Dinner in four languages 🍜",
        tuple(stages),
        kind="service-blueprint",
    )


def hostile_journey() -> Journey:
    return Journey(
        "x",
        "x.md",
        HOSTILE,
        (
            Stage(
                HOSTILE,
                phase=HOSTILE,
                goal=HOSTILE,
                actions=(HOSTILE,),
                touchpoints=(Touchpoint(HOSTILE, HOSTILE, HOSTILE, ("pain",), "high"),),
                thoughts=(HOSTILE,),
                emotion=0,
                feeling=HOSTILE,
                pains=(HOSTILE,),
                opportunities=(Opportunity(HOSTILE, HOSTILE, None, "idea"),),
                metrics=((HOSTILE, HOSTILE),),
                backstage=(HOSTILE,),
            ),
        ),
        scenario=HOSTILE,
        owner=HOSTILE,
    )


def test_inline_and_standalone_forms() -> None:
    inline = draw_journey(rich_journey(), SETTINGS, id_prefix="m1")
    whole = draw_journey(rich_journey(), SETTINGS, id_prefix="m1", standalone=True)
    assert inline.startswith("<svg ")
    assert whole.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    root = parse(whole)
    assert root.tag == f"{SVG}svg"
    assert parse(inline).tag == f"{SVG}svg"
    width, height = float(root.attrib["width"]), float(root.attrib["height"])
    assert root.attrib["viewBox"] == f"0 0 {root.attrib['width']} {root.attrib['height']}"
    assert width > 0 and height > 0


def test_accessible_name_and_description() -> None:
    root = parse(draw_journey(rich_journey(), SETTINGS, id_prefix="pz"))
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "pz-title pz-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.attrib["id"] == "pz-title" and title.text == "Pizza night at Molin's"
    assert desc.attrib["id"] == "pz-desc"
    assert desc.text is not None
    assert "6 stages" in desc.text
    assert "lowest point is Payment (−2, impatient)" in desc.text
    assert "highest Dinner (+2, delighted)" in desc.text


def test_every_id_carries_the_prefix_and_is_unique() -> None:
    for journey in (rich_journey(), twelve_stage_journey(), sparse_journey()):
        svg = draw_journey(journey, SETTINGS, id_prefix="cjm-a-1f2e3d")
        ids = [e.attrib["id"] for e in parse(svg).iter() if "id" in e.attrib]
        assert ids and len(ids) == len(set(ids))
        assert all(i.startswith("cjm-a-1f2e3d-") for i in ids)
    one = {
        e.attrib["id"]
        for e in parse(draw_journey(rich_journey(), SETTINGS, id_prefix="a")).iter()
        if "id" in e.attrib
    }
    two = {
        e.attrib["id"]
        for e in parse(draw_journey(rich_journey(), SETTINGS, id_prefix="b")).iter()
        if "id" in e.attrib
    }
    assert not one & two


@pytest.mark.parametrize("prefix", ["", "1abc", "a b", 'a"b', "a<b"])
def test_bad_prefixes_are_refused(prefix: str) -> None:
    with pytest.raises(ValueError):
        draw_journey(sparse_journey(), SETTINGS, id_prefix=prefix)


def test_stage_headers_have_numbered_ids_and_phase_names() -> None:
    root = parse(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m"))
    headers = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "cjm-stage"]
    assert [g.attrib["id"] for g in headers] == [f"m-stage-{n}" for n in range(1, 13)]
    # Every header is numbered the same way; the phase is a band above (the spine's name).
    assert [all_text(h).startswith(f"Stage {n}") for n, h in enumerate(headers, 1)] == [True] * 12
    assert "予約の確認" in all_text(headers[2])
    bands = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "cjm-phases"]
    assert len(bands) == 1 and "Awareness" in all_text(bands[0])


def test_output_is_deterministic_across_processes() -> None:
    here = draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m", standalone=True)
    assert here == draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m", standalone=True)
    script = (
        "import sys; from tests.unit.test_drawing import twelve_stage_journey, SETTINGS;"
        "from cjm_site.drawing import draw_journey;"
        "sys.stdout.buffer.write(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix='m',"
        " standalone=True).encode())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, check=True
    )
    assert other.stdout.decode() == here


def test_no_control_characters_and_no_cdata() -> None:
    raw = "bell\x07 escape\x1b nul\x00 del\x7f \ufffe end"  # as if the reader had not cleaned
    dirty = Journey("d", "d.md", raw, (Stage(raw, goal=raw, feeling=raw, emotion=1),))
    for journey in (rich_journey(), twelve_stage_journey(), hostile_journey(), dirty):
        svg = draw_journey(journey, SETTINGS, id_prefix="m", standalone=True)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe]", svg)
        parse(svg)
        assert "CDATA" not in svg.replace("&lt;![CDATA[", "")


def test_hostile_text_comes_out_escaped() -> None:
    svg = draw_journey(hostile_journey(), SETTINGS, id_prefix="m", standalone=True)
    assert "<script" not in svg
    assert "]]>" not in svg
    assert "<b " not in svg
    assert "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = parse(svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "style", "rect", "path", "circle", "g", "text", "tspan"}
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib)
        if element.tag == f"{SVG}style":
            assert element.text == STYLESHEET
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == HOSTILE
    shown = [all_text(t) for t in texts(root)]
    assert any("</text><script>alert(1)</script>" in t for t in shown)


def test_the_stylesheet_is_ours_and_has_light_fallbacks() -> None:
    assert "{" not in HOSTILE or HOSTILE not in STYLESHEET
    assert "<" not in STYLESHEET and "&" not in STYLESHEET
    for rule in re.findall(r"var\([^)]*\)", STYLESHEET):
        assert re.fullmatch(r"var\(--cjm-[a-z-]+,#[0-9a-f]{6}\)", rule), rule
    css = (REPO / "theme" / "assets" / "cjm" / "map.css").read_text("utf-8")
    for name in set(re.findall(r"var\((--cjm-[a-z-]+)", STYLESHEET)):
        assert css.count(f"{name}:") >= 2, f"{name} not set for both schemes in map.css"


def test_texts_are_legible_sizes_with_a_sans_serif_stack() -> None:
    root = parse(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m"))
    assert all(int(t.attrib["font-size"]) >= 12 for t in texts(root))
    assert "sans-serif}" in STYLESHEET.split("}")[0] + "}"


def test_lanes_present_and_absent() -> None:
    rich = parse(draw_journey(rich_journey(), SETTINGS, id_prefix="r"))
    ids = {e.attrib.get("id") for e in rich.iter()}
    for lane in ("goal", "actions", "touchpoints", "thoughts", "emotion", "pains"):
        assert f"r-lane-{lane}" in ids
    assert {"r-lane-opportunities", "r-lane-metrics", "r-lane-backstage"} <= ids
    assert "Line of visibility" in [all_text(t) for t in texts(rich)]

    sparse = parse(draw_journey(sparse_journey(), SETTINGS, id_prefix="s"))
    lanes = [e.attrib["id"] for e in sparse.iter() if e.attrib.get("id", "").startswith("s-lane-")]
    assert lanes == ["s-lane-emotion"]
    assert "Line of visibility" not in [all_text(t) for t in texts(sparse)]
    assert not [e for e in sparse.iter() if e.attrib.get("class") == "cjm-aspiration"]


def test_faces_curves_and_aspiration() -> None:
    root = parse(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m"))
    faces = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "cjm-face-group"]
    assert len(faces) == 11  # stage 10 has no emotion value
    moods = [c.attrib["class"] for g in faces for c in g if c.tag == f"{SVG}circle"][::3]
    assert "cjm-face cjm-face-good" in moods and "cjm-face cjm-face-bad" in moods
    classes = [e.attrib.get("class") for e in root.iter(f"{SVG}path")]
    assert classes.count("cjm-curve") >= 1
    assert "cjm-aspiration" in classes
    marks = [e for e in root.iter(f"{SVG}path") if e.attrib.get("class") == "cjm-aspiration-mark"]
    assert len(marks) >= 12
    # Never a frame around a face: aspiration marks are small diamonds, none boxes a face.
    assert not [e for e in root.iter() if e.attrib.get("class") == "cjm-aspiration-ring"]


def test_moment_markers_have_distinct_shapes_and_words() -> None:
    root = parse(draw_journey(rich_journey(), SETTINGS, id_prefix="m"))
    shapes = {}
    for group in root.iter(f"{SVG}g"):
        css = group.attrib.get("class", "")
        if css.startswith("cjm-icon cjm-icon-"):
            kind = css.removeprefix("cjm-icon cjm-icon-")
            title = group.find(f"{SVG}title")
            assert title is not None and title.text
            path = group.find(f"{SVG}path")
            if path is not None:
                shapes[kind] = path.attrib["d"].count("L")
    assert shapes["pain"] == 2 and shapes["truth"] == 3 and shapes["delight"] == 9
    words = [all_text(t) for t in texts(root)]
    for word in ("Pain", "Delight", "Moment of truth", "High priority", "Medium priority"):
        assert word in words
    legend = root.find(f".//{SVG}g[@id='m-legend']")
    assert legend is not None
    legend_words = " ".join(all_text(t) for t in legend.iter(f"{SVG}text"))
    for word in ("Pain point", "Delight", "Moment of truth", "Priority", "Emotion", "Aspiration"):
        assert word in legend_words


def test_right_to_left_lines_are_marked() -> None:
    root = parse(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m"))
    rtl = [t for t in texts(root) if t.attrib.get("direction") == "rtl"]
    assert any("البحث عن مطعم" in all_text(t) for t in rtl)
    assert any("לבדוק" in all_text(t) for t in rtl)
    assert not any("Orders three pizzas" in all_text(t) for t in rtl)


def test_long_labels_are_truncated_with_the_full_text_in_a_title() -> None:
    text = " ".join(["lorem ipsum dolor sit amet"] * 20)  # about 540 characters
    journey = Journey("j", "j.md", "J", (Stage("Stage", goal=text),))
    root = parse(draw_journey(journey, SETTINGS, id_prefix="m"))
    goal = next(t for t in texts(root) if "lorem" in all_text(t))
    title = goal.find(f"{SVG}title")
    assert title is not None and title.text == text
    shown = "".join(span.text or "" for span in goal.iter(f"{SVG}tspan"))
    assert shown.endswith("…") and len(shown) < 320


def test_twelve_stages_draw_twelve_columns() -> None:
    style = MapStyle()
    root = parse(draw_journey(twelve_stage_journey(), SETTINGS, id_prefix="m", style=style))
    assert (
        float(root.attrib["width"])
        == 2 * style.margin + style.label_width + 12 * style.column_width
    )


def test_summary_counts() -> None:
    summary = describe_journey(rich_journey())
    assert "persona eva-molin" in summary
    assert "3 pain points" in summary
    assert "2 moments of truth" in summary
    assert "2 opportunities" in summary
    assert "line of visibility" in summary
    assert "At 2 stages the feeling aimed for is above the current one." in summary


# --- sparkline --------------------------------------------------------------


def test_sparkline() -> None:
    svg = draw_sparkline([1, None, -2, 0.5], label="Emotion along <Pizza> & co")
    root = parse(svg)
    assert root.attrib["role"] == "img"
    assert (root.attrib["width"], root.attrib["height"]) == ("120", "32")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Emotion along <Pizza> & co: +1, none, −2, +0.5"
    assert len(root.findall(f"{SVG}circle")) == 3
    for svg in (
        draw_sparkline([], label="x"),
        draw_sparkline([None], label="x"),
        draw_sparkline([2], label="x"),
    ):
        assert parse(svg).attrib["role"] == "img"
    assert draw_sparkline([1, 2], label="a") == draw_sparkline([1, 2], label="a")


def test_a_journey_without_stages_still_draws() -> None:
    root = parse(draw_journey(Journey("e", "e.md", "Empty", ()), SETTINGS, id_prefix="m"))
    assert root.find(f"{SVG}title") is not None


def test_odd_values_never_reach_the_svg_as_nan() -> None:
    stages = (Stage("A", emotion=float("nan")), Stage("B", emotion=-1, aspiration=0))
    journey = Journey("j", "j.md", "J", stages)
    svg = draw_journey(journey, SETTINGS, id_prefix="m")
    assert "nan" not in svg.lower()
    assert "At 1 stage the feeling aimed for is above the current one." in describe_journey(journey)


# --- the one writer -----------------------------------------------------------


def test_every_drawing_goes_through_the_one_writer_and_its_escaping() -> None:
    from cjm_site.svg.comparison import align, draw_comparison

    raw = "</title><script>alert(1)</script>\x07 & \ud800 <b onload=x>"
    stages = (Stage(raw, emotion=1), Stage("Same", emotion=-1))
    a = Journey("a", "a.md", raw, stages)
    b = Journey("b", "b.md", "B", (Stage("Same", emotion=2),))
    drawings = [
        draw_sparkline([1, -1], label=raw),
        draw_comparison(a, b, align(a.stages, b.stages), id_prefix="c"),
        draw_journey(a, SETTINGS, id_prefix="j"),
    ]
    for svg in drawings:
        root = parse(svg)  # well-formed XML: controls and lone surrogates are gone
        assert root.tag == f"{SVG}svg"
        assert "<script" not in svg and "<b " not in svg and "\x07" not in svg
        assert any("<script>" in (e.text or "") + (e.tail or "") for e in root.iter())
        assert root.find(f"{SVG}defs") is None
        for element in root.iter():  # svgwrite's rule, kept: attributes sorted, none empty
            assert list(element.attrib) == sorted(element.attrib)
            assert all(element.attrib.values())


def test_a_cut_label_keeps_its_title_first_and_its_text() -> None:
    text = "word " * 80  # cut short, one label in a narrow column
    journey = Journey("j", "j.md", "J", (Stage("S" * 400, goal=text.strip()),))
    root = parse(draw_journey(journey, SETTINGS, id_prefix="m"))
    cut = [label for label in texts(root) if label.find(f"{SVG}title") is not None]
    assert len(cut) == 2  # the stage's name and the goal
    for label in cut:
        title = label.find(f"{SVG}title")
        assert title is not None and next(iter(label)) is title
        shown = all_text(label).removeprefix(title.text or "")
        assert shown.replace(" ", "").endswith("…")
        assert (title.text or "").startswith(shown.rstrip("…")[:20])


def test_a_wrapped_label_is_one_text_with_a_tspan_per_further_line() -> None:
    root = parse(draw_journey(rich_journey(), SETTINGS, id_prefix="m"))
    wrapped = [t for t in texts(root) if t.find(f"{SVG}tspan") is not None]
    assert wrapped
    for text in wrapped:
        spans = text.findall(f"{SVG}tspan")
        assert (text.text or "").strip()  # the first line at the text's own x, y
        assert all(span.get("x") == text.get("x") for span in spans)
        ys = [float(text.get("y", "0"))] + [float(s.get("y", "0")) for s in spans]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_measuring_memos_give_the_same_map_as_a_fresh_process() -> None:
    first = draw_journey(rich_journey(), SETTINGS, id_prefix="m")
    from cjm_site.svg import geometry, text

    text.wrap_text.cache_clear()
    text._measure.cache_clear()
    geometry.num.cache_clear()
    assert draw_journey(rich_journey(), SETTINGS, id_prefix="m") == first
