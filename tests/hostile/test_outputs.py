"""What the hostile corpus leaves in the built site: nothing leaks, nothing breaks out.

Messages are checked in ``test_corpus.py``; here the outcomes: what the pages,
maps, ``catalogue.json`` and CSV files hold, that the author's files are
untouched, that nothing from outside the docs folder reaches the site, and
that two builds are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import CorpusSite, snapshot
from tests.hostile.corpus import EVIL_TEXT, SECRET
from tests.hostile.markup import attributes, html_text_of, parse_html, parsed, svg_blocks

TEXT_SUFFIXES = (".html", ".svg", ".json", ".csv", ".xml")


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def our_text_files(site: Path) -> list[Path]:
    """Everything the build wrote as text (Material's own assets excluded)."""
    return [
        p
        for p in site_files(site)
        if p.suffix in TEXT_SUFFIXES and "assets" not in p.relative_to(site).parts
    ]


def catalogue(corpus_site: CorpusSite) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(corpus_site.plain.page("catalogue.json"))
    return data


def journey_json(corpus_site: CorpusSite, path: str) -> dict[str, Any]:
    return next(j for j in catalogue(corpus_site)["journeys"] if j["path"] == path)


# -- 1. Reading within bounds ----------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "kind", "raw"),
    [
        ("r/deep-flow", "journey", "[[[["),
        # r/deep-balanced is an ordinary page since issue 11 (test_ordinary_corpus.py).
        ("r/deep-block", "journey", "k: v"),
        ("r/laughs", "journey", "lol"),
        ("r/big", "journey", "xxxxxxxxxxxxxxxx"),
        ("r/many", "journey", "a,a,a,a"),
        ("r/unparsable", "journey", "[Kitchen"),
        ("r/two-docs", "journey", "--- second"),
    ],
)
def test_unreadable_front_matter_shows_the_problem_never_the_yaml(
    corpus_site: CorpusSite, page: str, kind: str, raw: str
) -> None:
    """MkDocs itself renders front matter it cannot parse as page text."""
    html = corpus_site.plain.page(f"{page}/index.html")
    assert 'class="admonition failure cjm-errors"' in html
    # (For a page whose type is unknown the heading reads "This page page ... its profile":
    # a wording fix for theme/cjm/errors.html is in the report.)
    assert f"This {kind} page has 1 problem" in html or kind == "page"
    assert "has 1 problem" in html
    assert raw not in html
    assert "The author's text stays." in html


def test_meta_is_never_read_from_the_body(corpus_site: CorpusSite) -> None:
    """After an empty block, or as MultiMarkdown lines, nothing is front matter to MkDocs:
    the title comes from the page, and `template: nothere.html` does not stop the build."""
    for page, title in (("r/second-block", "Second block"), ("r/multimarkdown", "Multimarkdown")):
        html = corpus_site.plain.page(f"{page}/index.html")
        assert re.findall(r"<title>(.*?)</title>", html) == [f"{title} - Test handbook"]


# -- 2. A strict YAML reading ---------------------------------------------------------


def test_yaml_1_1_values_stay_the_authors_text(corpus_site: CorpusSite) -> None:
    journey = journey_json(corpus_site, "y/yaml11.md")
    assert journey["id"] == "01234"
    assert (journey["title"], journey["owner"], journey["goal"]) == ("NO", "yes", "off")
    assert (journey["scenario"], journey["description"]) == ("1:30", "On")
    assert journey["tags"] == ["yes", "no", "01234", "1:30", ".nan"]
    assert [s["name"] for s in journey["stages"]] == ["NO", "1:30", "01234"]
    assert journey["stages"][0]["feeling"] == "off"
    assert journey["stages"][0]["metrics"] == [
        {"name": "Wait", "value": "1:30"},
        {"name": "Code", "value": "01234"},
    ]
    html = corpus_site.plain.page("y/yaml11/index.html")
    assert re.findall(r"<title>(.*?)</title>", html) == ["NO - Test handbook"]
    svg = corpus_site.plain.page("maps/01234.svg")
    assert "<title id=" in svg and ">NO</title>" in svg


