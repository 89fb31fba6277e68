from __future__ import annotations

import datetime as dt
from pathlib import Path

from cjm_site.checking import check_page
from cjm_site.reading import read_page

# The format reference (format v1), in the handbook: its first two YAML blocks are the
# complete persona and journey examples.
FORMAT = Path(__file__).resolve().parents[2] / "content" / "guide" / "format.md"


def check(source: str, path: str = "journeys/j.md"):  # type: ignore[no-untyped-def]
    return check_page(read_page(path, source.encode("utf-8")))


def front(body: str) -> str:
    return f"---\ntype: journey\ntitle: T\n{body}---\n# T\n"


def test_format_examples_are_clean_and_complete() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    blocks = text.split("```yaml\n")[1:3]
    persona_src, journey_src = (b.split("```", 1)[0] for b in blocks)
    persona = check(persona_src, "personas/eva-molin.md")
    assert persona.findings == () and persona.persona is not None
    p = persona.persona
    assert (p.id, p.name, p.role, p.image, p.segment) == (
        "eva-molin",
        "Eva Molin",
        "Journalist",
        "eva-molin.jpg",
        "Urban professionals",
    )
    assert p.attributes == (("Age", "29"), ("Tech-savvy", "low"))
    assert p.channels == ("mobile", "word-of-mouth")
    journey = check(journey_src, "journeys/pizza-night.md")
    assert journey.findings == () and journey.journey is not None
    j = journey.journey
    assert j.persona_ids == ("eva-molin",)
    assert j.updated == dt.date(2026, 10, 1) and j.review_by == dt.date(2027, 4, 1)
    assert j.improves is not None and j.improves.id == "pizza-night-today"
    assert [r.id for r in j.compare] == ["pizza-night-rival"]
    first, second = j.stages
    assert first.touchpoints[0].name == "Map app search"
    assert first.touchpoints[1].moments == ("truth",) and first.touchpoints[1].priority == "high"
    assert first.opportunities[0].text == "Ask guests for a review"
    assert first.opportunities[1].due == dt.date(2027, 1, 31)
    assert first.metrics == (("Conversion", "35%"), ("Time spent", "2 days"))
    assert (first.emotion, first.aspiration, second.emotion) == (1.0, 2.0, -1.0)
    # Every key of the front matter goes on to MkDocs and other plugins, with YAML's types.
    front_src = journey_src.split("---\n")[1]
    front_keys = {line.split(":", 1)[0] for line in front_src.splitlines() if line[:1].isalpha()}
    assert set(journey.meta) == front_keys | {"type"}
    assert journey.meta["title"] == "Pizza night at Molin's"
    assert journey.meta["tags"] == ["restaurants"]
    assert journey.meta["type"] == "journey"
    assert journey.meta["updated"] == dt.date(2026, 10, 1)
    assert journey.meta["compare"] == ["pizza-night-rival"]
    assert journey.meta["stages"][0]["opportunities"][1]["due"] == dt.date(2027, 1, 31)


def test_single_string_stands_for_a_list() -> None:
    page = check(
        front("persona: eva\nstages:\n  - name: A\n    actions: Calls the bank\n    pains: Waits\n")
    )
    assert page.findings == ()
    assert page.journey is not None
    assert page.journey.persona_ids == ("eva",)
    assert page.journey.stages[0].actions == ("Calls the bank",)


def test_yaml_11_traps_stay_text_where_text_is_meant() -> None:
    page = check(front("owner: NO\nstages:\n  - name: 1:30\n    feeling: off\n    goal: 01234\n"))
    assert page.findings == ()
    assert page.journey is not None
    stage = page.journey.stages[0]
    assert (page.journey.owner, stage.name, stage.feeling, stage.goal) == (
        "NO",
        "1:30",
        "off",
        "01234",
    )


def test_emotion_must_be_a_plain_number() -> None:
    page = check(
        front(
            "stages:\n  - name: A\n    emotion: yes\n  - name: B\n    emotion: .nan\n  - name: C\n    emotion: '1'\n"
        )
    )
    assert [str(f) for f in page.findings] == [
        "journeys/j.md:6: stages[0].emotion: expected a number from -2 to 2, got 'yes'",
        "journeys/j.md:8: stages[1].emotion: expected a number from -2 to 2, got '.nan'",
        "journeys/j.md:10: stages[2].emotion: expected a number from -2 to 2, got '1'",
    ]
    assert (
        check(front("stages:\n  - name: A\n    emotion: -1.5\n")).journey.stages[0].emotion == -1.5
    )  # type: ignore[union-attr]


