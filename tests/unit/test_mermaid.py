"""Mermaid's journey diagram: every documented example and the edge cases its grammar accepts."""

from __future__ import annotations

import textwrap

import pytest

from cjm_site.checking import check_page
from cjm_site.interchange import mermaid
from cjm_site.interchange.pages import Site, check_draft
from cjm_site.model import Journey, Persona, Ref, Settings, SpineStage, Stage
from cjm_site.reading import read_page

# The example of Mermaid's documentation page for the journey diagram (syntax/userJourney.md).
DOCS_EXAMPLE = """\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""

# Every journey example of Mermaid's documentation and its own parser tests.
EXAMPLES = {
    "docs": DOCS_EXAMPLE,
    "readme": (
        "journey\n    title My Working Day\n    section Go to Work\n      Make Coffee: 5: Me\n"
        "      Dress Up: 3: Me\n    section Work\n      Code: 5: Me,Colleague\n"
        "      Review code: 2: Me\n"
    ),
    "spec-tasks": (
        "journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\n"
        "A task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\n"
        "D task: 5: Charlie, Alice\nE task: 5:\nsection Another section\nP task: 5:\n"
        "Q task: 5:\nR task: 5:"
    ),
    "spec-accessibility": (
        "journey\naccDescr {\n        A user journey for\n        family shopping\n      }"
        "title Adding journey diagram functionality to mermaid\n"
        "accTitle: Adding acc journey diagram functionality to mermaid\n"
        "section Order from website\nPay: 4: Me\n"
    ),
    "spec-section-breaks": (
        "journey\ntitle Adding gantt diagram functionality to mermaid\n"
        "section Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5\nA: 3\n"
    ),
}

SPINE = Settings(spine=(SpineStage("awareness", "Awareness"), SpineStage("service", "Service")))


def parse_ok(text: str, first_line: int = 1) -> mermaid.Diagram:
    diagram, findings = mermaid.parse(text, "d.mmd", first_line)
    assert [str(f) for f in findings if f.level == "error"] == []
    assert diagram is not None
    return diagram


def errors(text: str) -> list[str]:
    _, findings = mermaid.parse(text, "d.mmd")
    return [str(f) for f in findings if f.level == "error"]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_reads_as_a_valid_journey_page(name: str) -> None:
    diagram = parse_ok(EXAMPLES[name])
    assert diagram.tasks
    draft = mermaid.draft(diagram, Site(), kind="current-state", title="x", source="x")
    assert check_draft(f"journeys/{draft.name}.md", draft.text(), Settings()) == []


def test_the_documented_example() -> None:
    diagram = parse_ok(DOCS_EXAMPLE)
    assert diagram.title == "My working day"
    assert [(t.name, t.score, t.actors, t.section, t.line) for t in diagram.tasks] == [
        ("Make tea", 5, ("Me",), "Go to work", 4),
        ("Go upstairs", 3, ("Me",), "Go to work", 5),
        ("Do work", 1, ("Me", "Cat"), "Go to work", 6),
        ("Go downstairs", 5, ("Me",), "Go home", 8),
        ("Sit down", 5, ("Me",), "Go home", 9),
    ]
    assert diagram.actors == ("Me", "Cat")


def test_the_documented_example_as_a_journey_page() -> None:
    site = Site(personas=(Persona("me", "p/me.md", "Me"),), settings=Settings())
    diagram = parse_ok(DOCS_EXAMPLE)
    draft = mermaid.draft(diagram, site, kind="current-state", title="x", source="d.mmd")
    assert draft.name == "my-working-day"
    assert draft.data["persona"] == "me"
    assert [(s["name"], s["phase"], s["emotion"]) for s in draft.data["stages"]] == [
        ("Make tea", "Go to work", 2),
        ("Go upstairs", "Go to work", 0),
        ("Do work", "Go to work", -2),
        ("Go downstairs", "Go home", 2),
        ("Sit down", "Go home", 2),
    ]
    assert draft.unmapped == (
        "actor 'Cat' is no persona of the handbook; "
        'add one with: cjm new persona "Cat", then its id to the page',
    )
    assert check_draft("journeys/my-working-day.md", draft.text(), Settings()) == []


def test_the_task_cases_of_mermaids_own_parser_tests() -> None:
    diagram = parse_ok(
        "journey\n"
        "title Adding journey diagram functionality to mermaid\n"
        "section Documentation\n"
        "A task: 5: Alice, Bob, Charlie\n"
        "B task: 3:Bob, Charlie\n"
        "C task: 5\n"
        "D task: 5: Charlie, Alice\n"
        "E task: 5:\n"
        "section Another section\n"
        "P task: 5:\n"
        "Q task: 5:\n"
        "R task: 5:"
    )
    assert [(t.name, t.score, t.actors, t.section) for t in diagram.tasks] == [
        ("A task", 5, ("Alice", "Bob", "Charlie"), "Documentation"),
        ("B task", 3, ("Bob", "Charlie"), "Documentation"),
        ("C task", 5, (), "Documentation"),
        ("D task", 5, ("Charlie", "Alice"), "Documentation"),
        ("E task", 5, (), "Documentation"),
        ("P task", 5, (), "Another section"),
        ("Q task", 5, (), "Another section"),
        ("R task", 5, (), "Another section"),
    ]
    assert diagram.actors == ("Alice", "Bob", "Charlie")


def test_accessibility_lines() -> None:
    diagram = parse_ok(
        "journey\n"
        "accDescr {\n"
        "        A user journey for\n"
        "        family shopping\n"
        "      }title Adding journey diagram functionality to mermaid\n"
        "accTitle: Adding acc journey diagram functionality to mermaid\n"
        "section Order from website\n"
        "Pay: 2: Me\n"
    )
    assert diagram.acc_descr == "A user journey for\nfamily shopping"
    assert diagram.title == "Adding journey diagram functionality to mermaid"
    assert diagram.acc_title == "Adding acc journey diagram functionality to mermaid"
    one_line = parse_ok("journey\naccDescr: A user journey; #1 for family\nA: 3")
    assert one_line.acc_descr == "A user journey; #1 for family"


def test_acc_title_is_the_title_when_there_is_none() -> None:
    diagram = parse_ok("journey\n    accTitle: The title\n    section Order from website\n  Pay: 4")
    draft = mermaid.draft(diagram, Site(), kind="current-state", title="fallback", source="x")
    assert draft.data["title"] == "The title"
    untitled = parse_ok("journey\n  Pay: 4")
    assert (
        mermaid.draft(untitled, Site(), kind="future-state", title="Fallback", source="x").data[
            "title"
        ]
        == "Fallback"
    )


def test_multiline_section_titles_with_line_breaks() -> None:
    diagram = parse_ok(
        "journey\ntitle T\nsection Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5\nA: 3"
    )
    assert diagram.tasks[0].section == "Line1 Line2 Line3 Line4 Line5"


def test_titles_and_sections_with_punctuation() -> None:
    diagram = parse_ok(
        "journey\n"
        "  title Pizza night: Eva's Friday (v2) & co, 100% fun!\n"
        "  section Order & pay (online/app)!\n"
        "    Pay €12.50 — tip? : 4.5 : Eva\n"
    )
    assert diagram.title == "Pizza night: Eva's Friday (v2) & co, 100% fun!"
    assert diagram.tasks[0].section == "Order & pay (online/app)!"
    assert (diagram.tasks[0].name, diagram.tasks[0].score) == ("Pay €12.50 — tip?", 4.5)


def test_tasks_without_a_section_and_extra_whitespace() -> None:
    diagram = parse_ok(
        "\n\n   journey   \n\n\t title    Spaced   out   \n"
        "Wake up :   2   :   Me  ,   You   \n"
        "\n\n"
        "   section    Later   \n"
        "\t\tSleep:5\n"
    )
    assert diagram.title == "Spaced out"
    assert diagram.line == 3
    assert [(t.name, t.score, t.actors, t.section, t.line) for t in diagram.tasks] == [
        ("Wake up", 2, ("Me", "You"), None, 6),
        ("Sleep", 5, (), "Later", 10),
    ]


def test_comments() -> None:
    diagram = parse_ok(
        "%% a comment before the diagram\n"
        "%%{init: {'theme': 'forest'}}%%\n"
        "journey\n"
        "  %% a comment line\n"
        "  title Commented # not part of the title\n"
        "  section One %% not part of the section\n"
        "    Task: 4: Me # not an actor\n"
        "    %%Task: 1: Me\n"
        "# a whole line\n"
    )
    assert diagram.title == "Commented"
    assert [(t.name, t.section, t.actors) for t in diagram.tasks] == [("Task", "One", ("Me",))]


def test_keywords_are_case_insensitive_and_front_matter_gives_a_title() -> None:
    diagram = parse_ok(
        "---\ntitle: From front matter\nconfig:\n  theme: dark\n---\nJOURNEY\nSECTION S\nT: 2\n"
    )
    assert diagram.title == "From front matter"
    assert diagram.tasks[0].section == "S"
    assert diagram.line == 6
    assert parse_ok("---\ntitle: Old\n---\njourney\nTitle New\nT: 2").title == "New"


def test_scores_decimals_and_clamping() -> None:
    diagram, findings = mermaid.parse("journey\nA: 2.5\nB: 0\nC: 9: Me\nD: 3: Me: extra")
    assert diagram is not None
    assert [t.score for t in diagram.tasks] == [2.5, 1, 5, 3]
    assert [str(f) for f in findings] == [
        ":3: mermaid: task 'B': score 0 is outside 1..5; read as 1",
        ":4: mermaid: task 'C': score 9 is outside 1..5; read as 5",
        ":5: mermaid: task 'D': text after the third ':' is ignored, as Mermaid does",
    ]
    assert {f.level for f in findings} == {"warning"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "flowchart LR\n a --> b",
            "d.mmd:1: mermaid: expected 'journey' first; found 'flowchart LR'",
        ),
        ("", "d.mmd:1: mermaid: expected 'journey' first; found nothing"),
        (
            "journey\nMake tea",
            "d.mmd:2: mermaid: expected a task 'Name: score: actors', a section or a title; found 'Make tea'",
        ),
        (
            "journey\nMake tea: lots: Me",
            "d.mmd:2: mermaid: task 'Make tea': 'lots' is not a number; a score runs from 1 to 5",
        ),
        (
            "journey\nMake tea:",
            "d.mmd:2: mermaid: task 'Make tea': no score given; a score runs from 1 to 5",
        ),
        ("journey\n: 5: Me", "d.mmd:2: mermaid: a task needs a name before its ':'"),
        (
            "journey\nsection A: b",
            "d.mmd:2: mermaid: a section name cannot hold ':' (in 'section A: b')",
        ),
        (
            "journey\nsection   ",
            "d.mmd:2: mermaid: expected a task 'Name: score: actors', a section or a title; found 'section'",
        ),
        (
            "journey\nMake tea; drink: 5",
            "d.mmd:2: mermaid: ';' is not allowed in a Mermaid journey (Mermaid rejects it)",
        ),
        (
            "journey\nA: 3\njourney\nB: 3",
            "d.mmd:3: mermaid: 'journey' appears again: write one diagram per block or file",
        ),
        (
            "journey\naccDescr {\n never closed\nA: 3",
            "d.mmd:2: mermaid: 'accDescr {' is never closed with '}'",
        ),
        (
            "---\ntitle: x\njourney\nA: 3",
            "d.mmd:1: mermaid: the front matter opened here is never closed with '---'",
        ),
    ],
)
def test_errors_carry_the_line(text: str, expected: str) -> None:
    assert errors(text) == [expected]


def test_line_numbers_count_from_the_block_in_its_page() -> None:
    _, findings = mermaid.parse("journey\n  title T\n  Oops\n", "page.md", first_line=12)
    assert [str(f) for f in findings] == [
        "page.md:14: mermaid: expected a task 'Name: score: actors', a section or a title; found 'Oops'"
    ]


def test_journey_blocks_in_markdown() -> None:
    page = textwrap.dedent(
        """\
        # Title

        ```mermaid
        journey
          title One
          A: 3
        ```

        ```mermaid
        flowchart LR
          a --> b
        ```

        - a list item:

          ~~~~ mermaid
          %% leading comment
          journey
            B: 4
          ~~~~

        ```python
        journey = 1
        ```
        """
    )
    blocks = mermaid.journey_blocks(page)
    assert [line for line, _ in blocks] == [4, 17]
    assert parse_ok(blocks[1][1], blocks[1][0]).tasks[0].line == 19


def test_is_journey() -> None:
    assert mermaid.is_journey(DOCS_EXAMPLE)
    assert mermaid.is_journey("---\ntitle: x\n---\n%% c\n  journey\n")
    assert not mermaid.is_journey("pie title Pets\n")
    assert not mermaid.is_journey("")


# -- writing ------------------------------------------------------------------


def journey(*stages: Stage, personas: tuple[str, ...] = ("eva",), title: str = "T") -> Journey:
    refs = tuple(Ref(p, 1, "persona") for p in personas)
    return Journey("j", "j.md", title, stages, personas=refs)


def test_to_mermaid_scores_sections_and_actors() -> None:
    text = mermaid.to_mermaid(
        journey(
            Stage("Before", emotion=None),
            Stage("Hear", phase="awareness", emotion=1.4),
            Stage("Try", phase="awareness", emotion=-0.5),
            Stage("Use", phase="service", emotion=2),
            Stage("Leave", phase="service", emotion=-2),
            personas=("eva", "tom"),
        ),
        SPINE,
        {"eva": "Eva Molin"},
    )
    assert text == (
        "journey\n"
        "    title T\n"
        "      Before: 3: Eva Molin, tom\n"
        "    section Awareness\n"
        "      Hear: 4: Eva Molin, tom\n"
        "      Try: 3: Eva Molin, tom\n"
        "    section Service\n"
        "      Use: 5: Eva Molin, tom\n"
        "      Leave: 1: Eva Molin, tom\n"
    )


@pytest.mark.parametrize(
    ("emotion", "score"),
    [
        (None, 3),
        (-2, 1),
        (-1.5, 2),
        (-1.4, 2),
        (-0.5, 3),
        (0, 3),
        (0.49, 3),
        (0.5, 4),
        (1.5, 5),
        (2, 5),
    ],
)
def test_score_of(emotion: float | None, score: int) -> None:
    assert mermaid.score_of(emotion) == score


def test_names_mermaid_cannot_hold_survive_the_round_trip() -> None:
    awkward = [
        "05:45 On the way in",
        "Ticket #42; then pay",
        "title of the deed",
        "Journey planning",
        "section heads",
        "%% done",
        "100%%% sure",
        "accTitle check",
    ]
    text = mermaid.to_mermaid(
        journey(*(Stage(n, emotion=0) for n in awkward), personas=("a",), title="A: b; #c"),
        Settings(),
        {"a": "Smith, Jane"},
    )
    diagram = parse_ok(text)
    assert diagram.title == "A: b; #c"
    assert [t.name for t in diagram.tasks] == awkward
    assert diagram.actors == ("Smith, Jane",)
    for line in text.splitlines()[2:]:
        assert line.count(":") == 2, line
        assert "#" not in line and ";" not in line


def test_written_diagram_is_read_back_with_the_same_data() -> None:
    page = read_page(
        "journeys/x.md",
        textwrap.dedent(
            """\
            ---
            type: journey
            title: Pizza night
            persona: eva
            description: A summary
            stages:
              - {name: Hear, phase: awareness, emotion: 1}
              - {name: Wait, phase: service, emotion: -1.5}
              - {name: Eat, phase: service, emotion: 2}
            ---
            """
        ).encode(),
    )
    checked = check_page(page, SPINE)
    assert checked.journey is not None
    text = mermaid.to_mermaid(checked.journey, SPINE, {"eva": "Eva Molin"})
    assert "accDescr: A summary\n" in text
    site = Site(personas=(Persona("eva", "p/eva.md", "Eva Molin"),), settings=SPINE)
    draft = mermaid.draft(parse_ok(text), site, kind="current-state", title="x", source="x")
    assert draft.data["persona"] == "eva"
    assert draft.data["description"] == "A summary"
    assert [(s["name"], s["phase"], s["emotion"]) for s in draft.data["stages"]] == [
        ("Hear", "awareness", 1),
        ("Wait", "service", -1),
        ("Eat", "service", 2),
    ]
    assert check_draft("journeys/pizza-night.md", draft.text(), SPINE) == []


def test_windows_line_ends_tabs_and_one_line_accessibility() -> None:
    diagram = parse_ok(
        "journey\r\n\ttitle Day: part 1\r\n\taccTitle: Hello\r\n\taccDescr: One line\r\n"
        "\tsection S\r\n\t\tA\t:\t5\t:\tMe ,You\r\n"
    )
    assert (diagram.title, diagram.acc_title, diagram.acc_descr) == (
        "Day: part 1",
        "Hello",
        "One line",
    )
    assert [(t.name, t.score, t.actors, t.section, t.line) for t in diagram.tasks] == [
        ("A", 5, ("Me", "You"), "S", 6)
    ]
