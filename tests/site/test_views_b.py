"""The opportunity backlog and the owners views, on small real sites."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import html as htmllib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cjm_site.model import Opportunity
from cjm_site.views.backlog import csv_cell, due_state, owner_key, slugify
from tests.sitebuild import PERSONA, Built, build_site, write_site

HOSTILE_OWNER = '"><img src=x onerror=alert(1)>'

ALPHA = """---
type: journey
title: Alpha trip
persona: eva-molin
owner: Kitchen
stages:
  - name: Look
    pains: [Menu is hard to read]
    opportunities:
      - text: Bigger menu font
        owner: Kitchen
        due: 2026-11-01
        status: planned
      - text: '=HYPERLINK("http://evil.example","x")'
        owner: "  kitchen "
        due: 2026-10-01
        status: done
  - name: Book
    pains: [Slow widget]
    touchpoints:
      - name: Booking widget
        owner: Digital
        moments: [pain]
      - name: Confirmation email
        owner: Digital
  - name: Eat
    opportunities:
      - text: "<script>alert(1)</script>"
        owner: '"><img src=x onerror=alert(1)>'
        due: 2026-11-26
        status: idea
---
# Alpha trip
"""

BETA = """---
type: journey
title: Beta trip
persona: eva-molin
owner: Digital
stages:
  - name: Start
    touchpoints:
      - name: App
        owner: Kitchen
    opportunities:
      - "+1 call back"
      - text: "@SUM(A1)"
        owner: Digital
        due: 2027-01-31
        status: in-progress
---
# Beta trip
"""

GAMMA = """---
type: journey
title: Gamma trip
persona: eva-molin
stages:
  - name: Only
    emotion: 1
