"""mkdocs-static-i18n (issue 15, item 3): no crash; ``pizza-night.de.md`` is the German
version of the same map (same id), one map per language, linked both ways, with a
catalogue, views and map files per language. Built ``--strict``."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.sitebuild import PERSONA, SPINE, Built, build_site, write_site

ENGLISH = """---
type: journey
title: Pizza night
persona: eva-molin
owner: Restaurant Experience Team
stages:
  - name: Order
    phase: purchase
    emotion: 1
    opportunities: [Show allergens online]
---
# Pizza night
"""

GERMAN = """---
type: journey
title: Pizzaabend
persona: eva-molin
owner: Restaurant Experience Team
stages:
  - name: Bestellen
    phase: purchase
    emotion: -1
    opportunities: [Allergene online zeigen]
---
# Pizzaabend
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("i18n")
    pages = {
        "index.md": "# Home\n",
        "index.de.md": "# Start\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza-night.md": ENGLISH,
        "journeys/pizza-night.de.md": GERMAN,
    }
    config = write_site(root, pages)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    i18n = {
        "docs_structure": "suffix",
        "languages": [
            {"locale": "en", "default": True, "name": "English"},
            {"locale": "de", "name": "Deutsch"},
        ],
    }
    data["plugins"] = ["search", {"i18n": i18n}, {"cjm": {"spine": SPINE}}]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build_site(config, strict=True)
    assert result.ok, result.warnings
    assert result.warnings == []
    return result


def test_one_map_per_language_with_the_same_id(built: Built) -> None:
    english = json.loads(built.page("catalogue.json"))
    german = json.loads(built.page("de/catalogue.json"))
    assert [(j["id"], j["title"], j["url"], j["svg"]) for j in english["journeys"]] == [
        ("pizza-night", "Pizza night", "journeys/pizza-night/", "maps/pizza-night.svg")
    ]
    assert [(j["id"], j["title"], j["url"], j["svg"]) for j in german["journeys"]] == [
        ("pizza-night", "Pizzaabend", "de/journeys/pizza-night/", "de/maps/pizza-night.svg")
    ]
    assert "Pizzaabend" in built.page("de/maps/pizza-night.svg")
    assert "Pizzaabend" not in built.page("maps/pizza-night.svg")
    assert "Bestellen" in built.page("de/journeys/pizza-night/index.html")


def test_the_two_versions_link_to_each_other(built: Built) -> None:
    german = built.page("de/journeys/pizza-night/index.html")
    english = built.page("journeys/pizza-night/index.html")
    assert re.search(r'<a href="\.\./\.\./\.\./journeys/pizza-night/" hreflang="en"', german)
    assert re.search(r'<a href="\.\./\.\./de/journeys/pizza-night/" hreflang="de"', english)
    assert '<html lang="de"' in german


def test_catalogue_and_views_per_language(built: Built) -> None:
    catalogue = built.page("de/catalogue/index.html")
    assert "Pizzaabend" in catalogue and "Pizza night" not in catalogue
    assert 'href="../journeys/pizza-night/"' in catalogue  # the German page, from de/
    backlog = built.page("de/views/backlog/index.html")
    assert "Allergene online zeigen" in backlog and "Show allergens online" not in backlog
    english = built.page("views/backlog/index.html")
    assert "Show allergens online" in english and "Allergene" not in english
    rows = (built.site / "de" / "views" / "backlog.csv").read_text(encoding="utf-8-sig")
    assert "Allergene online zeigen" in rows
    heatmap = built.page("de/views/heatmap/index.html")
    assert "Pizzaabend" in heatmap
