"""Right-to-left text and emoji in the PDF export (cairo), on the hard map and in small."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from cjm_site.cli_export import main
from cjm_site.export.cairo_text import EMOJI_FONT, ISOLATE, POP_ISOLATE, prepare, visual
from cjm_site.svg.metrics import is_emoji

REPO = Path(__file__).resolve().parents[2]
HARD = (
    REPO / "tests" / "fixtures" / "hard-map" / "docs" / "journeys" / "dinner-in-four-languages.md"
)
SVG = "http://www.w3.org/2000/svg"
HEBREW = "קריאת התפריט"
ARABIC = "البحث عن مطعم"


def _svg(*texts: str, italic: bool = False) -> str:
    style = ' font-style="italic"' if italic else ""
    body = "".join(
        f'<text x="10" y="{20 * (i + 1)}"{style}>{t}</text>' for i, t in enumerate(texts)
    )
    return f'<svg xmlns="{SVG}" width="300" height="200">{body}</svg>'


def _texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{{{SVG}}}text"))


def test_a_right_to_left_label_is_put_in_visual_order() -> None:
    (text,) = _texts(prepare(_svg(ISOLATE + HEBREW + POP_ISOLATE)))
    # Drawn left to right, the last letter of the logical text comes first.
    assert text.text == HEBREW[::-1]
    assert ISOLATE not in (text.text or "")


def test_a_left_to_right_label_keeps_its_order_with_a_right_to_left_name_inside() -> None:
    (text,) = _texts(prepare(_svg(f"Persona: Layla · {HEBREW} · Owner")))
    assert text.text == f"Persona: Layla · {HEBREW[::-1]} · Owner"


def test_arabic_is_joined_and_drawn_upright() -> None:
    (text,) = _texts(prepare(_svg(ISOLATE + ARABIC + POP_ISOLATE, italic=True)))
    assert text.get("font-style") == "normal"
    drawn = text.text or ""
    # Joined letters are Unicode's presentation forms; no isolated base letters remain.
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in drawn)
    assert not any(0x0620 <= ord(c) <= 0x064A for c in drawn)


def test_emoji_get_a_colour_emoji_font_and_the_words_stay_in_order() -> None:
    (text,) = _texts(prepare(_svg("Pizza 🍕 time 🎉")))
    spans = list(text)
    assert [s.get("font-family") for s in spans] == [EMOJI_FONT, EMOJI_FONT]
    assert [s.text for s in spans] == ["🍕", "🎉"]
    assert text.text == "Pizza " and spans[0].tail == " time "
    # Every character is still there, once.
    assert "".join(text.itertext()) == "Pizza 🍕 time 🎉"


def test_text_that_needs_nothing_is_left_alone() -> None:
    (text,) = _texts(prepare(_svg("Plain words &amp; 予約")))
    assert text.text == "Plain words & 予約" and list(text) == []


def test_visual_leaves_text_without_right_to_left_letters_alone() -> None:
    assert visual("Order 12 · 予約", rtl=False) == "Order 12 · 予約"


def _pdf(tmp_path: Path) -> PdfReader:
    out = tmp_path / "hard.pdf"
    assert main([str(HARD), "--format", "pdf", "-o", str(out)]) == 0
    return PdfReader(out)


def test_the_hard_map_prints_hebrew_and_arabic_in_reading_order(tmp_path: Path) -> None:
    reader = _pdf(tmp_path)
    text = " ".join(page.extract_text() for page in reader.pages)
    packed = text.replace(" ", "")
    # pypdf reads right-to-left runs back into logical order: the words were drawn
    # right to left. Drawn in logical order (as before), they would come out reversed.
    assert HEBREW.replace(" ", "") in packed
    assert HEBREW.replace(" ", "")[::-1] not in packed
    assert any(0xFE70 <= ord(c) <= 0xFEFF for c in text), "Arabic drawn unjoined"


def test_the_hard_map_prints_emoji_with_the_emoji_font(tmp_path: Path) -> None:
    if not any(Path(p).exists() for p in ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",)):
        pytest.skip("no colour emoji font installed (Debian: fonts-noto-color-emoji)")
    reader = _pdf(tmp_path)
    pictures = [
        name
        for page in reader.pages
        for name, item in page["/Resources"].get("/XObject", {}).items()
        if item.get_object().get("/Subtype") == "/Image"
    ]
    # cairo draws a colour emoji font's glyphs as pictures; text stays text.
    assert pictures, "no emoji pictures in the PDF"
    plain = tmp_path / "plain.pdf"
    copy = tmp_path / "hard-map"
    shutil.copytree(HARD.parents[2], copy)
    page = copy / HARD.relative_to(HARD.parents[2])
    source = page.read_text(encoding="utf-8")
    page.write_text("".join(c for c in source if not is_emoji(c)), encoding="utf-8")
    assert main([str(page), "--format", "pdf", "-o", str(plain)]) == 0
    others = [
        name
        for page in PdfReader(plain).pages
        for name, item in page["/Resources"].get("/XObject", {}).items()
        if item.get_object().get("/Subtype") == "/Image"
    ]
    assert not others, "pictures in a PDF of a map without emoji"
