from __future__ import annotations

import pytest

from cjm_site.escaping import clean_text, has_control, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " \x01javascript:alert(1)",
        "java\u200bscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "\\\\evil.example/x",
        "/\\evil.example/x",
        "",
        "   ",
    ],
)
def test_unsafe_links_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://intranet.example/r/1",
        "HTTP://x.example",
        "mailto:cx@example.org",
        "../notes.md",
        "research/interviews.pdf",
        "#stage-2",
        "?q=1",
    ],
)
def test_safe_links_are_kept(url: str) -> None:
    assert safe_url(url) == url


def test_clean_text_removes_controls_and_folds_space() -> None:
    assert clean_text("a\x0bb\x00c \t\n d\u2028") == "abc d\u2028".strip()
    assert clean_text("one\n\n two  \n", multiline=True) == "one\ntwo"
    assert has_control("x\x1by") and not has_control("x\ty\n")
    assert clean_text("Cafe\u0301") == "Café"  # NFC
