"""Service blueprints, storyboards and the site's own lanes (issue 14, items 2, 3 and 5)."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.config.base import ValidationError

from cjm_site.checking import check_page
from cjm_site.drawing import describe_journey, draw_journey
from cjm_site.export.pictures import MAX_PICTURE_BYTES, folder_reader
from cjm_site.export.standalone import standalone_svg
from cjm_site.interchange.grid import to_grid
from cjm_site.lanes import lanes_of, map_lanes
from cjm_site.linking import check_images, link
from cjm_site.model import CustomLane, Image, Journey, Settings, Stage
from cjm_site.reading import read_page
from cjm_site.rendering import lanes_with_content
from cjm_site.svg.place import place_journey
from cjm_site.svg.storyboard import page_base
from cjm_site.svg.style import MapStyle

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def blueprint(**stage: object) -> Journey:
    fields = {
        "physical_evidence": ("Ticket",),
        "actions": ("Queues",),
        "frontstage": ("Clerk greets",),
        "backstage": ("Sorts parcels",),
        "support": ("Tracking system",),
    }
    fields.update(stage)  # type: ignore[arg-type]
    return Journey(
        "bp",
        "journeys/bp.md",
        "Blueprint",
        (Stage("A", **fields), Stage("B", actions=("Leaves",))),  # type: ignore[arg-type]
        kind="service-blueprint",
    )


def texts(svg: str) -> list[str]:
    """Every text of the drawing, its wrapped lines joined by spaces."""
    root = ET.fromstring(svg)
    return [" ".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text")]


def lane_keys(journey: Journey, settings: Settings = Settings()) -> list[str]:  # noqa: B008
    return [lane.key for lane in place_journey(journey, settings, MapStyle()).lanes]


# -- the blueprint ------------------------------------------------------------------------


def test_a_blueprint_draws_its_layers_in_the_standard_order_with_three_labelled_lines() -> None:
    journey = blueprint(emotion=-1.0, pains=("Slow",))
    assert lane_keys(journey) == [
        "emotion",
        "physical_evidence",
        "actions",
        "frontstage",
        "backstage",
        "support",
        "pains",
    ]
    layout = place_journey(journey, Settings(), MapStyle())
    lanes = {lane.key: lane for lane in layout.lanes}
    lines = {line.kind: line.y for line in layout.lines}
    assert layout.visibility is not None
    # Each line lies between the lane above it and the lane it opens.
    assert lanes["actions"].y < lines["interaction"] < lanes["frontstage"].y
    assert lanes["frontstage"].y < layout.visibility[0] < lanes["backstage"].y
    assert lanes["backstage"].y < lines["internal"] < lanes["support"].y
    svg = draw_journey(journey, Settings(), id_prefix="m")
    for words in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert texts(svg).count(words) == 1  # once on the map (the legend says more)
    assert 'class="cjm-interaction"' in svg and 'class="cjm-internal"' in svg
    desc = describe_journey(journey)
    assert "below the line of interaction" in desc and "line of internal interaction" in desc


def test_lines_appear_only_with_their_lanes_on_other_kinds() -> None:
    journey = Journey(
        "j", "j.md", "J", (Stage("A", actions=("Calls",), support=("CRM",)),), kind="current-state"
    )
    layout = place_journey(journey, Settings(), MapStyle())
    assert [line.kind for line in layout.lines] == ["internal"]
    assert layout.visibility is None
    assert [lane.key for lane in layout.lanes] == ["actions", "support"]
    plain = Journey("p", "p.md", "P", (Stage("A", actions=("Calls",)),))
    assert place_journey(plain, Settings(), MapStyle()).lines == ()


def test_the_table_has_the_maps_lanes_in_the_maps_order() -> None:
    journey = blueprint()
    assert [key for key, _ in lanes_with_content(journey)] == [
        lane.key for lane in lanes_of(journey)
    ]
    assert [key for key, _ in lanes_with_content(journey)][:2] == ["physical_evidence", "actions"]


def test_blueprint_fields_are_checked_like_other_lists() -> None:
    text = (
        "---\ntype: journey\ntitle: T\nkind: blueprint\nstages:\n  - name: A\n"
        "    frontstage: {a: b}\n    support: Reservation system\n    physical_evidence: [Ticket]\n"
        "---\n"
    )
    checked = check_page(read_page("j.md", text.encode("utf-8")))
    assert [(f.line, f.field) for f in checked.findings] == [(7, "stages[0].frontstage")]


# -- the storyboard -----------------------------------------------------------------------


def storyboard(*images: Image) -> Journey:
    stage = Stage("Booking", images=images, actions=("Books",))
    return Journey("s", "journeys/s.md", "S", (stage,))


def test_pictures_keep_their_proportions_and_open_the_full_picture() -> None:
    journey = storyboard(Image("s/tall.png", "A tall screen", "Step 1"), Image("s/w.svg", "Wide"))
    svg = draw_journey(journey, Settings(), id_prefix="m", picture_base="../../")
    assert svg.count('preserveAspectRatio="xMidYMid meet"') == 2
    assert '<g class="cjm-picture" data-cjm-href="../../journeys/s/tall.png">' in svg
    assert 'aria-label="A tall screen"' in svg and "<a " not in svg
    assert "Step 1" in texts(svg) and "<title>Wide</title>" in svg
    assert "Storyboard" in texts(svg)
    assert "A storyboard shows 2 pictures" in describe_journey(journey)
    no_links = draw_journey(journey, Settings(), id_prefix="m")
    assert "data-cjm-href" not in no_links and 'href="journeys/s/tall.png"' in no_links


def test_the_way_back_to_the_docs_root() -> None:
    assert page_base("journeys/a.md") == "../../"
    assert page_base("journeys/index.md") == "../"
    assert page_base("journeys/a.md", directory_urls=False) == "../"
    assert page_base("a.md", directory_urls=False) == ""


def test_the_standalone_map_carries_its_pictures_and_says_which_it_left_out(
    tmp_path: Path,
) -> None:
    (tmp_path / "journeys" / "s").mkdir(parents=True)
    (tmp_path / "journeys" / "s" / "small.png").write_bytes(PNG)
    (tmp_path / "journeys" / "s" / "big.png").write_bytes(b"\x89PNG" + bytes(MAX_PICTURE_BYTES))
    journey = storyboard(Image("s/small.png", "Small"), Image("s/big.png", "Big"))
    drawn = draw_journey(journey, Settings(), id_prefix="m", picture_base="../../")
    problems: list[str] = []
    svg = standalone_svg(journey, drawn, pictures=folder_reader(tmp_path), problems=problems)
    assert svg.count("<image ") == 1
    assert 'href="data:image/png;base64,' + base64.b64encode(PNG).decode() + '"' in svg
    assert "data-cjm-href" not in svg and "../../" not in svg and "data-cjm-picture" not in svg
    assert len(problems) == 1 and "'journeys/s/big.png'" in problems[0] and "kB" in problems[0]


def test_a_reader_never_leaves_the_docs_folder(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    read = folder_reader(tmp_path / "docs")
    assert read("../secret.png") is None
    assert read("missing.png") is None


def _checked(images: str, *files: str) -> list[str]:
    text = f"---\ntype: journey\ntitle: T\nstages:\n  - name: Booking\n    images: {images}\n---\n"
    checked = check_page(read_page("journeys/j.md", text.encode("utf-8")))
    site = link([checked])
    found = [*checked.findings, *check_images(site, lambda p: p in files)]
    return [f"{f.line} {f.field}: {f.message}" for f in found]


def test_a_picture_needs_its_text_and_the_message_names_the_stage() -> None:
    (finding,) = _checked("[a.png]", "journeys/a.png")
    assert finding.startswith("6 stages[0].images[0].alt: required field is missing: say what")
    assert finding.endswith("(on the stage 'Booking')")


@pytest.mark.parametrize(
    ("images", "expected"),
    [
        ("[{src: b.png, alt: B}]", "no file 'journeys/b.png' in the docs folder"),
        ("[{src: ../../b.png, alt: B}]", "is outside the docs folder"),
        ("[{src: 'https://x.example/b.png', alt: B}]", "is not a file of the handbook"),
        ("[{src: notes.txt, alt: B}]", "is not a picture a browser shows"),
    ],
)
def test_a_picture_must_be_a_picture_file_of_the_docs_folder(images: str, expected: str) -> None:
    found = _checked(images, "journeys/notes.txt")
    assert len(found) == 1 and expected in found[0], found
    assert re.match(r"6 stages\[0\]\.images", found[0])


def test_good_pictures_are_clean() -> None:
    assert _checked("[{src: a.png, alt: A, caption: C}]", "journeys/a.png") == []


# -- the site's own lanes -----------------------------------------------------------------

SETTINGS = Settings(
    lanes=(
        CustomLane("questions", "Questions customers ask", "thoughts"),
        CustomLane("kpis", "KPIs"),
        CustomLane("systems", "Systems", "backstage"),
        CustomLane("law", "Law", "thoughts", list=False),
    )
)


def test_declared_lanes_sit_where_the_settings_say() -> None:
    keys = [lane.key for lane in map_lanes(SETTINGS)]
    assert keys[keys.index("thoughts") + 1 : keys.index("thoughts") + 3] == ["questions", "law"]
    assert keys[keys.index("metrics") + 1] == "kpis"
    assert keys[keys.index("backstage") + 1] == "systems"
    stage = Stage(
        "A",
        thoughts=("Hm",),
        backstage=("B",),
        lanes=(("systems", ("CRM",)), ("law", "Age 18"), ("questions", ("Why?",))),
    )
    journey = Journey("j", "j.md", "J", (stage,))
    assert lane_keys(journey, SETTINGS) == ["thoughts", "questions", "law", "backstage", "systems"]
    svg = draw_journey(journey, SETTINGS, id_prefix="m")
    for words in ("Questions customers ask", "Why?", "Age 18", "CRM", "Systems"):
        assert words in texts(svg)
    assert to_grid(journey, SETTINGS)[-3:] == [
        ["questions", "Why?"],
        ["systems", "CRM"],
        ["law", "Age 18"],
    ]


def test_the_plugin_refuses_lanes_it_cannot_place() -> None:
    from cjm_mkdocs.config import Lanes

    option = Lanes()
    good = option.validate([{"id": "questions", "name": "Questions", "after": "thoughts"}])
    assert good[0].type == "list"
    for lanes, words in (
        ([{"id": "pains", "name": "P"}], "a field of a stage"),
        ([{"id": "q", "name": "Q"}, {"id": "q", "name": "R"}], "declared twice"),
        ([{"id": "q", "name": "Q", "after": "nowhere"}], "to name a lane drawn before"),
        ([{"id": "two words", "name": "Q"}], "a lane id of letters"),
        ([{"id": "q", "name": "Q", "type": "number"}], "number"),
    ):
        with pytest.raises(ValidationError, match=words):
            option.validate(lanes)
