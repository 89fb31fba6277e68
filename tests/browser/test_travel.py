"""A journey page away from a desktop's first screen: a long map scrolled, zoomed and
seen alone, a phone, and paper.

The example handbook has no map longer than 8 stages, so a 16-stage map is
written into a small handbook of its own here and built like the others.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from tests.browser.support import ARTIFACTS, Build, ServedSite, open_page, richest_journey, serve
from tests.browser.test_a11y import OURS_JS, SEVERE, THEME_RULES, Audit, describe, run_axe

pytestmark = pytest.mark.browser

STAGES = 16
LONG = "journeys/long-way/"
SCROLL = "figure.cjm-map .cjm-map__scroll"
MIN_PRINT_PT = 7.0
WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _long_journey() -> str:
    lines = ["---", "type: journey", "id: long-way", "title: The long way", "kind: current-state"]
    lines.append("stages:")
    for i in range(1, STAGES + 1):
        lines += [
            f"  - name: Stage number {i}",
            f"    emotion: {(-2, -1, 0, 1, 2)[i % 5]}",
            f"    aspiration: {(0, 1, 1, 2, 2)[i % 5]}",
            f"    feeling: mood {i}",
            f"    actions: [Does thing {i}a, Does thing {i}b]",
            f"    thoughts: [Is this the right place, stage {i}?, What comes next?]",
            f"    pains: [Pain at stage {i}, A second pain, A third pain at stage {i}]",
            f"    metrics: {{Wait: {i} min, Drop-off: {i}%}}",
            f"    opportunities: [Idea for stage {i}]",
            f"    backstage: [System {i}]",
        ]
    return "\n".join([*lines, "---", "", "A sixteen-stage map.", ""])


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("long")
    (root / "docs" / "journeys").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Long map\n", encoding="utf-8")
    (root / "docs" / "journeys" / "long-way.md").write_text(_long_journey(), encoding="utf-8")
    config = "site_name: Long map\ndocs_dir: docs\ntheme: {name: material, font: false}\n"
    plugins = "plugins: [{cjm: {downloads: [svg, png, pdf]}}]\n"
    (root / "mkdocs.yml").write_text(config + plugins, encoding="utf-8")
    build = Build(root / "mkdocs.yml", root / "site")
    try:
        yield from serve(build.wait())
    finally:
        build.stop()


def _rect(page: Page, selector: str) -> dict[str, float]:
    box: dict[str, float] = page.locator(selector).first.evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
    )
    return box


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _visible_box(page: Page) -> dict[str, float]:
    """The scrolling frame's inner box (without scrollbars), in the viewport."""
    box: dict[str, float] = page.locator(SCROLL).evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return {left: r.left + el.clientLeft, top: r.top + el.clientTop,"
        " right: r.left + el.clientLeft + el.clientWidth,"
        " bottom: r.top + el.clientTop + el.clientHeight}; }"
    )
    return box


