"""`cjm diff`: real edits to the example maps, compared as a reviewer would read them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cjm_site.checking import check_page
from cjm_site.diffing import (
    DiffError,
    FieldChange,
    ItemChange,
    JourneyDiff,
    ListChange,
    StageDiff,
    StageRef,
    diff_files,
    diff_journeys,
    diff_personas,
    to_json,
    to_markdown,
)
from cjm_site.model import Journey, Persona
from cjm_site.reading import read_page

CONTENT = Path(__file__).resolve().parents[2] / "content"
PIZZA = (CONTENT / "journeys" / "pizza-night.md").read_text(encoding="utf-8")
EVA = (CONTENT / "personas" / "eva-molin.md").read_text(encoding="utf-8")
PATH = "journeys/pizza-night.md"
HEADING = "### Pizza night at Forno today (journeys/pizza-night.md)"
STAGES = (
    "Getting the idea",
    "Checking the menu",
    "Booking a table",
    "Arriving",
    "Ordering",
    "Eating",
    "Paying",
    "Afterwards",
)
REVIEW_STAGE = """\
  - name: Leaving a review
    phase: loyalty
    goal: Tell others how the evening went
    touchpoints:
      - name: Review prompt on the receipt
        channel: social
        moments: [delight]
    emotion: 1
"""


def journey(text: str, path: str = PATH) -> Journey:
    page = check_page(read_page(path, text.encode("utf-8")))
    assert page.journey is not None and not page.has_errors, page.findings
    return page.journey


def persona(text: str) -> Persona:
    page = check_page(read_page("personas/eva-molin.md", text.encode("utf-8")))
    assert page.persona is not None and not page.has_errors, page.findings
    return page.persona


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """Apply exact replacements, each of text that occurs once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def split_stages(text: str) -> tuple[str, list[str], str]:
    """The page before the stages, one block of front matter per stage, and the rest."""
    head, rest = text.split("\nstages:\n", 1)
    end = rest.index("\n---\n") + 1
    blocks = re.split(r"(?m)^(?=  - name: )", rest[:end])
    assert blocks[0] == "" and len(blocks) == len(STAGES) + 1
    return head + "\nstages:\n", blocks[1:], rest[end:]


def move(text: str, name: str, position: int) -> str:
    """Move the stage called ``name`` to ``position`` (1-based)."""
    head, blocks, tail = split_stages(text)
    (block,) = (b for b in blocks if b.startswith(f"  - name: {name}\n"))
    blocks.remove(block)
    blocks.insert(position - 1, block)
    return head + "".join(blocks) + tail


def diff(new_text: str) -> JourneyDiff:
    return diff_journeys(journey(PIZZA), journey(new_text))


def test_example_split_into_stages() -> None:
    head, blocks, tail = split_stages(PIZZA)
    assert head + "".join(blocks) + tail == PIZZA
    assert tuple(s.name for s in journey(PIZZA).stages) == STAGES


def test_no_change_is_an_empty_diff() -> None:
    body_only = edit(PIZZA, ("six pizzerias", "seven pizzerias"))
    d = diff(body_only)
    assert d == JourneyDiff(
        "pizza-night-today", "Pizza night at Forno today", PATH, PATH, "unchanged"
    )
    assert to_markdown([d]) == "No map changes.\n"
    assert to_markdown([]) == "No map changes.\n"
    assert json.loads(to_json([]))["pages"] == []


def test_emotion_change_markdown_and_json_exactly() -> None:
    d = diff(
        edit(
            PIZZA,
            ("    emotion: 0\n    feeling: cautious\n", "    emotion: 1\n    feeling: relaxed\n"),
        )
    )
    assert d.status == "changed"
    assert d.stages == (
        StageDiff(
            "Ordering",
            "Ordering",
            5,
            5,
            fields=(
                FieldChange("emotion", "0", "1"),
                FieldChange("feeling", "cautious", "relaxed"),
            ),
        ),
    )
    assert to_markdown([d]) == (
        f"1 map changed\n\n{HEADING}\n\n- Ordering: emotion 0 → 1; feeling cautious → relaxed\n"
    )
    assert (
        to_json([d])
        == """\
{
  "version": 1,
  "summary": {
    "journeys": {
      "changed": 1,
      "added": 0,
      "removed": 0,
      "unreadable": 0,
      "unchanged": 0
    },
    "personas": {
      "changed": 0,
      "added": 0,
      "removed": 0,
      "unreadable": 0,
      "unchanged": 0
    }
  },
  "pages": [
    {
      "type": "journey",
      "id": "pizza-night-today",
      "title": "Pizza night at Forno today",
      "path": "journeys/pizza-night.md",
      "old_path": "journeys/pizza-night.md",
      "status": "changed",
      "fields": [],
      "lists": [],
      "stages": {
        "added": [],
        "removed": [],
        "changed": [
          {
            "name": "Ordering",
            "old_name": "Ordering",
            "position": 5,
            "old_position": 5,
            "renamed": false,
            "moved": false,
            "fields": [
              {
                "field": "emotion",
                "old": "0",
                "new": "1"
              },
              {
                "field": "feeling",
                "old": "cautious",
                "new": "relaxed"
              }
            ],
            "lists": [],
            "touchpoints": [],
            "opportunities": [],
            "images": []
          }
        ]
      },
      "errors": {
        "old": [],
        "new": []
      }
    }
  ]
}
"""
    )


