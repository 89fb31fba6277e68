"""Backstage TechDocs (issue 15, item 6): a handbook builds with
``plugins: [techdocs-core, cjm]`` under ``--strict``.

mkdocs-techdocs-core pins its own Material, Markdown and pymdown-extensions, so it
lives in a virtual environment of its own, ``.venv-techdocs`` (``make test`` makes it
from ``constraints/techdocs.txt`` and names it in ``CJM_TECHDOCS_VENV``); the build
runs there, as Backstage's TechDocs builder would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, REPO


def techdocs_python() -> Path:
    named = os.environ.get("CJM_TECHDOCS_VENV")
    venv = Path(named) if named else REPO / ".venv-techdocs"
    if not venv.is_absolute():
        venv = REPO / venv
    python = venv / "bin" / "python"
    if not python.exists():
        if named:  # make test made it: its absence is a failure, not a skip
            pytest.fail(f"{python} is missing: run `make .venv-techdocs/.installed-stamp`")
        pytest.skip("no .venv-techdocs: `make test` makes it (techdocs-core pins its own Material)")
    return python


def test_techdocs_core_and_cjm_build_strict(tmp_path: Path) -> None:
    python = techdocs_python()
    docs = tmp_path / "docs"
    for path, text in {
        "index.md": "# Journey handbook\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza.md": JOURNEY,
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = {"site_name": "Journey handbook", "plugins": ["techdocs-core", "cjm"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "WARNING" in line] == []
    site = tmp_path / "site"
    page = (site / "journeys" / "pizza" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="cjm-journey-map"') == 1
    assert "assets/cjm/cjm.css" in page
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert [j["id"] for j in catalogue["journeys"]] == ["pizza"]
    assert (site / "views" / "backlog" / "index.html").is_file()
    assert (site / "maps" / "pizza.svg").is_file()
    # The Material techdocs-core brings, not the one of .venv: a build of its own.
    version = subprocess.run(
        [str(python), "-c", "import material; print(material.__version__)"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    assert version == "9.7.7"
