"""Spreadsheet grids: stages across, lanes down, problems named by their cell."""

from __future__ import annotations

import io
from typing import Any

import pytest

from cjm_site.fields import STAGE_FIELDS
from cjm_site.interchange import grid
from cjm_site.interchange.pages import Draft, Site, check_draft, journey_front
from cjm_site.model import Settings, SpineStage

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl comes with the 'import' extra")

SPINE = Settings(spine=(SpineStage("awareness", "Awareness"), SpineStage("purchase", "Purchase")))


def read(
    rows: list[list[str]], site: Site | None = None
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    stages, findings, unmapped = grid.read_grid(rows, "map.csv", site or Site())
    return stages, [str(f) for f in findings], unmapped


def test_cell_names() -> None:
    assert [grid.cell_name(0, 0), grid.cell_name(6, 1), grid.cell_name(0, 25)] == ["A1", "B7", "Z1"]
    assert [grid.cell_name(9, 26), grid.cell_name(0, 51), grid.cell_name(0, 702)] == [
        "AA10",
        "AZ1",
        "AAA1",
    ]


def test_every_lane_name_means_a_stage_field() -> None:
    fields = {spec.name for spec in STAGE_FIELDS}
    assert set(grid.LANE_NAMES.values()) <= fields
    assert fields - {"name", "images"} <= set(grid.LANE_NAMES.values())
    for name in ("Pain points", "pain-points", "PAINS:", " pains ", "Pain_points"):
        assert grid.lane_of(name) == "pains"


def test_a_full_grid() -> None:
    stages, findings, unmapped = read(
        [
            ["Stage", "Hear about it", "Buy"],
            ["Phase", "Awareness", "purchase"],
            ["Goal", "Find a place", "Pay quickly"],
            ["Actions", "Asks friends\nSearches the map", "Pays"],
            ["Touchpoints", "Map app", "Card reader\r\nReceipt"],
            ["Thoughts", "Any good?", ""],
            ["Emotion", "1", "-1,5"],
            ["Feeling", "curious", "tense"],
            ["Aspiration", "2", "1"],
            ["Pain points", "• Few reviews\n• Old photos", ""],
            ["Opportunities", "Ask for reviews", ""],
            ["Metrics", "Reach: 18,400\nConversion: 3%", ""],
            ["Behind the scenes", "", "Payment provider settles"],
        ],
        Site(settings=SPINE),
    )
    assert findings == []
    assert unmapped == []
    assert stages == [
        {
            "name": "Hear about it",
            "phase": "awareness",
            "goal": "Find a place",
            "actions": ["Asks friends", "Searches the map"],
            "touchpoints": ["Map app"],
            "thoughts": ["Any good?"],
            "emotion": 1,
            "feeling": "curious",
            "aspiration": 2,
            "pains": ["Few reviews", "Old photos"],
            "opportunities": ["Ask for reviews"],
            "metrics": {"Reach": "18,400", "Conversion": "3%"},
        },
        {
            "name": "Buy",
            "phase": "purchase",
            "goal": "Pay quickly",
            "actions": ["Pays"],
            "touchpoints": ["Card reader", "Receipt"],
            "emotion": -1.5,
            "feeling": "tense",
            "aspiration": 1,
            "backstage": ["Payment provider settles"],
        },
    ]
    front = journey_front("Imported", ["eva"], "current-state", stages)
    text = Draft("imported", front, "map.csv").text()
    assert check_draft("journeys/imported.md", text, SPINE) == []


def test_merged_looking_blank_cells() -> None:
    stages, findings, _ = read(
        [
            ["", "A", "B", "C", "D"],
            ["Phase", "Awareness", "", "Purchase", ""],
            ["Actions", "a1", "", "c1", ""],
            ["", "a2", "b2", "", ""],
            ["Pains", "", "", "", "d"],
        ],
        Site(settings=SPINE),
    )
    assert findings == []
    assert [s.get("phase") for s in stages] == ["awareness", "awareness", "purchase", "purchase"]
    assert [s.get("actions") for s in stages] == [["a1", "a2"], ["b2"], ["c1"], None]


def test_trailing_empty_rows_and_columns_and_gaps() -> None:
    stages, findings, _ = read(
        [
            ["", "", ""],
            ["Stage", "A", "", "B", "", ""],
            ["Emotion", "1", "", "2", "", ""],
            ["", "", "", "", "", ""],
            ["Feeling", "ok", "", "", "", ""],
            ["", "", "", "", "", ""],
            ["", "", "", "", "", ""],
        ]
    )
    assert findings == []
    assert stages == [{"name": "A", "emotion": 1, "feeling": "ok"}, {"name": "B", "emotion": 2}]


def test_problems_name_the_cell() -> None:
    _, findings, _ = read(
        [
            ["Stage", "A", "", "C"],
            ["Emotion", "high", "", "3"],
            ["Emotoin", "1", "", ""],
            ["Colour", "red", "", ""],
            ["Actions", "x", "orphan", ""],
            ["Metrics", "no colon", "", ""],
            ["Goal", "one", "", ""],
            ["", "two", "", ""],
        ]
    )
    assert findings == [
        "map.csv:C1: this column has content but no stage name",
        "map.csv:B2: stages[0].emotion: 'high' is not a number from -2 to 2",
        "map.csv:D2: stages[1].emotion: '3' is not a number from -2 to 2",
        "map.csv:A3: unknown lane 'Emotoin'; did you mean 'emotion'?",
        "map.csv:A4: unknown lane 'Colour'; known lanes: phase, loop, goal, actions, touchpoints, thoughts, emotion, feeling, aspiration, pains, opportunities, metrics, backstage, frontstage, support, physical_evidence",
        "map.csv:B6: stages[0].metrics: expected 'Name: value' on each line, got 'no colon'",
        "map.csv:B8: stages[0].goal: a second value for this stage; give one",
    ]


def test_corner_cell_and_empty_grids() -> None:
    assert read([["Emotion", "1"], ["Hear", "A"]])[1] == [
        "map.csv:A1: expected 'Stage' or an empty cell, found 'Emotion'",
        "map.csv:A2: unknown lane 'Hear'; known lanes: phase, loop, goal, actions, touchpoints, thoughts, emotion, feeling, aspiration, pains, opportunities, metrics, backstage, frontstage, support, physical_evidence",
    ]
    assert read([])[1] == ["map.csv:A1: the grid is empty: stage names go in the first row"]
    assert read([["Stage"], ["Emotion"]])[1] == [
        "map.csv:B1: no stage names: they go across the first row"
    ]
    assert read([["Stage", "A"], ["", "x"]])[1] == [
        "map.csv:A2: this row has content but no lane name in its first cell"
    ]


def test_phases_the_spine_lacks_are_left_out_and_listed() -> None:
    stages, findings, unmapped = read([["", "A"], ["Phase", "Go home"]], Site(settings=SPINE))
    assert findings == []
    assert stages == [{"name": "A"}]
    assert unmapped == [
        "phase 'Go home' is no stage of the site's spine (awareness, purchase); left out"
    ]
    assert read([["", "A"], ["Phase", "Go home"]])[0] == [{"name": "A", "phase": "Go home"}]


# -- files ---------------------------------------------------------------------


def test_csv_with_a_byte_order_mark_and_semicolons() -> None:
    data = '\ufeffStage;Hear;Buy\r\nEmotion;1;-1\r\nActions;"Asks\r\nSearches";"Pays; quickly"\r\n'.encode()
    rows = grid.read_csv(data)
    assert rows == [
        ["Stage", "Hear", "Buy"],
        ["Emotion", "1", "-1"],
        ["Actions", "Asks\r\nSearches", "Pays; quickly"],
    ]
    stages, findings, _ = read(rows)
    assert findings == []
    assert stages[0]["actions"] == ["Asks", "Searches"]
    assert stages[1]["actions"] == ["Pays; quickly"]


def test_csv_separators_are_sniffed_from_the_first_line() -> None:
    assert grid.read_csv(b"Stage,A,B\nGoal,x;y,z\n")[1] == ["Goal", "x;y", "z"]
    assert grid.read_csv(b'"Stage;1",A\n')[0] == ["Stage;1", "A"]
    assert grid.read_csv(b"Stage\tA\tB\n")[0] == ["Stage", "A", "B"]


def test_csv_in_other_encodings() -> None:
    assert grid.read_csv("Stage,Café\n".encode("utf-16"))[0] == ["Stage", "Café"]
    assert grid.read_csv("Stage,Café\n".encode("cp1252"))[0] == ["Stage", "Café"]


def workbook(rows: list[list[Any]], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_excel_line_breaks_numbers_and_merged_cells() -> None:
    data = workbook(
        [
            ["Stage", "Hear", "Compare", "Buy", None, None],
            ["Phase", "Awareness", None, "Purchase"],
            ["Emotion", 1, -0.5, 2.0],
            ["Actions", "Asks friends_x000D_\nSearches", "Reads\r\nCompares", "Pays"],
            [None, None, None, None],
            [None],
        ],
        merge="B2:C2",
    )
    rows = grid.read_xlsx(data)
    stages, findings, _ = read(rows, Site(settings=SPINE))
    assert findings == []
    assert [(s["name"], s.get("phase"), s["emotion"], s["actions"]) for s in stages] == [
        ("Hear", "awareness", 1, ["Asks friends", "Searches"]),
        ("Compare", "awareness", -0.5, ["Reads", "Compares"]),
        ("Buy", "purchase", 2, ["Pays"]),
    ]


def test_xlsx_sheets_and_broken_files() -> None:
    data = workbook([["Stage", "A"]])
    assert grid.read_xlsx(data, "Map") == [["Stage", "A"]]
    with pytest.raises(grid.GridError, match="no sheet named 'Other'; the workbook has: Map"):
        grid.read_xlsx(data, "Other")
    with pytest.raises(grid.GridError, match=r"not an Excel workbook \(.xlsx\)"):
        grid.read_xlsx(b"Stage,A\n")


def test_a_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(
        grid.GridError, match=r"needs the openpyxl package: pip install 'cjm-site\[import\]'"
    ):
        grid.read_xlsx(b"")


def test_to_grid_and_back() -> None:
    from cjm_site.model import Journey, Opportunity, Stage, Touchpoint

    journey = Journey(
        "j",
        "j.md",
        "T",
        (
            Stage(
                "Hear",
                phase="awareness",
                actions=("Asks", "Searches"),
                touchpoints=(Touchpoint("Map app", channel="mobile"),),
                emotion=1.5,
                metrics=(("Calls before 06:30", "4"),),
            ),
            Stage("Buy", emotion=-2, opportunities=(Opportunity("Faster till", owner="Shop"),)),
        ),
    )
    rows = grid.to_grid(journey, SPINE)
    assert rows == [
        ["Stage", "Hear", "Buy"],
        ["Phase", "Awareness", ""],
        ["Actions", "Asks\nSearches", ""],
        ["Touchpoints", "Map app", ""],
        ["Emotion", "1.5", "-2"],
        ["Opportunities", "", "Faster till"],
        ["Metrics", "Calls before 06:30: 4", ""],
    ]
    data = grid.write_csv(rows)
    assert data.startswith(b"\xef\xbb\xbfStage,Hear,Buy\r\nPhase,Awareness,\r\n")
    stages, findings, _ = read(grid.read_csv(data), Site(settings=SPINE))
    assert findings == []
    assert stages[0]["metrics"] == {"Calls before 06:30": "4"}
    assert stages[0]["actions"] == ["Asks", "Searches"]
    assert [s["emotion"] for s in stages] == [1.5, -2]


def test_an_excel_csv_export_with_every_quirk_at_once() -> None:
    """Excel's "CSV UTF-8" in a semicolon locale: a byte-order mark, CRLF records, a
    bare CR (Mac Excel) inside a quoted cell, a separator column between stages,
    blanks under a merged-looking phase, and trailing empty columns and rows."""
    data = (
        "\ufeffStage;Hear;;Buy;;\r\n"
        "Phase;awareness;;;;\r\n"
        'Actions;"Asks\rSearches";;"Pays\r\nLeaves";;\r\n'
        "Emotion;1;;-1;;\r\n"
        ";;;;;\r\n"
        ";;;;;\r\n"
    ).encode()
    rows = grid.read_csv(data)
    assert rows[0] == ["Stage", "Hear", "", "Buy", "", ""]
    stages, findings, unmapped = read(rows, Site(settings=SPINE))
    assert findings == [] and unmapped == []
    assert stages == [
        {"name": "Hear", "phase": "awareness", "actions": ["Asks", "Searches"], "emotion": 1},
        {"name": "Buy", "phase": "awareness", "actions": ["Pays", "Leaves"], "emotion": -1},
    ]


def test_xlsx_cells_as_excel_keeps_them() -> None:
    """Dates as stage names, floats for whole numbers, a typographic minus, padding
    and blank lines inside a cell, a lone carriage return, trailing empty cells."""
    import datetime as dt

    data = workbook(
        [
            ["Stage", "Hear", dt.date(2026, 1, 2), "  Buy  "],
            ["Emotion", 1.0, "+1", "\u22121"],
            ["Actions", "A\rB", "C_x000D_", "  D  \n\n E"],
            [None, None, None, None, None, None],
        ]
    )
    rows = grid.read_xlsx(data)
    stages, findings, _ = read(rows)
    assert findings == []
    assert [(s["name"], s["emotion"], s["actions"]) for s in stages] == [
        ("Hear", 1, ["A", "B"]),
        ("2026-01-02", 1, ["C"]),
        ("Buy", -1, ["D", "E"]),
    ]
