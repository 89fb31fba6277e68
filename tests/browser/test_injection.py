"""Injection payloads in every text field, loaded in Chromium: nothing runs, nothing is injected.

A handbook whose persona, journey and every text field hold the same payload
(script tags, attribute breakouts, event handlers, SVG and MathML tricks, a
CDATA end, template syntax) is built by ``mkdocs build`` and served. On the
journey, persona, catalogue and error pages: no dialog opens, no element or
attribute of the payload exists in the DOM, and the payload reads as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Dialog, Page

from tests.browser.support import Build, ServedSite, open_page, serve
from tests.sitebuild import write_site

pytestmark = pytest.mark.browser

PAYLOAD = (
    '"><img src=x onerror=alert(1)> <script>alert(2)</script> '
    "<svg><script>alert(3)</script></svg> "
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(4)> "
    "]]> {{ 7*7 }} {% raw %} ' onmouseover=alert(5) x=' javascript:alert(6)"
)
"""One text: breakouts, handlers, SVG and MathML tricks, CDATA end, Jinja syntax."""
SHOWN = re.sub(r"\s+", " ", PAYLOAD)
URLS = ["JaVaScRiPt:alert(7)", "java\tscript:alert(8)", "&#106;avascript:alert(9)"]


def stage(n: int) -> dict[str, Any]:
    return {
        "name": f"{n} {PAYLOAD}",
        "goal": PAYLOAD,
        "actions": [PAYLOAD],
        "touchpoints": [
            {
                "name": PAYLOAD,
                "channel": PAYLOAD,
                "owner": PAYLOAD,
                "moments": ["pain", "truth"],
                "priority": "high",
            }
        ],
        "thoughts": [PAYLOAD],
        "emotion": -1 if n % 2 else 1,
        "feeling": PAYLOAD,
        "aspiration": 2,
        "pains": [PAYLOAD],
        "opportunities": [{"text": PAYLOAD, "owner": PAYLOAD, "status": "planned"}],
        "metrics": {PAYLOAD: PAYLOAD},
        "backstage": [PAYLOAD],
    }


JOURNEY = {
    "type": "journey",
    "id": "evil-map",
    "title": PAYLOAD,
    "description": PAYLOAD,
    "persona": "evil",
    "owner": PAYLOAD,
    "goal": PAYLOAD,
    "scenario": f"{PAYLOAD}\n{PAYLOAD}",
    "expectations": [PAYLOAD],
    "tags": [PAYLOAD],
    "sources": [{"title": PAYLOAD, "url": 'https://intranet.example/?q=<x>&y="z"'}],
    "stages": [stage(1), stage(2)],
}
PERSONA = {
    "type": "persona",
    "id": "evil",
    "name": PAYLOAD,
    "description": PAYLOAD,
    "role": PAYLOAD,
    "quote": f"{PAYLOAD}\n{PAYLOAD}",
    "segment": PAYLOAD,
    "attributes": {PAYLOAD: PAYLOAD},
    "goals": [PAYLOAD],
    "needs": [PAYLOAD],
    "pains": [PAYLOAD],
    "motivations": [PAYLOAD],
    "channels": [PAYLOAD],
    "tags": [PAYLOAD],
}
BROKEN = {
    "type": "journey",
    "title": PAYLOAD,
    "sources": [{"title": PAYLOAD, "url": url} for url in URLS],
    "stages": [{"name": PAYLOAD, "emotion": PAYLOAD}],
}


def page_source(front: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n# Page\n"


PAGES = {
    "journey": "journeys/evil-map/",
    "persona": "personas/evil/",
    "catalogue": "catalogue/",
    "errors": "journeys/broken/",
}

# Everything of the payload that must never exist in the DOM, and what must.
INJECTED_JS = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith("on")) found.push(`${el.localName}[${attr}]`);
      const value = el.getAttribute(attr) || "";
      if (/^(href|src|xlink:href|action|formaction)$/i.test(attr)
          && /^\\s*j\\s*a\\s*v\\s*a\\s*s\\s*c\\s*r\\s*i\\s*p\\s*t\\s*:/i.test(value.replace(/[\\x00-\\x20]/g, "")))
        found.push(`${el.localName}[${attr}=${value}]`);
    }
    if (el.localName === "img" && el.getAttribute("src") === "x") found.push("img[src=x]");
    if (["mglyph", "mtext", "math", "iframe", "object", "embed"].includes(el.localName))
      found.push(el.localName);
    if (el.localName === "script" && /alert\\(/.test(el.textContent)) found.push("script alert");
    if (el.localName === "style" && /onerror/.test(el.textContent)) found.push("style payload");
  }
  for (const a of document.querySelectorAll("a[href]"))
    if (a.protocol === "javascript:") found.push(`a[href=${a.getAttribute("href")}]`);
  return found;
}
"""
TEXT_JS = "() => document.body.innerText.replace(/\\s+/g, ' ')"
ALL_TEXT_JS = "() => document.body.textContent.replace(/\\s+/g, ' ')"


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("injection")
    config = write_site(
        root,
        {
            "index.md": "# Home\n",
            "personas/evil.md": page_source(PERSONA),
            "journeys/evil-map.md": page_source(JOURNEY),
            "journeys/broken.md": page_source(BROKEN),
        },
    )
    build = Build(config, root / "site")
    try:
        yield from serve(build.wait())
    finally:
        build.stop()


