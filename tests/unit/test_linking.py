from __future__ import annotations

from cjm_site.checking import check_page
from cjm_site.linking import link
from cjm_site.reading import read_page


def page(path: str, front: str):  # type: ignore[no-untyped-def]
    return check_page(read_page(path, f"---\n{front}---\n".encode()))


def journey(path: str, extra: str = "") -> object:
    return page(path, f"type: journey\ntitle: {path}\n{extra}stages: [{{name: A}}]\n")


def test_relations_are_indexed_both_ways() -> None:
    site = link(
        [
            page("personas/eva.md", "type: persona\nname: Eva\n"),
            page("personas/tom.md", "type: persona\nname: Tom\n"),
            journey("now.md", "personas: [eva, tom]\ncompare: rival\n"),
            journey("rival.md", "persona: eva\n"),
            journey("later.md", "persona: tom\nkind: future-state\nimproves: now\n"),
        ]  # type: ignore[list-item]
    )
    assert site.findings == ()
    assert [j.id for j in site.journeys_of("eva")] == ["now", "rival"]
    assert [j.id for j in site.journeys_of("tom")] == ["later", "now"]
    assert [j.id for j in site.compared_with("rival")] == ["now"]
    assert [j.id for j in site.compared_with("now")] == ["rival"]
    assert [j.id for j in site.improved_by("now")] == ["later"]


def test_missing_and_self_references() -> None:
    site = link(
        [
            page("personas/eva-molin.md", "type: persona\nname: Eva\n"),
            journey("a.md", "persona: eva-molen\ncompare: [a, nope]\nimproves: a\n"),
        ]  # type: ignore[list-item]
    )
    assert sorted(str(f) for f in site.findings) == [
        "a.md:4: persona: no persona has the id 'eva-molen'; did you mean 'eva-molin'?",
        "a.md:5: compare[0]: a map cannot be compared with itself",
        "a.md:5: compare[1]: no journey has the id 'nope'",
        "a.md:6: improves: a map cannot improve itself",
    ]


def test_duplicate_ids_name_both_files() -> None:
    site = link([journey("x/a.md"), journey("y/a.md")])  # type: ignore[list-item]
    assert [str(f) for f in site.findings] == [
        "y/a.md:2: id: the journey id 'a' is already used by x/a.md; ids must be unique"
    ]


def test_improves_cycle_is_reported_with_its_path() -> None:
    site = link(
        [
            journey("a.md", "improves: b\n"),
            journey("b.md", "improves: c\n"),
            journey("c.md", "improves: a\n"),
        ]  # type: ignore[list-item]
    )
    assert [str(f) for f in site.findings] == [
        "a.md:4: improves: improves forms a cycle: a -> b -> c -> a"
    ]


def test_look_alike_duplicates_show_their_code_points() -> None:
    """Issue 11, item 15: two file names that look the same but are written differently."""
    site = link([journey("j/noe\u0308l.md"), journey("j/no\u00ebl.md")])  # type: ignore[list-item]
    assert [str(f) for f in site.findings] == [
        "j/no\u00ebl.md:2: id: the journey id 'noël' is already used by j/noe\u0308l.md; "
        "ids must be unique (the file names differ only in Unicode normalisation: "
        "U+00EB here, U+0065 U+0308 there)"
    ]
    plain = link([journey("a/twin.md"), journey("b/twin.md")])  # type: ignore[list-item]
    assert plain.findings[0].message.endswith("ids must be unique")
