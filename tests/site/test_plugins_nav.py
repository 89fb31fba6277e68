"""An explicit navigation wins over ``nav_limit`` (issue 15, item 5): pages that
mkdocs.yml's ``nav``, an awesome-pages ``.pages`` file or a literate-nav ``SUMMARY.md``
names stay in the navigation; the rest past the limit leave it. Every build ``--strict``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.sitebuild import JOURNEY, PERSONA, SPINE, Built, build_site, write_site

NAMES = ("alpha", "bravo", "charlie", "delta")


def pages() -> dict[str, str]:
    found = {"index.md": "# Home\n", "personas/eva-molin.md": PERSONA}
    for name in NAMES:
        found[f"journeys/{name}.md"] = JOURNEY.replace("Pizza night", f"Trip {name}")
    return found


def build(root: Path, extra_pages: dict[str, str], plugins: list[Any], **extra: Any) -> Built:
    config = write_site(root, {**pages(), **extra_pages}, extra=extra)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = ["search", *plugins, {"cjm": {"spine": SPINE, "nav_limit": 2}}]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    assert built.warnings == []
    return built


def in_nav(built: Built) -> list[str]:
    """The journeys the home page's navigation links to (the page itself links to none)."""
    home = built.page("index.html")
    return [name for name in NAMES if f'href="journeys/{name}/"' in home]


def test_without_an_explicit_navigation_nav_limit_applies(tmp_path: Path) -> None:
    built = build(tmp_path, {}, [])
    assert in_nav(built) == []
    assert "cjm: 4 journeys are reached through the catalogue and views" in " ".join(built.infos)


def test_awesome_pages_lists_win(tmp_path: Path) -> None:
    dot_pages = "nav:\n  - alpha.md\n  - Bravo's trip: bravo.md\n  - ...\n"
    built = build(tmp_path, {"journeys/.pages": dot_pages}, ["awesome-pages"])
    # Named one by one: in; the rest (`...`) past nav_limit: out.
    assert in_nav(built) == ["alpha", "bravo"]
    assert "Bravo&#39;s trip" in built.page("index.html") or "Bravo's trip" in built.page(
        "index.html"
    )
    # Still built, and reached through the catalogue.
    assert (built.site / "journeys" / "delta" / "index.html").is_file()


def test_awesome_pages_with_a_rest_in_mkdocs_yml_nav(tmp_path: Path) -> None:
    nav = ["index.md", {"Charlie": "journeys/charlie.md"}, "..."]
    built = build(tmp_path, {}, ["awesome-pages"], nav=nav)
    assert in_nav(built) == ["charlie"]


def test_literate_nav_links_win(tmp_path: Path) -> None:
    summary = "* [Home](index.md)\n* [Alpha](journeys/alpha.md)\n* [Delta](journeys/delta.md)\n"
    built = build(tmp_path, {"SUMMARY.md": summary}, ["literate-nav"])
    assert in_nav(built) == ["alpha", "delta"]


def test_mkdocs_yml_nav_wins(tmp_path: Path) -> None:
    nav = ["index.md", *(f"journeys/{name}.md" for name in NAMES)]
    built = build(tmp_path, {}, [], nav=nav)
    assert in_nav(built) == list(NAMES)
