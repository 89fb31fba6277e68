"""The real `mkdocs build` command on hostile pages: exit codes, never a crash or a hang.

MkDocs parses front matter itself before any plugin event, unbounded: 30,000
nested ``[`` make it die with SIGSEGV (exit 139) on a default stack, or spend
minutes in libyaml and Python-Markdown. The plugin hands MkDocs a neutralised
source, so a plain build exits 0 and a --strict build 1, in about a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile.conftest import write_corpus
from tests.hostile.corpus import BILLION_LAUGHS, DEEP, STAGE, page
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, run_mkdocs, write_site

HOSTILE = {
    "deep flow": (
        page("type: journey\ntitle: Deep\nstages: " + "[" * DEEP + "\n"),
        "WARNING -  cjm: journeys/hostile.md:4: front matter is nested more than 24 levels deep",
    ),
    "deep after an empty block": (
        # The body starts with a second block: MkDocs must not parse it either.
        "---\n---\n---\n" + "{a: " * DEEP + "}" * DEEP + "\n---\n# Deep\n",
        None,
    ),
    "billion laughs": (
        page("type: journey\ntitle: Laughs\n" + BILLION_LAUGHS + STAGE),
        "WARNING -  cjm: journeys/hostile.md:5: aliases (*a) are not supported in front matter; "
        "write the value out in full",
    ),
}


def _site(tmp_path: Path, hostile: str) -> Path:
    return write_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "personas/eva-molin.md": PERSONA,
            "journeys/pizza.md": JOURNEY,
            "journeys/hostile.md": hostile,
        },
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_mkdocs_build_exits_cleanly(tmp_path: Path, name: str) -> None:
    source, message = HOSTILE[name]
    config = _site(tmp_path, source)
    with ThreadPoolExecutor(2) as pool:  # two processes at once: half the wait
        plain_run = pool.submit(run_mkdocs, config)
        strict_site = str(tmp_path / "site-strict")
        strict_run = pool.submit(run_mkdocs, config, "--strict", "-d", strict_site)
        plain, strict = plain_run.result(), strict_run.result()
    for result in (plain, strict):
        assert result.returncode != 139 and result.returncode >= 0, result.returncode
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert plain.returncode == 0, plain.stderr[-2000:]
    if message is None:
        assert strict.returncode == 0, strict.stderr[-2000:]
        assert "cjm:" not in plain.stderr
    else:
        assert strict.returncode == 1
        assert message in plain.stderr.splitlines()
        assert message in strict.stderr.splitlines()
    assert (tmp_path / "site" / "journeys" / "pizza" / "index.html").is_file()


def _build_with_hash_seed(config: Path, site: Path, seed: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": seed,
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def test_two_builds_of_the_hostile_corpus_are_byte_identical(tmp_path: Path) -> None:
    """7. Determinism: separate processes with different string hashing (set and dict
    order of strings differ), the same SOURCE_DATE_EPOCH: the same bytes."""
    config = write_corpus(tmp_path)
    sites = [tmp_path / "site-1", tmp_path / "site-2"]
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(_build_with_hash_seed, [config] * 2, sites, ["1", "2"]))
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]
    different = [f for f in files[0] if (sites[0] / f).read_bytes() != (sites[1] / f).read_bytes()]
    assert different == []
    logs = [
        [
            line
            for line in run.stderr.replace(str(site), "").splitlines()
            if " built in " not in line
        ]
        for run, site in zip(runs, sites, strict=True)
    ]
    assert logs[0] == logs[1]  # the same messages in the same order