---
# Gamma trip
"""

PAGES = {"p/eva-molin.md": PERSONA, "j/alpha.md": ALPHA, "j/beta.md": BETA, "j/gamma.md": GAMMA}


def epoch(day: dt.date) -> str:
    return str(calendar.timegm(day.timetuple()))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    config = write_site(tmp_path_factory.mktemp("views-b"), PAGES)
    result = build_site(config, strict=True)
    assert result.ok and result.warnings == [], result.warnings
    return result


def row(html: str, element_id: str) -> str:
    """The inside of the table row with this id."""
    match = re.search(rf'<tr id="{re.escape(element_id)}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row {element_id}"
    return match.group(1)


def section(html: str, labelled_by: str) -> str:
    match = re.search(rf'<section [^>]*aria-labelledby="{labelled_by}">(.*?)</section>', html, re.S)
    assert match, f"no section {labelled_by}"
    return match.group(1)


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def cells(html: str) -> list[str]:
    """Cell texts of a row, tags removed."""
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)
    return [htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", c).split())) for c in found]


def catalogue(built: Built) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(built.page("catalogue.json"))
    return data


# -- the backlog ---------------------------------------------------------------------


def test_backlog_rows_name_map_stage_owner_status_and_due(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    first = row(html, "opp-alpha-1")
    assert cells(first) == [
        "Bigger menu font",
        "Alpha trip",
        "Look",
        "Kitchen",
        "Planned",
        "2026-11-01 25 days overdue",
    ]
    assert 'href="../../j/alpha/"' in first
    assert 'href="../../j/alpha/#stage-1"' in first
    assert 'href="../owners/kitchen/"' in first
    assert 'data-owner="kitchen"' in html and 'data-status="planned"' in html
    # Stage numbers follow the map, not the opportunity count.
    assert 'href="../../j/alpha/#stage-3"' in row(html, "opp-alpha-3")
    assert cells(row(html, "opp-beta-1"))[3:5] == ["No owner", "No status"]
    assert cells(row(html, "opp-beta-2"))[3:] == ["Digital", "In progress", "2027-01-31"]
    # Map order (by title), then stage order: every opportunity once.
    ids = re.findall(r'<tr id="(opp-[^"]+)"', html)
    assert ids == ["opp-alpha-1", "opp-alpha-2", "opp-alpha-3", "opp-beta-1", "opp-beta-2"]


def test_overdue_is_due_before_the_build_date_and_not_done(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    assert "25 days overdue" in row(html, "opp-alpha-1")  # planned, due 2026-11-01
    assert "overdue" not in row(html, "opp-alpha-2")  # done, due earlier still
    due_today = row(html, "opp-alpha-3")
    assert "overdue" not in due_today and "today" in due_today  # due on the build date
    assert 'class="cjm-is-overdue"' in html and html.count('<tr id="opp-') == 5
    [tile] = re.findall(r'cjm-stats__item--overdue.*?cjm-stats__value">(\d+)<', html, re.S)
    assert tile == "1"


def test_overdue_moves_with_source_date_epoch(tmp_path: Path) -> None:
    config = write_site(tmp_path, PAGES)
    before = build_site(config, epoch=epoch(dt.date(2026, 10, 15)))
    html = before.page("views/backlog/index.html")
    assert "overdue" not in row(html, "opp-alpha-1")
    assert "in 17 days" in row(html, "opp-alpha-1")
    later = build_site(config, epoch=epoch(dt.date(2027, 2, 1)))
    html = later.page("views/backlog/index.html")
    assert "1 day overdue" in row(html, "opp-beta-2")
    backlog = catalogue(later)["backlog"]["opportunities"]
    assert [o["id"] for o in backlog if o["overdue"]] == [
        "opp-alpha-1",
        "opp-alpha-3",
        "opp-beta-2",
    ]


def test_backlog_groups_by_status_and_by_owner(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    assert "Bigger menu font" in section(html, "status-planned")
    assert "HYPERLINK" in section(html, "status-done")
    assert "@SUM(A1)" in section(html, "status-in-progress")
    assert "+1 call back" in section(html, "status-none")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section(html, "status-idea")
    kitchen = section(html, "owner-kitchen")
    assert "Bigger menu font" in kitchen and "HYPERLINK" in kitchen
    assert "2 opportunities · 1 open" in kitchen and "1 overdue" in kitchen
    assert 'href="../owners/kitchen/"' in kitchen
    assert "@SUM(A1)" in section(html, "owner-digital")
    assert "+1 call back" in section(html, "owner-_none")
    # Owners in name order, the unowned last; statuses in working order.
    owners = re.findall(r'aria-labelledby="owner-([^"]+)"', html)
    assert owners == ["img-src-x-onerror-alert-1", "digital", "kitchen", "_none"]
    statuses = re.findall(r'aria-labelledby="status-([^"]+)"', html)
    assert statuses == ["none", "idea", "planned", "in-progress", "done"]


def test_unaddressed_pains_are_pains_of_stages_without_opportunities(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    pains = html[html.index('<h2 id="unaddressed">') :]
    assert cells(row(pains, "pain-alpha-1"))[-2:] == ["Book", "Slow widget"]
    assert 'href="../../j/alpha/#stage-2"' in row(pains, "pain-alpha-1")
    touchpoint = cells(row(pains, "pain-alpha-2"))
    assert touchpoint[-1] == "Booking widget Touchpoint marked as a pain · Digital"
    assert "Confirmation email" not in pains  # not marked as a pain
    assert "Menu is hard to read" not in pains  # its stage has opportunities
    document = catalogue(built)["backlog"]["unaddressed_pains"]
    assert [(p["id"], p["stage"], p["text"], p["source"], p["owner"]) for p in document] == [
        ("pain-alpha-1", 2, "Slow widget", "pain", None),
        ("pain-alpha-2", 2, "Booking widget", "touchpoint", "Digital"),
    ]


def test_filter_form_lists_owners_statuses_maps(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    form = between(html, '<form class="cjm-filters"', "</form>")
    assert "data-cjm-filters" in form and " hidden " in form
    owner = between(form, 'name="owner"', "</select>")
    assert re.findall(r'value="([^"]*)"', owner) == [
        "",
        "img-src-x-onerror-alert-1",
        "digital",
        "kitchen",
        "_none",
    ]
    status = between(form, 'name="status"', "</select>")
    assert re.findall(r'value="([^"]*)"', status) == [
        "",
        "none",
        "idea",
        "planned",
        "in-progress",
        "done",
    ]
    maps = between(form, 'name="map"', "</select>")
    assert re.findall(r'value="([^"]*)"', maps) == ["", "alpha", "beta"]  # Gamma has none
    assert 'name="q"' in form
    assert 'data-search="bigger menu font alpha trip look kitchen planned"' in html


def test_backlog_csv(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    assert 'href="../backlog.csv" download' in html
    raw = (built.site / "views" / "backlog.csv").read_bytes()
    # A UTF-8 byte-order mark first: Excel then reads non-ASCII text right.
    assert raw.startswith(
        b"\xef\xbb\xbfid,map,map_id,stage_number,stage,opportunity,owner,status,due,overdue,"
        b"ticket,link\r\n"
    )
    assert raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [
        "opp-alpha-1",
        "opp-alpha-2",
        "opp-alpha-3",
        "opp-beta-1",
        "opp-beta-2",
    ]
    assert rows[0] == {
        "id": "opp-alpha-1",
        "map": "Alpha trip",
        "map_id": "alpha",
        "stage_number": "1",
        "stage": "Look",
        "opportunity": "Bigger menu font",
        "owner": "Kitchen",
        "status": "planned",
        "due": "2026-11-01",
        "overdue": "yes",
        "ticket": "",
        "link": "",
    }
    # Formulas are neutralised; the rest is the author's text as written.
    assert rows[1]["opportunity"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[1]["owner"] == "Kitchen" and rows[1]["overdue"] == "no"
    assert rows[2]["opportunity"] == "<script>alert(1)</script>"
    assert rows[2]["owner"] == HOSTILE_OWNER
    assert rows[3]["opportunity"] == "'+1 call back"
    assert rows[4]["opportunity"] == "'@SUM(A1)"
    for record in rows:
        for value in record.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 555", "'+31 20 555"),
        ("-2 days", "'-2 days"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_csv_cells_starting_a_formula_get_a_quote(text: str, expected: str) -> None:
    assert csv_cell(text) == expected


def test_due_state() -> None:
    today = dt.date(2026, 11, 26)
    assert due_state(Opportunity("x", due=dt.date(2026, 11, 25)), today, 30) == ("overdue", -1)
    assert due_state(Opportunity("x", due=dt.date(2026, 11, 25), status="done"), today, 30) == (
        "",
        -1,
    )
    assert due_state(Opportunity("x", due=today), today, 30) == ("soon", 0)
    assert due_state(Opportunity("x", due=dt.date(2027, 1, 1)), today, 30) == ("", 36)
    assert due_state(Opportunity("x"), today, 30) == ("", None)


def test_owner_names_compare_trimmed_and_case_insensitive() -> None:
    assert owner_key("  Kitchen  Team ") == owner_key("kitchen team") == "kitchen team"
    assert owner_key("   ") is None
    assert slugify("Food & Beverage") == "food-beverage"
    assert slugify("Küche") == "kuche"
    assert slugify("厨房").startswith("owner-") and slugify("厨房") != slugify("餐厅")


# -- owners --------------------------------------------------------------------------


def test_owner_page_lists_maps_touchpoints_and_opportunities(built: Built) -> None:
    html = built.page("views/owners/kitchen/index.html")
    assert "<h1" in html and ">Kitchen</h1>" in html
    maps = between(html, '<h2 id="maps">', "</ul>")
    assert 'href="../../../j/alpha/"' in maps and "Beta trip" not in maps
    opportunities = between(html, '<h2 id="opportunities">', "</table>")
    texts = [cells(r)[0] for r in re.findall(r"<tr[^>]*>(.*?)</tr>", opportunities, re.S)[1:]]
    assert texts == ["Bigger menu font", '=HYPERLINK("http://evil.example","x")']  # open first
    assert "25 days overdue" in opportunities and "Done" in opportunities
    touchpoints = between(html, '<h2 id="touchpoints">', "</table>")
    assert "App" in touchpoints and 'href="../../../j/beta/#stage-1"' in touchpoints
    assert "Booking widget" not in touchpoints
    assert "Written on the maps as “Kitchen”, “kitchen”" in html
    assert 'href="../../backlog/?owner=kitchen#all"' in html
    assert 'href="../"' in html  # all owners

    digital = built.page("views/owners/digital/index.html")
    assert "Beta trip" in between(digital, '<h2 id="maps">', "</ul>")
    touchpoints = between(digital, '<h2 id="touchpoints">', "</table>")
    assert "Booking widget" in touchpoints and "Confirmation email" in touchpoints
    assert 'href="../../../j/alpha/#stage-2"' in touchpoints
    assert "@SUM(A1)" in between(digital, '<h2 id="opportunities">', "</table>")


def test_owners_index_counts(built: Built) -> None:
    html = built.page("views/owners/index.html")
    # Owner, maps, touchpoints, opportunities, open, overdue.
    assert cells(row(html, "owner-kitchen")) == ["Kitchen", "1", "1", "2", "1", "1 overdue"]
    assert cells(row(html, "owner-digital")) == ["Digital", "1", "2", "1", "1", "0"]
    assert cells(row(html, "owner-img-src-x-onerror-alert-1"))[1:] == ["0", "0", "1", "1", "0"]
    assert 'href="kitchen/"' in row(html, "owner-kitchen")
    assert "1 map has no owner" in html and "Gamma trip" in html
    assert "1 opportunity has no owner" in html
    assert 'href="../backlog/?owner=_none#all"' in html
    # Owner pages are reached from the index; only the index is listed among the views.
    catalogue_page = built.page("catalogue/index.html")
    views = between(catalogue_page, 'class="cjm-view-links"', "</nav>")
    assert ">Owners</a>" in views and ">Opportunity backlog</a>" in views
    assert ">Kitchen</a>" not in views


def test_owner_slugs_are_unique_and_deterministic(tmp_path: Path) -> None:
    journey = """---