def test_dates_are_checked() -> None:
    page = check(front("updated: 2024-02-30\nreview_by: '2027-01-02'\nstages: [{name: A}]\n"))
    assert [str(f) for f in page.findings] == [
        "journeys/j.md:4: updated: 2024-02-30 is not a valid date"
    ]
    assert page.journey is not None and page.journey.review_by == dt.date(2027, 1, 2)


def test_unknown_type_close_to_ours_is_an_error_and_others_are_ignored() -> None:
    assert [str(f) for f in check("---\ntype: jouney\n---\n").findings] == [
        "journeys/j.md:2: type: unknown type 'jouney'; did you mean 'journey'?"
    ]
    other = check("---\ntype: blog-post\ntitle: Hi\n---\n")
    assert other.type is None and other.findings == ()


def test_control_characters_are_removed_and_reported() -> None:
    page = check(front('stages:\n  - name: "A\\vB"\n'))
    assert [str(f) for f in page.findings] == [
        "journeys/j.md:5: stages[0].name: control characters were removed"
    ]
    assert page.journey is not None and page.journey.stages[0].name == "AB"


def test_choice_spellings_are_folded() -> None:
    page = check(
        front(
            "kind: Service Blueprint\nstages:\n  - name: A\n    touchpoints:\n      - {name: X, moments: [Moment of truth, pain], priority: HIGH}\n"
        )
    )
    assert page.findings == ()
    assert page.journey is not None and page.journey.kind == "service-blueprint"
    assert page.journey.stages[0].touchpoints[0].moments == ("pain", "truth")


def test_broken_front_matter_still_marks_the_page_as_a_journey() -> None:
    page = check("---\ntype: journey\ntitle: [\n---\n# T\n")
    assert page.type == "journey" and page.has_errors and page.body == "# T\n"


def test_empty_stage_list_is_reported() -> None:
    assert [str(f) for f in check(front("stages: []\n")).findings] == [
        "journeys/j.md:4: stages: needs at least one item"
    ]


def test_only_ascii_digits_are_numbers() -> None:
    page = check(front("stages:\n  - name: A\n    emotion: \u0661\n"))
    assert [str(f) for f in page.findings] == [
        "journeys/j.md:6: stages[0].emotion: expected a number from -2 to 2, got '\u0661'"
    ]


def test_improves_takes_one_id() -> None:
    page = check(front("improves: [a, b]\nstages: [{name: A}]\n"))
    assert [str(f) for f in page.findings] == [
        "journeys/j.md:4: improves: expected one id, got a list of 2"
    ]


def test_unknown_keys_inside_a_stage_are_ignored_with_a_notice() -> None:
    page = check(front("stages:\n  - name: A\n    mood: sunny\n"))
    assert [(f.level, str(f)) for f in page.findings] == [
        (
            "notice",
            "journeys/j.md:6: stages[0].mood: unknown key 'mood' is ignored (to draw it as a "
            "lane of its own, declare it under `lanes:` in the cjm plugin's settings)",
        )
    ]


# -- bidirectional controls (issue 11, item 14) --------------------------------------


def test_bidi_controls_are_refused_in_ids_and_file_names() -> None:
    checked = check(front('id: "a\u202eb"\nstages: [A]\n'))
    assert [str(f) for f in checked.findings] == [
        "journeys/j.md:4: id: the id holds U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional "
        "control that makes text read differently from what it is; remove it"
    ]
    marks = check(front('id: "a\u200fb\u2066"\nstages: [A]\n'))
    assert marks.findings[0].message.startswith(
        "the id holds U+200F (RIGHT-TO-LEFT MARK), U+2066 (LEFT-TO-RIGHT ISOLATE): "
        "bidirectional controls that make text"
    )
    named = check(front("stages: [A]\n"), "journeys/exe.\u202egpj.md")
    assert [str(f) for f in named.findings] == [
        "journeys/exe.\u202egpj.md: the file name holds U+202E (RIGHT-TO-LEFT OVERRIDE), a "
        "bidirectional control that makes text read differently from what it is; "
        "rename the file"
    ]
    ordinary = check("# Notes\n", "notes/\u2067x.md")
    assert ordinary.has_errors and not ordinary.untouched


def test_bidi_controls_are_removed_from_displayed_text_with_a_warning() -> None:
    checked = check(front('stages:\n  - name: "Pay \u202eyap"\n'))
    assert [str(f) for f in checked.findings] == [
        "journeys/j.md:5: stages[0].name: bidirectional controls (U+202E) were removed: "
        "they make text read differently from what it is"
    ]
    assert checked.journey is not None and checked.journey.stages[0].name == "Pay yap"
    rtl = check(front("stages:\n  - name: הזמנה\u200f\n"))
    assert rtl.findings == () and rtl.journey is not None
    assert rtl.journey.stages[0].name == "הזמנה\u200f"
