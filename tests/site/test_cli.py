"""`cjm validate` and the build print the very same messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import JOURNEY, PERSONA, build_site, write_site

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
