"""Spine heat-map, channels and comparisons, built into real sites and read back."""

from __future__ import annotations

import html
import json
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.sitebuild import (
    CHANNELS,
    FIXED_EPOCH,
    PERSONA,
    REPO,
    Built,
    _Collect,
    _env,
    build_site,
    write_site,
)

TODAY = """---
type: journey
id: pizza-today
title: Pizza night today
persona: eva-molin
owner: Team Pizza
stages:
  - name: Awareness
    phase: awareness
    emotion: 1
    pains: [Few reviews]
    touchpoints:
      - {name: Poster, channel: web, moments: [truth]}
  - name: Research
    phase: awareness
    emotion: -2
    pains: [Slow site, Menu is a PDF]
    touchpoints:
      - {name: Website, channel: web, moments: [pain]}
      - {name: Shop window, channel: store}
  - name: Order
    phase: purchase
    emotion: -1
    touchpoints:
      - {name: Call, channel: carrier pigeon}
  - name: Eat
    emotion: 2
    touchpoints: [Tablet]
---
# Pizza night today
"""

FUTURE = """---
type: journey
id: pizza-future
title: Pizza night tomorrow
persona: eva-molin
kind: future-state
improves: pizza-today
owner: Team Pizza
stages:
  - name: Awareness
    phase: awareness
    emotion: 1.5
    pains: [few reviews]
  - name: RESEARCH
    phase: awareness
    emotion: 1
    pains: [Long wait]
  - name: Eat
    emotion: 2
---
# Pizza night tomorrow
"""

RIVAL = """---
type: journey
id: rival
title: Rival pizza
persona: eva-molin
compare: [pizza-today]
stages:
  - name: Awareness
    phase: service
    emotion: 0
    touchpoints:
      - {name: App, channel: Mobile app, moments: [truth]}
---
# Rival pizza
"""

OWNER = '"><img src=x onerror=alert(1)>'
HOSTILE = f"""---
type: journey
id: hostile
title: Hostile <i>map</i> & 'co'
persona: eva-molin
owner: '{OWNER}'
compare: [rival]
stages:
  - name: <script>alert(1)</script>
    phase: service
    emotion: -1
    pains: ['<img src=x onerror=alert(2)>']
    touchpoints:
      - {{name: Odd, channel: '<b>bold</b>', moments: [pain]}}
---
# Hostile map
"""