def test_emotion_removed_shows_a_dash() -> None:
    d = diff(edit(PIZZA, ("    emotion: -1\n", "")))
    assert to_markdown([d]).endswith("- Checking the menu: emotion -1 → –\n")


def test_stage_added_moves_nothing_else() -> None:
    d = diff(edit(PIZZA, ("  - name: Afterwards\n", REVIEW_STAGE + "  - name: Afterwards\n")))
    assert d.stages_added == (StageRef("Leaving a review", 8),)
    assert d.stages_removed == () and d.stages == ()
    assert to_markdown([d]) == (
        f"1 map changed\n\n{HEADING}\n\n- Stage added: Leaving a review (position 8)\n"
    )


def test_stage_removed() -> None:
    head, blocks, tail = split_stages(PIZZA)
    d = diff(head + "".join(b for b in blocks if "name: Paying" not in b) + tail)
    assert d.stages_removed == (StageRef("Paying", 7),)
    assert d.stages_added == () and d.stages == ()
    assert to_markdown([d]).endswith("- Stage removed: Paying (was position 7)\n")


def test_stage_renamed() -> None:
    d = diff(edit(PIZZA, ("- name: Booking a table", "- name: Reserving a table")))
    assert d.stages_added == d.stages_removed == ()
    assert d.stages == (StageDiff("Reserving a table", "Booking a table", 3, 3),)
    assert d.stages[0].renamed and not d.stages[0].moved
    assert to_markdown([d]).endswith("- Booking a table → Reserving a table: renamed\n")


def test_stage_moved_reports_only_that_stage() -> None:
    d = diff(move(PIZZA, "Booking a table", 6))
    assert d.stages_added == d.stages_removed == ()
    assert d.stages == (StageDiff("Booking a table", "Booking a table", 6, 3, moved=True),)
    assert to_markdown([d]).endswith("- Booking a table: moved from position 3 to 6\n")


def test_stage_renamed_and_moved_is_one_stage() -> None:
    new = move(
        edit(
            PIZZA,
            ("- name: Booking a table", "- name: Reserving a table"),
            ("    goal: A table for three at 19:30\n", "    goal: A table for three at 20:00\n"),
        ),
        "Reserving a table",
        5,
    )
    d = diff(new)
    assert d.stages_added == d.stages_removed == ()
    assert len(d.stages) == 1
    stage = d.stages[0]
    assert (stage.old_name, stage.name, stage.old_position, stage.position) == (
        "Booking a table",
        "Reserving a table",
        3,
        5,
    )
    assert stage.renamed and stage.moved
    assert to_markdown([d]) == (
        "1 map changed\n\n"
        f"{HEADING}\n\n"
        "- Booking a table → Reserving a table: renamed, moved from position 3 to 5; "
        "goal A table for three at 19:30 → A table for three at 20:00\n"
    )
    assert json.loads(to_json([d]))["pages"][0]["stages"] == {
        "added": [],
        "removed": [],
        "changed": [
            {
                "name": "Reserving a table",
                "old_name": "Booking a table",
                "position": 5,
                "old_position": 3,
                "renamed": True,
                "moved": True,
                "fields": [
                    {
                        "field": "goal",
                        "old": "A table for three at 19:30",
                        "new": "A table for three at 20:00",
                    }
                ],
                "lists": [],
                "touchpoints": [],
                "opportunities": [],
                "images": [],
            }
        ],
    }


def test_renamed_stage_carries_a_one_step_move() -> None:
    """Moving a stage by one place is a swap: the renamed stage is the one reported moved."""
    new = move(
        edit(PIZZA, ("- name: Booking a table", "- name: Reserving a table")),
        "Reserving a table",
        4,
    )
    d = diff(new)
    assert d.stages == (StageDiff("Reserving a table", "Booking a table", 4, 3, moved=True),)


