"""Handbooks live on closed intranets: a page may load nothing from anywhere but its own server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, Response

from tests.browser.support import ServedSite, richest_journey

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("data", "blob", "about")


def load_recording(page: Page, url: str) -> tuple[list[str], list[str]]:
    """Every URL the page requests while loading, and those answered with an error."""
    requested: list[str] = []
    failed: list[str] = []

    def on_request(request: Request) -> None:
        requested.append(request.url)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def on_failed(request: Request) -> None:
        failed.append(f"{request.failure} {request.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        page.goto(url, wait_until="networkidle")
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
    return requested, failed


def pages_of(site: ServedSite) -> dict[str, str]:
    persona = next(p for p in site.personas if p["url"])
    return {
        "journey": site.at(richest_journey(site)["url"]),
        "persona": site.at(persona["url"]),
        "catalogue": site.at("catalogue/"),
    }


@pytest.mark.parametrize("kind", ["journey", "persona", "catalogue"])
def test_page_loads_only_from_its_own_server(
    kind: str, page: Page, example_site: ServedSite
) -> None:
    url = pages_of(example_site)[kind]
    requested, failed = load_recording(page, url)
    assert requested, f"{url}: no request recorded"
    foreign = [
        u
        for u in requested
        if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != example_site.host
    ]
    assert not foreign, f"{url} requests outside {example_site.host}:\n" + "\n".join(foreign)
    assert not failed, f"{url}: requests that failed:\n" + "\n".join(failed)
