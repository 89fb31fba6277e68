"""The example storyboard in Chromium: pictures load, fit their frames and open full size."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import ServedSite, open_page

pytestmark = pytest.mark.browser


def test_storyboard_pictures_load_and_open_full_size(page: Page, example_site: ServedSite) -> None:
    open_page(page, example_site.at("journeys/app-first-use/"))
    loaded = page.evaluate(
        """() => Promise.all([...document.querySelectorAll('.cjm-storyboard image')].map((img) =>
             new Promise((done) => { const probe = new Image();
               probe.onload = () => done(probe.naturalWidth > 0); probe.onerror = () => done(false);
               probe.src = img.href.baseVal; })))"""
    )
    assert len(loaded) == 5 and all(loaded)
    # The table under the map links every picture by its text (the map is one image).
    links = page.locator(".cjm-table .cjm-pictures a")
    assert links.count() == 5
    assert (links.first.text_content() or "").startswith("The app's store page")
    page.locator(".cjm-storyboard .cjm-picture").first.click()
    page.wait_for_url("**/journeys/app-first-use/store-listing.png")
