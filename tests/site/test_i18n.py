"""The example handbook in another language: no English word of ours left on its pages.

The English strings come from the catalogue itself (``ENGLISH``), never from a
list here: every label whose translation differs from English must not show
up in a built page, in text or in an attribute readers meet (``aria-label``,
``title``, ``alt``, ``placeholder``, the strings the scripts show). Author text
(the example's front matter and ``mkdocs.yml``, which are English) is told
apart by its source: a text that is part of what the author wrote is theirs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from cjm_site import i18n
from cjm_site.vocabulary import ENGLISH, current
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, REPO, _env, build_site, write_site

pytestmark = pytest.mark.slow

READ_ATTRIBUTES = frozenset(
    {
        "title",
        "aria-label",
        "alt",
        "placeholder",
        "data-label",
        "data-cjm-said",
        "data-cjm-showing",
        "data-cjm-back",
    }
)
"""Attributes whose values readers meet (read aloud, shown as tooltips or by the scripts)."""


class _Texts(HTMLParser):
    """Every text node and readable attribute value, outside code, scripts and styles."""

    SKIP = frozenset({"script", "style", "code", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping.append(tag)
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def texts_of(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


@cache
def author_text() -> str:
    """Everything the example's authors wrote that pages show: maps, personas, settings."""
    parts = [(REPO / "mkdocs.yml").read_text(encoding="utf-8")]
    for folder in ("journeys", "personas"):
        parts.extend(
            p.read_text(encoding="utf-8") for p in sorted((REPO / "content" / folder).rglob("*.md"))
        )
    # MkDocs names a folder's navigation section after the folder ("personas" -> "Personas").
    parts.extend(
        d.name.replace("-", " ").capitalize() for d in (REPO / "content").iterdir() if d.is_dir()
    )
    return " ".join(" ".join(parts).split())


COUNTS = frozenset({"n", "shown", "total", "first", "last", "percent"})
"""Placeholders that are always numbers."""


def _pattern(english: str) -> re.Pattern[str]:
    """The English label as a pattern of whole words: a count matches a number,
    any other placeholder any text."""
    parts = re.split(r"\{([a-z_]+)\}", " ".join(english.split()))
    pattern = "".join(
        re.escape(part) if index % 2 == 0 else (r"[\d.,]+" if part in COUNTS else ".+?")
        for index, part in enumerate(parts)
    )
    return re.compile(rf"(?<!\w){pattern}(?!\w)")


def english_left(texts: list[str], language: str) -> list[tuple[str, str, str]]:
    """(key, English label, text) for every English label of ours found in ``texts``.

    A label of one or two words without placeholders must be a whole text to
    count ("Tag" is a German word too); a longer one counts anywhere in a text.
    Labels the language writes the same way as English are not English leftovers.
    """
    translated = i18n.read_catalogue(language)
    own = {" ".join(t.split()) for t in translated.values()}
    found = []
    for key, english in ENGLISH.items():
        words = " ".join(english.split())
        if translated.get(key, english) == english or words in own:
            continue
        whole = "{" not in english and len(words.split()) <= 2
        pattern = _pattern(english)
        for text in texts:
            hit = text == words if whole else pattern.search(text) is not None
            if hit and text not in own and text not in author_text():
                found.append((key, english, text))
    return found


def _pages(site: Path) -> Iterator[Path]:
    """A journey page and a persona page of every kind, the catalogue and every view."""
    yield from sorted((site / "journeys").glob("*/index.html"))
    yield from sorted((site / "personas").glob("*/index.html"))
    yield site / "catalogue" / "index.html"
    yield from sorted((site / "views").rglob("index.html"))


@pytest.fixture(scope="module", params=["de", "ja"])
def translated_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    language = request.param
    site_dir = tmp_path_factory.mktemp(f"site-{language}")
    with _env({"SOURCE_DATE_EPOCH": FIXED_EPOCH, "NO_MKDOCS_2_WARNING": "1"}):
        config = load_config(
            str(REPO / "mkdocs.yml"),
            strict=True,
            site_dir=str(site_dir),
            theme={"name": "material", "font": False, "language": language},
        )
        build(config)
    return language, site_dir