def test_unrelated_stage_in_place_of_a_removed_one_is_not_a_rename() -> None:
    head, blocks, tail = split_stages(PIZZA)
    blocks[6] = REVIEW_STAGE  # "Paying" replaced by something else entirely
    d = diff(head + "".join(blocks) + tail)
    assert d.stages_added == (StageRef("Leaving a review", 7),)
    assert d.stages_removed == (StageRef("Paying", 7),)
    assert d.stages == ()


def test_touchpoint_added_with_moments() -> None:
    d = diff(
        edit(
            PIZZA,
            (
                "      - Printed menu\n",
                "      - Printed menu\n"
                "      - name: QR code menu\n"
                "        channel: mobile\n"
                "        moments: [truth, pain]\n"
                "        priority: medium\n",
            ),
        )
    )
    (stage,) = d.stages
    assert stage.name == "Ordering" and stage.fields == stage.lists == ()
    assert stage.touchpoints == (
        ItemChange(
            "QR code menu",
            "added",
            (
                FieldChange("channel", None, "mobile"),
                FieldChange("moments", None, "pain, truth"),
                FieldChange("priority", None, "medium"),
            ),
        ),
    )
    assert to_markdown([d]) == (
        f"1 map changed\n\n{HEADING}\n\n"
        "- Ordering:\n"
        "  - touchpoint added: QR code menu (channel: mobile; moments: pain, truth; priority: medium)\n"
    )


def test_touchpoint_changes_and_removal() -> None:
    d = diff(
        edit(
            PIZZA,
            ("        moments: [delight]\n        priority: medium\n", "        priority: high\n"),
            ("      - Street sign and entrance\n", ""),
        )
    )
    lines = to_markdown([d]).splitlines()[4:]
    assert lines == [
        "- Booking a table:",
        "  - touchpoint Phone booking: moments delight → –; priority medium → high",
        "- Arriving:",
        "  - touchpoint removed: Street sign and entrance",
    ]


def test_opportunity_status_owner_and_due_change() -> None:
    d = diff(
        edit(
            PIZZA,
            (
                "        owner: Operations\n        due: 2026-12-15\n        status: in-progress\n",
                "        owner: Digital Team\n        due: 2027-01-15\n        status: done\n",
            ),
        )
    )
    (stage,) = d.stages
    assert stage.opportunities == (
        ItemChange(
            "Release walk-in tables to the widget after 16:00",
            "changed",
            (
                # In the field table's order: owner, due, status.
                FieldChange("owner", "Operations", "Digital Team"),
                FieldChange("due", "2026-12-15", "2027-01-15"),
                FieldChange("status", "in-progress", "done"),
            ),
        ),
    )
    assert to_markdown([d]).splitlines()[4:] == [
        "- Booking a table:",
        '  - opportunity "Release walk-in tables to the widget after 16:00": '
        "owner Operations → Digital Team; due 2026-12-15 → 2027-01-15; status in-progress → done",
    ]


def test_stage_lists_and_metrics() -> None:
    d = diff(
        edit(
            PIZZA,
            ("      Booking conversion: 35%\n", "      Booking conversion: 41%\n"),
            ("      - The phone rings out during the lunch rush\n", ""),
            (
                "      - Phones the restaurant when 19:30 shows as full\n",
                "      - Phones the restaurant when 19:30 shows as full\n"
                "      - Gives up and walks in\n",
            ),
            ("    phase: purchase\n    goal: A table", "    phase: service\n    goal: A table"),
        )
    )
    (stage,) = d.stages
    assert stage.fields == (
        FieldChange("phase", "purchase", "service"),
        FieldChange("metrics.Booking conversion", "35%", "41%"),
    )
    assert stage.lists == (
        ListChange("actions", added=("Gives up and walks in",)),
        ListChange("pains", removed=("The phone rings out during the lunch rush",)),
    )
    assert to_markdown([d]).splitlines()[4:] == [
        "- Booking a table: phase purchase → service",
        "  - metric Booking conversion: 35% → 41%",
        "  - action added: Gives up and walks in",
        "  - pain removed: The phone rings out during the lunch rush",
    ]


