"""`cjm validate` and the build print the very same messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import JOURNEY, PERSONA, build_site, run_mkdocs, write_site

BROKEN = JOURNEY.replace("emotion: 1", "emotion: 5").replace(
    "persona: eva-molin", "persona: eva-molen"
)


def test_validate_prints_what_the_build_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_site(
        tmp_path,
        {
            "p/eva-molin.md": PERSONA,
            "j/pizza.md": BROKEN,
            "j/ok.md": JOURNEY.replace("Pizza night", "Other"),
        },
    )
    built = build_site(config)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        out[:-1]
        == built.cjm_warnings
        == [
            "j/pizza.md:4: persona: no persona has the id 'eva-molen'; did you mean 'eva-molin'?",
            "j/pizza.md:7: stages[0].emotion: 5 is outside -2..2",
        ]
    )
    assert out[-1] == "3 pages checked: 2 errors, 0 other findings"
    assert main(["validate", "docs/j/ok.md"]) == 0
    assert capsys.readouterr().out == "1 page checked: 0 errors, 0 other findings\n"


def test_validate_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert main(["validate", "missing"]) == 2
    assert "no such file or folder: missing" in capsys.readouterr().err


def test_validate_at_the_site_root_and_inside_the_docs_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": BROKEN})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "."]) == 1  # the folder holding mkdocs.yml: the whole site
    assert capsys.readouterr().out.endswith("2 pages checked: 2 errors, 0 other findings\n")
    monkeypatch.chdir(tmp_path / "docs" / "p")
    assert main(["validate", "."]) == 0  # the persona is fine; the journey is known, not reported
    assert capsys.readouterr().out == "1 page checked: 0 errors, 0 other findings\n"


def test_one_reader_of_source_date_epoch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from cjm_site.pipeline import DateError, build_date

    assert build_date({"SOURCE_DATE_EPOCH": "1795651200"}) == dt.date(2026, 11, 26)
    assert build_date({"SOURCE_DATE_EPOCH": ""}) == build_date({}) == dt.date.today()
    with pytest.raises(DateError):
        build_date({"SOURCE_DATE_EPOCH": "soon"})
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA})
    message = "SOURCE_DATE_EPOCH='soon' is not a Unix time"
    built = run_mkdocs(config, epoch="soon")
    assert built.returncode == 1 and message in built.stderr and "Traceback" not in built.stderr
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main(["new", "journey", "Trip", "--persona", "eva-molin"]) == 2
    assert message in capsys.readouterr().err


RULES = {
    "phase outside the spine": (
        {"j/a.md": JOURNEY.replace("- name: Awareness", "- name: Awareness\n    phase: awarness")},
        "j/a.md:7: stages[0].phase: 'awarness' is not a stage of the site's spine; expected one of: "
        "awareness, purchase, service; did you mean 'awareness'?",
    ),
    "channel typo": (
        {
            "j/a.md": JOURNEY.replace(
                "- name: Awareness",
                "- name: Awareness\n    touchpoints:\n      - {name: Ad, channel: mobil}",
            )
        },
        "j/a.md:8: stages[0].touchpoints[0].channel: unknown channel 'mobil'; did you mean 'mobile'? "
        "(a channel that is not in the site's settings is shown as written)",
    ),
    "persona channel typo": (
        {
            "p/eva-molin.md": PERSONA.replace(
                "role: Journalist", "role: Journalist\nchannels: [web, stor]"
            )
        },
        "p/eva-molin.md:5: channels[1]: unknown channel 'stor'; did you mean 'store'? "
        "(a channel that is not in the site's settings is shown as written)",
    ),
    "ids differing only in case": (
        {"j/b.md": JOURNEY.replace("title: Pizza night", "title: Copy\nid: A")},
        "j/b.md:2: id: the id 'A' differs only in case from 'a' (j/a.md); ids must differ in more than case",
    ),
    "improves a map that is not current-state": (
        {
            "j/b.md": JOURNEY.replace(
                "title: Pizza night", "title: Later\nkind: future-state\nimproves: c"
            ),
            "j/c.md": JOURNEY.replace(
                "title: Pizza night", "title: Also later\nkind: future-state"
            ),
        },
        "j/b.md:5: improves: 'c' is a future-state map; a map improves a current-state map",
    ),
    "improves itself": (
        {"j/b.md": JOURNEY.replace("title: Pizza night", "title: Loop\nimproves: b")},
        "j/b.md:4: improves: a map cannot improve itself",
    ),
    "compares with itself": (
        {"j/b.md": JOURNEY.replace("title: Pizza night", "title: Loop\ncompare: [a, b]")},
        "j/b.md:4: compare[1]: a map cannot be compared with itself",
    ),
    "duplicate ids": (
        {"x/a.md": JOURNEY.replace("title: Pizza night", "title: Twin")},
        "x/a.md:2: id: the journey id 'a' is already used by j/a.md; ids must be unique",
    ),
    "missing compare id": (
        {"j/b.md": JOURNEY.replace("title: Pizza night", "title: B\ncompare: z")},
        "j/b.md:4: compare: no journey has the id 'z'",
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_reads_the_same_on_three_paths(
    rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, expected = RULES[rule]
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/a.md": JOURNEY, **pages})
    plain = build_site(config)
    assert plain.ok and plain.cjm_warnings == [expected]
    strict = build_site(config, strict=True)
    assert not strict.ok and strict.cjm_warnings == [expected]
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [expected]


def test_github_and_json_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": BROKEN})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "::error file=docs/j/pizza.md,line=4,title=persona::j/pizza.md:4: persona: no persona has the id 'eva-molen'; did you mean 'eva-molin'?",
        "::error file=docs/j/pizza.md,line=7,title=stages[0].emotion::j/pizza.md:7: stages[0].emotion: 5 is outside -2..2",
    ]
    assert err == "2 pages checked: 2 errors, 0 other findings\n"
    assert main(["validate", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["line"], d["field"], d["hint"]) for d in data] == [
        ("docs/j/pizza.md", 4, "persona", "eva-molin"),
        ("docs/j/pizza.md", 7, "stages[0].emotion", None),
    ]


def test_new_pages_pass_validate_and_are_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, {"people/eva-molin.md": PERSONA, "maps/pizza.md": JOURNEY})
    monkeypatch.chdir(tmp_path)
    assert main(["new", "persona", "Tom Berg"]) == 0
    assert capsys.readouterr().out == "docs/people/tom-berg.md\n"
    assert (
        main(
            [
                "new",
                "journey",
                "Tom's first order",
                "--persona",
                "tom-berg",
                "--persona",
                "eva-molin",
                "--kind",
                "future-state",
                "--stages",
                "Find, Order, Eat",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "docs/maps/tom-s-first-order.md\n"
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.endswith("4 pages checked: 0 errors, 0 other findings\n")
    built = build_site(tmp_path / "mkdocs.yml", strict=True)
    assert built.ok
    html = built.page("maps/tom-s-first-order/index.html")
    assert "Tom Berg" in html and "Eva Molin" in html and html.count('class="cjm-map"') == 1
    before = (tmp_path / "docs/people/tom-berg.md").read_text(encoding="utf-8")
    assert main(["new", "persona", "Tom Berg"]) == 2
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert (tmp_path / "docs/people/tom-berg.md").read_text(encoding="utf-8") == before
    assert main(["new", "journey", "X", "--persona", "tom-ber"]) == 2
    assert "no persona has the id 'tom-ber'; did you mean 'tom-berg'?" in capsys.readouterr().err


def test_schema_command_prints_the_generated_schema(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjm_site.model import CustomLane
    from cjm_site.schema import schema_json

    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert main(["schema"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == schema_json("page")
    assert main(["schema", "journey"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["title"]
    # With an mkdocs.yml here, the site's own lanes are stage keys of the schema.
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: docs\nplugins:\n  - cjm:\n"
        "      lanes: [{id: questions, name: Questions}]\n",
        encoding="utf-8",
    )
    assert main(["schema"]) == 0
    lanes = (CustomLane("questions", "Questions"),)
    assert capsysbinary.readouterr().out.decode("utf-8") == schema_json("page", lanes)


def test_diff_command_on_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(JOURNEY, encoding="utf-8")
    new.write_text(
        JOURNEY.replace("emotion: 1", "emotion: 2").replace("name: Order", "name: Ordering"),
        encoding="utf-8",
    )
    assert main(["diff", "--files", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Order → Ordering" in out and "Awareness: emotion 1 → 2" in out
    assert main(["diff", "--files", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (page,) = data["pages"]
    renamed = [s for s in page["stages"]["changed"] if s["renamed"]]
    assert [(s["old_name"], s["name"]) for s in renamed] == [("Order", "Ordering")]
    assert main(["diff", "--files", str(old)]) == 2
    assert "give exactly two files" in capsys.readouterr().err
