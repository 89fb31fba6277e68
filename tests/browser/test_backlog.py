"""The backlog's filters in Chromium, checked against what catalogue.json says should match."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import ServedSite, open_page

pytestmark = pytest.mark.browser

BACKLOG = "views/backlog/"
FORM = "form[data-cjm-filters]"
TABLE = "table[data-cjm-filtered]"
NO_OWNER = "_none"
LABELS = {"idea": "Idea", "planned": "Planned", "in-progress": "In progress", "done": "Done"}

# The id of each row that is shown (not hidden, and laid out), in table order.
VISIBLE_ROWS_JS = """
(table) => Array.from(table.tBodies[0].rows)
  .filter((row) => !row.hidden && row.getClientRects().length > 0)
  .map((row) => row.id)
"""


class Backlog:
    """The opportunities of catalogue.json and the filters' meaning, computed independently."""

    def __init__(self, site: ServedSite) -> None:
        self.items: list[dict[str, Any]] = list(site.catalogue["backlog"]["opportunities"])

    def ids(self, test: Callable[[dict[str, Any]], bool] = lambda item: True) -> list[str]:
        return [item["id"] for item in self.items if test(item)]

    @staticmethod
    def searchable(item: dict[str, Any]) -> str:
        status = LABELS.get(item["status"], "No status")
        words = [item["text"], item["map"], item["stage_name"], item["owner"] or "", status]
        return " ".join(words).casefold()

    def matching(
        self, *, q: str = "", owner: str = "", status: str = "", map: str = "", due: str = ""
    ) -> list[str]:
        q = q.strip().casefold()
        return self.ids(
            lambda o: (
                (not q or q in self.searchable(o))
                and (not owner or (o["owner_id"] or NO_OWNER) == owner)
                and (not status or (o["status"] or "none") == status)
                and (not map or o["journey"] == map)
                and (
                    not due
                    or (due == "overdue" and o["overdue"])
                    or (due == "soon" and o["due_soon"])
                )
            )
        )

    def selective(self, values: Counter[str]) -> str:
        """A value that matches some opportunities but not all (the most telling filter)."""
        total = len(self.items)
        candidates = [v for v, n in values.most_common() if 0 < n < total]
        assert candidates, f"no value of {sorted(values)} tells the {total} opportunities apart"
        return candidates[0]


def visible(page: Page) -> list[str]:
    rows: list[str] = page.locator(TABLE).evaluate(VISIBLE_ROWS_JS)
    return rows


@pytest.fixture
def backlog(example_site: ServedSite) -> Backlog:
    data = Backlog(example_site)
    assert len(data.items) >= 10, "the example needs opportunities for the filters to mean much"
    assert any(o["overdue"] for o in data.items), "the example needs an overdue opportunity"
    return data


def test_rows_match_catalogue_json(page: Page, example_site: ServedSite, backlog: Backlog) -> None:
    open_page(page, example_site.at(BACKLOG))
    assert visible(page) == backlog.ids()
    expect(page.locator(FORM)).to_be_visible()
    total = len(backlog.items)
    expect(page.locator(f"{FORM} output")).to_have_text(f"Showing {total} of {total}")


