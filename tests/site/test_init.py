"""`cjm init` writes a handbook that builds, strictly, into a complete site."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import run_mkdocs

_LOGO = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-header__button md-logo"')


def test_init_builds_a_complete_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "handbook"
    assert main(["init", str(root)]) == 0
    written = capsys.readouterr().out.splitlines()
    assert {Path(p).relative_to(root).as_posix() for p in written} == {
        "mkdocs.yml",
        "docs/index.md",
        "docs/personas/alex-example.md",
        "docs/journeys/first-order.md",
    }
    monkeypatch.chdir(root)
    assert main(["validate"]) == 0
    # New pages go beside the examples, with no --docs needed.
    assert main(["new", "persona", "Tom Berg"]) == 0
    assert capsys.readouterr().out.endswith("docs/personas/tom-berg.md\n")

    done = run_mkdocs(root / "mkdocs.yml", "--strict")  # never -q with --strict
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    site = root / "site"
    assert (site / "index.html").is_file()
    page = "journeys/first-order/index.html"
    html = (site / page).read_text(encoding="utf-8")
    assert 'class="cjm-map"' in html
    (logo,) = _LOGO.findall(html)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), logo))
    assert (site / target / "index.html").is_file() or (site / target).is_file()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "not overwriting what is there" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["docs", "index.md"]
    (tmp_path / "docs/index.md").unlink()
    (tmp_path / "mkdocs.yaml").write_text("site_name: Mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "mkdocs.yaml" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "file")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
