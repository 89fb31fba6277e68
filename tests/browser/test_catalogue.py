"""The catalogue's filters, checked against what catalogue.json says should match."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import ServedSite, open_page

pytestmark = pytest.mark.browser

FORM = "form[data-cjm-filters]"
TABLE = "table[data-cjm-catalogue]"

# The absolute address of each visible row's map link, in table order.
VISIBLE_ROWS_JS = """
(table) => Array.from(table.tBodies[0].rows)
  .filter((row) => !row.hidden && row.getClientRects().length > 0)
  .map((row) => { const a = row.cells[0].querySelector("a"); return a ? a.href : row.cells[0].textContent.trim(); })
"""


class Catalogue:
    """The journeys of catalogue.json and the filters' meaning, computed independently."""

    def __init__(self, site: ServedSite) -> None:
        self.site = site
        self.journeys: list[dict[str, Any]] = site.journeys
        self.names = {p["id"]: p["name"] for p in site.personas}

    def url(self, journey: dict[str, Any]) -> str:
        return urljoin(self.site.url, journey["url"])

    def all(self) -> set[str]:
        return {self.url(j) for j in self.journeys}

    def where(self, test: Callable[[dict[str, Any]], bool]) -> set[str]:
        return {self.url(j) for j in self.journeys if test(j)}

    def searchable(self, journey: dict[str, Any]) -> str:
        words = [journey["title"], journey["owner"] or "", journey["kind"]]
        words += [self.names.get(p, p) for p in journey["personas"]]
        words += journey["tags"] + [s["name"] for s in journey["stages"]]
        return " ".join(words).casefold()

    def matching(
        self,
        *,
        q: str = "",
        persona: str = "",
        owner: str = "",
        kind: str = "",
        tag: str = "",
    ) -> set[str]:
        q = q.strip().casefold()
        return self.where(
            lambda j: (
                (not q or q in self.searchable(j))
                and (not persona or persona in j["personas"])
                and (not owner or j["owner"] == owner)
                and (not kind or j["kind"] == kind)
                and (not tag or tag in j["tags"])
            )
        )

    def selective(self, values: Counter[str]) -> str:
        """A value that matches some maps but not all (the most telling filter)."""
        total = len(self.journeys)
        candidates = [v for v, n in values.most_common() if 0 < n < total]
        assert candidates, f"no value of {sorted(values)} tells the {total} maps apart"
        return candidates[0]


def visible(page: Page) -> set[str]:
    rows: list[str] = page.locator(TABLE).evaluate(VISIBLE_ROWS_JS)
    return set(rows)


def options(page: Page, name: str) -> list[str]:
    values: list[str] = page.locator(f"{FORM} select[name={name}] option").evaluate_all(
        "(options) => options.map((o) => o.value)"
    )
    return values


@pytest.fixture
def catalogue(example_site: ServedSite) -> Catalogue:
    data = Catalogue(example_site)
    assert len(data.journeys) >= 3, "the example needs a few maps for the filters to mean much"
    return data


def test_rows_match_catalogue_json(page: Page, example_site: ServedSite, catalogue: Catalogue):
    open_page(page, example_site.at("catalogue/"))
    assert visible(page) == catalogue.all()
    assert page.locator(f"{TABLE} tbody tr").count() == len(catalogue.journeys)


def test_select_options_come_from_the_maps(
    page: Page, example_site: ServedSite, catalogue: Catalogue
) -> None:
    open_page(page, example_site.at("catalogue/"))
    js = catalogue.journeys
    assert set(options(page, "persona")) == {""} | {p for j in js for p in j["personas"]}
    assert set(options(page, "owner")) == {""} | {j["owner"] for j in js if j["owner"]}
    assert set(options(page, "kind")) == {""} | {j["kind"] for j in js}
    assert set(options(page, "tag")) == {""} | {t for j in js for t in j["tags"]}