def test_dates_are_checked_and_kept_as_iso_text(corpus_site: CorpusSite) -> None:
    journey = journey_json(corpus_site, "y/iso.md")
    assert (journey["updated"], journey["review_by"]) == ("2024-02-29", "2030-01-01")


def test_an_ordinary_page_with_values_yaml_cannot_construct_still_builds(
    corpus_site: CorpusSite,
) -> None:
    """2024-02-30 and a 5,000-digit number raised ValueError and stopped the whole build."""
    html = corpus_site.plain.page("y/notes/index.html")
    assert "Hostile page" in html


def test_catalogue_json_is_strict_json(corpus_site: CorpusSite) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in catalogue.json")

    for built in (corpus_site.plain, corpus_site.strict):
        json.loads(built.page("catalogue.json"), parse_constant=refuse)
    assert journey_json(corpus_site, "y/nan.md")["owner"] == ".nan"


def test_bom_crlf_and_old_mac_line_ends_are_read(corpus_site: CorpusSite) -> None:
    windows = journey_json(corpus_site, "y/windows.md")
    assert [s["name"] for s in windows["stages"]] == ["Start", "End"]
    assert [s["emotion"] for s in windows["stages"]] == [-1.0, 2.0]
    assert journey_json(corpus_site, "y/old-mac.md")["title"] == "Old Mac map"
    for path in our_text_files(corpus_site.plain.site):
        text = path.read_text(encoding="utf-8")
        if path.name == "backlog.csv":
            # One mark of our own, first, so spreadsheet programs read UTF-8; no author's.
            assert text.startswith("\ufeffid,") and text.count("\ufeff") == 1, path
            continue
        assert "\ufeff" not in text, path


# -- 3. One escaping path ---------------------------------------------------------------


def test_no_control_character_reaches_any_output(corpus_site: CorpusSite) -> None:
    controls = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    for path in our_text_files(corpus_site.plain.site):
        assert not controls.search(path.read_text(encoding="utf-8")), path


def test_every_map_is_xml_without_cdata_or_user_text_in_attributes(
    corpus_site: CorpusSite,
) -> None:
    maps = sorted((corpus_site.plain.site / "maps").glob("*.svg"))
    assert len(maps) >= 10
    for path in maps:
        text = path.read_text(encoding="utf-8")
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "<![CDATA[" not in text and "]]>" not in text, path
        assert root.find(".//{http://www.w3.org/2000/svg}a") is None, path  # no links at all
        for element in root.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (path, name)
                assert "href" not in name, (path, name)
                assert "]]" not in value and "{{" not in value and "<" not in value, (path, name)


def test_evil_text_is_shown_as_text_everywhere(corpus_site: CorpusSite) -> None:
    escaped = "x]]&gt;yz &lt;b&gt;&amp;amp;&lt;/b&gt; {{ 7*7 }}"
    for page in ("e/evil-journey", "e/evil-persona", "e/evil-persona-map", "catalogue"):
        html = corpus_site.plain.page(f"{page}/index.html")
        assert escaped in html, page
        assert "<b>&amp;</b>" not in html and "<b>" not in html, page
    svg = corpus_site.plain.page("maps/evil-journey.svg")
    assert f'-title">{escaped}</title>' in svg
    assert "<b>" not in svg and "{{ 7*7 }}" in svg
    journey = journey_json(corpus_site, "e/evil-journey.md")
    assert journey["title"] == journey["owner"] == journey["stages"][0]["name"] == EVIL_TEXT
    persona = next(p for p in catalogue(corpus_site)["personas"] if p["id"] == "evil-persona")
    assert persona["name"] == EVIL_TEXT