PAGES = {
    "p/eva-molin.md": PERSONA,
    "j/today.md": TODAY,
    "j/future.md": FUTURE,
    "j/rival.md": RIVAL,
    "j/hostile.md": HOSTILE,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    config = write_site(tmp_path_factory.mktemp("views-a"), PAGES)
    return build_site(config, strict=True)


@pytest.fixture(scope="module")
def catalogue(built: Built) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(built.page("catalogue.json"))
    return data


def _row(page: str, row_id: str) -> str:
    match = re.search(rf'<tr id="{re.escape(row_id)}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, f"no row {row_id}"
    return match.group(1)


def _cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _article(page: str) -> str:
    match = re.search(r"<article\b.*?</article>", page, re.S)
    assert match, "no article"
    return match.group(0)


def _view_links(page: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="cjm-view-links".*?</nav>', page, re.S)
    assert nav, "no links to the views"
    return [
        (html.unescape(href), _text(text))
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', nav.group(0), re.S)
    ]


# --- the whole build ------------------------------------------------------------


def test_views_build_strict_without_warnings(built: Built) -> None:
    assert built.ok
    assert built.warnings == []


def test_views_are_deterministic(tmp_path: Path) -> None:
    config = write_site(tmp_path, PAGES)
    uris = [
        "views/heatmap/index.html",
        "views/channels/index.html",
        "views/comparisons/index.html",
        "views/compare/pizza-future--pizza-today/index.html",
        "catalogue.json",
    ]
    first = build_site(config, strict=True)
    before = {uri: first.page(uri) for uri in uris}
    again = build_site(config, strict=True)
    assert {uri: again.page(uri) for uri in uris} == before


# --- spine heat-map ---------------------------------------------------------------


def test_heatmap_cell_shows_mean_counts_and_links_to_first_stage(built: Built) -> None:
    page = built.page("views/heatmap/index.html")
    header = re.search(r"<thead>(.*?)</thead>", page, re.S)
    assert header
    assert re.findall(r"<th[^>]*>(.*?)</th>", header.group(1)) == [
        "Map",
        "Awareness",
        "Purchase",
        "Service",
        "No phase",
    ]
    cells = _cells(_row(page, "heat-pizza-today"))
    awareness, purchase, service, no_phase = cells
    # (1 + -2) / 2; 1 listed pain + 2 listed pains + 1 touchpoint marked pain; 1 moment of truth
    assert _text(awareness) == "−0.5 2 stages 4 pains · 1 MoT"
    assert 'href="../../j/today/#stage-1"' in awareness
    assert _text(purchase) == "−1 1 stage"
    assert 'href="../../j/today/#stage-3"' in purchase
    assert _text(service) == "– no stages"
    assert "href" not in service
    assert _text(no_phase) == "+2 1 stage"
    assert 'href="../../j/today/#stage-4"' in no_phase
    # symmetric buckets: −0.5 is already negative, as +0.5 is positive
    assert re.search(
        r'<td class="cjm-heat cjm-heat--n1">\s*<a class="cjm-heat__cell" href="../../j/today/#stage-1"',
        page,
    )
    assert 'class="cjm-heat cjm-heat--p2 cjm-heat--nophase"' in page


def test_heatmap_groups_rows_by_owner_with_no_owner_last(built: Built) -> None:
    page = built.page("views/heatmap/index.html")
    groups = [_text(g) for g in re.findall(r'<th scope="rowgroup"[^>]*>(.*?)</th>', page, re.S)]
    assert groups == [f"{OWNER} · 1 map", "Team Pizza · 2 maps", "No owner · 1 map"]
    order = [
        page.index(f'id="heat-{i}"') for i in ("hostile", "pizza-today", "pizza-future", "rival")
    ]  # by title in a group
    assert order == sorted(order)
    assert (
        '<caption id="heat-caption">Mean emotion of 4 maps at each spine stage, grouped by owner</caption>'
        in page
    )


def test_heatmap_json(catalogue: dict[str, Any]) -> None:
    heat = catalogue["heatmap"]
    assert heat["columns"][-1] == {"id": None, "name": "No phase"}
    rows = {row["id"]: row for row in heat["journeys"]}
    today = rows["pizza-today"]
    assert today["owner"] == "Team Pizza"
    assert today["phases"] == {
        "awareness": {
            "mean": -0.5,
            "stages": 2,
            "pains": 4,
            "moments_of_truth": 1,
            "first_stage": 1,
        },
        "purchase": {
            "mean": -1.0,
            "stages": 1,
            "pains": 0,
            "moments_of_truth": 0,
            "first_stage": 3,
        },
    }
    assert today["no_phase"] == {
        "mean": 2.0,
        "stages": 1,
        "pains": 0,
        "moments_of_truth": 0,
        "first_stage": 4,
    }
    assert rows["rival"]["no_phase"] is None


def test_heatmap_without_spine_explains_and_keeps_no_phase_column(tmp_path: Path) -> None:
    config = write_site(tmp_path, PAGES, plugin={"channels": CHANNELS})
    built = build_site(config, strict=True)
    assert built.ok and built.warnings == []
    page = built.page("views/heatmap/index.html")
    assert "No spine configured yet" in page and "spine:" in page
    header = re.search(r"<thead>(.*?)</thead>", page, re.S)
    assert header
    assert re.findall(r"<th[^>]*>(.*?)</th>", header.group(1)) == ["Map", "No phase"]
    (cell,) = _cells(_row(page, "heat-pizza-today"))
    # all four stages: (1 - 2 - 1 + 2) / 4
    assert _text(cell) == "0 4 stages 4 pains · 1 MoT"
    assert 'href="../../j/today/#stage-1"' in cell


# --- channels -----------------------------------------------------------------


def test_channel_matrix_counts_and_groups(built: Built) -> None:
    page = built.page("views/channels/index.html")
    groups = [_text(g) for g in re.findall(r'<th scope="rowgroup"[^>]*>(.*?)</th>', page, re.S)]
    assert groups == [
        "Online channels",
        "Offline channels",
        "Other channels",
        "Touchpoints without a channel",
    ]
    online, offline, other, none = re.findall(r"<tbody>(.*?)</tbody>", page, re.S)[:4]
    assert "Website" in online and "Mobile app" in online and "Store" not in online
    assert "Store" in offline and "Website" not in offline
    assert "carrier pigeon" in other and "&lt;b&gt;bold&lt;/b&gt;" in other
    assert "No channel given" in none
    # columns: Awareness, Purchase, Service, No phase | All stages, Pains, Moments of truth
    web = [_text(c) for c in _cells(_row(page, "channel-web"))]
    assert web == ["2", "– 0", "– 0", "– 0", "2", "1", "1"]
    mobile = [_text(c) for c in _cells(_row(page, "channel-mobile"))]
    assert mobile == ["– 0", "– 0", "1", "– 0", "1", "0", "1"]  # matched by its name "Mobile app"
    store = [_text(c) for c in _cells(_row(page, "channel-store"))]
    assert store == ["1", "– 0", "– 0", "– 0", "1", "0", "0"]
    pigeon = [_text(c) for c in _cells(_row(page, "channel-carrier-pigeon"))]
    assert pigeon == ["– 0", "1", "– 0", "– 0", "1", "0", "0"]
    nothing = [_text(c) for c in _cells(_row(page, "channel-none"))]
    assert nothing == ["– 0", "– 0", "– 0", "1", "1", "0", "0"]
    footer = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S)
    assert footer
    assert [_text(c) for c in _cells(footer.group(1))] == ["3", "1", "2", "1", "7", "2", "2"]


def test_channel_rows_list_the_maps_that_use_them(built: Built) -> None:
    page = built.page("views/channels/index.html")
    web = _row(page, "channel-web")
    assert "<details" in web and "1 map" in web
    assert (
        '<a href="../../j/today/#stage-1">Pizza night today</a> <small>· 2 touchpoints</small>'
        in web
    )
    per_map = _row(page, "channels-pizza-today")
    assert '<a href="../../j/today/">Pizza night today</a>' in per_map
    assert 'href="#channel-web"' in per_map and 'href="#channel-store"' in per_map


def test_channels_json(catalogue: dict[str, Any]) -> None:
    matrix = catalogue["channels_matrix"]
    rows = {(row["group"], row["id"]): row for row in matrix["channels"]}
    assert [row["id"] for row in matrix["channels"] if row["group"] == "online"] == [
        "web",
        "mobile",
    ]
    web = rows[("online", "web")]
    assert web["counts"] == {"awareness": 2, "purchase": 0, "service": 0}
    assert (web["no_phase"], web["touchpoints"], web["pains"], web["moments_of_truth"]) == (
        0,
        2,
        1,
        1,
    )
    assert web["journeys"] == [{"id": "pizza-today", "touchpoints": 2, "stages": [1, 2]}]
    assert rows[("offline", "store")]["touchpoints"] == 1
    assert rows[("other", "carrier pigeon")]["counts"]["purchase"] == 1
    assert rows[("none", None)]["no_phase"] == 1


# --- comparisons ----------------------------------------------------------------


def test_improves_pair_page_shows_deltas_and_pains(built: Built) -> None:
    page = built.page("views/compare/pizza-future--pizza-today/index.html")
    assert "<h1" in page and "Pizza night today vs Pizza night tomorrow</h1>" in page
    table = re.search(
        r'<table class="cjm-catalogue__table cjm-compare-table">.*?</table>', page, re.S
    )
    assert table
    rows = [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)[1:]]
    assert rows == [
        "Awareness +1 +1.5 ▲ +0.5 better",
        "Research / RESEARCH −2 +1 ▲ +3 better",
        "Eat +2 +2 = no change",
    ]
    assert '<a href="../../../j/today/#stage-2">−2</a>' in table.group(0)
    assert '<a href="../../../j/future/#stage-2">+1</a>' in table.group(0)
    removed = re.search(r'id="pains-A">(.*?)</h3>(.*?)</section>', page, re.S)
    added = re.search(r'id="pains-B">(.*?)</h3>(.*?)</section>', page, re.S)
    assert removed and added
    assert _text(removed.group(1)) == "A Removed by the future map (2)"
    assert re.findall(r"<li>([^<]*?) <small>", removed.group(2)) == ["Slow site", "Menu is a PDF"]
    assert _text(added.group(1)) == "B New in the future map (1)"
    assert re.findall(r"<li>([^<]*?) <small>", added.group(2)) == ["Long wait"]
    assert "1 pain is in both maps" in page
    only_a = re.search(r'id="only-A">(.*?)</section>', page, re.S)
    assert only_a and '<a href="../../../j/today/#stage-3">Order</a>' in only_a.group(1)
    assert '<a href="../../../j/today/">Pizza night today</a>' in page
    assert '<a href="../../../j/future/">Pizza night tomorrow</a>' in page


def test_comparison_chart_draws_two_distinct_curves(built: Built) -> None:
    page = built.page("views/compare/pizza-future--pizza-today/index.html")
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    charts = [s for s in svgs if "cjm-compare-chart" in s]
    assert len(charts) == 1
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(charts[0])
    assert root.get("role") == "img"
    title = root.find("s:title", ns)
    desc = root.find("s:desc", ns)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert title.get("id", "").startswith("cjm-cmp-")
    assert "Pizza night today (A) and Pizza night tomorrow (B)" in (title.text or "")
    assert "Awareness +1; Research −2; Order −1; Eat +2" in (desc.text or "")
    curves = {
        p.get("class"): p.get("style", "")
        for p in root.iter("{http://www.w3.org/2000/svg}path")
        if "curve" in (p.get("class") or "")
    }
    assert set(curves) == {
        "cjm-compare-chart__curve cjm-compare-chart__curve--A",
        "cjm-compare-chart__curve cjm-compare-chart__curve--B",
    }
    style_a = curves["cjm-compare-chart__curve cjm-compare-chart__curve--A"]
    style_b = curves["cjm-compare-chart__curve cjm-compare-chart__curve--B"]
    assert "dasharray" not in style_a and "stroke-dasharray:7 5" in style_b
    assert "--cjm-compare-a" in style_a and "--cjm-compare-b" in style_b
    marks_a = root.find(".//s:g[@class='cjm-compare-chart__marks--A']", ns)
    marks_b = root.find(".//s:g[@class='cjm-compare-chart__marks--B']", ns)
    assert marks_a is not None and marks_b is not None
    assert [m.tag.split("}")[1] for m in marks_a] == ["circle"] * 4
    assert [m.tag.split("}")[1] for m in marks_b] == ["rect"] * 3
    # Same-named stages share a column: Awareness, Research, Eat of A sit above those of B.
    xs_a = [float(m.get("cx", "0")) for m in marks_a]
    xs_b = [float(m.get("x", "0")) + float(m.get("width", "0")) / 2 for m in marks_b]
    assert [xs_a[0], xs_a[1], xs_a[3]] == xs_b
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_compare_pair_is_listed_once_with_sorted_file_name(
    built: Built, catalogue: dict[str, Any]
) -> None:
    pairs = [(c["a"], c["b"], c["relation"], c["path"]) for c in catalogue["comparisons"]]
    assert sorted(pairs) == [
        ("hostile", "rival", "compare", "views/compare/hostile--rival.md"),
        ("pizza-today", "pizza-future", "improves", "views/compare/pizza-future--pizza-today.md"),
        ("pizza-today", "rival", "compare", "views/compare/pizza-today--rival.md"),
    ]
    improves = next(c for c in catalogue["comparisons"] if c["relation"] == "improves")
    assert improves["deltas"] == [
        {"stage": "Awareness", "a_stage": 1, "b_stage": 1, "a": 1.0, "b": 1.5, "delta": 0.5},
        {"stage": "Research", "a_stage": 2, "b_stage": 2, "a": -2.0, "b": 1.0, "delta": 3.0},
        {"stage": "Eat", "a_stage": 4, "b_stage": 3, "a": 2.0, "b": 2.0, "delta": 0.0},
    ]
    assert improves["pains_removed"] == ["Slow site", "Menu is a PDF"]
    assert improves["pains_added"] == ["Long wait"]
    assert improves["pains_shared"] == ["Few reviews"]
    assert improves["stages_only_a"] == ["Order"] and improves["stages_only_b"] == []
    index = built.page("views/comparisons/index.html")
    for _, _, _, path in pairs:
        assert f'href="../{path.removeprefix("views/").removesuffix(".md")}/"' in index
    assert (built.site / "views/compare/pizza-today--rival/index.html").exists()


def test_journey_pages_link_back_to_every_view(built: Built) -> None:
    today = _view_links(built.page("j/today/index.html"))
    assert ("../../views/heatmap/#heat-pizza-today", "Spine heat-map") in today
    assert ("../../views/channels/#channels-pizza-today", "Channels") in today
    assert (
        "../../views/compare/pizza-future--pizza-today/",
        "Compare with Pizza night tomorrow",
    ) in today
    assert ("../../views/compare/pizza-today--rival/", "Compare with Rival pizza") in today
    future = _view_links(built.page("j/future/index.html"))
    assert (
        "../../views/compare/pizza-future--pizza-today/",
        "Compare with Pizza night today",
    ) in future
    assert not any(text == "Channels" for _, text in future)  # no touchpoints, no channel row
    rival = _view_links(built.page("j/rival/index.html"))
    assert ("../../views/compare/pizza-today--rival/", "Compare with Pizza night today") in rival
    assert (
        "../../views/compare/hostile--rival/",
        "Compare with Hostile <i>map</i> & 'co'",
    ) in rival


def test_catalogue_has_the_three_keys(catalogue: dict[str, Any]) -> None:
    assert {"heatmap", "channels_matrix", "comparisons"} <= catalogue.keys()


# --- hostile text -----------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere(built: Built) -> None:
    uris = [
        "views/heatmap/index.html",
        "views/channels/index.html",
        "views/comparisons/index.html",
        "views/compare/hostile--rival/index.html",
        "j/hostile/index.html",
    ]
    for uri in uris:
        # The article: the nav and <title> are MkDocs' and Material's (see the report).
        page = _article(built.page(uri))
        assert "<script>alert(1)" not in page, uri
        assert "<img src=x onerror" not in page, uri
        assert "<b>bold</b>" not in page, uri
        assert "<i>map</i>" not in page, uri
    heat = built.page("views/heatmap/index.html")
    assert "Hostile &lt;i&gt;map&lt;/i&gt; &amp; &#39;co&#39;</a>" in heat
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in heat
    pair = built.page("views/compare/hostile--rival/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pair
    assert "&lt;img src=x onerror=alert(2)&gt;" in pair
    chart = re.search(r'<svg\b[^>]*class="cjm-compare-chart".*?</svg>', pair, re.S)
    assert chart
    root = ET.fromstring(chart.group(0))  # well-formed: every text was escaped
    texts = "".join(root.itertext())
    assert "<script>alert(1)</script>" in texts
    channels = built.page("views/channels/index.html")
    assert "&lt;b&gt;bold&lt;/b&gt;" in channels
    assert 'id="channel-b-bold-b"' in channels


# --- the example handbook ---------------------------------------------------------


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("handbook") / "site"
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with _env({"SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}):
            config = load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
            build(config)
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING] == []
    return site_dir


def test_example_handbook_has_the_views(handbook: Path) -> None:
    heat = (handbook / "views/heatmap/index.html").read_text("utf-8")
    assert heat.count('<th scope="rowgroup"') >= 5
    assert ">Onboarding</th>" in heat and ">No phase</th>" in heat
    channels = (handbook / "views/channels/index.html").read_text("utf-8")
    assert 'id="channel-web"' in channels and 'id="channel-in-person"' in channels
    index = (handbook / "views/comparisons/index.html").read_text("utf-8")
    assert index.count('<tr id="pair-') == 3
    for name in (
        "bank-account-in-app--bank-account-in-branch",
        "pizza-night-future--pizza-night-today",
        "pizza-night-rival--pizza-night-today",
    ):
        page = (handbook / f"views/compare/{name}/index.html").read_text("utf-8")
        assert page.count('class="cjm-compare-chart"') == 1
    catalogue = json.loads((handbook / "catalogue.json").read_text("utf-8"))
    assert len(catalogue["heatmap"]["journeys"]) == len(catalogue["journeys"])
    assert {c["relation"] for c in catalogue["comparisons"]} == {"compare", "improves"}
