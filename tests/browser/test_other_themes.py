"""The mkdocs and readthedocs themes: a map fits the page and chips are no bullets.

Our styles hang off Material's content class; with another theme the plugin
wraps a page's content so they apply (issue 11, item 22). Each site is built,
opened from disk in Chromium, measured, and photographed for a person to look
at too (``tests/artifacts/theme-<name>.png``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from tests.browser.support import ARTIFACTS
from tests.sitebuild import JOURNEY, PERSONA, SPINE, build_site, write_site

pytestmark = pytest.mark.browser

WIDE = JOURNEY.replace(
    "stages:\n",
    "stages:\n" + "".join(f"  - name: Stage number {n}\n    emotion: 0\n" for n in range(12)),
)


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_a_map_scrolls_in_its_own_box_and_chips_are_no_bullets(
    tmp_path: Path, new_context: Callable[..., BrowserContext], theme: str
) -> None:
    config = write_site(
        tmp_path,
        {"index.md": "# Home\n", "p/eva-molin.md": PERSONA, "j/wide.md": WIDE},
        plugin={"theme_warning": False, "spine": SPINE},
        extra={"theme": {"name": theme}},
    )
    built = build_site(config, strict=True)
    assert built.ok and built.warnings == []
    page = new_context().new_page()
    page.goto((built.site / "j" / "wide" / "index.html").as_uri())
    measured = page.evaluate(
        """() => {
          const box = document.querySelector('.cjm-map__scroll');
          const chip = document.querySelector('.cjm-chip');
          return {
            overflow: getComputedStyle(box).overflowX,
            scrolls: box.scrollWidth > box.clientWidth,
            boxRight: box.getBoundingClientRect().right,
            pageWidth: document.documentElement.scrollWidth,
            viewport: innerWidth,
            bullet: getComputedStyle(chip).listStyleType,
            chipBorder: getComputedStyle(chip).borderTopStyle,
          };
        }"""
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"theme-{theme}.png"))
    assert measured["overflow"] == "auto" and measured["scrolls"]
    assert measured["pageWidth"] <= measured["viewport"]
    assert measured["boxRight"] <= measured["viewport"]
    assert measured["bullet"] == "none" and measured["chipBorder"] == "solid"
    # Those themes put a bullet on every item; our styled lists (a legend) have none.
    page.goto((built.site / "views" / "heatmap" / "index.html").as_uri())
    bullets = page.evaluate(
        """() => [...document.querySelectorAll('ul[class*="cjm-"] > li')]
                 .map(li => getComputedStyle(li).listStyleType)"""
    )
    assert bullets and set(bullets) == {"none"}
