"""Every drawn map, in Chromium: no text leaves the map or its card, none touches another."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cjm_site.drawing import draw_journey
from tests.unit.test_drawing import hostile_journey, twelve_stage_journey
from tests.unit.test_layout import SETTINGS, rich_journey, sparse_journey

pytestmark = pytest.mark.browser

BOXES_JS = """
(svg) => {
  const view = svg.viewBox.baseVal, boxes = [], problems = [];
  const toSvg = svg.getScreenCTM().inverse();
  for (const text of svg.querySelectorAll('text')) {
    const b = text.getBBox(), m = toSvg.multiply(text.getScreenCTM());
    const corners = [[b.x, b.y], [b.x + b.width, b.y + b.height]].map(([x, y]) => {
      const p = svg.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(m); });
    boxes.push({x0: corners[0].x, y0: corners[0].y, x1: corners[1].x, y1: corners[1].y,
                text: text.textContent.slice(0, 30)});
  }
  for (const b of boxes)
    if (b.x0 < 0 || b.y0 < 0 || b.x1 > view.width || b.y1 > view.height)
      problems.push(['outside', b.text]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    if (a.x0 < c.x1 && c.x0 < a.x1 && a.y0 < c.y1 && c.y0 < a.y1)
      problems.push(['overlap', a.text, c.text]);
  }
  for (const card of svg.querySelectorAll('.cjm-cards > g')) {
    const shape = card.firstElementChild.getBBox();
    for (const text of card.querySelectorAll('text')) {
      const b = text.getBBox();
      if (b.x < shape.x || b.y < shape.y || b.x + b.width > shape.x + shape.width
          || b.y + b.height > shape.y + shape.height)
        problems.push(['overflows card', text.textContent.slice(0, 30)]);
    }
  }
  return {count: boxes.length, problems};
}
"""


@pytest.mark.parametrize(
    "make",
    [rich_journey, twelve_stage_journey, sparse_journey, hostile_journey],
    ids=lambda f: f.__name__,
)
def test_no_text_leaves_the_map_its_card_or_touches_another_text(page: Page, make) -> None:  # type: ignore[no-untyped-def]
    journey = make()
    svg = draw_journey(journey, SETTINGS, id_prefix="m")
    page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}")
    result = page.evaluate(BOXES_JS, page.query_selector("svg"))
    assert result["count"] > 5
    assert result["problems"] == [], journey.title
