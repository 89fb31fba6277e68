"""The plugin's `downloads` option: files beside each map, links that reach them, same bytes."""

from __future__ import annotations

import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from cjm_mkdocs import plugin as plugin_module
from PIL import Image
from pypdf import PdfReader

from cjm_site import cache as cache_module
from tests.sitebuild import CHANNELS, JOURNEY, PERSONA, SPINE, build_site, run_mkdocs, write_site

PAGES = {
    "personas/eva-molin.md": PERSONA,
    "journeys/pizza.md": JOURNEY,
    "journeys/other.md": JOURNEY.replace("Pizza night", "Other night"),
}
ALL = {"spine": SPINE, "channels": CHANNELS, "downloads": ["svg", "png", "pdf"]}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and "cjm-download" in (found.get("class") or ""):
            self._open = {**found, "text": ""}
            self.links.append(self._open)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] = (self._open["text"] or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def _links(html: str) -> list[dict[str, str | None]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def _digests(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".svg", ".png", ".pdf", ".html")
    }


def test_default_offers_the_svg_only(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, PAGES))
    assert built.ok, built.warnings
    links = _links(built.page("journeys/pizza/index.html"))
    assert [link["href"] for link in links] == ["../../maps/pizza.svg"]
    assert not list((built.site / "maps").glob("*.png"))
    assert not list((built.site / "maps").glob("*.pdf"))


def test_each_chosen_file_exists_and_its_link_resolves(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, PAGES, plugin=ALL), strict=True)
    assert built.ok, built.warnings
    page_url = "journeys/pizza/index.html"
    links = _links(built.page(page_url))
    assert [Path(str(link["href"])).suffix for link in links] == [".svg", ".png", ".pdf"]
    for link in links:
        assert "download" in link
        # Each link's text names what it downloads (its accessible name).
        assert re.search(r"\b(SVG|PNG|PDF)\b", str(link["text"]))
        target = built.site / urljoin(page_url, str(link["href"]))
        assert target.is_file(), link
    png = Image.open(io.BytesIO((built.site / "maps/pizza.png").read_bytes()))
    assert png.format == "PNG" and png.width > 400
    reader = PdfReader(built.site / "maps/pizza.pdf")
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = page.extract_text()
    assert "Pizza night" in text and "Awareness" in text and "Order" in text
    # The other map has its own files.
    assert (built.site / "maps/other.pdf").is_file() and (built.site / "maps/other.png").is_file()


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    # No cache, so the second build draws everything again rather than reading it back.
    plugin = {**ALL, "cache": False}
    first = build_site(write_site(tmp_path / "a", PAGES, plugin=plugin))
    second = build_site(write_site(tmp_path / "b", PAGES, plugin=plugin))
    assert first.ok and second.ok
    one, two = _digests(first.site), _digests(second.site)
    assert {k for k in one if k.startswith("maps/") and k.endswith((".png", ".pdf"))} == {
        "maps/pizza.png",
        "maps/pizza.pdf",
        "maps/other.png",
        "maps/other.pdf",
    }
    assert one == two


def test_the_pdf_date_follows_source_date_epoch(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, PAGES, plugin={**ALL, "cache": False}))
    info = PdfReader(built.site / "maps/pizza.pdf").metadata
    assert info is not None
    assert str(info.get("/CreationDate", "")).removeprefix("D:").startswith("20261126")
    later = build_site(
        write_site(tmp_path / "later", PAGES, plugin={**ALL, "cache": False}), epoch="1798761600"
    )
    info = PdfReader(later.site / "maps/pizza.pdf").metadata
    assert info is not None and str(info.get("/CreationDate", "")).removeprefix("D:").startswith(
        "20270101"
    )


def test_a_warm_build_does_not_draw_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_site(tmp_path, PAGES, plugin=ALL)
    assert build_site(config).ok
    made: list[str] = []
    real = cache_module.BuildCache.fetch_bytes

    def counting(self: cache_module.BuildCache, key: str, make: object) -> bytes:
        def wrapped() -> bytes:
            made.append(key)
            return make()  # type: ignore[operator]

        return real(self, key, wrapped)

    monkeypatch.setattr(cache_module.BuildCache, "fetch_bytes", counting)
    before = (tmp_path / "site/maps/pizza.pdf").read_bytes()
    rebuilt = build_site(config)
    assert rebuilt.ok
    assert made == []
    assert (tmp_path / "site/maps/pizza.pdf").read_bytes() == before


def test_without_the_export_extra_the_build_warns_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> str | None:
        if name == "pdf":
            return "PDF export needs the cairosvg package (no module); install it with pip"
        return None

    monkeypatch.setattr(plugin_module, "unavailable", missing)
    built = build_site(write_site(tmp_path, PAGES, plugin=ALL))
    assert built.ok
    assert any("pdf" in w and "cairosvg" in w for w in built.cjm_warnings), built.warnings
    assert not (built.site / "maps/pizza.pdf").exists()
    assert (built.site / "maps/pizza.png").is_file()
    hrefs = [link["href"] for link in _links(built.page("journeys/pizza/index.html"))]
    assert hrefs == ["../../maps/pizza.svg", "../../maps/pizza.png"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (["svg", "gif"], "one of svg, png, pdf"),
        (["png", "png"], "once"),
        ({"svg": 1}, "a list of formats"),
    ],
)
def test_a_bad_downloads_setting_is_named(tmp_path: Path, value: object, words: str) -> None:
    result = run_mkdocs(write_site(tmp_path, PAGES, plugin={"downloads": value}))
    assert result.returncode != 0
    assert "'downloads'" in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_no_downloads_shows_no_links_and_keeps_the_svg(tmp_path: Path) -> None:
    built = build_site(write_site(tmp_path, PAGES, plugin={"downloads": []}))
    assert built.ok
    assert _links(built.page("journeys/pizza/index.html")) == []
    assert (built.site / "maps/pizza.svg").is_file()
