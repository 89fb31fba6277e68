"""Links out of the handbook (issue 15, item 7): an opportunity's ``link`` or ``ticket``
(through the site's ``ticket_url``) on the map, the table under it, the backlog, its
CSV and catalogue.json; bad links refused with file, line and field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.sitebuild import PERSONA, SPINE, Built, build_site, write_site

TICKET_URL = "https://tracker.example/browse/{ticket}"

MAP = """---
type: journey
title: Pizza night
persona: eva-molin
stages:
  - name: Order
    emotion: 1
    opportunities:
      - text: Show allergens online
        ticket: CX-12
      - text: Call back within the hour
        link: https://tracker.example/boards/7?item=31&view=full
      - text: Odd ticket
        ticket: "A/1 \\"<b>?x"
      - text: Nothing to follow
{bad}---
# Pizza night
"""


def build(root: Path, bad: str = "", ticket_url: str | None = TICKET_URL) -> Built:
    plugin: dict[str, object] = {"spine": SPINE}
    if ticket_url is not None:
        plugin["ticket_url"] = ticket_url
    pages = {
        "index.md": "# Home\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza.md": MAP.format(bad=bad),
    }
    return build_site(write_site(root, pages, plugin=plugin), strict=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = build(tmp_path_factory.mktemp("links-out"))
    assert result.ok, result.warnings
    assert result.warnings == []
    return result


def test_the_journey_page_links_to_the_tracker(built: Built) -> None:
    html = built.page("journeys/pizza/index.html")
    assert (
        '<a class="cjm-link-out" href="https://tracker.example/browse/CX-12" rel="noopener">'
        "CX-12</a>"
    ) in html
    href = "https://tracker.example/boards/7?item=31&amp;view=full"
    assert f'<a class="cjm-link-out" href="{href}" rel="noopener">tracker.example</a>' in html
    # The id is percent-encoded into the address, and escaped as text.
    odd = "https://tracker.example/browse/A%2F1%20%22%3Cb%3E%3Fx"
    assert f'href="{odd}" rel="noopener">A/1 &#34;&lt;b&gt;?x</a>' in html
    # The map card shows the ticket's id, and the address's host for a link.
    svg = html[html.index('class="cjm-journey-map"') :]
    assert "Ticket CX-12" in svg and "↗ tracker.example" in svg


def test_the_backlog_links_and_exports(built: Built) -> None:
    html = built.page("views/backlog/index.html")
    assert 'href="https://tracker.example/browse/CX-12" rel="noopener">CX-12</a>' in html
    raw = (built.site / "views" / "backlog.csv").read_bytes().decode("utf-8-sig")
    rows = {r["opportunity"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["Show allergens online"]["ticket"] == "CX-12"
    assert rows["Show allergens online"]["link"] == "https://tracker.example/browse/CX-12"
    call = rows["Call back within the hour"]
    assert (call["ticket"], call["link"]) == (
        "",
        "https://tracker.example/boards/7?item=31&view=full",
    )
    assert (rows["Nothing to follow"]["ticket"], rows["Nothing to follow"]["link"]) == ("", "")


def test_catalogue_json_holds_link_ticket_and_address(built: Built) -> None:
    document = json.loads(built.page("catalogue.json"))
    (journey,) = document["journeys"]
    first, second, _, last = journey["stages"][0]["opportunities"]
    assert (first["ticket"], first["link"]) == ("CX-12", None)
    assert second["link"] == "https://tracker.example/boards/7?item=31&view=full"
    assert (last["ticket"], last["link"]) == (None, None)
    hrefs = [o["href"] for o in document["backlog"]["opportunities"]]
    assert hrefs == [
        "https://tracker.example/browse/CX-12",
        "https://tracker.example/boards/7?item=31&view=full",
        "https://tracker.example/browse/A%2F1%20%22%3Cb%3E%3Fx",
        None,
    ]


def test_without_ticket_url_a_ticket_is_shown_not_linked(tmp_path: Path) -> None:
    result = build(tmp_path, ticket_url=None)
    assert result.ok, result.warnings
    html = result.page("journeys/pizza/index.html")
    assert "<small>· CX-12</small>" in html
    assert "tracker.example/browse" not in html


BAD = """      - text: Script
        link: "javascript:alert(1)"
      - text: Relative
        link: ../notes.md
"""


def test_bad_links_are_refused_with_file_line_and_field(tmp_path: Path) -> None:
    result = build(tmp_path, bad=BAD)
    assert not result.ok
    assert result.cjm_warnings == [
        "journeys/pizza.md:17: stages[0].opportunities[4].link: 'javascript:alert(1)' is not "
        "allowed: links must be http, https, mailto or relative",
        "journeys/pizza.md:19: stages[0].opportunities[5].link: '../notes.md' is not allowed: "
        "an opportunity's link is a full http, https or mailto address (link a page of the "
        "handbook in the text instead)",
    ]
    assert "javascript:" not in result.page("views/backlog/index.html")


@pytest.mark.parametrize(
    "value",
    ["javascript:alert('{ticket}')", "https://tracker.example/browse/", "/browse/{ticket}"],
)
def test_a_bad_ticket_url_stops_the_build_with_a_message(tmp_path: Path, value: str) -> None:
    result = build(tmp_path, ticket_url=value)
    assert not result.ok
    (message,) = [w for w in result.warnings if "ticket_url" in w] or [""]
    assert message.startswith("cjm: ticket_url: expected ")