def test_labels_and_headers_stay_in_view_on_a_16_stage_map(
    new_context: Callable[..., BrowserContext], long_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE).new_page()
    open_page(page, long_site.at(LONG))
    page.locator(SCROLL).scroll_into_view_if_needed()
    page.locator(SCROLL).evaluate(
        "(el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; }"
    )
    page.wait_for_timeout(100)
    state = page.locator(SCROLL).evaluate(
        "(el) => ({left: el.scrollLeft, top: el.scrollTop,"
        " maxLeft: el.scrollWidth - el.clientWidth, maxTop: el.scrollHeight - el.clientHeight})"
    )
    assert state["left"] > 0 and abs(state["left"] - state["maxLeft"]) <= 1, state
    assert state["top"] > 0 and abs(state["top"] - state["maxTop"]) <= 1, state
    seen = _visible_box(page)
    column = _rect(page, ".cjm-map__sticky--column")
    head = _rect(page, ".cjm-map__sticky--head")
    # The label column is pinned to the frame's left edge, the header strip to its top.
    assert abs(column["left"] - seen["left"]) <= 1, (column, seen)
    assert abs(head["top"] - seen["top"]) <= 1, (head, seen)
    # The last lane's label (drawn in the column) is in the visible box...
    label = _rect(page, "svg.cjm-journey-map g[id$='-lane-backstage'] text")
    assert seen["top"] <= label["top"] and label["bottom"] <= seen["bottom"], (label, seen)
    assert label["right"] - label["left"] <= column["right"] - column["left"]
    # ...and so is the header of the stage at the right end, in the strip at the top.
    last = _rect(page, f"svg.cjm-journey-map g.cjm-stage[id$='-stage-{STAGES}']")
    assert seen["left"] < last["left"] and last["right"] <= seen["right"] + 1, (last, seen)
    assert head["bottom"] > seen["top"] and head["top"] <= seen["top"] + 1
    # The jump strip marks the stage at the left of the view.
    current = page.locator(".cjm-map__jump button[aria-current='true']")
    expect(current).to_have_count(1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.cjm-map").screenshot(path=str(ARTIFACTS / "travel-long-scrolled.png"))


def test_the_labels_are_views_of_the_map_hidden_from_assistive_technology(
    page: Page, long_site: ServedSite
) -> None:
    open_page(page, long_site.at(LONG))
    sticky = page.locator(".cjm-map__sticky")
    expect(sticky).to_have_count(3)
    for index in range(3):
        expect(sticky.nth(index)).to_have_attribute("aria-hidden", "true")
    # One image with a name; no second copy of its ids.
    expect(page.locator("svg.cjm-journey-map[role='img']")).to_have_count(1)
    duplicated = page.evaluate(
        "() => { const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id);"
        " return ids.filter((id, i) => ids.indexOf(id) !== i); }"
    )
    assert duplicated == []


def test_fit_to_width_shows_the_whole_map_across(
    new_context: Callable[..., BrowserContext], long_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE).new_page()
    open_page(page, long_site.at(LONG))
    before = _rect(page, "svg.cjm-journey-map")
    assert before["right"] - before["left"] > WIDE["width"], "the long map fits already"
    page.get_by_role("button", name="Fit to width").click()
    seen = _visible_box(page)
    after = _rect(page, "svg.cjm-journey-map")
    assert _inside({**after, "top": seen["top"], "bottom": seen["top"]}, seen), (after, seen)
    assert after["right"] <= WIDE["width"], after
    widths = page.locator(SCROLL).evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    expect(page.locator(".cjm-map__zoom")).to_contain_text("%")
    page.get_by_role("button", name="Actual size").click()
    assert _rect(page, "svg.cjm-journey-map")["right"] > WIDE["width"]


def _zoom(page: Page) -> int:
    text = page.locator(".cjm-map__zoom").inner_text()
    return int(text.split()[-1].rstrip("%"))


def test_every_control_works_by_keyboard(
    new_context: Callable[..., BrowserContext], long_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE).new_page()
    open_page(page, long_site.at(LONG))

    def press(name: str, key: str = "Enter") -> None:
        page.get_by_role("button", name=name, exact=True).focus()
        page.keyboard.press(key)

    assert _zoom(page) == 100
    press("Zoom in")
    assert _zoom(page) == 125
    press("Zoom out", " ")
    press("Zoom out")
    assert _zoom(page) == 80
    press("Fit to width")
    assert _zoom(page) < 80
    press("Actual size", " ")
    assert _zoom(page) == 100
    # Tab reaches the controls in order, from the first.
    page.get_by_role("button", name="Fit to width").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Actual size"

    press("Map alone, full screen")
    figure = page.locator("figure.cjm-map")
    expect(figure).to_have_class("cjm-map cjm-map--alone")
    box = _rect(page, "figure.cjm-map")
    assert box["left"] <= 0.5 and box["top"] <= 0.5 and box["right"] >= WIDE["width"] - 1
    back = page.get_by_role("button", name="Back to the page")
    expect(back).to_be_focused()
    expect(back).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    expect(figure).to_have_class("cjm-map")

    jump = page.locator(".cjm-map__jump button[data-cjm-stage='12']")
    jump.focus()
    page.keyboard.press("Enter")
    seen = _visible_box(page)
    stage = _rect(page, "svg.cjm-journey-map g.cjm-stage[id$='-stage-12']")
    column = _rect(page, ".cjm-map__sticky--column")
    assert abs(stage["left"] - column["right"]) <= 14, (stage, column)
    assert stage["left"] < seen["right"]
    expect(jump).to_have_attribute("aria-current", "true")


def test_without_javascript_the_map_scrolls_and_no_control_shows(
    new_context: Callable[..., BrowserContext], long_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE, java_script_enabled=False).new_page()
    open_page(page, long_site.at(LONG))
    expect(page.locator(".cjm-map__tools")).to_be_hidden()
    expect(page.locator(".cjm-map__jump")).to_be_hidden()
    expect(page.locator(".cjm-map__sticky")).to_have_count(0)
    overflow = page.locator(SCROLL).evaluate("(el) => getComputedStyle(el).overflowX")
    assert overflow == "auto"


@pytest.mark.parametrize("which", ["example", "long"])
def test_a_phone_reads_stage_by_stage_without_sideways_scrolling(
    which: str, request: pytest.FixtureRequest, new_context: Callable[..., BrowserContext]
) -> None:
    site: ServedSite = request.getfixturevalue(f"{which}_site")
    url = LONG if which == "long" else richest_journey(site)["url"]
    names = [s["name"] for s in next(j for j in site.journeys if j["url"] == url)["stages"]]
    page = new_context(viewport=PHONE).new_page()
    open_page(page, site.at(url))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{url}: at 390px the page scrolls sideways by {overflow}px"
    cards = page.locator(".cjm-stack__stage")
    expect(cards).to_have_count(len(names))
    for index, name in enumerate(names):
        title = cards.nth(index).locator(".cjm-stack__name")
        expect(title).to_be_visible()
        expect(title).to_contain_text(name)
        box = title.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The full map is one tap away.
    page.get_by_role("link", name="See the full map").click()
    expect(page.locator("figure.cjm-map")).to_be_in_viewport()
    # The table alternative stacks too: no cell wider than the screen.
    page.locator("details.cjm-table > summary").click()
    widest = page.locator(".cjm-table td").evaluate_all(
        "(cells) => Math.max(...cells.map((c) => c.getBoundingClientRect().right))"
    )
    assert widest <= PHONE["width"], widest
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"travel-phone-{which}.png"))


