"""The helpers the hostile corpus found missing, one by one (no MkDocs build)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from cjm_site.checking import check_page, mkdocs_body
from cjm_site.escaping import html_values, leaves_docs, safe_url
from cjm_site.linking import check_theme_files, link, linked_out, outside_docs
from cjm_site.reading import read_page


def checked(path: str, source: str) -> object:
    return check_page(read_page(path, source.encode()))


@pytest.mark.parametrize(
    "url",
    [
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#0000106avascript:alert(1)",
        "javascript&colon;alert(1)",
        "java&Tab;script:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&amp;#106;avascript:alert(1)",
        "&amp;amp;#106;avascript:alert(1)",
    ],
)
def test_links_hidden_behind_character_references_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["a&b.md", "https://x.example/?a=1&amp;b=2", "notes&copy.md"])
def test_links_with_harmless_references_are_kept(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    ("url", "leaves"),
    [
        ("../x.md", False),
        ("../../x.md", True),
        ("/etc/passwd", True),
        ("%2e%2e/%2e%2e/x", True),
        ("..\\..\\x", True),
        ("&#46;&#46;/&#46;&#46;/x", True),
        ("#top", False),
        ("?q=../../..", False),
        ("a/../../x.md", False),
        ("a/../../../x.md", True),
    ],
)
def test_leaves_docs_reads_links_as_a_browser_would(url: str, leaves: bool) -> None:
    assert leaves_docs("journeys/map.md", url) is leaves


def test_default_ids_are_nfc_so_one_name_in_two_normal_forms_is_one_id() -> None:
    front = "---\ntype: journey\ntitle: T\nstages: [A]\n---\n"
    nfc = unicodedata.normalize("NFC", "j/Café.md")
    nfd = unicodedata.normalize("NFD", "j/Café.md")
    assert nfc != nfd
    site = link([checked(nfc, front), checked(nfd, front)])  # type: ignore[list-item]
    assert [str(f) for f in site.findings] == [
        f"{nfc}:2: id: the journey id 'Café' is already used by {nfd}; ids must be unique "
        "(the file names differ only in Unicode normalisation: U+00E9 here, U+0065 U+0301 there)"
    ]


def test_the_body_never_starts_with_something_mkdocs_reads_as_meta() -> None:
    assert mkdocs_body("---\ntitle: x\n---\n# A\n") == "\n---\ntitle: x\n---\n# A\n"
    assert mkdocs_body("title: x\n\n# A\n") == "\ntitle: x\n\n# A\n"
    assert mkdocs_body("# A\n\ntitle: x\n") == "# A\n\ntitle: x\n"
    assert mkdocs_body("") == ""


def test_meta_values_are_escaped_once_at_any_depth() -> None:
    meta = {"title": '<b>"x"</b>', "search": {"boost": 2}, "tags": ["a&b", 1, None], "ok": True}
    assert html_values(meta) == {
        "title": "&lt;b&gt;&quot;x&quot;&lt;/b&gt;",
        "search": {"boost": 2},
        "tags": ["a&amp;b", 1, None],
        "ok": True,
    }


def test_symbolic_links_out_of_the_docs_folder_are_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "in").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("s")
    (docs / "in" / "real.txt").write_text("r")
    os.symlink(tmp_path / "secret.txt", docs / "in" / "out.txt")
    os.symlink(docs / "in" / "real.txt", docs / "in" / "inside.txt")
    os.symlink(tmp_path, docs / "up")
    assert outside_docs(str(docs), "in/out.txt")
    assert not outside_docs(str(docs), "in/inside.txt")
    assert not outside_docs(str(docs), "in/real.txt")
    assert outside_docs(str(docs), "up/secret.txt")
    paths = ["in/inside.txt", "in/out.txt", "in/real.txt", "up/secret.txt"]
    assert [str(f) for f in linked_out(str(docs), paths)] == [
        "in/out.txt: is a symbolic link that leads outside the docs folder; "
        "it is neither read nor copied into the site",
        "up/secret.txt: is a symbolic link that leads outside the docs folder; "
        "it is neither read nor copied into the site",
    ]


def test_theme_files_that_do_not_exist_are_reported() -> None:
    pages = [
        checked("a.md", "---\ntemplate: main.html\nicon: material/x\n---\n"),
        checked("b.md", "---\ntemplate: nothere.html\nicon: material/nothere\n---\n"),
    ]
    known = {"main.html", ".icons/material/x.svg"}
    assert [str(f) for f in check_theme_files(pages, known.__contains__)] == [  # type: ignore[arg-type]
        "b.md: template: 'nothere.html' is not a template of the theme; "
        "the page is built with the theme's main template",
        "b.md: icon: 'material/nothere' is not an icon of the theme; the page is shown without it",
    ]


@pytest.mark.parametrize(
    "front",
    ["[" * 250_000, "[" * 125_000 + "]" * 125_000, "{a: " * 60_000, "- " * 120_000],
    ids=["open", "balanced", "flow-mapping", "block-sequence"],
)
def test_deep_nesting_is_refused(front: str) -> None:
    # How long the refusal takes: python -m tests.benchmarks.hostile (no timed asserts).
    page = read_page("p.md", f"---\n{front}\n---\n".encode())
    assert [str(f) for f in page.findings] == [
        "p.md:2: front matter is nested more than 24 levels deep"
    ]
