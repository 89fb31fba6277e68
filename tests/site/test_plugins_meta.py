"""Front matter for everyone (issue 15, item 2): other plugins, hooks and templates see
every key of a map page in ``page.meta``, with YAML's types, checked and escaped.

mkdocs-macros-plugin renders ``{{ page.meta.owner }}`` and respects ``render_macros:
false``; a local hook records ``page.meta`` as MkDocs hands it on; a second ``cjm``
entry builds without a warning. Every build here is ``--strict``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import yaml

from tests.sitebuild import PERSONA, build_site, write_site

MAP = """---
type: journey
title: Pizza night
persona: eva-molin
owner: Restaurant Experience Team
updated: 2026-10-01
tags: [restaurants, evening]
squad: Crust & Co
budget: 1200
launch: 2027-03-01
{extra}stages:
  - name: Awareness
    emotion: 1
    opportunities:
      - text: Ask guests for a review
        due: 2027-01-31
  - name: Order
    emotion: -1
---
# Pizza night

{body}
"""

MACROS_BODY = (
    "Owned by {{ page.meta.owner }}; squad {{ page.meta.squad }}; "
    "updated in {{ page.meta.updated.year }}; "
    "{{ page.meta.tags | length }} tags; budget {{ page.meta.budget + 1 }}."
)


def macros_site(root: Path) -> Path:
    hostile = MAP.format(extra="", body=MACROS_BODY).replace(
        "owner: Restaurant Experience Team", "owner: '<script>alert(1)</script>'"
    )
    pages = {
        "index.md": "# Home\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza.md": MAP.format(extra="", body=MACROS_BODY),
        "journeys/raw.md": MAP.format(extra="render_macros: false\n", body=MACROS_BODY).replace(
            "title: Pizza night", "title: Raw night"
        ),
        "journeys/hostile.md": hostile.replace("title: Pizza night", "title: Hostile night"),
    }
    config = write_site(root, pages)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = ["search", "macros", *data["plugins"][1:]]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return config


def prose(html: str) -> str:
    """The author's paragraph under the map (the one holding 'Owned by')."""
    match = re.search(r"<p>Owned by.*?</p>", html, re.S)
    assert match is not None, "the author's paragraph is missing"
    return match.group(0)


def test_macros_sees_every_key_with_its_type(tmp_path: Path) -> None:
    built = build_site(macros_site(tmp_path), strict=True)
    assert built.ok, built.warnings
    assert built.warnings == []
    html = built.page("journeys/pizza/index.html")
    assert prose(html) == (
        "<p>Owned by Restaurant Experience Team; squad Crust &amp; Co; "
        "updated in 2026; 2 tags; budget 1201.</p>"
    )
    assert "no such element" not in html
    # The map is still drawn (macros changed the Markdown, not our block).
    assert "<svg" in html and "cjm-map" in html


def test_macros_respects_render_macros_false(tmp_path: Path) -> None:
    built = build_site(macros_site(tmp_path), strict=True)
    assert built.ok, built.warnings
    assert prose(built.page("journeys/raw/index.html")) == f"<p>{MACROS_BODY}</p>"


def test_macros_prints_front_matter_escaped(tmp_path: Path) -> None:
    built = build_site(macros_site(tmp_path), strict=True)
    html = built.page("journeys/hostile/index.html")
    assert "<script>alert(1)</script>" not in html
    assert prose(html).startswith("<p>Owned by &lt;script&gt;alert(1)&lt;/script&gt;;")


HOOK = """
import json
from pathlib import Path


def _record(event, page, config):
    if not page.file.src_uri.startswith("journeys/"):
        return
    out = Path(config.config_file_path).parent / "meta.jsonl"
    meta = page.meta
    record = {
        "event": event,
        "page": page.file.src_uri,
        "keys": sorted(meta),
        "types": {key: type(value).__name__ for key, value in meta.items()},
        "meta": json.loads(json.dumps(meta, default=str)),
        "due_type": type(meta["stages"][0]["opportunities"][0]["due"]).__name__,
    }
    with out.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\\n")


def on_page_markdown(markdown, page, config, files):
    _record("markdown", page, config)


def on_page_content(html, page, config, files):
    _record("content", page, config)


def on_page_context(context, page, config, nav):
    _record("context", page, config)


def on_post_page(output, page, config):
    _record("post_page", page, config)
"""


def test_a_local_hook_sees_the_whole_front_matter(tmp_path: Path) -> None:
    """In every page event. (Between converting a map page and rendering it, the
    plugin packs the format's keys away: see CjmPlugin._pack_meta.)"""
    pages = {
        "index.md": "# Home\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza.md": MAP.format(extra="", body="Story."),
    }
    config = write_site(tmp_path, pages, extra={"hooks": ["hook.py"]})
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    records = [json.loads(line) for line in (tmp_path / "meta.jsonl").read_text().splitlines()]
    assert [r["event"] for r in records] == ["markdown", "content", "context", "post_page"]
    for record in records:
        front = yaml.safe_load(MAP.format(extra="", body="").split("---\n")[1])
        # Every key the author wrote; `type` as the page is; `hide: [toc]` for the map's width.
        assert record["keys"] == sorted({*front, "hide"})
        assert record["types"] == {
            "type": "str",
            "title": "str",
            "persona": "str",
            "owner": "str",
            "updated": "date",
            "tags": "list",
            "squad": "str",
            "budget": "int",
            "launch": "date",
            "stages": "list",
            "hide": "list",
        }
        assert record["due_type"] == "date"
        meta = record["meta"]
        assert meta["squad"] == "Crust &amp; Co"  # escaped once: templates print it as HTML
        assert meta["tags"] == ["restaurants", "evening"]
        assert meta["launch"] == str(dt.date(2027, 3, 1))
        assert meta["stages"][1] == {"name": "Order", "emotion": -1}


def test_a_second_cjm_entry_builds_without_a_warning(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza.md": MAP.format(extra="", body="Story."),
    }
    once = build_site(write_site(tmp_path / "once", pages), strict=True)
    assert once.ok, once.warnings
    config = write_site(tmp_path / "twice", pages)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    plugins = data["plugins"]
    data["plugins"] = [*plugins, copy.deepcopy(plugins[-1])]  # the same entry twice
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    twice = build_site(config, strict=True)
    assert twice.ok, twice.warnings
    assert twice.warnings == []
    # One handbook, as with one entry: the map once, the same catalogue and views.
    html = twice.page("journeys/pizza/index.html")
    assert html.count('class="cjm-journey-map"') == 1
    for page in ("journeys/pizza/index.html", "catalogue/index.html", "catalogue.json"):
        assert twice.page(page) == once.page(page), page

    # Different settings on the second entry would be lost: that is worth a warning.
    data["plugins"] = [*plugins, {"cjm": {"nav_limit": 3}}]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    built = build_site(config, strict=True)
    assert not built.ok
    assert built.cjm_warnings == [
        "the plugin is listed more than once with different settings; the first 'cjm' "
        "entry builds the handbook and the settings of the others are not used: keep one entry"
    ]
