"""The wheel, installed in a fresh virtual environment, builds a handbook outside this repo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, REPO, write_site

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path | None = None) -> str:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


def test_wheel_installs_and_builds_a_foreign_handbook(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, REPO)
    wheel = next(dist.glob("cjm_site-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "cjm_theme/cjm/journey.html",
        "cjm_theme/assets/cjm/cjm.css",
        "cjm_theme/assets/cjm/map.css",
        "cjm_theme/assets/cjm/catalogue.js",
        "cjm_mkdocs/plugin.py",
        "cjm_site/drawing.py",
        *(
            f"cjm_site/locale/{lang}/LC_MESSAGES/cjm.po"
            for lang in ("de", "fr", "es", "nl", "sv", "ja")
        ),
    ):
        assert needed in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "pip", "install", "--quiet", wheel)

    other = tmp_path / "elsewhere"
    config = write_site(
        other,
        {"index.md": "# Home\n", "people/eva-molin.md": PERSONA, "maps/pizza.md": JOURNEY},
        plugin={"enabled": True},
    )
    run(venv / "bin" / "mkdocs", "build", "--strict", "-f", config, cwd=other)
    site = other / "site"
    journey = (site / "maps" / "pizza" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in journey and 'class="cjm-map"' in journey
    assert (site / "assets" / "cjm" / "cjm.css").is_file() and (
        site / "assets" / "cjm" / "map.css"
    ).is_file()
    assert "Pizza night" in (site / "people" / "eva-molin" / "index.html").read_text(
        encoding="utf-8"
    )
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "data-cjm-catalogue" in catalogue
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert [j["id"] for j in data["journeys"]] == ["pizza"]
