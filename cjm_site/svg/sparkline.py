"""A tiny emotion curve for lists and tables: :func:`draw_sparkline`."""

from __future__ import annotations

from collections.abc import Sequence

from cjm_site.svg.colours import colour
from cjm_site.svg.geometry import emotion_y, monotone_curve, num, signed
from cjm_site.svg.writer import SvgWriter
from cjm_site.vocabulary import label as label_of

# In style attributes, where var() works everywhere, so the site's map.css can
# switch the colours for the dark scheme.
_CURVE = colour("curve")
_RULE = colour("rule")
_ROUND = "stroke-linecap:round;stroke-linejoin:round"


def draw_sparkline(
    values: Sequence[float | None], *, label: str, width: int = 120, height: int = 32
) -> str:
    """An inline SVG of the emotion values (-2..2) of a journey's stages, in order.

    Missing values leave a gap in the points but the curve runs on through the
    defined ones. ``label`` (plain text, escaped by the writer) names the image;
    the ``<title>`` also lists the values, so the figure is readable without sight.
    """
    pad = 4.0
    count = len(values)

    def x_of(index: int) -> float:
        return width / 2 if count <= 1 else pad + index * (width - 2 * pad) / (count - 1)

    points = [
        (x_of(i), emotion_y(v, pad, height - 2 * pad))
        for i, v in enumerate(values)
        if v is not None
    ]
    shown = ", ".join(label_of("sparkline.none") if v is None else signed(v) for v in values)
    svg = SvgWriter(
        width,
        height,
        {"viewBox": f"0 0 {width} {height}", "role": "img", "class": "cjm-sparkline"},
    )
    svg.title(
        svg.root, f"{label}: {shown}" if values else f"{label}: {label_of('sparkline.empty')}"
    )
    zero_y = emotion_y(0, pad, height - 2 * pad)
    zero = num(zero_y)
    # The map's bands: green above zero, red below, so "positive" reads the same everywhere.
    for name, top, bottom in (("positive", pad, zero_y), ("negative", zero_y, height - pad)):
        band = {
            "x": num(pad),
            "y": num(top),
            "width": num(width - 2 * pad),
            "height": num(bottom - top),
        }
        band["style"] = f"fill:{colour(name)};opacity:.1"
        svg.add(svg.root, "rect", band)
    rule = f"stroke:{_RULE};stroke-width:1;stroke-dasharray:2 2;fill:none"
    svg.add(svg.root, "path", {"d": f"M{num(pad)},{zero}H{num(width - pad)}", "style": rule})
    if len(points) > 1:
        line = f"stroke:{_CURVE};stroke-width:1.75;fill:none;" + _ROUND
        svg.add(svg.root, "path", {"d": monotone_curve(points), "style": line})
    for x, y in points:
        dot = {"cx": num(x), "cy": num(y), "r": "2", "style": f"fill:{_CURVE}"}
        svg.add(svg.root, "circle", dot)
    return svg.tostring()
