"""The catalogues: every language has every key, with the English label's placeholders."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest
from markupsafe import Markup

from cjm_site import i18n
from cjm_site.rendering import environment, format_emotion
from cjm_site.svg.geometry import signed
from cjm_site.vocabulary import ENGLISH, WORDS, current, speaking

TRANSLATIONS = [lang for lang in i18n.LANGUAGES if lang != "en"]


def test_the_shipped_languages_are_the_catalogues_in_the_package() -> None:
    assert set(i18n.available()) == set(i18n.LANGUAGES)
    for language in TRANSLATIONS:
        assert (
            resources.files("cjm_site")
            .joinpath("locale", language, "LC_MESSAGES", "cjm.po")
            .is_file()
        )


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_language_has_every_key_with_the_same_placeholders(language: str) -> None:
    texts = i18n.read_catalogue(language)
    assert i18n.missing_keys(language) == []
    assert set(texts) <= set(ENGLISH), set(texts) - set(ENGLISH)
    for key, english in ENGLISH.items():
        assert texts[key].strip(), key
        assert i18n.placeholders(texts[key]) == i18n.placeholders(english), (key, texts[key])
        # Spacing inside the label is the translator's; no stray markup or newlines.
        assert "\n" not in texts[key] and "<" not in texts[key], key


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translation_is_mostly_its_own_words(language: str) -> None:
    """A catalogue that copied English would pass the key check: it must not."""
    texts = i18n.read_catalogue(language)
    same = [
        k
        for k, english in ENGLISH.items()
        if texts[k] == english and re.search("[a-z]{4}", english)
    ]
    assert len(same) < len(ENGLISH) // 10, same


def test_every_plural_has_both_forms() -> None:
    for key in ENGLISH:
        if key.endswith(".one"):
            assert key[: -len("one")] + "other" in ENGLISH, key


def test_the_po_files_are_what_po_text_writes() -> None:
    """Deterministic files, English beside each key (regenerate with i18n.po_text)."""
    for language in TRANSLATIONS:
        shipped = (
            resources.files("cjm_site")
            .joinpath("locale", language, "LC_MESSAGES", "cjm.po")
            .read_text(encoding="utf-8")
        )
        assert shipped == i18n.po_text(language, i18n.read_catalogue(language))


@pytest.mark.parametrize(
    ("theme", "catalogue"),
    [("de", "de"), ("de-CH", "de"), ("pt_BR", "en"), ("JA", "ja"), (None, "en"), ("x!", "en")],
)
def test_a_theme_language_finds_its_catalogue(theme: str | None, catalogue: str) -> None:
    assert i18n.catalogue_language(i18n.normalise(theme)) == catalogue


def test_plural_forms_follow_the_language() -> None:
    fr = i18n.vocabulary("fr")
    assert fr.plural("count.stages", 0) == "0 étape"  # French: 0 is singular
    assert fr.plural("count.stages", 2) == "2 étapes"
    assert i18n.vocabulary("de").plural("count.maps", 1) == "1 Karte"
    assert i18n.vocabulary("ja").plural("count.maps", 1) == i18n.vocabulary("ja").plural(
        "count.maps", 5
    ).replace("5", "1")
    # A language without a catalogue reads English, by English plural rules.
    assert i18n.vocabulary("ar").plural("count.maps", 2) == "2 maps"


def test_dates_and_numbers_follow_the_locale() -> None:
    day = dt.date(2026, 11, 28)
    assert i18n.vocabulary("en").date(day) == "2026-11-28"
    assert i18n.vocabulary("de").date(day) == "28.11.2026"
    assert "2026" in i18n.vocabulary("ja").date(day) and "11" in i18n.vocabulary("ja").date(day)
    assert i18n.vocabulary("de").number(1234) == "1.234"
    with speaking(i18n.vocabulary("de")):
        assert format_emotion(0.5) == "+0,5" and signed(-1.5) == "−1,5"
    assert format_emotion(0.5) == "+0.5" and current() is WORDS


def test_labels_win_in_every_language_and_unknown_keys_are_reported() -> None:
    labels = {"lane.backstage": "Behind the counter", "count.stages.other": "{n} steps"}
    for language in ("en", "de", "ja"):
        words = i18n.vocabulary(language, labels)
        assert words.label("lane.backstage") == "Behind the counter"
        assert words.plural("count.stages", 3) == "3 steps"
    problems = i18n.check_labels({"lane.bakstage": "x", "count.maps.one": "{count} map"})
    assert any("'lane.bakstage'" in p and "did you mean 'lane.backstage'" in p for p in problems)
    assert any("'count.maps.one'" in p and "{n}" in p for p in problems)
    assert i18n.usable_labels({"lane.bakstage": "x", "count.maps.one": "{count} map"}) == {}


def test_templates_escape_values_but_keep_our_markup() -> None:
    env = environment([], i18n.vocabulary("de", {"journey.due": "fällig <b>{date}</b>"}))
    t = env.globals["t"]
    assert t("journey.due", date="<x>") == Markup("fällig &lt;b&gt;&lt;x&gt;&lt;/b&gt;")
    code = env.globals["code"]
    assert "<code>mkdocs</code>" in t("errors.fix", command=code("mkdocs"))
    assert env.globals["tn"]("count.stages", 2) == Markup("2 Stationen")