def test_markdown_and_html_in_fields_are_never_rendered(corpus_site: CorpusSite) -> None:
    html = corpus_site.plain.page("e/markdown/index.html")
    assert "Markdown **title**" in html
    assert "[click](javascript:alert(1))" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_no_page_has_an_unsafe_link_or_an_event_attribute(corpus_site: CorpusSite) -> None:
    from cjm_site.escaping import safe_url

    for path in sorted(corpus_site.plain.site.rglob("*.html")):
        if path.parent.name in ("second-block", "multimarkdown"):
            continue  # raw HTML from the Markdown body: test_raw_html_in_a_page_body...
        for tag, name, value in attributes(parsed(path)[0]):
            assert not name.lower().startswith("on"), (path, tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href", "poster", "data"):
                assert safe_url(value) is not None, (path, tag, name, value)


def test_a_status_cannot_break_out_of_the_navigation(corpus_site: CorpusSite) -> None:
    for path in sorted(corpus_site.plain.site.rglob("*.html")):
        assert "onerror=alert" not in path.read_text(encoding="utf-8"), path


def test_a_redirect_page_never_goes_to_a_script(corpus_site: CorpusSite) -> None:
    html = corpus_site.plain.page("e/redirect/index.html")
    assert "javascript:" not in html and "location.replace" in html


def test_front_matter_material_prints_raw_is_escaped(tmp_path: Path) -> None:
    from tests.sitebuild import build_site, write_site

    config = write_site(
        tmp_path, {"notes.md": "---\nrevision_date: '<img src=x onerror=alert(1)>'\n---\n# N\n"}
    )
    html = build_site(config).page("notes/index.html")
    assert "<img src=x onerror=alert(1)>" not in html


def test_csv_cells_cannot_start_a_formula(corpus_site: CorpusSite) -> None:
    for path in sorted(corpus_site.plain.site.rglob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path, cell)


# -- 4. Files and paths -------------------------------------------------------------------


def test_the_authors_files_are_never_written(corpus_site: CorpusSite) -> None:
    """Two builds (plain, --strict) later: same bytes, same times."""
    assert snapshot(corpus_site.docs) == corpus_site.before


def test_output_goes_only_into_the_site_folders(corpus_site: CorpusSite) -> None:
    top = sorted(p.name for p in corpus_site.root.iterdir())
    # The drawing cache lives beside mkdocs.yml by design (cache_dir, default .cache/cjm).
    assert [p.name for p in (corpus_site.root / ".cache").iterdir()] == ["cjm"]
    assert top == sorted(
        [
            ".cache",  # the drawing cache (cache_dir, set in mkdocs.yml; see below)
            "docs",
            "mkdocs.yml",
            "outside",
            "site",
            "site-strict",
            "strict.yml",
        ]
    )
    assert sorted(p.name for p in (corpus_site.root / "outside").rglob("*")) == [
        "dir",
        "key.png",
        "secret.png",
    ]
    # The cache holds drawings, checked pages, rendered blocks and compiled templates,
    # under hashed names in the folder the site owner's cache_dir decides; nothing an
    # author writes chooses a path there.
    cached = [p for p in (corpus_site.root / ".cache").rglob("*") if p.is_file()]
    assert cached
    names = [p.relative_to(corpus_site.root / ".cache").as_posix() for p in cached]
    entry = r"cjm/[0-9a-f]{2}/[0-9a-f]{62}\.(svgz|pagez|htmlz)"
    template = r"cjm/templates-[0-9a-f]{16}/__jinja2_[0-9a-f]{40}\.cache"
    assert [n for n in names if not re.fullmatch(f"{entry}|{template}", n)] == []
    assert {n.rsplit(".", 1)[1] for n in names} == {"svgz", "pagez", "htmlz", "cache"}


def test_nothing_from_outside_the_docs_folder_reaches_the_site(corpus_site: CorpusSite) -> None:
    for built in (corpus_site.plain, corpus_site.strict):
        for path in site_files(built.site):
            assert SECRET not in path.read_bytes(), path


def test_pictures_outside_the_docs_folder_are_not_shown(corpus_site: CorpusSite) -> None:
    for page in ("f/dotdot", "f/absolute", "f/percent"):
        html = corpus_site.plain.page(f"{page}/index.html")
        assert "cjm-errors" in html and "cjm-persona__img" not in html.split("cjm-errors")[1]
        assert "secret.png" not in html.split("</code>")[-1]
        assert "/etc/passwd" not in html.split("</code>")[-1]


def test_relative_source_links_point_at_the_built_pages(corpus_site: CorpusSite) -> None:
    html = corpus_site.plain.page("f/relative-links/index.html")
    sources = html[html.index('class="cjm-sources"') :].split("</div>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", sources) == [
        '<a href="../../personas/eva-molin/">Persona</a>',
        '<a href="../../personas/eva-molin/#backstory">Anchor</a>',
        "Missing",
        '<a href="#stage-1">Here</a>',
    ]


def test_ids_and_anchors_are_unique_and_never_empty(corpus_site: CorpusSite) -> None:
    for path in sorted(corpus_site.plain.site.rglob("*.html")):
        ids = [value for _, name, value in attributes(parsed(path)[0]) if name == "id"]
        assert "" not in ids, path
        assert len(ids) == len(set(ids)), (path, sorted({i for i in ids if ids.count(i) > 1}))
    html = corpus_site.plain.page("f/slugs/index.html")
    for number in range(1, 7):
        assert f'id="stage-{number}"' in html
    names = html_text_of(parse_html(html.encode()))
    for name in ("Buy / Pay", "Buy - Pay", "buy pay", "支払い", "الدفع", "!!!"):
        assert name in names


def test_ids_that_differ_in_accents_get_one_map(corpus_site: CorpusSite) -> None:
    maps = corpus_site.plain.site / "maps"
    assert (maps / "Café.svg").is_file()
    assert not (maps / "Cafe.svg").exists()


# -- 6. Limits ------------------------------------------------------------------------------


def test_long_text_is_cut_in_the_map_and_kept_whole_in_its_titles(
    corpus_site: CorpusSite,
) -> None:
    svg = corpus_site.plain.page("maps/long.svg")
    assert f'-title">{"W" * 10_000}</title>' in svg and "W" * 10_001 not in svg
    assert f"<title>{'S' * 10_000}</title>" in svg and "S" * 10_001 not in svg
    assert "S…</tspan>" in svg  # the stage's label, wrapped and cut short
    html = corpus_site.plain.page("m/long/index.html")
    table = html[html.index('class="abstract cjm-table"') :]
    assert "S" * 10_000 in table


# -- 7. Determinism --------------------------------------------------------------------------


def test_two_builds_are_byte_identical(corpus_site: CorpusSite) -> None:
    """The --strict build differs only in its exit: its files are the plain build's."""
    first, second = corpus_site.plain.site, corpus_site.strict.site
    names = [p.relative_to(first) for p in site_files(first)]
    assert names == [p.relative_to(second) for p in site_files(second)]
    different = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []


# -- 5 (HTML5 and XML): every page and map parses ----------------------------------------------


def inline_scripts(path: Path) -> list[str]:
    """The inline scripts of a page (Material's own: the baseline we add none to)."""
    tree = parsed(path)[0]
    return [el.text or "" for el in tree.iter("script") if not el.get("src")]


def test_every_page_parses_as_html5_without_errors_beyond_material(
    corpus_site: CorpusSite,
) -> None:
    site = corpus_site.plain.site
    baseline = {error for error, _ in parsed(site / "index.html")[1]}
    for path in sorted(site.rglob("*.html")):
        if path.parent.name in ("second-block", "multimarkdown"):
            continue  # raw HTML from the Markdown body: test_raw_html_in_a_page_body...
        found = {error for error, _ in parsed(path)[1]}
        assert found <= baseline, (path, found - baseline)
        if path.parent.name != "redirect":  # Material's redirect.html: one script of its own
            assert len(inline_scripts(path)) == len(inline_scripts(site / "index.html")), path
        for block in svg_blocks(path.read_text(encoding="utf-8")):
            ET.fromstring(block.encode("utf-8"))
