"""Real sites in a real browser: build each handbook once, serve it, drive Debian's Chromium.

Every site here is built by ``mkdocs build`` with the Material theme into a
temp folder and served by ``http.server`` on 127.0.0.1 (an ephemeral port).
The browser is the system Chromium (``make browser-deps``), never a download.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.support import CHROMIUM_ARGS, DESKTOP, HARD_MAP, REPO, Build, ServedSite, serve


@pytest.fixture(scope="session")
def _builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Build]]:
    """Both handbooks build in parallel on first use: two cores, two builds."""
    root = tmp_path_factory.mktemp("sites")
    builds = {
        "example": Build(REPO / "mkdocs.yml", root / "example"),
        "hard": Build(HARD_MAP / "mkdocs.yml", root / "hard"),
    }
    try:
        yield builds
    finally:
        for build in builds.values():
            build.stop()


@pytest.fixture(scope="session")
def example_site(_builds: dict[str, Build]) -> Iterator[ServedSite]:
    """The repository's own example handbook (mkdocs.yml, content/), built and served."""
    yield from serve(_builds["example"].wait())


@pytest.fixture(scope="session")
def hard_site(_builds: dict[str, Build]) -> Iterator[ServedSite]:
    """tests/fixtures/hard-map: RTL, CJK, emoji, long labels, a near-empty map."""
    yield from serve(_builds["hard"].wait())


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("no `chromium` on PATH; run `make browser-deps`", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(chromium: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts with any options (viewport, colour scheme, no JS); all closed after."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**options)
        contexts.append(context)
        return context

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A fresh page at 1280 px in a context of its own."""
    return new_context().new_page()