def test_metadata_changes_markdown_and_json_exactly() -> None:
    d = diff(
        edit(
            PIZZA,
            ("owner: Restaurant Experience Team\n", "owner: Guest Experience Team\n"),
            ("kind: current-state\n", "kind: future-state\n"),
            ("evidence: researched\n", "evidence: validated\n"),
            ("review_by: 2027-04-14\n", "review_by: 2027-06-30\n"),
            ("tags: [restaurants, b2c, allergens]\n", "tags: [restaurants, b2c, families]\n"),
            ("persona: eva-molin\n", "personas: [eva-molin, tom-berg]\n"),
        )
    )
    assert d.fields == (
        FieldChange("kind", "current-state", "future-state"),
        FieldChange("owner", "Restaurant Experience Team", "Guest Experience Team"),
        FieldChange("evidence", "researched", "validated"),
        FieldChange("review_by", "2027-04-14", "2027-06-30"),
    )
    assert d.lists == (
        ListChange("personas", added=("tom-berg",)),
        ListChange("tags", added=("families",), removed=("allergens",)),
    )
    assert to_markdown([d]) == (
        "1 map changed\n\n"
        f"{HEADING}\n\n"
        "- Kind: current-state → future-state\n"
        "- Owner: Restaurant Experience Team → Guest Experience Team\n"
        "- Evidence: researched → validated\n"
        "- Review by: 2027-04-14 → 2027-06-30\n"
        "- Persona added: tom-berg\n"
        "- Tag added: families\n"
        "- Tag removed: allergens\n"
    )
    page = json.loads(to_json([d]))["pages"][0]
    assert page["fields"] == [
        {"field": "kind", "old": "current-state", "new": "future-state"},
        {"field": "owner", "old": "Restaurant Experience Team", "new": "Guest Experience Team"},
        {"field": "evidence", "old": "researched", "new": "validated"},
        {"field": "review_by", "old": "2027-04-14", "new": "2027-06-30"},
    ]
    assert page["lists"] == [
        {"field": "personas", "added": ["tom-berg"], "removed": []},
        {"field": "tags", "added": ["families"], "removed": ["allergens"]},
    ]


def test_page_added_and_removed() -> None:
    old = journey(PIZZA)
    added, removed = diff_journeys(None, old), diff_journeys(old, None)
    assert (added.status, added.old_path, removed.status, removed.path) == (
        "added",
        None,
        "removed",
        PATH,
    )
    assert added.stages_added == tuple(StageRef(n, k) for k, n in enumerate(STAGES, 1))
    assert removed.stages_removed == added.stages_added
    assert to_markdown([added, removed]) == (
        "1 map added, 1 removed\n\n"
        f"{HEADING}\n\n"
        f"- New map with 8 stages: {', '.join(STAGES)}\n\n"
        f"{HEADING}\n\n"
        "- Map removed\n"
    )
    with pytest.raises(ValueError):
        diff_journeys(None, None)


def test_file_renamed_and_id_changed() -> None:
    new = journey(edit(PIZZA, ("id: pizza-night-today\n", "")), "journeys/friday-pizza.md")
    d = diff_journeys(journey(PIZZA), new)
    assert (d.status, d.path, d.old_path) == ("changed", "journeys/friday-pizza.md", PATH)
    assert to_markdown([d]).splitlines()[2:] == [
        "### Pizza night at Forno today (journeys/friday-pizza.md)",
        "",
        "- File renamed from journeys/pizza-night.md",
        "- ID: pizza-night-today → friday-pizza",
    ]


def test_persona_changes() -> None:
    new = edit(
        EVA,
        ("role: Journalist at a city news site\n", "role: Editor at a city news site\n"),
        ("  Age: 29\n", "  Age: 30\n"),
        ("  - Keep a healthy lifestyle\n", "  - Keep a healthy lifestyle\n  - Cook more at home\n"),
        ("channels: [mobile, social, word-of-mouth, phone]", "channels: [mobile, word-of-mouth]"),
    )
    d = diff_personas(persona(EVA), persona(new))
    assert d.status == "changed"
    assert d.fields == (
        FieldChange("role", "Journalist at a city news site", "Editor at a city news site"),
        FieldChange("attributes.Age", "29", "30"),
    )
    assert d.lists == (
        ListChange("goals", added=("Cook more at home",)),
        ListChange("channels", removed=("social", "phone")),
    )
    assert to_markdown([d]) == (
        "1 persona changed\n\n"
        "### Eva Molin (personas/eva-molin.md)\n\n"
        "- Role: Journalist at a city news site → Editor at a city news site\n"
        "- Age: 29 → 30\n"
        "- Goal added: Cook more at home\n"
        "- Channel removed: social\n"
        "- Channel removed: phone\n"
    )
    assert diff_personas(persona(EVA), persona(EVA)).status == "unchanged"


