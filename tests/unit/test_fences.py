"""Journey fences read with the handbook: found, checked on the page's lines, listed by id."""

from __future__ import annotations

from cjm_site.interchange.fence import fence_blocks, read_fence
from cjm_site.model import Settings
from cjm_site.pipeline import Handbook, Memo, Source

PERSONA = b"---\ntype: persona\nname: Eva Molin\n---\n# Eva\n"
JOURNEY = (
    b"---\ntype: journey\nid: trip\ntitle: Trip\npersona: eva-molin\n"
    b"stages:\n  - {name: A, emotion: 1}\n---\n# Trip\n"
)


def fence(body: str, lang: str = "journey") -> str:
    return f"```{lang}\n{body}\n```\n"


def read(pages: dict[str, str | bytes]) -> Handbook:
    sources = [
        Source.of(path, text if isinstance(text, bytes) else text.encode())
        for path, text in pages.items()
    ]
    return Handbook.read(sources, Settings())


def test_fence_blocks_skip_other_fences_and_read_info_strings() -> None:
    text = (
        "````markdown\n```journey\nshown: only\n```\n````\n"
        "~~~ {.journey #x}\ntitle: tilde\n~~~\n"
        "    ```journey\n    indented: code\n    ```\n"
        "```Journey\ntitle: upper\n```\n"
        "```journey\ntitle: never closed\n"
    )
    found = list(fence_blocks(text.split("\n"), ("journey",)))
    assert [(b.start, b.source) for b in found] == [
        (5, "title: tilde"),
        (11, "title: upper"),
        (14, "title: never closed\n"),
    ]
    assert [b.language for b in fence_blocks(text.split("\n"), None)][:2] == [
        "markdown",
        "journey",
    ]


def test_a_fence_is_checked_on_the_lines_of_its_page() -> None:
    source = "id: here\ntitle: T\npersona: eva-molin\nstages:\n  - {name: A, emotion: 5}"
    found = read_fence(source, "notes.md", 40)
    assert [str(f) for f in found.findings] == [
        "notes.md:44: stages[0].emotion: 5 is outside -2..2"
    ]
    ok = read_fence(source.replace("5}", "1}"), "notes.md", 40)
    assert ok.journey is not None and ok.named
    assert ok.journey.personas[0].line == 42  # references point into the page too
    assert not read_fence("title: T\nstages: [{name: A}]", "n.md", 3).named


def test_named_fences_are_maps_of_the_handbook() -> None:
    page = "# Notes\n\n" + fence(
        "id: brunch\ntitle: Brunch\npersona: eva-molin\nstages:\n  - {name: A, emotion: 1}"
    )
    page += "\n" + fence("title: Sketch\npersona: Eva Molin\nstages: [{name: B}]")
    handbook = read({"eva-molin.md": PERSONA, "trip.md": JOURNEY, "notes.md": page})
    assert handbook.findings == []
    assert [j.id for j in handbook.site.journeys_of("eva-molin")] == ["brunch", "trip"]
    assert handbook.site.journey("brunch").path == "notes.md"  # type: ignore[union-attr]
    assert sorted(handbook.maps) == ["brunch", "trip"]
    listed, sketch = handbook.fences["notes.md"]
    assert listed.listed and not sketch.listed
    assert handbook.fence_names(listed) == ("Eva Molin",)
    assert handbook.fence_names(sketch) == ("Eva Molin",)
    assert handbook.fence_at("notes.md", "title: Sketch\npersona: Eva Molin\nstages: [{name: B}]")
    assert handbook.fence_svg(listed) == handbook.fence_svg(listed)
    assert "Brunch</title>" in handbook.fence_svg(listed)


def test_pages_keep_their_ids_and_the_fence_gets_the_error() -> None:
    # "a.md" sorts before the pages it clashes with: the pages keep their ids anyway.
    page = "# A\n\n" + fence("id: Trip\ntitle: Same id in other case\nstages: [{name: A}]")
    page += fence("id: eva-molin\ntitle: A persona's id\nstages: [{name: A}]")
    page += fence("id: mine\ntitle: First\nstages: [{name: A}]")
    page += fence("id: mine\ntitle: Second\nstages: [{name: A}]")
    handbook = read({"a.md": page, "eva-molin.md": PERSONA, "trip.md": JOURNEY})
    messages = [str(f) for f in handbook.findings]
    assert messages == [
        "a.md:4: id: the id 'Trip' is already used by trip.md; a fence's map needs an id "
        "of its own (the page keeps it): rename the fence's id",
        "a.md:9: id: the id 'eva-molin' is already used by eva-molin.md; a fence's map needs "
        "an id of its own (the page keeps it): rename the fence's id",
        "a.md:19: id: the id 'mine' is already used by another fence of this page; a fence's "
        "map needs an id of its own (the page keeps it): rename the fence's id",
    ]
    assert handbook.site.journey("trip").path == "trip.md"  # type: ignore[union-attr]
    assert handbook.site.journey("mine").title == "First"  # type: ignore[union-attr]
    assert sorted(handbook.maps) == ["mine", "trip"]
    second = handbook.fences["a.md"][3]
    assert [f.line for f in handbook.fence_errors(second)] == [19]


def test_a_broken_fence_leaves_its_journey_page_alone() -> None:
    page = JOURNEY + b"\n" + fence("title: Bad\nstages: [{name: A, emotion: 9}]").encode()
    handbook = read({"eva-molin.md": PERSONA, "trip.md": page})
    assert [str(f) for f in handbook.findings] == [
        "trip.md:13: stages[0].emotion: 9 is outside -2..2"
    ]
    assert handbook.errors_of("trip.md") == []  # the page's own map is drawn
    assert "trip" in handbook.maps
    [broken] = handbook.fences["trip.md"]
    assert [f.line for f in handbook.fence_errors(broken)] == [13]


def test_a_fence_with_a_missing_persona_is_listed_without_a_map() -> None:
    page = fence("id: lost\ntitle: Lost\npersona: eva-molen\nstages: [{name: A}]")
    handbook = read({"eva-molin.md": PERSONA, "n.md": page})
    assert [f.line for f in handbook.findings] == [4]
    journey = handbook.site.journey("lost")
    assert journey is not None and "lost" not in handbook.maps
    assert [f.line for f in handbook.journey_errors(journey)] == [4]


def test_fences_are_read_again_on_every_build() -> None:
    memo = Memo()
    page = fence("id: x\ntitle: X\nstages: [{name: A}]").encode()
    sources = [Source.of("n.md", page)]
    first = Handbook.read(sources, Settings(), memo=memo)
    again = Handbook.read(sources, Settings(), memo=memo)
    assert [j.id for j in first.site.journeys] == [j.id for j in again.site.journeys] == ["x"]
