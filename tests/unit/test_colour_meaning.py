""" "Positive" and "negative" read the same everywhere: green above zero, red below.

The maps' emotion band, the sparklines, the heat-map's cells and the comparisons'
changes each set their colours in their own place; this reads them all, in both
palettes, and checks the hue of each, so a blue "positive" cannot slip back in.
"""

from __future__ import annotations

import colorsys
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjm_site.svg.colours import LIGHT, colour
from cjm_site.svg.geometry import emotion_y
from cjm_site.svg.sparkline import draw_sparkline

ASSETS = Path(__file__).resolve().parents[2] / "theme" / "assets" / "cjm"
SVG = "{http://www.w3.org/2000/svg}"


def _hue(value: str) -> float:
    """Hue in degrees of a ``#rrggbb`` colour."""
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _, saturation = colorsys.rgb_to_hls(red, green, blue)
    assert saturation > 0.2, f"{value} is grey: it says neither positive nor negative"
    return hue * 360


def _green(value: str) -> bool:
    return 80 <= _hue(value) <= 160


def _red(value: str) -> bool:
    hue = _hue(value)
    return hue <= 15 or hue >= 340


def _blocks(css: str) -> list[dict[str, str]]:
    """Each rule's custom properties (the palettes: light, dark, print)."""
    found = []
    for body in re.findall(r"\{([^{}]*)\}", css):
        found.append(dict(re.findall(r"(--cjm-[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", body)))
    return [block for block in found if block]


def _palettes(name: str) -> list[dict[str, str]]:
    return _blocks((ASSETS / name).read_text(encoding="utf-8"))


POSITIVE = ("--cjm-positive", "--cjm-heat-p1", "--cjm-heat-p2", "--cjm-better", "--cjm-face-good")
NEGATIVE = ("--cjm-negative", "--cjm-heat-n1", "--cjm-heat-n2", "--cjm-worse", "--cjm-face-bad")


@pytest.mark.parametrize("sheet", ["map.css", "views-a.css"])
def test_every_palette_makes_positive_green_and_negative_red(sheet: str) -> None:
    checked = 0
    for palette in _palettes(sheet):
        for name in POSITIVE:
            if name in palette:
                assert _green(palette[name]), f"{sheet}: {name} is {palette[name]}"
                checked += 1
        for name in NEGATIVE:
            if name in palette:
                assert _red(palette[name]), f"{sheet}: {name} is {palette[name]}"
                checked += 1
    assert checked >= 6, f"{sheet}: found too few colours to check"


def test_the_drawings_own_fallbacks_agree() -> None:
    assert _green(LIGHT["positive"]) and _red(LIGHT["negative"])
    assert _green(LIGHT["face-good"]) and _red(LIGHT["face-bad"])


def test_a_sparkline_has_a_zero_line_and_the_maps_bands() -> None:
    height, pad = 32, 4.0
    root = ET.fromstring(draw_sparkline([2, -1, None, 1], label="Emotion", height=height))
    zero = emotion_y(0, pad, height - 2 * pad)
    lines = [p.get("d", "") for p in root.iter(f"{SVG}path")]
    assert any(re.fullmatch(rf"M[0-9.]+,{zero:g}H[0-9.]+", d) for d in lines), lines
    fills = {r.get("style", "").split(";")[0] for r in root.iter(f"{SVG}rect")}
    assert {f"fill:{colour('positive')}", f"fill:{colour('negative')}"} <= fills
