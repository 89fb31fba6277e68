from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjm_site.scaffold import slug as page_slug
from cjm_site.slugs import clashes, html_id, map_file_name, slugify, with_digest
from cjm_site.views.backlog import slugify as owner_slug


def test_strasse_slugs_one_way_everywhere() -> None:
    # It used to give "strae" for owner pages and "strasse" for new pages.
    assert slugify("Straße") == "strasse"
    assert slugify("Straße", ascii_only=True) == "strasse"
    assert owner_slug("Straße") == page_slug("Straße") == "strasse"


def test_cjk_keeps_its_letters_and_dakuten() -> None:
    name = slugify("日本語のジャーニー")
    assert name == "日本語のジャーニー"
    assert unicodedata.is_normalized("NFC", name)
    assert "ジ" in name  # U+30B8: the dakuten is kept (NFKD split it off and dropped it)
    assert page_slug("日本語のジャーニー") == "日本語のジャーニー"


def test_scripts_with_marks_stay_whole() -> None:
    assert slugify("हिन्दी पृष्ठ") == "हिन्दी-पृष्ठ"


def test_right_to_left_text_is_kept_and_controls_dropped() -> None:
    assert slugify("שלום עולם") == "שלום-עולם"
    assert slugify("مرحبا بالعالم") == "مرحبا-بالعالم"
    assert slugify("abc\u202edef\u2066") == "abc-def"


def test_emoji_are_separators() -> None:
    assert slugify("🍕 Pizza night 🎉") == "pizza-night"
    assert slugify("🍕🎉") == ""
    assert slugify("🍕", fallback="page") == "page"


def test_empty_and_punctuation_only_give_the_fallback() -> None:
    assert slugify("") == ""
    assert slugify("", fallback="map") == "map"
    assert slugify(" - . / ", fallback="x") == "x"


def test_ascii_only_drops_accents_and_other_scripts() -> None:
    assert slugify("Café Crème", ascii_only=True) == "cafe-creme"
    assert slugify("日本", ascii_only=True) == ""
    assert html_id("Über uns!") == "uber-uns"


def test_never_starts_or_ends_with_a_separator_or_dot() -> None:
    assert slugify("..hidden..", keep=".") == "hidden"
    assert slugify("-a-", keep="-") == "a"
    assert slugify("abc def", max_length=4) == "abc"
    assert slugify("abc def", max_length=4, from_end=True) == "def"


def test_map_file_names_match_the_old_rule_for_valid_ids() -> None:
    # The rule the plugin and the comparisons view used: same names, same URLs.
    def old(journey_id: str) -> str:
        return re.sub(r"[^\w.-]+", "-", journey_id).strip("-.") or "map"

    for journey_id in ("pizza-night", "Pizza_Night.v2", "a--b", "a b", "a#b", "x.", "日本"):
        assert map_file_name(journey_id) == old(journey_id)


def test_slugs_that_meet_are_found() -> None:
    ids = ["a-b", "a b", "a#b", "a?b", "a&b", "c", "A-B"]
    assert clashes(ids, map_file_name) == [("a-b", "a b", "a#b", "a?b", "a&b", "A-B")]
    assert clashes(["x", "y", "x"], map_file_name) == []


def test_with_digest_tells_apart_what_slugs_alike() -> None:
    assert with_digest("a-b", "a b") != with_digest("a-b", "a-b")
    assert with_digest("", "🍕").isalnum()


@given(st.text(max_size=40))
def test_slugs_are_clean_whatever_the_text(text: str) -> None:
    for variant in (slugify(text), slugify(text, ascii_only=True), map_file_name(text)):
        assert not variant.startswith(("-", ".")) and not variant.endswith(("-", "."))
        assert "/" not in variant and "\\" not in variant and "\n" not in variant
        assert unicodedata.is_normalized("NFC", variant)
    # Only a kept "-" may double: the separator itself never does.
    assert "--" not in slugify(text) and "--" not in slugify(text, ascii_only=True)
    assert slugify(text, ascii_only=True).isascii()


@given(st.lists(st.text(max_size=12), max_size=8))
def test_clashes_are_exactly_the_slugs_that_meet(texts: list[str]) -> None:
    groups = clashes(texts, slugify)
    seen = {t for g in groups for t in g}
    for text in set(texts) - seen:
        others = {slugify(t).casefold() for t in set(texts) - {text}}
        assert slugify(text).casefold() not in others
    for group in groups:
        assert len({slugify(t).casefold() for t in group}) == 1


@pytest.mark.parametrize("text", ["Food & Beverage", "Küche"])
def test_owner_slugs_keep_their_readable_form(text: str) -> None:
    assert owner_slug(text) in ("food-beverage", "kuche")


@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
    st.sampled_from(["", "._-", "."]),
)
def test_the_ascii_short_cut_agrees_with_the_general_rule(text: str, keep: str) -> None:
    from cjm_site.slugs import _ascii_pattern, _slug_of_any_script

    fast = _ascii_pattern(keep).sub("-", text).strip("-.")
    assert fast == _slug_of_any_script(text, keep, ascii_only=False).strip("-.")
    assert fast == _slug_of_any_script(text, keep, ascii_only=True).strip("-.")
