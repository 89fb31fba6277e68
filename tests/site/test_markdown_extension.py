"""A plain MkDocs + Material site, without the cjm plugin, draws maps from journey fences."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.sitebuild import build_site

PAGE = """\
---
title: Release notes
---

# Release notes

What changed for guests this autumn:

```journey
title: Pizza night
persona: Eva Molin
stages:
  - name: Hear about it
    emotion: 1
  - name: Wait for a table
    emotion: -2
```

And the same trip as the team drew it in Mermaid:

```mermaid
journey
    title Pizza night in Mermaid
    section Evening
      Order: 4: Eva
```

```mermaid
graph TD
  a --> b
```
"""


def write(root: Path, pages: dict[str, str], extensions: list[Any]) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Plain site",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": extensions,
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def maps(html: str) -> list[str]:
    return re.findall(r'<figure class="cjm-map cjm-fence-map"><svg .*?</svg></figure>', html, re.S)


def test_plain_mkdocs_material_site_draws_fences(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        {"index.md": "# Home\n", "notes.md": PAGE},
        ["pymdownx.superfences", {"cjm_markdown": {"mermaid": True}}],
    )
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    assert built.warnings == []
    page = built.page("notes/index.html")
    drawn = maps(page)
    assert len(drawn) == 2
    assert "Pizza night</title>" in drawn[0] and "Eva Molin" in drawn[0]
    assert "Pizza night in Mermaid</title>" in drawn[1]
    assert "<code>graph TD\n  a --&gt; b\n</code>" in page  # other Mermaid diagrams as before


def test_personas_by_id_from_the_sites_own_pages(tmp_path: Path) -> None:
    persona = "---\ntype: persona\nname: Tom Berg\n---\n# Tom Berg\n"
    fence = (
        "# Map\n\n```journey\ntitle: T\npersona: tom-berg\nstages: [{name: A, emotion: 1}]\n```\n"
    )
    config = write(
        tmp_path,
        {"index.md": fence, "tom-berg.md": persona},
        [{"cjm_markdown": {}}],
    )
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    [drawn] = maps(built.page("index.html"))
    assert "Tom Berg" in drawn and "tom-berg" not in drawn


def test_errors_fail_strict_builds_with_the_files_lines(tmp_path: Path) -> None:
    broken = PAGE.replace("emotion: -2", "emotion: -7")
    config = write(tmp_path, {"index.md": "# Home\n", "notes.md": broken}, ["cjm_markdown"])
    built = build_site(config, strict=True)
    assert not built.ok
    assert "notes.md:16: stages[1].emotion: -7 is outside -2..2" in built.warnings
    lenient = build_site(config)
    assert lenient.ok
    assert "<li>line 16: stages[1].emotion: -7 is outside -2..2</li>" in lenient.page(
        "notes/index.html"
    )


def test_as_a_superfences_custom_fence_the_way_material_users_configure_fences(
    tmp_path: Path,
) -> None:
    (tmp_path / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Superfences\n"
        "theme: {name: material, font: false}\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: journey\n"
        "          class: journey\n"
        "          format: !!python/name:cjm_markdown.fence_format\n"
        "          validator: !!python/name:cjm_markdown.fence_validator\n"
        "        - name: mermaid\n"
        "          class: mermaid\n"
        "          format: !!python/name:cjm_markdown.mermaid_format\n",
        encoding="utf-8",
    )
    built = build_site(tmp_path / "mkdocs.yml", strict=True)
    assert built.ok, built.warnings
    page = built.page("index.html")
    assert len(maps(page)) == 2
    assert '<pre class="mermaid"><code>graph TD' in page
