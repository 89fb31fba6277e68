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


# -- Markdown ------------------------------------------------------------------

import markdown  # noqa: E402

from cjm_site.escaping import markdown_text  # noqa: E402


@pytest.mark.parametrize(
    "text",
    [
        "*bold* _it_ `code` [link](https://x.example) ![img](x.png)",
        "<script>alert(1)</script> &amp; &lt;",
        "a | b || c",
        "# not a heading #",
        "~~struck~~ {: .class } \\ backslash",
        "Café & Straße: 日本語 🍕",
    ],
)
def test_markdown_text_reads_back_as_written(text: str) -> None:
    html = markdown.markdown(f"# {markdown_text(text)}", extensions=["tables", "attr_list"])
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert html == f"<h1>{expected}</h1>".replace("~", "&#126;")


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c"])
def test_markdown_text_stays_on_its_line(brk: str) -> None:
    assert markdown_text(f"one{brk}# two") == "one \\# two"


def test_markdown_text_keeps_a_table_cell_whole() -> None:
    row = f"| {markdown_text('a|b')} | c |"
    html = markdown.markdown(f"| x | y |\n|---|---|\n{row}", extensions=["tables"])
    assert html.count("<td>") == 2 and "a|b" in html
