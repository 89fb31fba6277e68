"""mkdocs-print-site-plugin (issue 15, item 4): the print page holds every map (drawn),
the catalogue and the views with their tables, not only their introductions.
Built ``--strict``."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.sitebuild import JOURNEY, PERSONA, SPINE, Built, build_site, write_site

MAPS = {
    "journeys/pizza.md": JOURNEY.replace(
        "    emotion: -1\n", "    emotion: -1\n    opportunities: [Show allergens online]\n"
    ),
    "journeys/taxi.md": JOURNEY.replace("Pizza night", "Taxi home").replace(
        "    emotion: -1\n", "    emotion: -1\n    opportunities: [Book a ride in the app]\n"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("print-site")
    pages = {"index.md": "# Home\n", "personas/eva-molin.md": PERSONA, **MAPS}
    config = write_site(root, pages)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"] = ["search", {"cjm": {"spine": SPINE}}, "print-site"]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build_site(config, strict=True)
    assert result.ok, result.warnings
    assert result.warnings == []
    return result


def section(html: str, section_id: str) -> str:
    match = re.search(
        rf'<section class="print-page" id="{section_id}"(.*?)(?=<section class="print-page"|$)',
        html,
        re.S,
    )
    assert match is not None, f"no section {section_id} on the print page"
    return match.group(1)


def test_every_map_is_drawn_on_the_print_page(built: Built) -> None:
    html = built.page("print_page/index.html")
    assert html.count('class="cjm-journey-map"') == 2
    for name, title in (("pizza", "Pizza night"), ("taxi", "Taxi home")):
        part = section(html, f"journeys-{name}")
        assert part.count('class="cjm-journey-map"') == 1
        assert title in part
        assert "cjm:svg" not in part and "cjm : svg" not in part
    # The pages themselves still hold their map once.
    assert built.page("journeys/pizza/index.html").count('class="cjm-journey-map"') == 1


def test_the_catalogue_and_views_are_whole(built: Built) -> None:
    html = built.page("print_page/index.html")
    catalogue = section(html, "catalogue")
    assert "Pizza night" in catalogue and "Taxi home" in catalogue
    backlog = section(html, "views-backlog")
    assert "Show allergens online" in backlog and "Book a ride in the app" in backlog
    heatmap = section(html, "views-heatmap")
    assert "Pizza night" in heatmap and "Taxi home" in heatmap
