"""A tiny emotion curve for lists and tables: :func:`draw_sparkline`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from cjm_site.layout import monotone_curve, num, signed
from cjm_site.model import EMOTION_MAX, EMOTION_MIN

# Own fixed colours as CSS custom properties (in style attributes, where var()
# works everywhere), so the site's map.css can switch them for the dark scheme.
_CURVE = "var(--cjm-curve, #3949ab)"
_RULE = "var(--cjm-rule, #c5cad3)"


def draw_sparkline(
    values: Sequence[float | None], *, label: str, width: int = 120, height: int = 32
) -> str:
    """An inline SVG of the emotion values (-2..2) of a journey's stages, in order.

    Missing values leave a gap in the points but the curve runs on through the
    defined ones. ``label`` (plain text, escaped here) names the image; the
    ``<title>`` also lists the values, so the figure is readable without sight.
    """
    pad = 4.0
    count = len(values)
    span = EMOTION_MAX - EMOTION_MIN

    def x_of(index: int) -> float:
        return width / 2 if count <= 1 else pad + index * (width - 2 * pad) / (count - 1)

    def y_of(value: float) -> float:
        clamped = min(EMOTION_MAX, max(EMOTION_MIN, value))
        return pad + (EMOTION_MAX - clamped) / span * (height - 2 * pad)

    points = [(x_of(i), y_of(v)) for i, v in enumerate(values) if v is not None]
    shown = ", ".join("none" if v is None else signed(v) for v in values)
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "class": "cjm-sparkline",
        },
    )
    title = ET.SubElement(root, "title")
    title.text = f"{label}: {shown}" if values else f"{label}: no emotion values"
    zero = num(y_of(0))
    ET.SubElement(
        root,
        "path",
        {
            "d": f"M{num(pad)},{zero}H{num(width - pad)}",
            "style": f"stroke:{_RULE};stroke-width:1;stroke-dasharray:2 2;fill:none",
        },
    )
    if len(points) > 1:
        ET.SubElement(
            root,
            "path",
            {
                "d": monotone_curve(points),
                "style": f"stroke:{_CURVE};stroke-width:1.75;fill:none;"
                "stroke-linecap:round;stroke-linejoin:round",
            },
        )
    for x, y in points:
        ET.SubElement(
            root, "circle", {"cx": num(x), "cy": num(y), "r": "2", "style": f"fill:{_CURVE}"}
        )
    return ET.tostring(root, encoding="unicode")
