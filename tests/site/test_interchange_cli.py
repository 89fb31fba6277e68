"""`cjm import` and `cjm export` on real handbooks: written pages pass `cjm validate`."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pytest

from cjm_site.checking import check_page
from cjm_site.cli import main as cjm
from cjm_site.cli_interchange import main, register
from cjm_site.interchange.mermaid import score_of
from cjm_site.model import Journey
from cjm_site.reading import read_page
from tests.sitebuild import REPO
from tests.unit.test_mermaid import EXAMPLES as MERMAID_EXAMPLES

EXAMPLES = sorted((REPO / "content" / "journeys").glob("*.md"))


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example handbook, the working folder of the test."""
    root = tmp_path / "handbook"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.chdir(root)
    return root


def checked_journey(path: Path) -> Journey:
    from cjm_site.cli import settings_of

    page = check_page(read_page(path.name, path.read_bytes()), settings_of(Path("mkdocs.yml")))
    assert [str(f) for f in page.findings if f.level == "error"] == []
    assert page.journey is not None
    return page.journey


def written(out: str) -> list[Path]:
    return [Path(line.split()[1]) for line in out.splitlines() if line.startswith("wrote ")]


def test_every_example_map_survives_export_and_import(
    handbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(EXAMPLES) >= 10
    for example in EXAMPLES:
        page = Path("content/journeys") / example.name
        mmd = handbook / f"{example.stem}.mmd"
        assert main(["export", str(page), "--format", "mermaid", "-o", str(mmd)]) == 0
        capsys.readouterr()
        assert main(["import", "mermaid", str(mmd)]) == 0, capsys.readouterr()
        out = capsys.readouterr().out
        assert "not mapped" not in out, out
        [target] = written(out)
        before, after = checked_journey(page), checked_journey(target)
        assert after.title == before.title
        assert [s.name for s in after.stages] == [s.name for s in before.stages]
        assert [score_of(s.emotion) for s in after.stages] == [
            score_of(s.emotion) for s in before.stages
        ]
        assert after.persona_ids == before.persona_ids
    assert cjm(["validate"]) == 0
    assert "0 errors" in capsys.readouterr().out


def lanes(journey: Journey) -> list[tuple[object, ...]]:
    """What a grid carries of each stage."""
    return [
        (
            s.name,
            s.goal,
            s.actions,
            tuple(t.name for t in s.touchpoints),
            s.thoughts,
            s.emotion,
            s.feeling,
            s.aspiration,
            s.pains,
            tuple(o.text for o in s.opportunities),
            s.metrics,
            s.backstage,
        )
        for s in journey.stages
    ]


def test_every_example_map_survives_a_csv_grid(
    handbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for example in EXAMPLES:
        page = Path("content/journeys") / example.name
        before = checked_journey(page)
        grid_file = handbook / f"{example.stem}.csv"
        assert main(["export", str(page), "--format", "csv", "-o", str(grid_file)]) == 0
        argv = ["import", "csv", str(grid_file), "--title", f"{before.title} (grid)"]
        for persona in before.persona_ids:
            argv += ["--persona", persona]
        capsys.readouterr()
        assert main([*argv, "--kind", before.kind]) == 0, capsys.readouterr().out
        [target] = written(capsys.readouterr().out)
        after = checked_journey(target)
        assert lanes(after) == lanes(before)
        assert after.persona_ids == before.persona_ids
        if all(s.phase for s in before.stages):
            assert [s.phase for s in after.stages] == [s.phase for s in before.stages]
    assert cjm(["validate"]) == 0


def test_every_mermaid_example_imports_as_a_page_that_validates(
    handbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "".join(
        f"## {name}\n\n```mermaid\n{text}\n```\n\n" for name, text in MERMAID_EXAMPLES.items()
    )
    Path("examples.md").write_text(page, encoding="utf-8")
    assert main(["import", "mermaid", "examples.md"]) == 0
    assert len(written(capsys.readouterr().out)) == len(MERMAID_EXAMPLES)
    assert cjm(["validate"]) == 0


def test_import_from_markdown_lists_what_it_could_not_map(
    handbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("notes.md").write_text(
        "# Notes\n\n```mermaid\njourney\n  title Friday pizza\n  section Awareness\n"
        "    Hear of it: 4: Eva Molin, The Cat\n  section Going home\n    Walk: 2: eva-molin\n```\n\n"
        "```mermaid\nflowchart LR\n  a --> b\n```\n\n"
        "~~~mermaid\njourney\n  Only task: 3\n~~~\n",
        encoding="utf-8",
    )
    assert main(["import", "mermaid", "notes.md", "--kind", "future-state"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "wrote content/journeys/friday-pizza.md (2 stages) from notes.md, line 4",
        "  not mapped: actor 'The Cat' is no persona of the handbook; "
        'add one with: cjm new persona "The Cat", then its id to the page',
        "  not mapped: section 'Going home' is no stage of the site's spine "
        "(awareness, consideration, purchase, onboarding, service, loyalty); its stages have no phase",
        "wrote content/journeys/notes-2.md (1 stage) from notes.md, line 18",
    ]
    page = Path("content/journeys/friday-pizza.md").read_text(encoding="utf-8")
    assert "persona: eva-molin\nkind: future-state\n" in page
    assert "Imported from notes.md, line 4." in page
    assert cjm(["validate"]) == 0


def test_imports_never_overwrite(handbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("a.mmd").write_text("journey\n title Pizza night\n Eat: 5\n", encoding="utf-8")
    target = Path("content/journeys/pizza-night.md")
    before = target.read_bytes()
    assert main(["import", "mermaid", "a.mmd"]) == 1
    assert capsys.readouterr().out == (
        "content/journeys/pizza-night.md: already exists; not overwriting it "
        "(move it, or give --title)\n"
    )
    assert target.read_bytes() == before
    assert main(["import", "mermaid", "a.mmd", "--title", "Pizza night, take two"]) == 0
    assert written(capsys.readouterr().out) == [Path("content/journeys/pizza-night-take-two.md")]


def test_imports_never_reuse_an_id(handbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("a.mmd").write_text("journey\n title Pizza night today\n Eat: 5\n", encoding="utf-8")
    assert main(["import", "mermaid", "a.mmd"]) == 1
    assert capsys.readouterr().out == (
        "content/journeys/pizza-night-today.md: its id 'pizza-night-today' is taken by "
        "journeys/pizza-night.md; not writing it (give --title)\n"
    )
    assert not Path("content/journeys/pizza-night-today.md").exists()


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        (
            b"journey\n title T\n Eat: lots\n",
            1,
            "x.mmd:3: mermaid: task 'Eat': 'lots' is not a number; a score runs from 1 to 5\n",
        ),
        (b"journey\n title T\n", 1, "x.mmd:1: mermaid: the diagram has no tasks, so no stages\n"),
        (
            b"graph TD\n a-->b\n",
            1,
            "x.mmd:1: mermaid: expected 'journey' first; found 'graph TD'\n",
        ),
        (
            b"\xff\xfe\x00journey",
            2,
            "cjm: x.mmd is not UTF-8 text (invalid start byte at byte 0)\n",
        ),
    ],
)
def test_bad_mermaid_gives_messages_not_tracebacks(
    handbook: Path, capsys: pytest.CaptureFixture[str], text: bytes, code: int, expected: str
) -> None:
    Path("x.mmd").write_bytes(text)
    assert main(["import", "mermaid", "x.mmd"]) == code
    captured = capsys.readouterr()
    assert captured.out + captured.err == expected
    assert sorted(p.name for p in Path("content/journeys").iterdir()) == sorted(
        p.name for p in (REPO / "content" / "journeys").iterdir()
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["import", "mermaid", "missing.mmd"],
            "cjm: cannot read missing.mmd: No such file or directory\n",
        ),
        (
            ["import", "csv", "grid.csv", "--kind", "now"],
            "cjm: unknown kind 'now'; expected one of: current-state, future-state, day-in-the-life, service-blueprint\n",
        ),
        (
            ["import", "csv", "grid.csv", "--persona", "eva-molen"],
            "cjm: no persona has the id or name 'eva-molen'; did you mean 'eva-molin'? (create it with: cjm new persona \"eva-molen\")\n",
        ),
        (
            ["import", "xlsx", "grid.csv"],
            "cjm: grid.csv: not an Excel workbook (.xlsx): File is not a zip file\n",
        ),
        (["import", "csv", "grid.csv", "--docs", "nowhere"], "cjm: no such folder: nowhere\n"),
        (
            ["export", "content/index.md", "--format", "mermaid"],
            "cjm export: content/index.md is not a journey page (its front matter needs type: journey)\n",
        ),
    ],
)
def test_usage_problems_exit_2(
    handbook: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    Path("grid.csv").write_text("Stage,A\nEmotion,1\n", encoding="utf-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == expected


def test_import_csv_writes_a_valid_page(handbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("grid.csv").write_bytes(
        "\ufeffStage;Hear;Book;Eat;;\r\n"
        "Phase;Awareness;;Service;;\r\n"
        'Actions;"Asks friends\r\nSearches";Calls;Orders;;\r\n'
        "Emotion;1;-1,5;2;;\r\n"
        "Pain points;;Busy line;;;\r\n"
        ";;;;;\r\n".encode()
    )
    argv = ["import", "csv", "grid.csv", "--persona", "Eva Molin", "--title", "Friday pizza"]
    assert main([*argv, "--kind", "future-state"]) == 0
    assert capsys.readouterr().out == (
        "wrote content/journeys/friday-pizza.md (3 stages) from grid.csv\n"
    )
    journey = checked_journey(Path("content/journeys/friday-pizza.md"))
    assert journey.persona_ids == ("eva-molin",)
    assert journey.kind == "future-state"
    assert [(s.name, s.phase, s.emotion) for s in journey.stages] == [
        ("Hear", "awareness", 1),
        ("Book", "awareness", -1.5),
        ("Eat", "service", 2),
    ]
    assert journey.stages[0].actions == ("Asks friends", "Searches")
    assert journey.stages[1].pains == ("Busy line",)
    assert cjm(["validate"]) == 0


def test_import_csv_with_bad_cells_writes_nothing(
    handbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("grid.csv").write_text("Stage,A,,C\nEmotion,meh,x,1\nColour,red\n", encoding="utf-8")
    assert main(["import", "csv", "grid.csv"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "grid.csv:C1: this column has content but no stage name",
        "grid.csv:B2: stages[0].emotion: 'meh' is not a number from -2 to 2",
        "grid.csv:A3: unknown lane 'Colour'; known lanes: phase, loop, goal, actions, touchpoints, "
        "thoughts, emotion, feeling, aspiration, pains, opportunities, metrics, backstage, "
        "frontstage, support, physical_evidence",
    ]
    assert not Path("content/journeys/grid.md").exists()


def test_import_xlsx(handbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["Stage", "Hear", "Buy"],
        ["Thoughts", "Is it good?_x000D_\nNear me?", None],
        ["Emotion", 2, -2],
    ):
        sheet.append(row)
    book.save("map.xlsx")
    assert main(["import", "xlsx", "map.xlsx", "--persona", "tom-berg"]) == 0
    assert capsys.readouterr().out == "wrote content/journeys/map.md (2 stages) from map.xlsx\n"
    journey = checked_journey(Path("content/journeys/map.md"))
    assert journey.title == "Map"
    assert journey.stages[0].thoughts == ("Is it good?", "Near me?")
    assert cjm(["validate"]) == 0


def test_import_xlsx_without_openpyxl(
    handbook: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("map.xlsx").write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["import", "xlsx", "map.xlsx"]) == 2
    assert capsys.readouterr().err == (
        "cjm: map.xlsx: reading .xlsx files needs the openpyxl package: "
        "pip install 'cjm-site[import]'\n"
    )


def test_export_to_stdout_and_files(
    handbook: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        main(["export", "content/journeys/pizza-night.md", "--format", "mermaid", "-o", "-"]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("journey\n    title Pizza night at Forno today\n")
    assert "    section Awareness\n      Getting the idea: 4: Eva Molin\n" in out
    Path("out.mmd").write_text("keep", encoding="utf-8")
    assert (
        main(["export", "content/journeys/pizza-night.md", "--format", "mermaid", "-o", "out.mmd"])
        == 2
    )
    assert capsys.readouterr().err == (
        "cjm export: out.mmd: already exists; not overwriting it (give --force to replace it)\n"
    )
    assert Path("out.mmd").read_text(encoding="utf-8") == "keep"
    assert (
        main(
            [
                "export",
                "content/journeys/pizza-night.md",
                "--format",
                "mermaid",
                "-o",
                "out.mmd",
                "--force",
            ]
        )
        == 0
    )
    assert Path("out.mmd").read_text(encoding="utf-8") == out


def test_export_of_a_broken_page(handbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = Path("content/journeys/pizza-night.md")
    page.write_text(page.read_text(encoding="utf-8").replace("emotion: 1\n", "emotion: 7\n", 1))
    assert main(["export", str(page), "--format", "mermaid"]) == 2
    assert capsys.readouterr().err == (
        "cjm export: content/journeys/pizza-night.md has errors; fix them first (cjm validate):\n"
        "  journeys/pizza-night.md:48: stages[0].emotion: 7 is outside -2..2\n"
    )


def test_the_commands_are_reachable_through_register(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="cjm")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", "xlsx", "f.xlsx", "--sheet", "Map", "--persona", "a"])
    assert (args.command, args.source, args.sheet, args.persona) == ("import", "xlsx", "Map", ["a"])
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "p.md", "--format", "png"])  # export is cli_export's
    assert "invalid choice: 'export'" in capsys.readouterr().err