def test_summary_counts_maps_and_personas() -> None:
    one = diff(edit(PIZZA, ("    emotion: -1\n", "    emotion: 1\n")))
    two = diff_journeys(journey(PIZZA), journey(edit(PIZZA, ("evidence: researched", ""))))
    three = diff_journeys(None, journey(PIZZA))
    eva = diff_personas(persona(EVA), persona(edit(EVA, ("Tech-savvy: Low", "Tech-savvy: High"))))
    same = diff(PIZZA)
    text = to_markdown([one, two, three, eva, same])
    assert text.splitlines()[0] == "2 maps changed, 1 added; 1 persona changed"
    assert text.count("### ") == 4
    assert json.loads(to_json([one, same]))["summary"]["journeys"] == {
        "changed": 1,
        "added": 0,
        "removed": 0,
        "unreadable": 0,
        "unchanged": 1,
    }


def test_markdown_escapes_author_text() -> None:
    d = diff(edit(PIZZA, ("- name: Arriving\n", "- name: '*Arriving* <b>now</b>'\n")))
    # One escaper for all Markdown: < and > as references (Python-Markdown prints "\<").
    assert to_markdown([d]).endswith(
        "- Arriving → \\*Arriving\\* &lt;b&gt;now&lt;/b&gt;: renamed\n"
    )


def test_json_is_deterministic() -> None:
    d = diff(move(PIZZA, "Paying", 2))
    assert to_json([d]) == to_json([diff(move(PIZZA, "Paying", 2))])


def test_diff_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(PIZZA, encoding="utf-8")
    new.write_text(
        edit(PIZZA, ("    emotion: 1.5\n    feeling: happy", "    emotion: 2\n    feeling: happy")),
        encoding="utf-8",
    )
    (d,) = diff_files(old, new, name=PATH)
    assert isinstance(d, JourneyDiff) and d.path == d.old_path == PATH
    assert d.stages == (
        StageDiff("Eating", "Eating", 6, 6, fields=(FieldChange("emotion", "1.5", "2"),)),
    )
    (added,) = diff_files(None, new)
    assert (added.status, added.path) == ("added", new.as_posix())
    assert diff_files(tmp_path / "old.md", tmp_path / "old.md")[0].status == "unchanged"
    ordinary = tmp_path / "index.md"
    ordinary.write_text("# Hello\n", encoding="utf-8")
    assert diff_files(ordinary, ordinary) == []


def test_diff_files_bad_input_is_a_diff_error(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match=r"^no such file: .*missing\.md$"):
        diff_files(tmp_path / "missing.md", None)
    with pytest.raises(DiffError, match="is a folder, not a page"):
        diff_files(tmp_path, None)
    with pytest.raises(DiffError, match="nothing to compare"):
        diff_files(None, None)


def test_problems_in_a_version_are_listed(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(PIZZA, encoding="utf-8")
    new.write_text(edit(PIZZA, ("    emotion: -1\n", "    emotion: 5\n")), encoding="utf-8")
    (d,) = diff_files(old, new, name=PATH)
    assert d.new_errors == ("journeys/pizza-night.md:75: stages[1].emotion: 5 is outside -2..2",)
    assert d.old_errors == ()
    assert to_markdown([d]).splitlines()[4:] == [
        "- Checking the menu: emotion -1 → –",
        "- Problems in the new version:",
        "  - journeys/pizza-night.md:75: stages\\[1\\].emotion: 5 is outside -2..2",
    ]
    new.write_text(PIZZA.replace("stages:\n", "stages: [\n", 1), encoding="utf-8")
    (d,) = diff_files(old, new, name=PATH)
    assert (d.status, d.title, d.stages) == ("unreadable", "Pizza night at Forno today", ())
    assert d.new_errors and "YAML does not parse" in d.new_errors[0]
    assert to_markdown([d]).splitlines()[:5] == [
        "1 map could not be read",
        "",
        HEADING,
        "",
        "- Not compared: a version of this page could not be read",
    ]


def test_page_type_changed_is_one_removed_and_one_added(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(PIZZA, encoding="utf-8")
    new.write_text(EVA, encoding="utf-8")
    diffs = diff_files(old, new, name="p.md")
    assert [(type(d).__name__, d.status) for d in diffs] == [
        ("JourneyDiff", "removed"),
        ("PersonaDiff", "added"),
    ]
    assert to_markdown(diffs).splitlines()[0] == "1 map removed; 1 persona added"
