"""Numbers, the emotion scale and curves shared by every drawing.

One place for how a coordinate is written, how an emotion value becomes a
``y`` and how a curve runs through points, so the map, the sparkline and the
comparison chart agree to the pixel.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from cjm_site.model import EMOTION_MAX, EMOTION_MIN
from cjm_site.vocabulary import current

SCALE_VALUES: tuple[int, ...] = tuple(range(int(EMOTION_MAX), int(EMOTION_MIN) - 1, -1))
"""The whole values of the emotion scale, top (+2) to bottom (-2): one gridline each."""


# A memo of a pure function: a map writes a few thousand coordinates, most of
# them met before (columns, card widths, sizes); a hit costs a fifth of a format.
@functools.lru_cache(maxsize=4096)
def num(value: float) -> str:
    """A coordinate as short, stable text: two decimals at most, no ``-0``."""
    if -1e15 < value < 1e15 and (whole := int(value)) == value:
        return str(whole)  # most coordinates are whole: a short cut to the same text
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed(value: float) -> str:
    """An emotion value as people write it: ``+1``, ``0``, ``−1.5``."""
    text = num(abs(value))
    if text == "0":
        return "0"
    text = text.replace(".", current().decimal_sign())  # "+0,5" in German
    return f"+{text}" if value > 0 else f"−{text}"


def emotion_value(value: float | None) -> float | None:
    """A value on the emotion scale, clamped to it; None when missing or not a number."""
    if value is None or not math.isfinite(value):
        return None
    return min(EMOTION_MAX, max(EMOTION_MIN, value))


def emotion_y(value: float, top: float, height: float) -> float:
    """The ``y`` of ``value`` on a scale drawn from ``top`` (+2) down ``height`` pixels (-2).

    Values off the scale are clamped to it, so a curve never leaves its band.
    """
    clamped = min(EMOTION_MAX, max(EMOTION_MIN, value))
    return top + (EMOTION_MAX - clamped) / (EMOTION_MAX - EMOTION_MIN) * height


def monotone_curve(points: Sequence[tuple[float, float]]) -> str:
    """SVG path data of a monotone cubic (Fritsch-Carlson) through points sorted by x.

    Between two points the curve never goes beyond their values, so it stays
    inside the emotion scale.
    """
    if not points:
        return ""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    count = len(points)
    path = f"M{num(xs[0])},{num(ys[0])}"
    if count == 1:
        return path
    tangents = _tangents(xs, ys)
    for i in range(count - 1):
        step = (xs[i + 1] - xs[i]) / 3
        c1 = (xs[i] + step, ys[i] + tangents[i] * step)
        c2 = (xs[i + 1] - step, ys[i + 1] - tangents[i + 1] * step)
        path += (
            f" C{num(c1[0])},{num(c1[1])} {num(c2[0])},{num(c2[1])}"
            f" {num(xs[i + 1])},{num(ys[i + 1])}"
        )
    return path


def _tangents(xs: Sequence[float], ys: Sequence[float]) -> list[float]:
    """Fritsch-Carlson tangents: averaged slopes, flattened at extremes, capped at 3."""
    count = len(xs)
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(count - 1)]
    tangents = [slopes[0]] + [
        0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2
        for i in range(1, count - 1)
    ]
    tangents.append(slopes[-1])
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slope, tangents[i + 1] / slope
        norm = math.hypot(a, b)
        if norm > 3:
            tangents[i] = 3 / norm * a * slope
            tangents[i + 1] = 3 / norm * b * slope
    return tangents


def polygon(points: Sequence[tuple[float, float]]) -> str:
    """Path data of a closed polygon."""
    return "M" + "L".join(f"{num(x)},{num(y)}" for x, y in points) + "Z"


def star(cx: float, cy: float, radius: float) -> str:
    """Path data of a five-pointed star centred on ``cx``, ``cy``."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        angle = math.pi / 5 * i - math.pi / 2
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return polygon(points)
