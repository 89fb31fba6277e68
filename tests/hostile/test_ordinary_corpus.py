"""Ordinary pages of the hostile corpus (issue 11, item 11): never the cjm error box;
front matter no parser should see is left out, never shown as text."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import CorpusSite

BOX = 'class="admonition failure cjm-errors"'


@pytest.mark.parametrize("page", ["r/deep-balanced", "o/deep"])
def test_front_matter_too_deep_for_any_parser_is_left_out(
    corpus_site: CorpusSite, page: str
) -> None:
    for built in (corpus_site.plain, corpus_site.strict):
        html = built.page(f"{page}/index.html")
        assert BOX not in html
        assert "[[[[" not in html
        assert "The author's text stays." in html


@pytest.mark.parametrize(
    "page",
    ["o/anchors", "o/laughs", "o/big", "o/repeated", "o/dated", "o/unparsable", "fm/type-other"],
)
def test_ordinary_pages_never_get_the_error_box(corpus_site: CorpusSite, page: str) -> None:
    html = corpus_site.plain.page(f"{page}/index.html")
    assert BOX not in html and "The author's text stays." in html


def test_yaml_mkdocs_cannot_read_is_shown_as_mkdocs_shows_it(corpus_site: CorpusSite) -> None:
    assert "[Draft" in corpus_site.plain.page("o/unparsable/index.html")


@pytest.mark.parametrize("page", ["fm/type-list", "fm/type-block"])
def test_a_type_that_is_not_one_word_shows_the_error_box(
    corpus_site: CorpusSite, page: str
) -> None:
    html = corpus_site.plain.page(f"{page}/index.html")
    assert BOX in html and "The author's text stays." in html
