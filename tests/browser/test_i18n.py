"""The example handbook in German and Japanese, in a browser: the scripts speak the
page's language, and longer words fit their boxes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from cjm_site import i18n
from tests.browser.support import REPO, Build, ServedSite, open_page, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["de", "ja"])
def translated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ServedSite]]:
    language = request.param
    root = tmp_path_factory.mktemp(f"handbook-{language}")
    config = root / "mkdocs.yml"
    # The example handbook, with the theme's language set (INHERIT merges the theme).
    config.write_text(
        yaml.safe_dump(
            {
                "INHERIT": str(REPO / "mkdocs.yml"),
                "docs_dir": str(REPO / "content"),
                "theme": {"name": "material", "language": language},
            }
        ),
        encoding="utf-8",
    )
    build = Build(config, root / "site")
    try:
        site: Path = build.wait()
        for served in serve(site):
            yield language, served
    finally:
        build.stop()


def test_the_catalogue_filters_count_in_the_language(
    page: Page, translated: tuple[str, ServedSite]
) -> None:
    language, site = translated
    words = i18n.vocabulary(language)
    open_page(page, site.at("catalogue/"))
    total = len(site.journeys)
    expected = words.text("common.showing", shown=total, total=total)
    expect(page.locator("form[data-cjm-filters] output")).to_have_text(expected)
    assert "Showing" not in expected


def test_the_map_tools_speak_the_language(page: Page, translated: tuple[str, ServedSite]) -> None:
    language, site = translated
    words = i18n.vocabulary(language)
    open_page(page, site.at("journeys/pizza-night/"))
    full = page.locator("[data-cjm-full]")
    expect(full).to_have_text(words.label("journey.full-screen"))
    expect(page.locator(".cjm-map__zoom")).to_have_text(
        words.text("journey.zoom-said", percent=100)
    )
    full.click()
    expect(full).to_have_text(words.label("journey.back-to-page"))
    full.click()
    expect(full).to_have_text(words.label("journey.full-screen"))


OVERFLOWING_JS = """() => Array.from(document.querySelectorAll(
    '.cjm-journey *, .cjm-persona *, .cjm-catalogue *, .cjm-view *'))
  .filter((e) => !e.closest('.cjm-scroll, .cjm-map__scroll, .cjm-heat-scroll, svg, details'))
  .filter((e) => getComputedStyle(e).overflow === 'visible' && e.clientWidth > 0)
  .filter((e) => e.scrollWidth > e.clientWidth + 1)
  .map((e) => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("width", [1280, 390])
def test_longer_words_fit_their_boxes(
    page: Page, translated: tuple[str, ServedSite], width: int
) -> None:
    _, site = translated
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("journeys/pizza-night/", "catalogue/", "views/backlog/", "views/heatmap/"):
        open_page(page, site.at(path))
        assert page.evaluate(OVERFLOWING_JS) == [], path
