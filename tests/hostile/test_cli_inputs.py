"""The ``cjm`` commands on hostile input and environments: clean messages, exit 2,
nothing forged in their output, and never a Python traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from cjm_site.cli import EXIT_BROKEN_PIPE, main
from cjm_site.inputs import MAX_FILE_BYTES
from tests.sitebuild import JOURNEY, PERSONA, write_site

FORGED_NAME = "x\n::error file=README.md,line=1::Forged\n.md"
LEAP_DAY = "1835395200"  # 2028-02-29 00:00 UTC
LAST_SECOND = "253402300799"  # 9999-12-31 23:59:59 UTC: a year later is no date
TOO_LATE = "99999999999999"


def _handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_site(tmp_path, {"personas/eva-molin.md": PERSONA})
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def _cjm(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cjm_site", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


# -- cjm new (issue 11, item 4) ------------------------------------------------------


@pytest.mark.parametrize("epoch", [TOO_LATE, "99999999999999999999"])
def test_new_with_an_impossible_date_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], epoch: str
) -> None:
    _handbook(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["new", "journey", "Late", "--persona", "eva-molin"]) == 2
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


def test_new_on_the_last_day_there_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _handbook(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LAST_SECOND)
    assert main(["new", "journey", "Last", "--persona", "eva-molin"]) == 0
    text = (docs / "journeys/last.md").read_text(encoding="utf-8")
    assert "updated: 9999-12-31\n" in text and "review_by: 9999-12-31 " in text


def test_review_date_after_a_leap_day_is_a_year_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _handbook(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LEAP_DAY)
    assert main(["new", "journey", "Leap", "--persona", "eva-molin"]) == 0
    text = (docs / "journeys/leap.md").read_text(encoding="utf-8")
    assert "updated: 2028-02-29\n" in text
    assert "review_by: 2029-02-28 " in text  # it was 2028-02-29: due the day it was written


def test_new_never_writes_through_a_dangling_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _handbook(tmp_path, monkeypatch)
    (docs / "personas/tom-berg.md").symlink_to(tmp_path / "elsewhere.md")
    assert main(["new", "persona", "Tom Berg"]) == 2
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere.md").exists()


def test_new_when_the_folder_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "personas").write_text("not a folder", encoding="utf-8")
    assert main(["new", "persona", "Tom Berg", "--docs", str(docs)]) == 2
    assert "a file has that name" in capsys.readouterr().err
    assert main(["new", "persona", "Tom Berg", "--docs", str(docs / "personas")]) == 2
    assert "is a file, not a docs folder" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "bell\x07", "a\u2028b"])
def test_new_refuses_names_that_cannot_be_a_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    docs = _handbook(tmp_path, monkeypatch)
    assert main(["new", "journey", name, "--persona", "eva-molin"]) == 2
    assert main(["new", "persona", name]) == 2
    err = capsys.readouterr().err
    assert "cannot be empty" in err or "line breaks or control characters" in err
    assert err.count("\n") == 2  # one line per refusal, whatever the name held
    assert sorted(p.name for p in docs.rglob("*.md")) == ["eva-molin.md"]


def test_new_keeps_the_dakuten_in_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _handbook(tmp_path, monkeypatch)
    assert main(["new", "journey", "日本語のジャーニー", "--persona", "eva-molin"]) == 0
    (written,) = (docs / "journeys").iterdir()
    assert written.name == "日本語のジャーニー.md"
    assert unicodedata.is_normalized("NFC", written.name)
    assert capsys.readouterr().out == "docs/journeys/日本語のジャーニー.md\n"


def test_new_without_a_handbook_points_to_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "persona", "Tom"]) == 2
    assert "cjm init" in capsys.readouterr().err


# -- closed pipes and bounded reading (item 5) ----------------------------------------


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    write_site(tmp_path, {"j/a.md": JOURNEY})  # its persona is missing: findings to print
    for args in (("validate", "--format", "json"), ("validate",), ("schema",)):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cjm_site", *args],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.close()  # as `| head` does once it has its lines
        _, err = proc.communicate(timeout=120)
        assert b"Traceback" not in err and b"BrokenPipe" not in err, err
        assert proc.returncode == EXIT_BROKEN_PIPE


def test_diff_reads_no_device_and_no_huge_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "x.md"
    page.write_text(JOURNEY, encoding="utf-8")
    assert main(["diff", "--files", "/dev/zero", str(page)]) == 2
    assert "/dev/zero is not a regular file" in capsys.readouterr().err
    huge = tmp_path / "huge.md"
    with huge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert main(["diff", "--files", str(page), str(huge)]) == 2
    assert "larger than" in capsys.readouterr().err
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    assert main(["diff", "--files", str(fifo), str(page)]) == 2  # and does not hang
    assert "not a regular file" in capsys.readouterr().err


# -- nothing forged in the output (item 13) --------------------------------------------


@pytest.fixture
def forged_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    broken = JOURNEY.replace("emotion: 1", "emotion: 5")
    write_site(
        tmp_path,
        {
            "personas/eva-molin.md": PERSONA,
            f"journeys/{FORGED_NAME}": broken,
            "journeys/::warning::Forged.md": broken,
            "journeys/a\u2028b\u0085c\u202ed.md": broken,
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_cannot_forge_lines(
    forged_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    # Three findings, one about the U+202E in a file name (item 14), and the summary,
    # however the files are named.
    assert len(lines) == 5
    assert not any(line.lstrip().startswith(("::", "##[")) for line in lines)
    assert "journeys/x\\n::error file=README.md,line=1::Forged\\n.md:7:" in out
    assert "journeys/a\\u2028b\\x85c\\u202ed.md:7:" in out
    assert "journeys/a\\u2028b\\x85c\\u202ed.md: the file name holds U+202E" in out


def test_github_output_cannot_forge_commands(
    forged_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # with the file name that holds U+202E (item 14)
    assert all(line.startswith("::error file=docs/journeys/") for line in lines)
    forged = next(line for line in lines if "Forged" in line and "README" in line)
    # The file name stays inside the file property: its ':' and ',' are escaped.
    assert forged.startswith("::error file=docs/journeys/x\\n%3A%3Aerror file=README.md%2C")


def test_json_output_is_one_document_with_escapes(
    forged_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "\u2028" not in out and "\u0085" not in out and "\u202e" not in out
    files = sorted(d["file"] for d in json.loads(out))
    assert "docs/journeys/a\u2028b\u0085c\u202ed.md" in files
    assert f"docs/journeys/{FORGED_NAME}" in files


def test_printed_paths_and_argument_errors_stay_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "d\n::error::x"
    assert main(["new", "persona", "Tom", "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "d\\n::error::x/personas/tom.md" in out
    with pytest.raises(SystemExit):
        main(["validate", "--nope\n::error::forged"])
    err = capsys.readouterr().err
    assert not any(line.startswith("::") for line in err.splitlines())


# -- help and version (item 20) ------------------------------------------------------


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("-V", "--version"):
        with pytest.raises(SystemExit) as done:
            main([flag])
        assert done.value.code == 0
        assert capsys.readouterr().out.startswith("cjm-site ")
    with pytest.raises(SystemExit) as done:
        main(["new", "persona", "--help"])
    assert done.value.code == 0
    help_text = capsys.readouterr().out
    assert "the persona's name" in help_text and "--kind" not in help_text
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    help_text = capsys.readouterr().out
    assert "exit codes:" in help_text and "141" in help_text


def test_python_dash_m_runs_the_command(tmp_path: Path) -> None:
    done = _cjm("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("cjm-site ")


# -- no traceback from any command (the last point) ---------------------------


def test_no_command_prints_a_traceback(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(
        site,
        {
            "personas/eva-molin.md": PERSONA,
            f"journeys/{FORGED_NAME}": JOURNEY,
            "journeys/ok.md": JOURNEY.replace("Pizza night", "Other"),
        },
    )
    os.mkfifo(site / "docs/fifo.md")
    (site / "docs/personas/dangling.md").symlink_to(site / "nowhere.md")
    # A file name that is not UTF-8: printing it as is would raise.
    Path(os.fsdecode(os.fsencode(site / "docs/journeys") + b"/bad-\xff.md")).write_text(
        JOURNEY.replace("emotion: 1", "emotion: 5"), encoding="utf-8"
    )
    page = site / "docs/journeys/ok.md"
    runs: list[tuple[tuple[str, ...], dict[str, str]]] = [
        (("validate",), {}),
        (("validate", "--format", "github"), {}),
        (("validate", "--format", "json"), {}),
        (("validate", "docs/journeys", "missing\n::error::x"), {}),
        (("new", "persona", ""), {}),
        (("new", "persona", "Dangling"), {}),
        (("new", "journey", "", "--persona", "eva-molin"), {}),
        (("new", "journey", "Late", "--persona", "eva-molin"), {"SOURCE_DATE_EPOCH": TOO_LATE}),
        (("new", "journey", "Last", "--persona", "eva-molin"), {"SOURCE_DATE_EPOCH": LAST_SECOND}),
        (("new", "journey", "Leap", "--persona", "eva-molin"), {"SOURCE_DATE_EPOCH": LEAP_DAY}),
        (("new", "journey", "Bad", "--persona", "eva-molin"), {"SOURCE_DATE_EPOCH": "-1x"}),
        (("new", "persona", "X", "--docs", "mkdocs.yml"), {}),
        (("init",), {}),
        (("init", "mkdocs.yml"), {}),
        (("init", str(tmp_path / "fresh")), {"SOURCE_DATE_EPOCH": TOO_LATE}),
        (("diff", "--files", "/dev/zero", str(page)), {}),
        (("diff", "--files", "docs/fifo.md", str(page)), {}),
        (("diff", "--files", "docs", str(page)), {}),
        (("diff", "--files", "missing.md", str(page)), {}),
        (("diff", "--files", str(page), str(page)), {}),
        (("schema",), {}),
        (("schema", "nothing"), {}),
        (("-V",), {}),
        (("validate",), {"PYTHONIOENCODING": "ascii"}),
    ]
    for args, env in runs:
        done = _cjm(*args, cwd=site, env=env)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode in (0, 1, 2), (args, done.returncode, done.stderr)
        assert not any(line.startswith("::") for line in done.stderr.splitlines()), (
            args,
            done.stderr,
        )


def test_diff_output_cannot_forge_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.md"
    old.write_text(JOURNEY, encoding="utf-8")
    new = tmp_path / "::error::new\u2028.md"
    new.write_text(
        JOURNEY.replace("emotion: 1", "emotion: 2").replace(
            "name: Order", 'name: "Order\\u2028::error::forged\\u202e"'
        ),
        encoding="utf-8",
    )
    assert main(["diff", "--files", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "\u2028" not in out and "\u202e" not in out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    assert main(["diff", "--files", str(old), str(new), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\u2028" not in out and "\u202e" not in out
    assert json.loads(out)["pages"]


# -- every command over the whole hostile corpus (issue 11, "Done when") ---------------

ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:\n]*?(,line=\d+)?,title=[^:\n]*::")
"""The one kind of line starting with ``::`` the tool means: its own annotation."""


def test_no_command_prints_a_traceback_over_the_hostile_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus as one site: validate (every format), schema, new, and diff --files of
    every corpus file against a good page and against itself, in both orders."""
    from tests.hostile.conftest import write_corpus

    write_corpus(tmp_path)
    docs = tmp_path / "docs"
    runs: list[tuple[str, ...]] = [
        ("validate",),
        ("validate", "--format", "github"),
        ("validate", "--format", "json"),
        ("validate", "docs/r", "docs/fm", "docs/bd"),
        ("schema",),
        ("new", "persona", "Corpus Persona"),
        ("new", "journey", "Corpus Journey", "--persona", "eva-molin"),
        ("validate",),
    ]
    outputs = {}
    for args in runs:
        done = _cjm(*args, cwd=tmp_path, env={"SOURCE_DATE_EPOCH": LEAP_DAY})
        assert "Traceback" not in done.stdout + done.stderr, (args, done.stderr[-2000:])
        assert done.returncode in (0, 1, 2), (args, done.returncode, done.stderr[-2000:])
        outputs[args] = done
        meant = args[-1] == "github"
        for line in (done.stdout + done.stderr).splitlines():
            if line.startswith("::"):
                assert meant and ANNOTATION.match(line), (args, line)
    findings = json.loads(outputs[("validate", "--format", "json")].stdout)
    annotations = outputs[("validate", "--format", "github")].stdout.splitlines()
    assert len(findings) > 100 and len(annotations) == len(findings)

    good = docs / "journeys" / "pizza.md"
    pages = sorted(p for p in docs.rglob("*") if p.is_file() or p.is_symlink())
    assert len(pages) > 80
    monkeypatch.chdir(tmp_path)
    for page in pages:
        for pair in ((good, page), (page, good), (page, page)):
            for style in ("markdown", "json"):
                code = main(["diff", "--files", str(pair[0]), str(pair[1]), "--format", style])
                out, err = capsys.readouterr()
                assert code in (0, 1, 2), (page, code, err)
                lines = (out + err).splitlines()
                assert not any(line.startswith("::") for line in lines), (page, out, err)