def test_no_english_ui_string_is_left(translated_site: tuple[str, Path]) -> None:
    language, site = translated_site
    pages = list(_pages(site))
    assert len(pages) > 10  # journeys, personas, the catalogue, the views and their pages
    assert any("views/backlog" in str(p) for p in pages) and any("compare" in str(p) for p in pages)
    left = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html
        found = english_left(texts_of(html), language)
        if found:
            left[str(page.relative_to(site))] = found[:5]
    assert not left, left


def test_the_pages_speak_the_language(translated_site: tuple[str, Path]) -> None:
    """The check above can fail: the translated words are there, and so is the English
    of a page built in English (the same function finds it)."""
    language, site = translated_site
    words = i18n.vocabulary(language)
    journey = next((site / "journeys").glob("*/index.html")).read_text(encoding="utf-8")
    for key in ("lane.touchpoints", "journey.stage-by-stage", "journey.as-table", "map.legend"):
        assert str(words.label(key)) in journey, key
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<h1[^>]*>{re.escape(words.label('catalogue.title'))}", catalogue)
    english_page = journey.replace(
        words.label("journey.stage-by-stage"), ENGLISH["journey.stage-by-stage"]
    )
    assert english_left(texts_of(english_page), language)


def test_dates_numbers_and_the_csv_follow_the_language(translated_site: tuple[str, Path]) -> None:
    language, site = translated_site
    words = i18n.vocabulary(language)
    backlog = (site / "views" / "backlog" / "index.html").read_text(encoding="utf-8")
    today = words.date(__import__("datetime").date(2026, 11, 26))
    assert today != "2026-11-26" and today in backlog
    rows = list(
        csv.reader(io.StringIO((site / "views" / "backlog.csv").read_text(encoding="utf-8-sig")))
    )
    assert rows[0][1] == words.label("csv.map") and rows[0][1] != "map"
    assert current().language == "en"  # the build handed English back at its end


def test_labels_override_any_label_in_two_languages(tmp_path: Path) -> None:
    labels = {
        "lane.backstage": "Hinter der Theke",
        "catalogue.title": "Unsere Reisen",
        "count.stages.other": "{n} Schritte",
        "lane.touchpoints": "Kontakt!",
    }
    for language in ("de", "fr"):
        root = tmp_path / language
        journey = JOURNEY.replace(
            "  - name: Order\n",
            "  - name: Order\n    backstage: [Oven]\n    touchpoints: [{name: App, channel: web}]\n",
        )
        config = write_site(
            root,
            {"people/eva-molin.md": PERSONA, "maps/pizza.md": journey},
            plugin={"labels": {**labels, "lane.bakstage": "typo"}},
            extra={"theme": {"name": "material", "font": False, "language": language}},
        )
        built = build_site(config)
        assert built.ok
        page = built.page("maps/pizza/index.html")
        assert "Hinter der Theke" in page and "Kontakt!" in page and "2 Schritte" in page
        words = i18n.vocabulary(language)
        # The language's own word is replaced in the table's header, the rest speaks the language.
        assert '<th scope="col">Hinter der Theke</th>' in page
        assert f'<th scope="col">{words.label("lane.backstage")}</th>' not in page
        assert f'<th scope="col">{words.label("lane.emotion")}</th>' in page
        assert "Unsere Reisen" in built.page("catalogue/index.html")
        assert any("'lane.bakstage'" in w and "'lane.backstage'" in w for w in built.cjm_warnings)


def test_a_right_to_left_site_keeps_the_map_left_to_right(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"people/eva-molin.md": PERSONA, "maps/pizza.md": JOURNEY.replace("Order", "طلب")},
        extra={"theme": {"name": "material", "font": False, "language": "ar"}},
    )
    built = build_site(config)
    assert built.ok, built.warnings
    page = built.page("maps/pizza/index.html")
    assert 'dir="rtl"' in page
    start = page.index('class="cjm-journey-map"')
    svg = page[page.rindex("<svg", 0, start) : page.index(">", start)]
    assert 'direction="ltr"' in svg
    assert ENGLISH["journey.stage-by-stage"] in page  # no Arabic catalogue: English words


def test_mkdocs_own_theme_follows_its_locale(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"people/eva-molin.md": PERSONA, "maps/pizza.md": JOURNEY},
        plugin={"theme_warning": False},
        extra={"theme": {"name": "mkdocs", "locale": "fr"}},
    )
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    page = built.page("maps/pizza/index.html")
    words = i18n.vocabulary("fr")
    assert str(words.label("journey.stage-by-stage")) in page
    assert ENGLISH["journey.stage-by-stage"] not in page
