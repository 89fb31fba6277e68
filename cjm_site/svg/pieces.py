"""The small pieces every part of a journey map is made of: boxes, labels, icons, faces."""

from __future__ import annotations

import functools
from typing import Any

from cjm_site.svg.geometry import monotone_curve, num, polygon, star
from cjm_site.svg.layout import EmotionPoint, Icon, Label
from cjm_site.svg.writer import SvgWriter
from cjm_site.vocabulary import ICON_TITLES

_ICON_TITLES = ICON_TITLES


def box(
    css: str, x: float, y: float, width: float, height: float, radius: float = 0
) -> dict[str, str]:
    box = {"class": css, "x": num(x), "y": num(y), "width": num(width), "height": num(height)}
    if radius:
        box["rx"] = num(radius)
    return box


def draw_label(writer: SvgWriter, parent: Any, label: Label) -> None:
    """One ``<text>``, a ``<tspan>`` per wrapped line; right-to-left text hangs from the right."""
    block = label.block
    fixed, anchor = _label_look(label.role, block.size, block.bold, label.align, block.rtl)
    if anchor == "middle":
        x = num(label.x + label.width / 2)
    elif anchor == "right":
        x = num(label.x + label.width)
    else:
        x = num(label.x)
    baseline = label.y + block.ascent
    # The first line is the text's own content (at its x, y) and each further
    # line a tspan at its own x, y: the same picture as a tspan per line, with
    # one element less per label.
    lines = block.lines
    text = writer.add_at(parent, "text", fixed, x, num(baseline), lines[0])
    if block.full_text is not None:
        writer.title(text, block.full_text)
    for index in range(1, len(lines)):
        writer.add_at(text, "tspan", (), x, num(baseline + index * block.leading), lines[index])


@functools.lru_cache(maxsize=256)
def _label_look(
    role: str, size: int, bold: bool, align: str, rtl: bool
) -> tuple[tuple[tuple[str, str], ...], str]:
    """A label's attributes but its place, sorted, and where its ``x`` is in its box
    (``left``, ``middle`` or ``right``): the same for every label of a kind."""
    attributes = {"class": f"cjm-t cjm-t-{role}", "font-size": str(size)}
    if align == "middle":
        anchor = "middle"
        attributes["text-anchor"] = "middle"
    elif (align == "end") != rtl:
        anchor = "right"
        if not rtl:
            attributes["text-anchor"] = "end"
    else:
        anchor = "left"
        if rtl:
            attributes["text-anchor"] = "end"
    if rtl:
        attributes["direction"] = "rtl"
    if bold:
        attributes["font-weight"] = "700"
    return tuple(sorted(attributes.items())), anchor