type: journey
title: Slugs
persona: eva-molin
owner: Team A
stages:
  - name: One
    touchpoints:
      - name: Desk
        owner: Team-A
      - name: Phone
        owner: team a
      - name: Site
        owner: Index
---
# Slugs
"""
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/slugs.md": journey})
    first = build_site(config, strict=True)
    assert first.ok and first.warnings == []
    owners = {o["name"]: o["id"] for o in catalogue(first)["owners"]}
    assert owners == {"Index": "index-2", "Team A": "team-a", "Team-A": "team-a-2"}
    assert (first.site / "views/owners/team-a-2/index.html").exists()
    assert (first.site / "views/owners/index-2/index.html").exists()
    # The owners index keeps its own address.
    assert "Team-A" in first.page("views/owners/index.html")
    again = build_site(config, strict=True)
    for name in ("views/owners/index.html", "views/backlog/index.html", "catalogue.json"):
        assert again.page(name) == first.page(name)


# -- links back, JSON, escaping --------------------------------------------------------


def test_journey_pages_link_back(built: Built) -> None:
    alpha = between(built.page("j/alpha/index.html"), 'class="cjm-view-links"', "</nav>")
    assert '<a href="../../views/backlog/#opp-alpha-1">Backlog</a>' in alpha
    assert '<a href="../../views/owners/kitchen/">Owner: Kitchen</a>' in alpha
    beta = between(built.page("j/beta/index.html"), 'class="cjm-view-links"', "</nav>")
    assert '<a href="../../views/backlog/#opp-beta-1">Backlog</a>' in beta
    assert '<a href="../../views/owners/digital/">Owner: Digital</a>' in beta
    gamma = built.page("j/gamma/index.html")
    links = between(gamma, 'class="cjm-view-links"', "</nav>") if "cjm-view-links" in gamma else ""
    assert "views/backlog/" not in links and "views/owners/" not in links and "Owner:" not in gamma


def test_backlog_table_goes_on_over_pages_of_page_rows(tmp_path: Path) -> None:
    """Past page_rows, each page holds its rows and a pager; no row lost or shown twice."""
    from tests.sitebuild import CHANNELS, SPINE

    plugin = {"spine": SPINE, "channels": CHANNELS, "page_rows": 2}
    result = build_site(write_site(tmp_path, PAGES, plugin=plugin), strict=True)
    assert result.ok and result.warnings == [], result.warnings
    first = result.page("views/backlog/index.html")
    second = result.page("views/backlog-2/index.html")
    third = result.page("views/backlog-3/index.html")
    assert not (tmp_path / "site" / "views" / "backlog-4").exists()  # 5 rows, 2 a page
    ids = [re.findall(r'<tr id="(opp-[^"]+)"', page) for page in (first, second, third)]
    assert ids == [["opp-alpha-1", "opp-alpha-2"], ["opp-alpha-3", "opp-beta-1"], ["opp-beta-2"]]
    assert "5 opportunities on 2 maps" in first
    assert '<a class="cjm-pager__page" href="../backlog-2/#all">2</a>' in first
    assert '<a class="cjm-pager__page" href="../backlog/#all">1</a>' in second
    assert '<span class="cjm-pager__page" aria-current="page">2</span>' in second
    assert "Opportunities 3 to 4 of 5" in second
    # Each page's filters offer what its own rows hold.
    form = between(second, '<form class="cjm-filters', "</form>")
    assert 'value="alpha"' in form and 'value="beta"' in form
    assert 'value="beta"' not in between(first, '<form class="cjm-filters', "</form>")
    # A map links to the page holding its first opportunity; the CSV keeps every row.
    beta = between(result.page("j/beta/index.html"), 'class="cjm-view-links"', "</nav>")
    assert '<a href="../../views/backlog-2/#opp-beta-1">Backlog</a>' in beta
    rows = list(csv.reader(io.StringIO(result.page("views/backlog.csv"))))
    assert len(rows) == 1 + 5
    # Continuation pages are not listed among the views, nor in the navigation.
    assert "backlog-2" not in result.page("catalogue/index.html")
    assert "backlog-2/" not in between(first, 'class="md-nav', "</nav>")


def test_catalogue_json_backlog_and_owners(built: Built) -> None:
    document = catalogue(built)
    backlog = document["backlog"]
    assert set(backlog) == {"opportunities", "unaddressed_pains"}
    first = backlog["opportunities"][0]
    assert first == {
        "id": "opp-alpha-1",
        "journey": "alpha",
        "map": "Alpha trip",
        "stage": 1,
        "stage_name": "Look",
        "text": "Bigger menu font",
        "owner": "Kitchen",
        "owner_id": "kitchen",
        "status": "planned",
        "due": "2026-11-01",
        "overdue": True,
        "due_soon": False,
        "ticket": None,
        "link": None,
        "href": None,
    }
    assert [o["owner"] for o in backlog["opportunities"]] == [
        "Kitchen",
        "Kitchen",
        HOSTILE_OWNER,
        None,
        "Digital",
    ]
    owners = {o["id"]: o for o in document["owners"]}
    assert list(owners) == ["img-src-x-onerror-alert-1", "digital", "kitchen"]
    kitchen = owners["kitchen"]
    assert kitchen["name"] == "Kitchen" and kitchen["spellings"] == ["Kitchen", "kitchen"]
    assert kitchen["page"] == "views/owners/kitchen.md"
    assert kitchen["maps"] == ["alpha"]
    assert [t["name"] for t in kitchen["touchpoints"]] == ["App"]
    assert [o["id"] for o in kitchen["opportunities"]] == ["opp-alpha-1", "opp-alpha-2"]
    assert kitchen["counts"] == {
        "maps": 1,
        "touchpoints": 1,
        "opportunities": 2,
        "open": 1,
        "overdue": 1,
    }


def article(page: str) -> str:
    """The page's content, without the navigation and header around it."""
    return between(page, "<article", "</article>")


def test_hostile_text_is_escaped(built: Built) -> None:
    pages = [
        "views/backlog/index.html",
        "views/owners/index.html",
        "views/owners/kitchen/index.html",
        "views/owners/img-src-x-onerror-alert-1/index.html",
        "j/alpha/index.html",
    ]
    for name in pages:
        html = article(built.page(name))
        assert "<script>alert(1)</script>" not in html, name
        assert "<img src=x onerror" not in html, name
    backlog = built.page("views/backlog/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in backlog
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in backlog
    hostile = built.page("views/owners/img-src-x-onerror-alert-1/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "<h1" in hostile and "&lt;img src=x onerror=alert(1)&gt;</h1>" in hostile


def test_owner_names_are_escaped_in_navigation_and_titles(built: Built) -> None:
    """An owner name is an owner page's title, which MkDocs and Material print as HTML."""
    for page in built.site.rglob("*.html"):
        assert "<img src=x onerror" not in page.read_text("utf-8"), page
    hostile = built.page("views/owners/img-src-x-onerror-alert-1/index.html")
    assert "<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; - Test handbook</title>" in hostile