@pytest.fixture
def watched(new_context: Callable[..., BrowserContext]) -> Iterator[tuple[Page, list[str]]]:
    """A page that records (and dismisses) every dialog and page error."""
    page = new_context().new_page()
    events: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    yield page, events


PROVOKE_JS = """
() => {
  for (const el of document.querySelectorAll("*"))
    for (const type of ["mouseover", "mouseenter", "focus", "click"])
      if (type !== "click" || !el.closest("a, button, label, summary, input, select, form"))
        el.dispatchEvent(new Event(type, { bubbles: false }));
}
"""


def provoke(page: Page) -> None:
    """Give handlers their chance: every element gets a mouseover, focus and click event."""
    page.evaluate(PROVOKE_JS)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_payload_runs_or_lands_in_the_dom(
    evil_site: ServedSite, watched: tuple[Page, list[str]], name: str
) -> None:
    page, events = watched
    open_page(page, evil_site.at(PAGES[name]))
    for details in page.locator("details").all():
        details.evaluate("(d) => { d.open = true; }")
    provoke(page)
    assert events == []
    assert page.evaluate(INJECTED_JS) == []
    text = page.evaluate(TEXT_JS)
    everything = page.evaluate(ALL_TEXT_JS)
    assert "{{ 7*7 }}" in text and "{% raw %}" in text
    assert SHOWN in text or name == "errors"
    assert SHOWN in everything or name == "errors"
    assert re.search(r"(?<![\d.])49(?![\d.])", everything) is None


def test_the_journey_page_shows_its_map_with_the_payload_as_text(
    evil_site: ServedSite, watched: tuple[Page, list[str]]
) -> None:
    page, events = watched
    open_page(page, evil_site.at(PAGES["journey"]))
    svg = page.locator("svg.cjm-journey-map")
    assert svg.count() == 1
    titles = svg.locator("title").evaluate_all("(ts) => ts.map((t) => t.textContent)")
    assert any(SHOWN in t for t in titles)
    assert page.evaluate(INJECTED_JS) == []
    assert events == []


def test_the_error_page_shows_the_refused_links_as_text(
    evil_site: ServedSite, watched: tuple[Page, list[str]]
) -> None:
    page, events = watched
    open_page(page, evil_site.at(PAGES["errors"]))
    text = page.locator(".cjm-errors").inner_text()
    for shown in ("JaVaScRiPt:alert(7)", "java script:alert(8)", "&#106;avascript:alert(9)"):
        assert f"'{shown}' is not allowed" in text
    assert page.locator(".cjm-errors a").count() == 0
    assert events == []


def test_filters_and_search_with_the_payload_inject_nothing(
    evil_site: ServedSite, watched: tuple[Page, list[str]]
) -> None:
    page, events = watched
    open_page(page, evil_site.at(PAGES["catalogue"]))
    form = page.locator("form[data-cjm-filters]")
    form.locator("select[name=owner]").select_option(index=1)
    form.locator("select[name=tag]").select_option(index=1)
    form.locator("input[name=q]").fill("onerror=alert")
    page.wait_for_timeout(200)
    rows = page.locator("table[data-cjm-catalogue] tbody tr:visible")
    assert rows.count() == 1
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("onerror", delay=30)  # Material listens to key presses
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 3
    provoke(page)
    assert page.evaluate(INJECTED_JS) == []
    assert events == []


def test_nothing_was_written_outside_the_site(evil_site: ServedSite) -> None:
    site = Path(evil_site.path)
    assert (site / "catalogue.json").is_file()
    assert not any(site.parent.glob("*.html"))