def draw_icon(writer: SvgWriter, parent: Any, icon: Icon) -> None:
    x, y, w, h = icon.x, icon.y, icon.width, icon.height
    cx, cy = x + w / 2, y + h / 2
    if icon.kind.startswith("persona-") or icon.kind == "hatch":
        from cjm_site.svg.personas import draw_persona_icon  # it builds on this module

        draw_persona_icon(writer, parent, icon)
        return
    if icon.kind == "backstage":  # the legend's sample of a backstage card
        writer.add(parent, "rect", box("cjm-card cjm-card-backstage", x, y, w, h, 3))
        return
    if icon.kind.startswith("line-"):  # the legend's sample of a blueprint line
        strokes = {"interaction": "cjm-interaction", "visibility": "cjm-visibility"}
        line_css = strokes.get(icon.kind.removeprefix("line-"), "cjm-internal")
        d = f"M{num(x)},{num(cy)}H{num(x + w)}"
        writer.add(parent, "path", {"class": line_css, "d": d})
        return
    if icon.kind == "picture":  # the legend's sample of a storyboard frame
        writer.add(parent, "rect", box("cjm-picture-frame", x, y, w, h, 3))
        return
    if icon.kind.startswith("status-"):
        css = f"cjm-status cjm-{icon.kind}"
        writer.add(parent, "rect", box(css, x, y, w, h, h / 2))
        return
    group = writer.add(parent, "g", {"class": f"cjm-icon cjm-icon-{icon.kind}"})
    if icon.kind in _ICON_TITLES:
        writer.title(group, _ICON_TITLES[icon.kind])
    if icon.kind == "pain":
        d = polygon([(cx, y - 0.5), (x + w + 0.5, y + h), (x - 0.5, y + h)])
        writer.add(group, "path", {"class": "cjm-mark cjm-mark-pain", "d": d})
    elif icon.kind == "delight":
        writer.add(
            group, "path", {"class": "cjm-mark cjm-mark-delight", "d": star(cx, cy, h / 2 + 1)}
        )
    elif icon.kind == "truth":
        d = polygon([(cx, y - 1), (x + w + 1, cy), (cx, y + h + 1), (x - 1, cy)])
        writer.add(group, "path", {"class": "cjm-mark cjm-mark-truth", "d": d})
    elif icon.kind.startswith("priority-"):
        level = ("low", "medium", "high").index(icon.kind.removeprefix("priority-")) + 1
        # The filled bars in one path, the empty ones in another.
        bars = {"cjm-bar-on": "", "cjm-bar-off": ""}
        for bar in range(3):
            bar_h = h * (bar + 1) / 3
            css = "cjm-bar-on" if bar < level else "cjm-bar-off"
            left, top = num(x + bar * 5 + 0.5), num(y + h - bar_h + 0.5)
            bars[css] += f"M{left},{top}h3.5v{num(bar_h - 1)}h-3.5Z"
        for css, d in bars.items():
            if d:
                writer.add(group, "path", {"class": css, "d": d})
    elif icon.kind == "emotion":
        writer.add(
            group,
            "path",
            {
                "class": "cjm-curve",
                "d": f"M{num(x)},{num(cy + 4)}Q{num(cx)},{num(y - 6)} {num(x + w)},{num(cy + 4)}",
            },
        )
        draw_face(writer, group, cx, cy - 1, 1.0, 7)
    elif icon.kind == "aspiration":
        writer.add(
            group, "path", {"class": "cjm-aspiration", "d": f"M{num(x)},{num(cy)}H{num(x + w)}"}
        )
        writer.add(group, "path", {"class": "cjm-aspiration-mark", "d": diamond(cx, cy, 5)})


def diamond(cx: float, cy: float, r: float) -> str:
    """A diamond (the aspiration's mark) centred on ``cx``, ``cy``, ``r`` from centre to tip."""
    return (
        f"M{num(cx)},{num(cy - r)}L{num(cx + r)},{num(cy)}"
        f"L{num(cx)},{num(cy + r)}L{num(cx - r)},{num(cy)}Z"
    )


def draw_face(
    writer: SvgWriter, parent: Any, cx: float, cy: float, value: float, radius: float
) -> None:
    """A face whose mouth curves with the value: smile, straight or frown."""
    mood = "good" if value >= 0.5 else "bad" if value <= -0.5 else "ok"
    scale = radius / 13
    writer.add(
        parent,
        "circle",
        {"class": f"cjm-face cjm-face-{mood}", "cx": num(cx), "cy": num(cy), "r": num(radius)},
    )
    for side in (-1, 1):
        eye = {
            "class": "cjm-face-eye",
            "cx": num(cx + side * 4.5 * scale),
            "cy": num(cy - 3.5 * scale),
            "r": num(1.7 * scale),
        }
        writer.add(parent, "circle", eye)
    ends = cy + (5 - 0.9 * value) * scale
    bend = ends + 3.5 * value * scale
    half = 6 * scale
    mouth = f"M{num(cx - half)},{num(ends)}Q{num(cx)},{num(bend)} {num(cx + half)},{num(ends)}"
    writer.add(parent, "path", {"class": "cjm-face-mouth", "d": mouth})


def small_face(value: float, size: int = 28) -> str:
    """A face alone, ``size`` px square, for HTML beside the feeling (stage cards on a phone).

    Decorative: the value is written out as text next to it.
    """
    attributes = {
        "viewBox": f"0 0 {size} {size}",
        "class": "cjm-small-face",
        "aria-hidden": "true",
        "focusable": "false",
    }
    writer = SvgWriter(size, size, attributes)
    draw_face(writer, writer.root, size / 2, size / 2, value, size / 2 - 1.5)
    return writer.tostring()


def draw_runs(
    writer: SvgWriter, parent: Any, points: list[EmotionPoint], attributes: dict[str, str]
) -> None:
    """A smooth curve through each run of points on neighbouring stages: across a
    gap a curve would suggest a value nobody wrote."""
    runs: list[list[EmotionPoint]] = []
    for point in points:
        if runs and runs[-1][-1].stage == point.stage - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    for run in runs:
        if len(run) > 1:
            curve = monotone_curve([(p.x, p.y) for p in run])
            writer.add(parent, "path", {**attributes, "d": curve})
