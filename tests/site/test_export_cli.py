"""`cjm export`: PNG and PDF of every example map, read back; paging; bad input."""

from __future__ import annotations

import dataclasses
import io
import math
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from cjm_site import cli_export
from cjm_site.cli_export import load_map, main
from cjm_site.drawing import draw_journey
from cjm_site.export.formats import FORMATS, ExportFormat, ExportOptions, MapSource
from cjm_site.export.paper import MAP_STYLE, MIN_TEXT_PT, PAPERS
from cjm_site.export.standalone import title_facts
from tests.sitebuild import PERSONA, write_site

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "content" / "journeys").glob("*.md"))
LANE_LABELS = ("Goal", "Actions", "Touchpoints", "Thoughts", "Emotion", "Pains")


@dataclass(frozen=True)
class PdfPage:
    width: float
    height: float
    text: str
    sizes: tuple[float, ...]
    """Every text run's printed size in points (font size through both matrices)."""


def _times(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    ]


def _size_visitor(sizes: list[float]) -> Callable[..., None]:
    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            matrix = _times(tm, cm)
            sizes.append(size * math.hypot(matrix[2], matrix[3]))

    return visit


def read_pdf(data: bytes) -> list[PdfPage]:
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        sizes: list[float] = []
        text = page.extract_text(visitor_text=_size_visitor(sizes))
        box = page.mediabox
        pages.append(PdfPage(float(box.width), float(box.height), text, tuple(sizes)))
    return pages