def test_filters_narrow_the_rows(page: Page, example_site: ServedSite, backlog: Backlog) -> None:
    open_page(page, example_site.at(BACKLOG))
    form = page.locator(FORM)
    count = form.locator("output")
    total = len(backlog.items)
    items = backlog.items
    owner = backlog.selective(Counter(o["owner_id"] or NO_OWNER for o in items))
    status = backlog.selective(Counter(o["status"] or "none" for o in items))
    journey = backlog.selective(Counter(o["journey"] for o in items))

    def check(**filters: str) -> None:
        expected = backlog.matching(**filters)
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
        assert visible(page) == backlog.ids()

    for name, value in (("owner", owner), ("status", status), ("map", journey)):
        form.locator(f"select[name={name}]").select_option(value)
        check(**{name: value})
        reset()

    # Opportunities without an owner have a value of their own.
    form.locator("select[name=owner]").select_option(NO_OWNER)
    check(owner=NO_OWNER)
    assert visible(page), "the example has opportunities without an owner"
    reset()

    form.locator("select[name=due]").select_option("overdue")
    check(due="overdue")
    assert visible(page) == backlog.ids(lambda o: o["overdue"])
    for row in visible(page):
        expect(page.locator(f"#{row}")).to_contain_text("overdue")
    reset()

    # Text: a stage name typed in capitals, then narrowed by status.
    stage = next(
        o["stage_name"]
        for o in items
        if (o["status"] or "none") == status and len(o["stage_name"]) > 4
    )
    form.locator("input[name=q]").fill(stage.upper())
    check(q=stage)
    assert visible(page), "a stage name typed in capitals finds nothing"
    form.locator("select[name=status]").select_option(status)
    check(q=stage, status=status)
    reset()

    # An owner's name finds its opportunities; owner and status together; then nothing.
    name = next(o["owner"] for o in items if o["owner_id"] == owner) if owner != NO_OWNER else ""
    if name:
        form.locator("input[name=q]").fill(name.lower())
        check(q=name)
        reset()
    form.locator("select[name=owner]").select_option(owner)
    form.locator("select[name=status]").select_option(status)
    check(owner=owner, status=status)
    form.locator("input[name=q]").fill("no opportunity says this, surely")
    check(owner=owner, status=status, q="no opportunity says this, surely")
    reset()
    for field in ("q", "owner", "status", "map", "due"):
        assert form.locator(f"[name={field}]").input_value() == "", f"{field} kept its value"


def test_filters_follow_the_query_string(
    page: Page, example_site: ServedSite, backlog: Backlog
) -> None:
    """Owner pages link to ?owner=<id>; the overdue tile to ?due=overdue."""
    owner = backlog.selective(Counter(o["owner_id"] for o in backlog.items if o["owner_id"]))
    open_page(page, example_site.at(f"{BACKLOG}?owner={owner}#all"))
    assert page.locator(f"{FORM} select[name=owner]").input_value() == owner
    assert visible(page) == backlog.matching(owner=owner)
    open_page(page, example_site.at(f"{BACKLOG}?due=overdue"))
    assert visible(page) == backlog.ids(lambda o: o["overdue"])


def test_owner_page_links_to_its_rows(
    page: Page, example_site: ServedSite, backlog: Backlog
) -> None:
    owners = example_site.catalogue["owners"]
    owner = next(o for o in owners if len(o["opportunities"]) >= 2)
    open_page(page, example_site.at(f"views/owners/{owner['id']}/"))
    page.get_by_role("link", name="This team’s opportunities in the backlog").click()
    page.wait_for_load_state("networkidle")
    assert visible(page) == [o["id"] for o in backlog.items if o["owner_id"] == owner["id"]]


def test_journey_page_links_to_its_first_row(
    page: Page, example_site: ServedSite, backlog: Backlog
) -> None:
    first = backlog.items[0]
    journey = next(j for j in example_site.journeys if j["id"] == first["journey"])
    open_page(page, example_site.at(journey["url"]))
    page.locator(".cjm-view-links").get_by_role("link", name="Backlog", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"#{first['id']}")
    expect(page.locator(f"#{first['id']}")).to_be_in_viewport()


def test_without_javascript_the_form_hides_and_every_row_shows(
    new_context: Callable[..., BrowserContext], example_site: ServedSite, backlog: Backlog
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, example_site.at(BACKLOG))
    expect(page.locator(FORM)).to_be_hidden()
    expect(page.locator(TABLE)).to_be_visible()
    # No script ran, so visibility is all CSS: every row must have a box.
    assert visible(page) == backlog.ids()
    expect(page.locator("[data-cjm-empty]")).to_be_hidden()
    # The groupings need no script either.
    expect(page.locator("#by-status")).to_be_visible()
    expect(page.locator("#by-owner")).to_be_visible()
    expect(page.locator("#unaddressed")).to_be_visible()
    for status in ("none", "idea", "planned", "in-progress", "done"):
        expect(page.locator(f"#status-{status}")).to_be_visible()
