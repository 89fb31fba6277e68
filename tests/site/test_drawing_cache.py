"""The drawing cache across real builds: reuse, invalidation, pruning, damage, two at once."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cjm_site.pipeline as pipeline
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, build_site, write_site

MAPS = 4
PER_MAP = 3
"""Cache entries a map leaves: its drawing, its sparkline and its download file."""


def _pages() -> dict[str, str]:
    return {
        "p/eva-molin.md": PERSONA,
        **{f"j/map{i}.md": JOURNEY.replace("Pizza night", f"Map {i}") for i in range(MAPS)},
    }


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the maps drawn (not taken from the cache) while the test runs."""
    calls: list[str] = []
    real = pipeline.draw_journey

    def counting(journey, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(journey.id)
        return real(journey, *args, **kwargs)

    monkeypatch.setattr(pipeline, "draw_journey", counting)
    return calls


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "cjm").glob("*/*.svgz"))


def test_a_second_build_draws_nothing_and_gives_the_same_site(
    tmp_path: Path, drawn: list[str]
) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config, strict=True).ok
    assert sorted(drawn) == [f"map{i}" for i in range(MAPS)]
    first = tmp_path / "first-site"
    (tmp_path / "site").rename(first)
    assert len(_entries(tmp_path)) == PER_MAP * MAPS
    drawn.clear()
    assert build_site(config, strict=True).ok
    assert drawn == []
    compared = filecmp.dircmp(first, tmp_path / "site")
    assert _same_tree(compared)


def _same_tree(compared: filecmp.dircmp[str]) -> bool:
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(
        compared.left, compared.right, compared.common_files, shallow=False
    )
    return not mismatch and not errors and all(_same_tree(d) for d in compared.subdirs.values())


def test_what_a_map_depends_on_invalidates_exactly_its_drawing(
    tmp_path: Path, drawn: list[str]
) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    drawn.clear()

    edited = tmp_path / "docs" / "j" / "map2.md"
    edited.write_text(JOURNEY.replace("Pizza night", "Map 2, again"), encoding="utf-8")
    assert build_site(config).ok
    assert drawn == ["map2"]  # its content

    drawn.clear()
    persona = tmp_path / "docs" / "p" / "eva-molin.md"
    persona.write_text(PERSONA.replace("name: Eva Molin", "name: Eva M. Molin"), encoding="utf-8")
    assert build_site(config).ok
    assert sorted(drawn) == [f"map{i}" for i in range(MAPS)]  # its personas' names

    drawn.clear()
    write_site(tmp_path, {}, plugin={"spine": [{"id": "awareness", "name": "Hearing of it"}]})
    assert build_site(config).ok
    assert sorted(drawn) == [f"map{i}" for i in range(MAPS)]  # the settings


def test_the_version_of_the_drawing_code_is_part_of_every_key(
    tmp_path: Path, drawn: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    drawn.clear()
    monkeypatch.setattr("cjm_site.cache.code_fingerprint", lambda: "a newer cjm-site")
    assert build_site(config).ok
    assert sorted(drawn) == [f"map{i}" for i in range(MAPS)]


def test_entries_the_build_did_not_use_are_removed(tmp_path: Path) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    before = len(_entries(tmp_path))
    (tmp_path / "docs" / "j" / "map0.md").unlink()
    assert build_site(config).ok
    assert len(_entries(tmp_path)) == before - PER_MAP


def test_a_damaged_entry_is_reported_and_drawn_again(tmp_path: Path, drawn: list[str]) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    for entry in _entries(tmp_path):
        entry.write_bytes(entry.read_bytes()[:40])
    drawn.clear()
    built = build_site(config)
    assert built.ok
    assert sorted(drawn) == [f"map{i}" for i in range(MAPS)]
    damaged = [w for w in built.cjm_warnings if "damaged cache entry; drawn again" in w]
    assert len(damaged) == PER_MAP * MAPS
    assert all(w.startswith("build cache: ") for w in damaged)
    drawn.clear()
    assert build_site(config, strict=True).ok  # mended: the next build is clean
    assert drawn == []


def test_cache_false_keeps_nothing(tmp_path: Path, drawn: list[str]) -> None:
    config = write_site(tmp_path, _pages(), plugin={"cache": False})
    assert build_site(config).ok
    assert build_site(config).ok
    assert len(drawn) == 2 * MAPS
    assert not (tmp_path / ".cache").exists()


def test_cache_dir_is_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    config = write_site(tmp_path, _pages(), plugin={"cache_dir": "build-cache/maps"})
    assert build_site(config).ok
    assert len(list((tmp_path / "build-cache" / "maps").glob("*/*.svgz"))) == PER_MAP * MAPS


@pytest.mark.slow
def test_two_builds_at_once_share_the_cache(tmp_path: Path) -> None:
    config = write_site(tmp_path, _pages())
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}

    def start(site: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
        return subprocess.Popen(
            [*command, "-d", str(tmp_path / site)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    for _ in range(2):  # cold, both writing; then warm, both reading
        builds = [start("site-a"), start("site-b")]
        outputs = [b.communicate(timeout=240)[0] for b in builds]
        assert [b.returncode for b in builds] == [0, 0], outputs
        assert "Traceback" not in "".join(outputs)
        assert _same_tree(filecmp.dircmp(tmp_path / "site-a", tmp_path / "site-b"))
    assert not list((tmp_path / ".cache").rglob(".tmp-*"))