def _text_sizes(path: Path) -> list[list[tuple[float, str]]]:
    """Each page's text runs with their size in points, as pypdf reads the PDF."""
    pages: list[list[tuple[float, str]]] = []
    for sheet in PdfReader(path).pages:
        runs: list[tuple[float, str]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip():
                scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
                runs.append((size * scale, text.strip()))  # noqa: B023 - used at once

        sheet.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


@pytest.mark.parametrize("which", ["example", "long"])
@pytest.mark.parametrize(
    ("palette", "script"), [("light", True), ("dark", True), ("light", False), ("dark", False)]
)
def test_print_gives_landscape_pages_with_map_text_at_7pt_or_more(
    which: str,
    palette: str,
    script: bool,
    request: pytest.FixtureRequest,
    new_context: Callable[..., BrowserContext],
    tmp_path: Path,
) -> None:
    """With the script or without it (the printed pieces are made at build time)."""
    site: ServedSite = request.getfixturevalue(f"{which}_site")
    url = LONG if which == "long" else richest_journey(site)["url"]
    page = new_context(color_scheme=palette, java_script_enabled=script).new_page()
    open_page(page, site.at(url))
    map_texts = set(
        page.locator("svg.cjm-journey-map text").evaluate_all(
            "(ts) => ts.map((t) => t.textContent.replace(/\\s+/g, ' ').trim())"
        )
    )
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(pdf)
    for sheet in reader.pages:
        assert float(sheet.mediabox.width) > float(sheet.mediabox.height), "a portrait page"
    pages = _text_sizes(pdf)
    # Every run that is map text (a whole label or a line of one).
    mapped = [
        (size, text, n)
        for n, runs in enumerate(pages)
        for size, text in runs
        if any(text in label for label in map_texts)
    ]
    assert mapped, "no map text in the PDF"
    smallest = min(mapped)
    assert smallest[0] >= MIN_PRINT_PT, f"{url}: {smallest[1]!r} prints at {smallest[0]:.2f} pt"
    names = [s["name"] for s in next(j for j in site.journeys if j["url"] == url)["stages"]]
    everything = " ".join(text for runs in pages for _, text in runs)
    for name in names:
        assert name in everything, f"stage {name!r} missing from the print"
    # Every page with map cells has lane labels and stage headers.
    lanes = ("Pains", "Actions", "Backstage", "Opportunities", "Emotion", "Goal", "Metrics")
    for n, runs in enumerate(pages):
        texts = {text for _, text in runs}
        if any(t in map_texts for t in texts) and any(name in texts for name in names):
            assert any(lane in texts for lane in lanes), f"page {n + 1} has no lane label"
    if which == "long":
        assert len(pages) >= 4, "16 stages fit on fewer pages than expected"
    # The legend prints too, before the first group of stages.
    assert "Legend" in everything
    if not script:
        expect(page.locator(".cjm-map__sticky")).to_have_count(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"travel-print-{which}-{palette}{'' if script else '-nojs'}.pdf"
    (ARTIFACTS / name).write_bytes(pdf.read_bytes())


def _audit_here(page: Page, name: str, palette: str) -> Audit:
    """axe on the page as it stands (after a click), as test_a11y's run_axe does after loading."""
    violations = tuple(Axe().run(page).response["violations"])
    ours = []
    for v in violations:
        if v["impact"] not in SEVERE or v["id"] in THEME_RULES:
            continue
        targets = [n["target"][0] if len(n["target"]) == 1 else None for n in v["nodes"]]
        for node, mine in zip(v["nodes"], page.evaluate(OURS_JS, targets), strict=True):
            if mine:
                ours.append((v["id"], str(node["target"][0]), node["html"][:140]))
    return Audit(name, page.url, palette, violations, tuple(ours))


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_on_the_new_views_stays_within_the_material_baseline(
    palette: str,
    chromium: Browser,
    example_site: ServedSite,
    hard_site: ServedSite,
    long_site: ServedSite,
) -> None:
    """The stage cards (390 px), the map's controls and the map alone, against plain Material."""
    journey = richest_journey(example_site)["url"]
    found: list[Audit] = []
    allowed: set[str] = set()
    for viewport in (PHONE, WIDE):
        context = chromium.new_context(viewport=viewport, color_scheme=palette)
        try:
            page = context.new_page()
            # Each handbook's own plain Material page: the long one has no palette set.
            for plain in (hard_site.at(""), long_site.at("")):
                allowed |= set(run_axe(page, "plain", plain, palette).severe_rules())
            for url in (example_site.at(journey), long_site.at(LONG)):
                width = viewport["width"]
                found.append(run_axe(page, f"{url} at {width}px", url, palette))
                if viewport is WIDE:
                    page.get_by_role("button", name="Map alone, full screen").click()
                    found.append(_audit_here(page, f"{url} map alone", palette))
        finally:
            context.close()
    failures = [
        f"{audit.name}: {describe(v)}"
        for audit in found
        for rule, v in audit.severe_rules().items()
        if rule not in allowed
    ]
    ours = [
        f"{audit.name}: {rule} {target} {html}"
        for audit in found
        for rule, target, html in audit.ours
    ]
    assert not failures, "\n".join(failures)
    assert not ours, "\n".join(ours)


def test_the_catalogue_fits_its_box_with_its_review_badges_at_1440px(
    new_context: Callable[..., BrowserContext], example_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE).new_page()
    open_page(page, example_site.at("catalogue/"))
    sizes = page.locator("table.cjm-catalogue__table").evaluate(
        "(t) => [t.getBoundingClientRect().width, t.parentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1] + 1, f"the catalogue table is {sizes[0] - sizes[1]:.0f}px too wide"
    box = _rect(page, "table.cjm-catalogue__table")
    badges = page.locator(".cjm-catalogue__table .cjm-review-cell .cjm-badge")
    assert badges.count() > 0
    for index in range(badges.count()):
        badge = badges.nth(index).bounding_box()
        assert badge is not None and badge["x"] + badge["width"] <= box["right"] + 1


def test_the_download_links_name_their_files_work_by_keyboard_and_resolve(
    new_context: Callable[..., BrowserContext], long_site: ServedSite
) -> None:
    page = new_context(viewport=WIDE).new_page()
    open_page(page, long_site.at(LONG))
    group = page.get_by_role("group", name="Take the map with you")
    expected = {
        "Download the map (SVG)": ("image/svg+xml", b"<?xml"),
        "Download as a picture (PNG)": ("image/png", b"\x89PNG"),
        "Download for print (PDF)": ("application/pdf", b"%PDF"),
    }
    for name, (kind, start) in expected.items():
        link = group.get_by_role("link", name=name)
        expect(link).to_have_attribute("download", "")
        # Reached by keyboard: focus moves to it with Tab from the link before it.
        link.focus()
        expect(link).to_be_focused()
        outline = link.evaluate("(a) => getComputedStyle(a).outlineStyle")
        assert outline != "none", f"{name}: no visible focus"
        href = link.get_attribute("href")
        assert href is not None
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, f"{name}: {href} gives {response.status}"
        assert response.headers["content-type"].startswith(kind)
        assert response.body().startswith(start)
    # Tab walks through the three in order.
    group.get_by_role("link").first.focus()
    for name in list(expected)[1:]:
        page.keyboard.press("Tab")
        expect(group.get_by_role("link", name=name)).to_be_focused()
