"""Ordinary pages reach MkDocs and other plugins exactly as without cjm-site (issue 11,
item 11): a hook records what every page's ``page.meta`` and Markdown are, on a plain
and a ``--strict`` build, next to a build of the same pages without the plugin."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.sitebuild import JOURNEY, PERSONA, build_site, write_site

HOOK = """
import json
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    out = Path(config.config_file_path).parent / "seen.jsonl"
    meta = page.meta
    record = {
        "page": page.file.src_uri,
        "markdown": markdown,
        "date": type(meta.get("date")).__name__,
        "shared": meta.get("used") is not None and meta.get("used") is meta.get("base"),
        "keys": sorted(meta),
    }
    with out.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\\n")
"""

PAGES = {
    "index.md": "# Home\n",
    "notes/dated.md": "---\ntitle: Dated\ndate: 2024-01-02\n---\n# Dated\n",
    "notes/anchors.md": "---\ntitle: Anchors\nbase: &b {a: 1}\nused: *b\n---\n# Anchors\n",
    "notes/big.md": "---\ntitle: Big\nnotes: " + "x" * 300_000 + "\n---\n# Big\n",
    "notes/repeated.md": "---\ntitle: One\ntitle: Two\n---\n# Repeated\n",
    "journeys/pizza.md": JOURNEY,
    "personas/eva-molin.md": PERSONA,
}


def seen(root: Path, *, plugin: bool, strict: bool) -> tuple[bool, list[str], dict[str, dict]]:
    config = write_site(root, PAGES, extra={"hooks": ["hook.py"]})
    (root / "hook.py").write_text(HOOK, encoding="utf-8")
    if not plugin:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["plugins"] = ["search"]
        config.write_text(yaml.safe_dump(data), encoding="utf-8")
    built = build_site(config, strict=strict)
    records = [json.loads(line) for line in (root / "seen.jsonl").read_text().splitlines()]
    pages = {r["page"]: r for r in records if r["page"].startswith("notes/")}
    errors = [p for p in pages if "cjm-errors" in built.page(p.removesuffix(".md") + "/index.html")]
    return built.ok, [*built.cjm_warnings, *errors], pages


def test_ordinary_pages_are_what_mkdocs_reads(tmp_path: Path) -> None:
    ok, _, without = seen(tmp_path / "without", plugin=False, strict=True)
    assert ok
    for strict in (False, True):
        ok, problems, with_cjm = seen(tmp_path / f"with-{strict}", plugin=True, strict=strict)
        assert problems == []
        assert with_cjm == without
        assert with_cjm["notes/dated.md"]["date"] == "date"
        assert with_cjm["notes/anchors.md"]["shared"] is True
        assert with_cjm["notes/big.md"]["keys"] == ["notes", "title"]
        assert ok
