"""Full-page screenshots in Material's light and dark palettes, for people to look at.

They land in tests/artifacts/ (git-ignored). The test also asserts what a
picture can betray without a person: the PNG is not blank, the dark palette
really is active, and the map's cards follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import ARTIFACTS, ServedSite, open_page, richest_journey

pytestmark = pytest.mark.browser

MIN_PNG_BYTES = 20_000
SCHEMES = {"light": "default", "dark": "slate"}

# Computed colours of the map's parts: what a palette switch must change.
MAP_COLOURS_JS = """
(svg) => {
  const fill = (selector) => {
    const el = svg.querySelector(selector);
    return el ? getComputedStyle(el).fill : null;
  };
  const text = svg.querySelector(".cjm-t");
  const frame = svg.closest(".cjm-map__scroll");
  return {
    card: fill("[class*='cjm-card-']"),
    background: fill(".cjm-bg"),
    ink: text ? getComputedStyle(text).fill : null,
    frame: frame ? getComputedStyle(frame).backgroundColor : null,
  };
}
"""


def shoot(page: Page, name: str, *, full_page: bool = True) -> int:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    size = path.stat().st_size
    assert size > MIN_PNG_BYTES, f"{path} is only {size} bytes: a blank page?"
    return size


def test_screenshots_in_both_palettes(
    new_context: Callable[..., BrowserContext], example_site: ServedSite, hard_site: ServedSite
) -> None:
    journey = richest_journey(example_site)
    persona = max(example_site.personas, key=lambda p: len(p["journeys"]))
    pages = {
        f"journey-{journey['id']}": example_site.at(journey["url"]),
        f"persona-{persona['id']}": example_site.at(persona["url"]),
        "catalogue": example_site.at("catalogue/"),
        "hard-journey": hard_site.at("journeys/dinner-in-four-languages/"),
        "hard-sparse-journey": hard_site.at("journeys/two-moods/"),
    }
    colours: dict[str, dict[str, dict[str, Any]]] = {}
    for palette, scheme in SCHEMES.items():
        page = new_context(color_scheme=palette).new_page()
        for name, url in pages.items():
            open_page(page, url)
            active = page.locator("body").get_attribute("data-md-color-scheme")
            assert active == scheme, (
                f"{url}: palette {active!r} with prefers-color-scheme {palette}"
            )
            if page.locator("figure.cjm-map svg").count():
                svg = page.locator("figure.cjm-map svg").first
                colours.setdefault(name, {})[palette] = svg.evaluate(MAP_COLOURS_JS)
            shoot(page, f"{name}-{palette}")

    # The whole map, unclipped by its scrolling frame: the standalone .svg file
    # in a viewport of its size (a full-page shot of an SVG document hangs).
    page = new_context().new_page()
    for name, site, svg_url in (
        ("map-" + journey["id"], example_site, journey["svg"]),
        ("map-hard", hard_site, "maps/dinner-in-four-languages.svg"),
    ):
        open_page(page, site.at(svg_url))
        box = page.evaluate(
            "(() => { const r = document.documentElement.getBoundingClientRect();"
            " return {width: Math.ceil(r.width), height: Math.ceil(r.height)}; })()"
        )
        page.set_viewport_size(box)
        shoot(page, name, full_page=False)

    print("\nmap colours, light vs dark:")
    for name, by_palette in colours.items():
        print(f"  {name}: {by_palette}")
    unchanged = [
        f"{name}: {part} stays {by_palette['light'][part]} in the dark palette"
        for name, by_palette in colours.items()
        for part in ("card", "background")
        if by_palette["light"][part] is not None
        and by_palette["light"][part] == by_palette["dark"][part]
    ]
    assert any(c["light"]["card"] for c in colours.values()), "no map with cards was shot"
    assert not unchanged, "the map ignores Material's dark palette:\n" + "\n".join(unchanged)
