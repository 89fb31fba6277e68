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


# -- bidirectional controls (issue 11, item 14) --------------------------------------


def test_displayed_text_loses_reordering_controls_and_keeps_marks() -> None:
    from cjm_site.escaping import reordering_controls

    text = "Pay \u202eyap\u202c \u2066x\u2069 طلب\u200f"
    assert clean_text(text) == "Pay yap x طلب\u200f"
    assert reordering_controls(text) == ["\u202e", "\u202c", "\u2066", "\u2069"]
    assert clean_text("שלום עולם") == "שלום עולם"


def test_bidi_helpers() -> None:
    from cjm_site.escaping import bidi_controls, code_points, neutral

    assert bidi_controls("a\u200eb\u202ec\u200e") == ["\u200e", "\u202e"]
    assert neutral("exe.\u202egpj") == "exe.\\u202egpj"
    assert code_points("e\u0301") == "U+0065 U+0301"
    assert code_points(["\u202e"], names=True) == "U+202E (RIGHT-TO-LEFT OVERRIDE)"


def test_messages_never_carry_raw_bidi_controls() -> None:
    from cjm_site.model import Finding

    finding = Finding("p.md", 1, "stages[0].x\u202e", "unknown key 'x\u202e'")
    assert "\u202e" not in str(finding)
    assert str(finding) == "p.md:1: stages[0].x\\u202e: unknown key 'x\\u202e'"


def test_html_values_keep_shared_values_shared() -> None:
    from cjm_site.escaping import html_values

    shared = ["<b>"]
    escaped = html_values({"a": shared, "b": shared})
    assert escaped["a"] == ["&lt;b&gt;"] and escaped["a"] is escaped["b"]
