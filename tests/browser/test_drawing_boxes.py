"""Every drawn map, in Chromium: no text leaves the map or its card, none touches another."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from cjm_site.checking import check_page
from cjm_site.cli import settings_of
from cjm_site.drawing import draw_journey
from cjm_site.reading import read_page
from tests.browser.support import REPO
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


# -- maps with several personas, phase bands and hypotheses (issue 14) ----------------

MAP_PAGES = [
    (REPO / "mkdocs.yml", "journeys/b2b-supplies.md"),
    (REPO / "mkdocs.yml", "journeys/broadband-move.md"),
    (REPO / "mkdocs.yml", "journeys/pizza-night-future.md"),
    (REPO / "tests" / "fixtures" / "stress-personas" / "mkdocs.yml", "journeys/dental-chair.md"),
]


def _drawn(config: Path, page_path: str) -> str:
    """The map of a page as its build draws it: the site's settings (spine, lanes) and
    its personas' names."""
    settings = settings_of(config)
    docs = config.parent / yaml.safe_load(config.read_text(encoding="utf-8"))["docs_dir"]
    checked = check_page(read_page(page_path, (docs / page_path).read_bytes()), settings)
    assert checked.journey is not None, checked.findings
    assert [f for f in checked.findings if f.level != "notice"] == []
    names = []
    for persona in checked.journey.persona_ids:
        front = (docs / "personas" / f"{persona}.md").read_text(encoding="utf-8")
        names.append(yaml.safe_load(front.split("---")[1])["name"])
    return draw_journey(
        checked.journey, settings, id_prefix="m", persona_names=names, picture_base=""
    )


@pytest.mark.parametrize(("config", "path"), MAP_PAGES, ids=lambda v: str(v).split("/")[-1])
def test_maps_with_several_personas_bands_and_hatching_keep_their_text_apart(
    page: Page, config: Path, path: str
) -> None:
    svg = _drawn(config, path)
    page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}")
    result = page.evaluate(BOXES_JS, page.query_selector("svg"))
    assert result["count"] > 5
    assert result["problems"] == [], path


def test_the_stress_map_draws_a_curve_per_persona_told_apart_without_colour(page: Page) -> None:
    svg = _drawn(*MAP_PAGES[-1])
    page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}")
    looks = page.evaluate(
        """() => Array.from(document.querySelectorAll('g.cjm-emotion path.cjm-persona-curve'))
             .map(p => [p.getAttribute('class'), getComputedStyle(p).stroke,
                        p.getAttribute('stroke-dasharray') || 'solid'])"""
    )
    by_persona = {css: (stroke, dash) for css, stroke, dash in looks}
    assert len(by_persona) == 4
    assert len({stroke for stroke, _ in by_persona.values()}) == 4  # four colours
    assert len({dash for _, dash in by_persona.values()}) == 4  # and four line styles
    shapes = page.evaluate(
        """() => Array.from(document.querySelectorAll('g.cjm-legend .cjm-persona-mark'))
             .map(m => m.tagName + (m.getAttribute('d') || '').replace(/[0-9.,-]/g, ''))"""
    )
    assert len(set(shapes)) == 4  # and four marker shapes
    bands = page.evaluate("() => document.querySelectorAll('g.cjm-phases rect').length")
    assert bands == 8  # consecutive stages of one phase share a band (12 stages, 8 runs)
    assert page.evaluate("() => !!document.querySelector('path.cjm-hatch')")


# -- the blueprint, storyboard and the site's own lanes (issue 14) -----------------------

STRESS = REPO / "tests" / "fixtures" / "stress-blueprint"
NEW_MAPS = [
    (REPO / "mkdocs.yml", "journeys/clinic-test-results.md"),
    (REPO / "mkdocs.yml", "journeys/app-first-use.md"),
    (REPO / "mkdocs.yml", "journeys/bank-account-in-branch.md"),
    (STRESS / "mkdocs.yml", "journeys/stress.md"),
    # Everything at once: four personas with values of their own, phases and a
    # hypothesis on the same blueprint, pictures and lanes.
    (STRESS / "mkdocs.yml", "journeys/stress-all.md"),
]


@pytest.mark.parametrize(("config", "page_path"), NEW_MAPS, ids=lambda v: str(v).split("/")[-1])
def test_blueprint_storyboard_and_own_lanes_keep_their_text_apart(
    page: Page, config: Path, page_path: str
) -> None:
    svg = _drawn(config, page_path)
    page.set_content(f"<!doctype html><meta charset=utf-8><body style='margin:0'>{svg}")
    result = page.evaluate(BOXES_JS, page.query_selector("svg"))
    assert result["count"] > 20
    assert result["problems"] == [], page_path
    # The storyboard's pictures stay inside their frames, whatever their proportions.
    frames = page.evaluate(
        """(svg) => [...svg.querySelectorAll('.cjm-storyboard image')].map((img) => {
             const frame = img.previousElementSibling.getBBox(), b = img.getBBox();
             return b.x >= frame.x && b.y >= frame.y && b.x + b.width <= frame.x + frame.width
               && b.y + b.height <= frame.y + frame.height; })""",
        page.query_selector("svg"),
    )
    assert all(frames)
