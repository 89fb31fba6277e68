"""Zensical runs no MkDocs plugin but runs Python-Markdown extensions: with
cjm_markdown, journey fences become maps, and the example handbook builds with a
map on every journey page and persona pages that link their journeys.

Zensical comes with the test extra (`pip install -e '.[test]'`); elsewhere these
tests are skipped (`pip install zensical==0.0.73` beside cjm-site runs them).
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cjm_markdown.hosts import settings_of

from cjm_site.pipeline import Handbook, Source
from tests.sitebuild import FIXED_EPOCH

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="zensical is not installed in this environment (pip install zensical==0.0.73)",
)

PAGE = """\
---
title: Notes
---

# Notes

```journey
title: Pizza night
persona: eva-molin
stages:
  - {name: Hear, emotion: 1}
  - {name: Wait, emotion: -2}
```

```journey
title: Broken
stages:
  - {name: Hear, emotion: 7}
```
"""


def test_zensical_build_draws_fences_with_the_pages_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "eva-molin.md").write_text(
        "---\ntype: persona\nname: Eva Molin\n---\n# Eva Molin\n", encoding="utf-8"
    )
    (docs / "bad.md").write_text(
        "---\ntype: journey\ntitle: Bad\npersona: eva-molen\nstages: [{name: A}]\n---\n# Bad\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Zensical test\nmarkdown_extensions:\n  - cjm_markdown\n", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "index.md:18: stages[0].emotion: 7 is outside -2..2" in run.stdout + run.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    drawn = re.findall(r'<figure class="cjm-map cjm-fence-map"><svg .*?</svg></figure>', page, re.S)
    assert len(drawn) == 1
    assert "Pizza night</title>" in drawn[0] and "Eva Molin" in drawn[0]
    assert "<li>line 18: stages[0].emotion: 7 is outside -2..2</li>" in page
    # A journey page with an error shows it where its map would be, and the log says it.
    assert "bad.md:4: persona: no persona has the id 'eva-molen'" in run.stdout + run.stderr
    bad = (tmp_path / "site" / "bad" / "index.html").read_text(encoding="utf-8")
    assert "cjm-errors" in bad and "eva-molen" in bad and 'class="cjm-journey-map"' not in bad


REPO = Path(__file__).resolve().parents[2]


def zensical_build(root: Path, config: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", config],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
    )


def example_handbook(root: Path) -> Handbook:
    """The example handbook copied, with the repository's mkdocs.yml as Zensical reads
    it: the cjm plugin (which Zensical ignores) gives its settings to the extension."""
    shutil.copytree(REPO / "content", root / "content")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["cjm"] for p in config["plugins"] if isinstance(p, dict) and "cjm" in p)
    options = {"spine": plugin["spine"], "channels": plugin["channels"]}
    config["markdown_extensions"].append({"cjm_markdown": options})
    config["docs_dir"] = "content"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (root / "content" / "catalogue.md").write_text(
        "# Map catalogue\n\n<!-- cjm:catalogue -->\n", encoding="utf-8"
    )
    settings = settings_of(options["spine"], options["channels"])
    docs = root / "content"
    sources = [
        Source(p.relative_to(docs).as_posix(), p.read_bytes) for p in sorted(docs.rglob("*.md"))
    ]
    return Handbook.read(sources, settings)


def test_zensical_builds_the_example_handbook_with_maps_and_persona_links(
    tmp_path: Path,
) -> None:
    handbook = example_handbook(tmp_path)
    assert handbook.site.journeys and handbook.site.personas
    run = zensical_build(tmp_path, "mkdocs.yml")
    assert run.returncode == 0, run.stdout + run.stderr
    site = tmp_path / "site"
    for journey in handbook.site.journeys:
        page = (site / journey.path.removesuffix(".md") / "index.html").read_text("utf-8")
        [figure] = re.findall(r'<figure class="cjm-map".*?</figure>', page, re.S)
        assert 'class="cjm-journey-map"' in figure, journey.path
        for stage in journey.stages:
            assert html.escape(stage.name, quote=False) in figure, (journey.path, stage.name)
        # The page's headings keep their own ids (the block went in before Markdown ran).
        assert re.search(r'<h1 id="[a-z0-9-]{1,80}">', page), journey.path
    for persona in handbook.site.personas:
        page = (site / persona.path.removesuffix(".md") / "index.html").read_text("utf-8")
        assert '<section class="cjm-persona"' in page, persona.path
        listed = page[page.index("cjm-persona-journeys") :]
        for journey in handbook.site.journeys_of(persona.id):
            # Zensical turned our links to Markdown files into the pages' URLs.
            url = "../../" + journey.path.removesuffix(".md") + "/"
            assert f'href="{url}"' in listed, (persona.path, journey.path)
    catalogue = (site / "catalogue" / "index.html").read_text("utf-8")
    for journey in handbook.site.journeys:
        assert html.escape(journey.title, quote=False) in catalogue
