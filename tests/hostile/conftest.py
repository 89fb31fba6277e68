"""The hostile corpus, built once per session: plain, and --strict into another folder.

The corpus site lives in a temp folder; next to its ``docs/`` sit files that
nothing may read or copy (:data:`tests.hostile.corpus.OUTSIDE`), and inside it
symbolic links that lead to them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.hostile.corpus import CASES, OUTSIDE, SYMLINKS
from tests.sitebuild import JOURNEY, PERSONA, Built, build_site, write_site

GOOD = {
    "index.md": "# Home\n\nA plain Material page: the baseline.\n",
    "personas/eva-molin.md": PERSONA,
    "journeys/pizza.md": JOURNEY,
}
"""Valid pages that must stay unharmed by their hostile neighbours."""


@dataclass(frozen=True)
class CorpusSite:
    root: Path
    docs: Path
    plain: Built
    strict: Built
    """Built from the same docs into another folder: also the second build for determinism."""
    before: dict[str, tuple[bytes, int]]
    """Every docs file's bytes and mtime before any build."""


def snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file under ``docs`` (links not followed)."""
    out = {}
    for path in sorted(docs.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        out[path.relative_to(docs).as_posix()] = (path.read_bytes(), path.stat().st_mtime_ns)
    return out


def write_corpus(root: Path) -> Path:
    files: dict[str, str | bytes] = dict(GOOD)
    for case in [*CASES, *SYMLINKS]:
        assert not files.keys() & case.files.keys(), case.name
        files.update(case.files)
    config = write_site(root, files)
    for relative, content in OUTSIDE.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(content)
    for case in SYMLINKS:
        for link, target in case.symlinks.items():
            path = root / "docs" / link
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(root / target, path)
    return config


def with_site_dir(config: Path, name: str, site_dir: str) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_dir"] = site_dir
    other = config.with_name(name)
    other.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return other


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> CorpusSite:
    root = tmp_path_factory.mktemp("hostile")
    config = write_corpus(root)
    docs = root / "docs"
    before = snapshot(docs)
    plain = build_site(config)
    strict = build_site(with_site_dir(config, "strict.yml", "site-strict"), strict=True)
    return CorpusSite(root, docs, plain, strict, before)
