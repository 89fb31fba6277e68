"""The standalone map file looks the same in librsvg, in the export renderer and in Chromium.

Each example map's downloadable SVG is drawn three ways at 1 CSS pixel per
pixel: ``rsvg-convert`` (librsvg, as many desktop tools and converters use),
resvg (the PNG export) and Chromium (a screenshot of the file opened alone).
Both renderers are compared with Chromium: the pictures are shrunk 4 times
(each pixel the mean of a 4x4 block, which evens out glyph antialiasing and
hinting) and a pixel differs when a colour channel is off by more than
:data:`TOLERANCE`. At most :data:`MAX_SHARE` of the pixels may differ.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import BrowserContext

from cjm_site.cli_export import FORMATS, ExportOptions, load_map
from cjm_site.drawing import draw_journey
from cjm_site.export.paper import MAP_STYLE
from cjm_site.export.render import png_bytes
from cjm_site.export.standalone import title_facts

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "content" / "journeys").glob("*.md"))
HARD = (
    REPO / "tests" / "fixtures" / "hard-map" / "docs" / "journeys" / "dinner-in-four-languages.md"
)
"""Arabic, Hebrew, Japanese and emoji: right-to-left isolates and CJK fonts at work."""
SHRINK = 4
TOLERANCE = 32
"""Of 255, per channel, after shrinking."""
MAX_SHARE = 0.005
"""0.5% of the shrunk pixels. Measured: 0.01–0.04% on the example maps, 0.23% (librsvg)
and 0.30% (resvg) on the hard map, whose colour emoji librsvg draws in black."""


def differing_share(first: Image.Image, second: Image.Image) -> float:
    """Share of pixels whose colour differs beyond :data:`TOLERANCE` once both are shrunk."""
    width = min(first.width, second.width)
    height = min(first.height, second.height)
    size = (max(1, width // SHRINK), max(1, height // SHRINK))
    small = [
        im.convert("RGB").crop((0, 0, width, height)).resize(size, Image.Resampling.BOX)
        for im in (first, second)
    ]
    diff = ImageChops.difference(*small).getchannel(0)
    for channel in (1, 2):
        diff = ImageChops.lighter(diff, ImageChops.difference(*small).getchannel(channel))
    histogram = diff.histogram()
    return sum(histogram[TOLERANCE + 1 :]) / (size[0] * size[1])


@pytest.fixture(scope="module")
def rsvg() -> str:
    found = shutil.which("rsvg-convert")
    if found is None:
        pytest.fail("no rsvg-convert on PATH; apt-get install librsvg2-bin", pytrace=False)
    return found


@pytest.mark.parametrize("page", [*EXAMPLES, HARD], ids=lambda p: p.stem)
def test_the_map_file_renders_alike_everywhere(
    page: Path,
    rsvg: str,
    tmp_path: Path,
    new_context: Callable[..., BrowserContext],
    record_property: Callable[[str, object], None],
) -> None:
    source = load_map(page)
    svg = FORMATS["svg"].write(source, ExportOptions("A4", 1)).decode("utf-8")
    file = tmp_path / f"{page.stem}.svg"
    file.write_text(svg, encoding="utf-8")

    librsvg = subprocess.run([rsvg, str(file)], check=True, capture_output=True, timeout=120).stdout
    export = png_bytes(svg, 1.0)
    first = Image.open(io.BytesIO(export))
    width, height = first.size
    browser = new_context(viewport={"width": width, "height": height}).new_page()
    browser.goto(file.as_uri())
    shown = " ".join(browser.locator("text").all_text_contents())
    chromium = browser.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height})

    pictures = {
        name: Image.open(io.BytesIO(data))
        for name, data in (("librsvg", librsvg), ("export", export), ("chromium", chromium))
    }
    for name, picture in pictures.items():
        assert abs(picture.width - width) <= 1 and abs(picture.height - height) <= 1, name
    shares = {
        name: differing_share(pictures[name], pictures["chromium"])
        for name in ("librsvg", "export")
    }
    record_property("differing_share", shares)
    print(f"{page.stem}: " + ", ".join(f"{k} {v:.4%}" for k, v in shares.items()))
    for name, share in shares.items():
        assert share <= MAX_SHARE, f"{name} differs from Chromium on {share:.2%} of the map"
    # The title block is text Chromium sees, not a picture of text.
    assert source.journey.title in shown
    for fact in title_facts(source.journey, source.persona_names):
        assert fact in shown
    assert not math.isnan(sum(shares.values()))


def test_the_comparison_sees_the_page_map_librsvg_draws_black(
    rsvg: str, tmp_path: Path, new_context: Callable[..., BrowserContext]
) -> None:
    """The control: the map as drawn for the page (CSS custom properties) fails the comparison."""
    source = load_map(REPO / "content" / "journeys" / "pizza-night.md")
    svg = draw_journey(
        source.journey,
        source.settings,
        id_prefix="m",
        style=MAP_STYLE,
        persona_names=source.persona_names,
    )
    file = tmp_path / "page-map.svg"
    file.write_text(svg, encoding="utf-8")
    librsvg = Image.open(
        io.BytesIO(
            subprocess.run([rsvg, str(file)], check=True, capture_output=True, timeout=120).stdout
        )
    )
    browser = new_context(viewport={"width": librsvg.width, "height": librsvg.height}).new_page()
    browser.goto(file.as_uri())
    chromium = Image.open(
        io.BytesIO(
            browser.screenshot(
                clip={"x": 0, "y": 0, "width": librsvg.width, "height": librsvg.height}
            )
        )
    )
    assert differing_share(librsvg, chromium) > 0.5
