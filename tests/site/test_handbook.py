"""The example handbook, built for real: strict, deterministic, cross-linked."""

from __future__ import annotations

import filecmp
import json
import logging
import re
from pathlib import Path

import pytest
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils import get_relative_url

from tests.sitebuild import FIXED_EPOCH, REPO, Built, _Collect, _env


def build_example(site_dir: Path, *, strict: bool = True) -> Built:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    ok = True
    try:
        with _env({"SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}):
            config = load_config(str(REPO / "mkdocs.yml"), strict=strict, site_dir=str(site_dir))
            try:
                build(config)
            except Abort:
                ok = False
    finally:
        logger.removeHandler(handler)
    warnings = [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING]
    return Built(ok, site_dir, warnings)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_example(tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="module")
def catalogue(example: Built) -> dict:  # type: ignore[type-arg]
    return json.loads(example.page("catalogue.json"))


def test_example_builds_strict_without_warnings(example: Built) -> None:
    assert example.ok
    assert example.warnings == []


def test_example_uses_every_kind_of_map_and_relation(catalogue: dict) -> None:  # type: ignore[type-arg]
    journeys = catalogue["journeys"]
    assert len(catalogue["personas"]) >= 4 and len(journeys) >= 8
    assert {j["kind"] for j in journeys} == {
        "current-state",
        "future-state",
        "day-in-the-life",
        "service-blueprint",
    }
    assert any(len(j["personas"]) > 1 for j in journeys)
    assert any(j["improves"] for j in journeys)
    assert any(j["compare"] for j in journeys)
    assert any(
        s["backstage"] for j in journeys if j["kind"] == "service-blueprint" for s in j["stages"]
    )
    assert any(j["review"] == "overdue" for j in journeys)


def test_every_journey_page_has_its_map_table_and_download(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    for journey in catalogue["journeys"]:
        html = example.page(journey["url"] + "index.html")
        assert html.count('<figure class="cjm-map">') == 1, journey["id"]
        assert 'role="img"' in html
        assert 'class="abstract cjm-table"' in html
        svg_file = example.site / journey["svg"]
        assert svg_file.read_text(encoding="utf-8").startswith("<?xml")
        assert re.search(rf'href="[./]*{re.escape(journey["svg"])}" download', html)
        for stage in journey["stages"]:
            assert (
                stage["name"].replace("'", "&#39;").replace("&", "&amp;") in html
                or stage["name"] in html
            )


def test_persona_pages_list_every_journey_they_appear_in(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    by_id = {j["id"]: j for j in catalogue["journeys"]}
    for persona in catalogue["personas"]:
        html = example.page(persona["url"] + "index.html")
        assert 'class="cjm-persona"' in html
        expected = sorted(j["id"] for j in catalogue["journeys"] if persona["id"] in j["personas"])
        assert sorted(persona["journeys"]) == expected
        listed = html.split('class="cjm-persona-journeys"', 1)[1]
        for journey_id in expected:
            href = get_relative_url(by_id[journey_id]["url"], persona["url"])
            assert f'href="{href}"' in listed


def test_relations_are_linked_from_both_maps(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    by_id = {j["id"]: j for j in catalogue["journeys"]}
    for journey in catalogue["journeys"]:
        html = example.page(journey["url"] + "index.html")
        relations = (
            html.split('class="cjm-relations"', 1)[1].split("</nav>", 1)[0]
            if journey["improves"] or journey["compare"] or journey["improved_by"]
            else ""
        )
        for other in [journey["improves"], *journey["improved_by"], *journey["compare"]]:
            if other:
                href = get_relative_url(by_id[other]["url"], journey["url"])
                assert f'href="{href}"' in relations, (journey["id"], other)


def test_overdue_map_says_so(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    overdue = [j for j in catalogue["journeys"] if j["review"] == "overdue"]
    for journey in overdue:
        html = example.page(journey["url"] + "index.html")
        assert "Due for review" in html and "due for review" in html
    fine = [j for j in catalogue["journeys"] if j["review"] == "ok"]
    for journey in fine:
        assert "Due for review" not in example.page(journey["url"] + "index.html")


def test_catalogue_lists_every_map_with_its_figures(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    html = example.page("catalogue/index.html")
    rows = re.findall(r"<tr data-personas=.*?</tr>", html, re.S)
    assert len(rows) == len(catalogue["journeys"])
    for journey, row in zip(catalogue["journeys"], rows, strict=True):
        assert f'href="../{journey["url"]}"' in row
        cells = re.findall(r'<td class="cjm-num">(\d+)</td>', row)
        summary = journey["summary"]
        assert cells == [
            str(summary["stages"]),
            str(summary["pains"]),
            str(summary["moments_of_truth"]),
        ]
    # Without JavaScript, no dead form.
    assert re.search(r"<form[^>]*\sdata-cjm-filters[^>]*\shidden[\s>]", html)


def test_catalogue_json_shape(catalogue: dict) -> None:  # type: ignore[type-arg]
    assert catalogue["format"] == "cjm-site catalogue" and catalogue["version"] == 1
    assert catalogue["date"] == "2026-11-26"
    journey = catalogue["journeys"][0]
    assert set(journey) >= {
        "id",
        "title",
        "url",
        "svg",
        "personas",
        "kind",
        "owner",
        "evidence",
        "updated",
        "review_by",
        "review",
        "stages",
        "summary",
        "tags",
    }
    assert set(journey["stages"][0]) >= {"name", "phase", "touchpoints", "emotion", "opportunities"}


def test_no_external_assets_in_pages(example: Built) -> None:
    for page in example.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', html):
            pytest.fail(f"{page}: external asset {src}")


def test_building_twice_is_byte_identical(tmp_path: Path, example: Built) -> None:
    again = build_example(tmp_path / "again")
    comparison = filecmp.dircmp(example.site, again.site)

    def differences(cmp: filecmp.dircmp) -> list[str]:  # type: ignore[type-arg]
        found = [*cmp.left_only, *cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found += mismatch + errors
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_stage_text_is_in_the_search_index(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    index = json.loads(example.page("search/search_index.json"))
    journey = next(j for j in catalogue["journeys"] if j["id"] == "pizza-night-today")
    pain = next(p for s in journey["stages"] for p in s["pains"])
    opportunity = next(o["text"] for s in journey["stages"] for o in s["opportunities"])
    hits = [d["location"] for d in index["docs"] if pain in d["text"] and opportunity in d["text"]]
    assert any(h.startswith(journey["url"]) for h in hits), hits


def test_journey_tags_reach_materials_tags_page(example: Built, catalogue: dict) -> None:  # type: ignore[type-arg]
    tags = example.page("tags/index.html")
    journey = next(j for j in catalogue["journeys"] if j["tags"])
    for tag in journey["tags"]:
        assert f">{tag}<" in tags or f'id="tag:{tag}"' in tags, tag
    assert f'href="../{journey["url"]}"' in tags


def test_search_indexes_each_stage_once_and_the_page_keeps_cards_and_table(
    example: Built,
    catalogue: dict,  # type: ignore[type-arg]
) -> None:
    # Search gets each stage's text once; the stage cards and the table (the same
    # text twice more) go into the finished page after it, as the map does.
    index = json.loads(example.page("search/search_index.json"))
    for journey in catalogue["journeys"]:
        docs = [d for d in index["docs"] if d["location"].split("#")[0] == journey["url"]]
        text = " ".join(d["text"] for d in docs)
        html = example.page(journey["url"] + "index.html")
        for stage in journey["stages"]:
            for pain in stage["pains"]:
                assert text.count(pain) == 1, (journey["id"], pain)
                # In the page: in a stage card, in the table, and in the map.
                assert html.count(f"<li>{escape(pain)}</li>") >= 2, (journey["id"], pain)
        assert html.count('<li class="cjm-stack__stage">') == len(journey["stages"])
        table = html[html.index('<details class="abstract cjm-table">') :]
        assert table.count('<tr id="stage-') == len(journey["stages"])
        assert "<!-- cjm:" not in html
        assert "cjm-stack__list" not in text and "<table" not in text
