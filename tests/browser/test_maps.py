"""Every journey map as Chromium draws it: labels inside the map, no two labels on top of each other.

The boxes are measured in the browser with the fonts the page really gets, so
a layout that guessed text widths wrong shows up here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import ServedSite, open_page, richest_journey

pytestmark = pytest.mark.browser

MAP = "figure.cjm-map svg"
INSIDE_TOLERANCE = 1.0
"""A label may poke out of the map by this much (px) before it counts."""
OVERLAP_INSET = 0.5
"""Boxes shrink by this much (px) on each side before they are compared..."""
OVERLAP_AREA = 1.0
"""...and then overlap when they share more than this many square pixels."""
MIN_FONT_PX = 12.0

# Boxes of every visible <text> in the root map svg, in CSS px relative to the
# svg's own box (the svg sits in a horizontally scrolling container, so the
# viewport is no reference). getBoundingClientRect of an SVG element already
# has getScreenCTM applied; the effective font size is the computed one times
# the CTM's scale.
MEASURE_JS = """
(svg) => {
  const root = svg.getBoundingClientRect();
  const labelOf = (el) => Array.from(el.childNodes)
    .filter((n) => !(n.nodeType === 1 && n.localName === "title"))
    .map((n) => n.textContent).join(" ").replace(/\\s+/g, " ").trim();
  const texts = [];
  svg.querySelectorAll("text").forEach((el, index) => {
    if (el.closest("defs, clipPath, mask, pattern, symbol, marker")) return;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    const ctm = el.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    texts.push({
      index, label: labelOf(el), cls: el.getAttribute("class") || "",
      x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height,
      font: parseFloat(style.fontSize), screenFont: parseFloat(style.fontSize) * scale,
    });
  });
  return {width: root.width, height: root.height, texts};
}
"""


@dataclass(frozen=True)
class Box:
    label: str
    cls: str
    x: float
    y: float
    w: float
    h: float

    def __str__(self) -> str:
        text = self.label if len(self.label) <= 70 else self.label[:67] + "..."
        where = f"x={self.x:.1f} y={self.y:.1f} w={self.w:.1f} h={self.h:.1f}"
        return f"{text!r} ({self.cls}; {where})"


def measure(page: Page) -> dict[str, Any]:
    svg = page.locator(MAP).first
    expect(svg).to_be_visible()
    result: dict[str, Any] = svg.evaluate(MEASURE_JS)
    return result


def boxes_of(measured: dict[str, Any]) -> list[Box]:
    return [Box(t["label"], t["cls"], t["x"], t["y"], t["w"], t["h"]) for t in measured["texts"]]


def outside(measured: dict[str, Any]) -> list[str]:
    width, height = measured["width"], measured["height"]
    found = []
    for box in boxes_of(measured):
        if (
            box.x < -INSIDE_TOLERANCE
            or box.y < -INSIDE_TOLERANCE
            or box.x + box.w > width + INSIDE_TOLERANCE
            or box.y + box.h > height + INSIDE_TOLERANCE
        ):
            found.append(f"outside the {width:.0f}x{height:.0f} map: {box}")
    return found


def overlap_area(a: Box, b: Box) -> float:
    left = max(a.x, b.x) + OVERLAP_INSET
    right = min(a.x + a.w, b.x + b.w) - OVERLAP_INSET
    top = max(a.y, b.y) + OVERLAP_INSET
    bottom = min(a.y + a.h, b.y + b.h) - OVERLAP_INSET
    return max(0.0, right - left) * max(0.0, bottom - top)


def collisions(measured: dict[str, Any]) -> list[str]:
    boxes = sorted(boxes_of(measured), key=lambda b: b.x)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x - OVERLAP_INSET >= a.x + a.w:
                break  # sorted by x: nothing further right can touch a
            area = overlap_area(a, b)
            if area > OVERLAP_AREA:
                found.append(f"{area:.1f} px² shared by {a} and {b}")
    return found


def journey_urls(site: ServedSite) -> list[str]:
    urls = [j["url"] for j in site.journeys if j["url"] and j["svg"]]
    assert urls, f"no journey with a map in {site.path / 'catalogue.json'}"
    return urls


def check_layout(page: Page, site: ServedSite) -> list[str]:
    """Problems of every map of ``site`` at 1280 px, one line each."""
    problems = []
    for url in journey_urls(site):
        open_page(page, site.at(url))
        measured = measure(page)
        assert measured["texts"], f"{url}: the map has no visible <text>"
        problems += [f"{url}: {p}" for p in outside(measured) + collisions(measured)]
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{url}: the page itself scrolls sideways by {overflow}px at 1280px")
    return problems


def report(problems: list[str]) -> str:
    shown = problems[:60]
    more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    return f"{len(problems)} layout problem(s):\n" + "\n".join(shown) + more


def test_example_maps_keep_labels_inside_and_apart(page: Page, example_site: ServedSite) -> None:
    problems = check_layout(page, example_site)
    assert not problems, report(problems)


def test_hard_maps_keep_labels_inside_and_apart(page: Page, hard_site: ServedSite) -> None:
    ids = {j["id"] for j in hard_site.journeys}
    assert ids == {"dinner-in-four-languages", "two-moods"}
    problems = check_layout(page, hard_site)
    assert not problems, report(problems)


def test_hard_map_shows_every_script(page: Page, hard_site: ServedSite) -> None:
    """RTL, CJK and emoji reach the map as text, and long labels are not dropped."""
    open_page(page, hard_site.at("journeys/dinner-in-four-languages/"))
    labels = " ".join(box.label for box in boxes_of(measure(page)))
    for sample in ("البحث عن مطعم", "קריאת התפריט", "予約の確認", "支付账单", "🍕"):
        assert sample in labels, f"{sample!r} is not drawn on the map"
    assert "Donaudampfschiffahrts" in labels


def test_two_stage_map_is_drawn(page: Page, hard_site: ServedSite) -> None:
    open_page(page, hard_site.at("journeys/two-moods/"))
    measured = measure(page)
    labels = [box.label for box in boxes_of(measured)]
    assert "Before" in labels and "After" in labels, labels
    assert measured["width"] > 0 and measured["height"] > 0


@pytest.mark.parametrize("which", ["example", "hard"])
def test_phone_width_scrolls_the_map_not_the_text(
    which: str,
    request: pytest.FixtureRequest,
    new_context: Callable[..., BrowserContext],
) -> None:
    """At 390 px the map keeps its type size and scrolls inside its frame."""
    site: ServedSite = request.getfixturevalue(f"{which}_site")
    url = richest_journey(site)["url"]
    desktop = new_context().new_page()
    open_page(desktop, site.at(url))
    wide = measure(desktop)
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    open_page(phone, site.at(url))
    narrow = measure(phone)

    smallest = min(narrow["texts"], key=lambda t: t["screenFont"])
    assert smallest["font"] >= MIN_FONT_PX, smallest
    assert smallest["screenFont"] >= MIN_FONT_PX - 0.01, (
        f"{url}: at 390px {smallest['label']!r} is drawn at {smallest['screenFont']:.1f}px"
    )
    assert abs(narrow["width"] - wide["width"]) < 1, "the map shrinks on a phone"

    scroller = phone.locator("figure.cjm-map .cjm-map__scroll")
    expect(scroller).to_be_visible()
    state = scroller.evaluate(
        """(el) => {
          const before = el.scrollLeft;
          el.scrollLeft = 200;
          return {overflowX: getComputedStyle(el).overflowX, scrollWidth: el.scrollWidth,
                  clientWidth: el.clientWidth, moved: el.scrollLeft - before};
        }"""
    )
    assert state["overflowX"] in ("auto", "scroll"), state
    assert state["scrollWidth"] > state["clientWidth"], state
    assert state["moved"] > 0, f"{url}: the map's container does not scroll: {state}"
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{url}: at 390px the page itself scrolls sideways by {overflow}px"


def test_the_checks_can_fail(page: Page, hard_site: ServedSite) -> None:
    """A label moved onto another, and one pushed off the map, are both caught."""
    open_page(page, hard_site.at("journeys/dinner-in-four-languages/"))
    page.locator(MAP).first.evaluate(
        """(svg) => {
          const texts = svg.querySelectorAll(".cjm-cards text");
          const twin = texts[0].cloneNode(true);
          twin.setAttribute("x", parseFloat(texts[0].getAttribute("x")) + 3);
          texts[0].parentNode.appendChild(twin);
          texts[1].setAttribute("x", -400);
          texts[1].querySelectorAll("tspan").forEach((t) => t.setAttribute("x", -400));
        }"""
    )
    measured = measure(page)
    assert collisions(measured), "a label drawn over its twin went unnoticed"
    assert outside(measured), "a label pushed off the map went unnoticed"