def test_filters_narrow_the_rows(
    page: Page, example_site: ServedSite, catalogue: Catalogue
) -> None:
    open_page(page, example_site.at("catalogue/"))
    form = page.locator(FORM)
    expect(form).to_be_visible()
    count = form.locator("output")
    total = len(catalogue.journeys)
    expect(count).to_have_text(f"Showing {total} of {total}")

    js = catalogue.journeys
    persona = catalogue.selective(Counter(p for j in js for p in j["personas"]))
    owner = catalogue.selective(Counter(j["owner"] for j in js if j["owner"]))
    kind = catalogue.selective(Counter(j["kind"] for j in js))
    tag = catalogue.selective(Counter(t for j in js for t in j["tags"]))

    def check(**filters: str) -> None:
        expected = catalogue.matching(**filters)
        assert visible(page) == expected, f"with {filters}"
        expect(count).to_have_text(f"Showing {len(expected)} of {total}")
        empty = page.locator("[data-cjm-empty]")
        if expected:
            expect(empty).to_be_hidden()
        else:
            expect(empty).to_be_visible()

    def reset() -> None:
        form.get_by_role("button", name="Clear").click()
        expect(count).to_have_text(f"Showing {total} of {total}")
        assert visible(page) == catalogue.all()

    for name, value in (("persona", persona), ("owner", owner), ("kind", kind), ("tag", tag)):
        form.locator(f"select[name={name}]").select_option(value)
        check(**{name: value})
        reset()

    # Text: a stage name of one map, typed in another case, then narrowed by a select.
    stage = next(s["name"] for j in js for s in j["stages"] if len(s["name"]) > 4)
    form.locator("input[name=q]").fill(stage.upper())
    check(q=stage)
    assert visible(page), "a stage name typed in capitals finds nothing"
    form.locator("select[name=kind]").select_option(kind)
    check(q=stage, kind=kind)
    reset()

    # Everything at once, then nothing at all.
    form.locator("select[name=persona]").select_option(persona)
    form.locator("select[name=tag]").select_option(tag)
    check(persona=persona, tag=tag)
    form.locator("input[name=q]").fill("no map is called this, surely")
    check(persona=persona, tag=tag, q="no map is called this, surely")

    reset()
    for name in ("q", "persona", "owner", "kind", "tag"):
        assert form.locator(f"[name={name}]").input_value() == "", f"{name} kept its value"


def test_filters_follow_the_query_string(
    page: Page, example_site: ServedSite, catalogue: Catalogue
) -> None:
    """A filtered view can be shared as a link: ?kind=... pre-selects the filter."""
    kind = catalogue.selective(Counter(j["kind"] for j in catalogue.journeys))
    open_page(page, example_site.at(f"catalogue/?kind={kind}"))
    assert page.locator(f"{FORM} select[name=kind]").input_value() == kind
    assert visible(page) == catalogue.matching(kind=kind)


def test_without_javascript_the_form_hides_and_every_row_shows(
    new_context: Callable[..., BrowserContext], example_site: ServedSite, catalogue: Catalogue
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, example_site.at("catalogue/"))
    expect(page.locator(FORM)).to_be_hidden()
    expect(page.locator(TABLE)).to_be_visible()
    # No script ran, so visibility is all CSS: every row must have a box.
    assert visible(page) == catalogue.all()
    expect(page.locator("[data-cjm-empty]")).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 1440])
def test_the_catalogue_fits_its_box_with_its_badges_visible(
    width: int, new_context: Callable[..., BrowserContext], example_site: ServedSite
) -> None:
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    open_page(page, example_site.at("catalogue/"))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"at {width}px the page scrolls sideways by {overflow}px"
    table = page.locator(TABLE)
    sizes = table.evaluate(
        "(t) => [t.getBoundingClientRect().width, t.parentElement.clientWidth,"
        " t.parentElement.scrollWidth]"
    )
    assert sizes[0] <= sizes[1] + 1, f"at {width}px the table is {sizes[0] - sizes[1]:.0f}px wider"
    assert sizes[2] <= sizes[1] + 1, "the table's box scrolls sideways"
    box = table.bounding_box()
    assert box is not None
    badges = page.locator(f"{TABLE} .cjm-review-cell .cjm-badge")
    assert badges.count() > 0, "the example handbook has maps due or soon due for review"
    for index in range(badges.count()):
        badge = badges.nth(index)
        badge.scroll_into_view_if_needed()
        expect(badge).to_be_visible()
        found = badge.bounding_box()
        table_box = table.bounding_box()
        assert found is not None and table_box is not None
        assert found["x"] >= table_box["x"] - 1
        assert found["x"] + found["width"] <= table_box["x"] + table_box["width"] + 1
