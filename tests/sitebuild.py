"""Build real MkDocs sites (Material theme) in temp folders and capture what they log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parent.parent
FIXED_EPOCH = "1795651200"  # 2026-11-26, so review notices do not depend on the day
FIXED_DATE = "2026-11-26"

SPINE = [
    {"id": "awareness", "name": "Awareness"},
    {"id": "purchase", "name": "Purchase"},
    {"id": "service", "name": "Service"},
]
CHANNELS = {
    "web": {"name": "Website", "online": True},
    "mobile": {"name": "Mobile app", "online": True},
    "store": {"name": "Store", "online": False},
}


@dataclass
class Built:
    ok: bool
    site: Path
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)

    def page(self, uri: str) -> str:
        return (self.site / uri).read_text(encoding="utf-8")

    @property
    def cjm_warnings(self) -> list[str]:
        return [w.removeprefix("cjm: ") for w in self.warnings if w.startswith("cjm: ")]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _env(values: Mapping[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def write_site(
    root: Path,
    pages: Mapping[str, str | bytes],
    *,
    plugin: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write mkdocs.yml and docs/ into ``root``; returns the config file."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, content in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    plugin_config = {"spine": SPINE, "channels": CHANNELS} if plugin is None else dict(plugin)
    config = {
        "site_name": "Test handbook",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"cjm": plugin_config}],
        **(extra or {}),
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_site(config_file: Path, *, strict: bool = False, epoch: str = FIXED_EPOCH) -> Built:
    """Build in-process, as `mkdocs build [--strict]` would."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    ok = True
    try:
        with _env({"SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}):
            config = load_config(str(config_file), strict=strict)
            try:
                build(config)
            except Abort:
                ok = False
            site = Path(config.site_dir)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    warnings = [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING]
    infos = [r.getMessage() for r in handler.records if r.levelno == logging.INFO]
    return Built(ok, site, warnings, infos)


def run_mkdocs(
    config_file: Path, *args: str, epoch: str = FIXED_EPOCH
) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command line (for exit codes and printed output)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


PERSONA = """---
type: persona
name: Eva Molin
role: Journalist
---
# Eva Molin

Backstory.
"""

JOURNEY = """---
type: journey
title: Pizza night
persona: eva-molin
stages:
  - name: Awareness
    emotion: 1
  - name: Order
    emotion: -1
---
# Pizza night

Story.
"""