def squeeze(text: str) -> str:
    """Text without white space: PDF extraction breaks and joins lines its own way."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, bytes]]]:
    folder = tmp_path_factory.mktemp("export")
    files: dict[str, dict[str, bytes]] = {}
    for page in EXAMPLES:
        files[page.stem] = {}
        for fmt in ("png", "pdf"):
            out = folder / f"{page.stem}.{fmt}"
            assert main([str(page), "--format", fmt, "-o", str(out)]) == 0
            files[page.stem][fmt] = out.read_bytes()
    yield files


@pytest.mark.parametrize("page", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_of_every_example_map(page: Path, exported: dict[str, dict[str, bytes]]) -> None:
    source = load_map(page)
    pages = read_pdf(exported[page.stem]["pdf"])
    assert pages
    everything = squeeze(" ".join(p.text for p in pages))
    for sheet in pages:
        assert (round(sheet.width, 2), round(sheet.height, 2)) == PAPERS["A4"]
        assert sheet.width > sheet.height, "landscape"
        assert squeeze(source.journey.title) in squeeze(sheet.text), "title block on every page"
        for fact in title_facts(source.journey, source.persona_names):
            assert squeeze(fact) in squeeze(sheet.text)
        assert sheet.sizes and min(sheet.sizes) >= MIN_TEXT_PT - 0.01, min(sheet.sizes)
    for stage in source.journey.stages:
        assert squeeze(stage.name) in everything, stage.name


@pytest.mark.parametrize("page", EXAMPLES, ids=lambda p: p.stem)
def test_png_of_every_example_map(page: Path, exported: dict[str, dict[str, bytes]]) -> None:
    image = Image.open(io.BytesIO(exported[page.stem]["png"]))
    assert image.format == "PNG"
    svg = cli_export.FORMATS["svg"].write(load_map(page), cli_export.ExportOptions("A4", 1))
    width = float(re.search(rb'width="([0-9.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert image.width == round(2 * width), "--scale 2 by default"


def test_exports_are_reproducible(tmp_path: Path) -> None:
    page = REPO / "content" / "journeys" / "pizza-night.md"
    for fmt in ("svg", "pdf", "png"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        assert main([str(page), "--format", fmt, "-o", str(first)]) == 0
        assert main([str(page), "--format", fmt, "-o", str(second)]) == 0
        assert first.read_bytes() == second.read_bytes(), fmt


def test_a_poster_keeps_the_map_on_one_sheet(tmp_path: Path) -> None:
    page = REPO / "content" / "journeys" / "pizza-night.md"
    for paper in ("A1", "A0"):
        out = tmp_path / f"{paper}.pdf"
        assert main([str(page), "--format", "pdf", "--paper", paper, "-o", str(out)]) == 0
        (sheet,) = read_pdf(out.read_bytes())
        assert (round(sheet.width, 2), round(sheet.height, 2)) == PAPERS[paper]
        assert min(sheet.sizes) >= MIN_TEXT_PT


def _sixteen_stages() -> str:
    stages = "".join(
        f"  - name: Step number {n}\n"
        f"    goal: Get step {n} done without calling anyone\n"
        f"    actions: [Reads the letter about step {n}, Fills in the form]\n"
        f"    touchpoints: [{{name: Portal page {n}, channel: web}}]\n"
        f"    thoughts: [Is step {n} really needed?]\n"
        f"    emotion: {(n % 5) - 2}\n"
        f"    pains: [Step {n} asks again for the same data]\n"
        for n in range(1, 17)
    )
    return (
        "---\ntype: journey\nid: long-road\ntitle: The long road\npersona: eva-molin\n"
        "owner: Service design\nevidence: hypothesis\nupdated: 2026-03-01\n"
        f"review_by: 2026-09-01\nstages:\n{stages}---\n\nSixteen stages.\n"
    )


def test_a_sixteen_stage_map_splits_over_pages_with_lane_labels_on_each(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, "j/long-road.md": _sixteen_stages()},
        extra={"site_url": "https://handbook.example/"},
    )
    out = tmp_path / "long.pdf"
    page = config.parent / "docs" / "j" / "long-road.md"
    assert main([str(page), "--format", "pdf", "-o", str(out)]) == 0
    pages = read_pdf(out.read_bytes())
    assert len(pages) >= 4
    seen: set[int] = set()
    for number, sheet in enumerate(pages, start=1):
        text = squeeze(sheet.text)
        assert sheet.width > sheet.height
        assert min(sheet.sizes) >= MIN_TEXT_PT
        assert squeeze(f"Page {number} of {len(pages)}") in text
        assert "https://handbook.example/j/long-road/" in sheet.text
        assert any(label in sheet.text for label in LANE_LABELS), "lane labels on every page"
        shown = {int(n) for n in re.findall(r"Stepnumber(\d+)", text)}
        assert shown, "stage headers on every page"
        # Headers count from the whole map's first stage, not the page's.
        assert {int(n) for n in re.findall(r"Stage(\d+)", text)} == shown
        seen |= shown
    assert seen == set(range(1, 17))


def test_the_svg_goes_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    page = REPO / "content" / "journeys" / "hotel-stay.md"
    assert main([str(page), "--format", "svg", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.md", "--format", "png"], "no such page: nowhere.md"),
        (["content/index.md", "--format", "pdf"], "is not a journey page"),
        (
            ["tests/fixtures/broken/emotion-out-of-range.md", "--format", "svg"],
            "has errors; fix them first",
        ),
        (
            ["content/journeys/hotel-stay.md", "--format", "pdf", "-o", "no/such/dir/x.pdf"],
            "no such folder: no/such/dir",
        ),
        (["content/journeys/hotel-stay.md", "--format", "gif"], "invalid choice: 'gif'"),
        (["content/journeys/hotel-stay.md", "--format", "pdf", "--paper", "A5"], "invalid choice"),
        (["content/journeys/hotel-stay.md", "--format", "png", "--scale", "0"], "from 0.1 to 8"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_without_the_export_extra_the_message_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # import now fails as if not installed
    page = REPO / "content" / "journeys" / "hotel-stay.md"
    assert main([str(page), "--format", "png", "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'cjm-site[export]'" in err and "resvg-py" in err


def test_another_format_is_one_more_entry_in_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stage_list(source: MapSource, options: ExportOptions) -> bytes:
        return "\n".join(s.name for s in source.journey.stages).encode("utf-8")

    monkeypatch.setitem(FORMATS, "txt", ExportFormat(".txt", "stage names", stage_list))
    out = tmp_path / "stages.txt"
    page = REPO / "content" / "journeys" / "hotel-stay.md"
    assert main([str(page), "--format", "txt", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == load_map(page).journey.stages[0].name


def test_a_map_already_drawn_is_not_drawn_again() -> None:
    source = load_map(REPO / "content" / "journeys" / "hotel-stay.md")
    drawn = draw_journey(
        source.journey,
        source.settings,
        id_prefix="cjm-map",
        style=MAP_STYLE,
        persona_names=source.persona_names,
    )
    again = dataclasses.replace(source, drawn=drawn)
    options = ExportOptions()
    assert FORMATS["svg"].write(again, options) == FORMATS["svg"].write(source, options)
