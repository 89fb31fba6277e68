"""Ordinary pages (no persona or journey ``type``) reach MkDocs as MkDocs would read
them (issue 11, item 11), and a ``type`` that is not one word is reported (item 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from cjm_site.checking import CheckedPage, check_page
from cjm_site.model import Settings
from cjm_site.pipeline import Handbook, Source
from cjm_site.reading import read_page

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def check(source: str | bytes, path: str = "notes/n.md") -> CheckedPage:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return check_page(read_page(path, data))


def source_for(source: str | bytes, path: str = "notes/n.md") -> str | None:
    data = source.encode("utf-8") if isinstance(source, str) else source
    handbook = Handbook.read([Source.of(path, data)], Settings())
    return handbook.page_source(path)


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: Anchors\nbase: &base {colour: red}\nused: *base\n---\n# Notes\n",
        "---\ntitle: Laughs\n" + BILLION_LAUGHS + "---\n# Notes\n",
        "---\ntitle: Big\nnotes: " + "x" * 300_000 + "\n---\n# Notes\n",
        "---\ntitle: First\ntitle: Second\n---\n# Notes\n",
        "---\ntitle: Dated\ndate: 2024-01-02\n---\n# Notes\n",
        "---\nlist: " + "[" * 60 + "]" * 60 + "\n---\n# Deep but fine for MkDocs\n",
        "# No front matter at all\n\nText.\n",
        "\ufeff---\r\ntitle: Windows\r\n---\r\n# Notes\r\n",
        "---\ntype: [blog, post]\n---\n# Another plugin's type\n",
    ],
    ids=[
        "anchors",
        "billion-laughs",
        "over-256kb",
        "repeated-key",
        "date",
        "deep",
        "none",
        "bom-crlf",
        "other-type",
    ],
)
def test_ordinary_pages_are_left_to_mkdocs(source: str) -> None:
    checked = check(source)
    assert checked.type is None and checked.findings == ()
    assert checked.untouched
    assert source_for(source) is None


def test_values_are_those_mkdocs_reads() -> None:
    checked = check("---\ntitle: Dated\ndate: 2024-01-02\nbase: &b [1]\nused: *b\n---\n")
    assert checked.meta["date"] == dt.date(2024, 1, 2)
    # Shared as YAML shares it: never copied, so a billion laughs never expands.
    assert checked.meta["used"] is checked.meta["base"]
    laughs = check("---\n" + BILLION_LAUGHS + "---\n")
    assert laughs.meta["i"][0] is laughs.meta["i"][1]


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("title: MultiMarkdown\n\n# Notes\n", "MkDocs would read unchecked key: value lines"),
        ("---\n---\n# Notes\n", "MkDocs reads an empty block differently"),
        ("---\ntitle: x\n---", "MkDocs wants a line end after the closing ---"),
        ("---\ntitle: a\u2028b\n---\n# Notes\n", "MkDocs' parser breaks the line there"),
        (b"---\ntitle: caf\xe9\n---\n# Notes\n", "MkDocs stops at bytes that are not UTF-8"),
        ("---\ndate: 2024-02-30\n---\n# Notes\n", "MkDocs' loader refuses the date"),
        ("---\nstatus: '<b>'\n---\n# Notes\n", "Material prints a status into a class"),
        ("---\nrevision_date: '<img src=x>'\n---\n# Notes\n", "Material prints it as HTML"),
    ],
)
def test_pages_mkdocs_would_read_differently_get_a_safe_source(
    source: str | bytes, why: str
) -> None:
    checked = check(source)
    assert checked.type is None and not checked.untouched, why
    given = source_for(source)
    assert given is not None and given.startswith("---\n"), why


def test_an_impossible_date_keeps_the_rest_of_the_front_matter() -> None:
    given = source_for("---\ntitle: Kept\ndate: 2024-02-30\n---\n# Notes\n")
    assert given is not None and "title: Kept\n" in given and "date: '2024-02-30'" in given


def test_nesting_no_parser_should_see_is_left_out_with_a_warning() -> None:
    source = "---\nnotes: " + "[" * 150 + "]" * 150 + "\n---\n# Notes\n"
    checked = check(source)
    assert [(str(f), f.level) for f in checked.findings] == [
        (
            "notes/n.md:2: front matter is nested more than 100 levels deep; "
            "it is left out of the page",
            "warning",
        )
    ]
    assert checked.type is None  # no cjm error box on an ordinary page
    assert source_for(source) == "---\n{}\n---\n# Notes\n"


def test_a_value_that_contains_itself_is_left_out() -> None:
    checked = check("---\nloop: &loop [*loop]\n---\n# Notes\n")
    assert [f.message for f in checked.findings] == [
        "a value contains itself (through an alias); it is left out of the page"
    ]


def test_yaml_mkdocs_cannot_read_either_is_a_notice_and_left_as_it_is() -> None:
    source = "---\ntitle: [Draft\n---\n# Notes\n"
    checked = check(source)
    assert [(str(f), f.level) for f in checked.findings] == [
        (
            "notes/n.md:3: YAML does not parse: did not find expected ',' or ']'; "
            "MkDocs shows this front matter as text",
            "notice",
        )
    ]
    assert checked.type is None and source_for(source) is None


def test_map_pages_keep_the_formats_rules() -> None:
    checked = check("---\ntype: journey\ntitle: T\nowner: &o A\ngoal: *o\n---\n", "j.md")
    assert checked.type == "journey" and checked.has_errors
    assert not checked.untouched


@pytest.mark.parametrize(
    ("front", "line", "kind"),
    [
        ("type: [journey]\ntitle: T\n", 2, "journey"),
        ("type:\n  - Persona\nname: P\n", 3, "persona"),
        ("type: ['journey']\ntitle: T\n", 2, "journey"),
        ("type: {journey: }\ntitle: T\n", 2, "journey"),
    ],
)
def test_a_type_that_is_not_one_word_is_reported(front: str, line: int, kind: str) -> None:
    checked = check(f"---\n{front}---\n# T\n")
    assert checked.type == kind  # shown as the map's errors, not published as text
    assert [str(f) for f in checked.findings] == [
        f"notes/n.md:{line}: type: expected one word, journey or persona, got "
        f"{'a mapping' if '{' in front else 'a list'}; write 'type: {kind}'"
    ]


def test_a_broken_page_whose_type_line_is_a_list_is_still_a_map() -> None:
    checked = check("---\n- type: journey\n- title: T\n---\n")
    assert checked.type == "journey" and checked.has_errors
    unreadable = check("---\ntype: [journey]\ntitle: [T\n---\n")
    assert unreadable.type == "journey" and unreadable.has_errors


def test_a_map_page_whose_type_line_is_hidden_in_flow_style_keeps_the_formats_rules() -> None:
    checked = check("---\n{type: journey, title: T, owner: &a x, goal: *a, stages: [A]}\n---\n")
    assert checked.type == "journey" and not checked.untouched
    assert [f.message for f in checked.findings] == [
        "aliases (*a) are not supported in front matter; write the value out in full"
    ]
