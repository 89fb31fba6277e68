"""Properties of the Mermaid and grid readers: never raise; what the writer writes reads back."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from cjm_site.escaping import clean_text
from cjm_site.interchange import grid, mermaid
from cjm_site.interchange.fence import read_fence
from cjm_site.interchange.pages import Site
from cjm_site.model import Journey, Ref, Settings, SpineStage, Stage

# Stand-ins and the zero-width space are the writer's own escapes; a name holding
# them is not expected to survive the trip.
_RESERVED = "\u200b\ua789\uff03\uff1b\uff0c"
names = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_RESERVED),
        min_size=1,
        max_size=30,
    )
    .map(clean_text)
    .filter(bool)
)
KEYWORDS = st.sampled_from(
    ["journey", "title ", "section ", "accTitle", "accDescr {", "%%", "#", "05:45", "<br>", "a;b,c"]
)
tricky = st.one_of(names, st.tuples(KEYWORDS, names).map(lambda t: clean_text(t[0] + t[1])))


@given(st.text(max_size=400))
def test_parse_never_raises(text: str) -> None:
    diagram, findings = mermaid.parse(text, "x.mmd", 3)
    assert all(f.line >= 3 for f in findings)
    if diagram is not None:
        assert all(1 <= t.score <= 5 for t in diagram.tasks)


@given(
    st.lists(
        st.sampled_from(["journey", "title T", "section S", "A: 3: Me", "%% c", "", "  "]),
        max_size=12,
    ).map("\n".join)
)
def test_journey_blocks_never_raise(text: str) -> None:
    for line, block in mermaid.journey_blocks(f"```mermaid\n{text}\n```\n"):
        assert line == 2
        mermaid.parse(block, "x.md", line)


@given(
    title=tricky,
    stages=st.lists(
        st.tuples(tricky, st.none() | st.floats(-2, 2), st.sampled_from([None, "a", "b"])),
        min_size=1,
        max_size=6,
    ),
    actors=st.lists(tricky, max_size=3, unique_by=str.casefold),
)
def test_what_to_mermaid_writes_reads_back(
    title: str, stages: list[tuple[str, float | None, str | None]], actors: list[str]
) -> None:
    ids = [f"p{i}" for i in range(len(actors))]
    journey = Journey(
        "j",
        "j.md",
        title,
        tuple(Stage(n, emotion=e, phase=p) for n, e, p in stages),
        personas=tuple(Ref(i, 1, "personas") for i in ids),
    )
    settings = Settings(spine=(SpineStage("a", "Phase A"), SpineStage("b", "Phase: B")))
    text = mermaid.to_mermaid(journey, settings, dict(zip(ids, actors, strict=True)))
    diagram, findings = mermaid.parse(text)
    assert findings == []
    assert diagram is not None
    assert diagram.title == title
    assert [t.name for t in diagram.tasks] == [n for n, _, _ in stages]
    assert [t.score for t in diagram.tasks] == [mermaid.score_of(e) for _, e, _ in stages]
    assert diagram.actors == tuple(actors)


@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=8))
def test_read_grid_never_raises(rows: list[list[str]]) -> None:
    stages, findings, _ = grid.read_grid(rows, "g.csv", Site())
    assert all(str(f).startswith("g.csv:") for f in findings)
    assert all(s["name"] for s in stages)


@given(st.binary(max_size=300))
def test_read_csv_never_raises_but_a_grid_error(data: bytes) -> None:
    with contextlib.suppress(grid.GridError):
        grid.read_csv(data)


@given(st.text(max_size=300), st.integers(1, 50))
def test_read_fence_never_raises_and_counts_from_its_first_line(text: str, first: int) -> None:
    found = read_fence(text, "page.md", first)
    assert all(f.line >= first for f in found.findings if f.line)
    assert (found.journey is None) == any(f.level == "error" for f in found.findings) or (
        found.journey is None and not found.findings
    )
