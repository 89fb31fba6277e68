"""A map's SVG as a file that stands on its own: concrete colours and a title block.

The map drawn for a page (:func:`cjm_site.drawing.draw_journey`) styles itself
with classes and CSS custom properties, so the site can switch palettes. Tools
outside a browser (librsvg, cairo, slide and design tools) do not read custom
properties, and some read no ``<style>`` at all. :func:`standalone_svg` takes
that SVG text and returns a file where every colour, stroke and font is a
presentation attribute with a concrete value from the light palette, the text
halo (``paint-order``) is an element of its own, and a visible title block says
what the map is: title, personas, kind, owner, evidence, dates and address.

Author text reaches the file only as element text, which ElementTree escapes.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from cjm_site.export.palette import LIGHT_PALETTE, Rule, light_rules, resolve_stylesheet
from cjm_site.export.pictures import Reader, embed_pictures
from cjm_site.layout import MapStyle, TextBlock, measure, num
from cjm_site.model import Journey
from cjm_site.svg.metrics import is_emoji, is_wide
from cjm_site.svg.place import map_facts
from cjm_site.svg.writer import serialise
from cjm_site.vocabulary import current

__all__ = [
    "FONT_STACK",
    "LIGHT_PALETTE",
    "TitleBlock",
    "standalone_svg",
    "title_facts",
]

SVG_NS = "http://www.w3.org/2000/svg"

FONT_STACK = (
    '"DejaVu Sans", Verdana, "Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", '
    '"Segoe UI", Arial, sans-serif'
)
"""Fonts for the file, widest first: the map's text was measured against DejaVu
Sans metrics, and Verdana (its look-alike on Windows and macOS) is as wide, so a
label never outgrows its card; ``sans-serif`` last, which every renderer knows."""

CJK_FONT_STACK = (
    '"Noto Sans CJK JP", "Noto Sans CJK SC", "Source Han Sans", "Hiragino Sans", '
    '"Microsoft YaHei", "DejaVu Sans", sans-serif'
)
"""For a label with Chinese, Japanese or Korean characters: renderers that use
only the first font of a list (cairo) or fall back to any font (resvg picks a
serif one) then still show sans-serif letters."""

_TAGS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "style",
        "rect",
        "path",
        "text",
        "tspan",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "image",
        "a",
    }
)
"""Elements a map may hold; anything else (script, foreignObject, use...) is refused."""
_ISOLATE, _POP_ISOLATE = "\u2067", "\u2069"


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """What the title block above a standalone map says."""

    title: str
    facts: tuple[str, ...]
    """Kind, personas, owner, evidence, dates: each shown as one item."""
    address: str | None = None
    part: str | None = None
    """Which part of the map this is, when it is split over pages."""


def title_facts(journey: Journey, persona_names: Sequence[str] = ()) -> tuple[str, ...]:
    """The facts the title block shows, as ``Label: value`` items (only those the page gives)."""
    words = current()
    facts = map_facts(journey, persona_names, stages=False)
    if journey.updated:
        facts.append(words.text("export.updated", date=words.date(journey.updated)))
    if journey.review_by:
        facts.append(words.text("export.review-by", date=words.date(journey.review_by)))
    return tuple(facts)


def standalone_svg(
    journey: Journey,
    svg_text: str,
    persona_names: Sequence[str] = (),
    page_url: str | None = None,
    *,
    part: str | None = None,
    style: MapStyle = MapStyle(),  # noqa: B008 - a frozen value, safe as a default
    palette: Mapping[str, str] = LIGHT_PALETTE,
    pictures: Reader | None = None,
    problems: list[str] | None = None,
) -> str:
    """The map as a complete ``.svg`` file that any SVG renderer draws as a browser does.

    ``svg_text`` is the map as :func:`~cjm_site.drawing.draw_journey` returns it,
    best drawn with ``MapStyle(show_title=False)`` as the title block replaces the
    map's own heading. ``page_url`` is the page's full address, shown when given.
    Same input, same bytes. The storyboard's pictures are read with ``pictures`` and
    written in (see :mod:`cjm_site.export.pictures`); what could not be is added to
    ``problems``.
    """
    block = TitleBlock(journey.title, title_facts(journey, persona_names), page_url, part)
    root = _parse(svg_text)
    left_out = embed_pictures(root, pictures)
    if problems is not None:
        problems.extend(left_out)
    rules = light_rules() if palette is LIGHT_PALETTE else resolve_stylesheet(palette=palette)
    width = float(_length(root.get("width")))
    height = float(_length(root.get("height")))
    for style_element in [e for e in root if e.tag == "style"]:
        root.remove(style_element)
    map_group = ET.Element("g", {"class": "cjm-map"})
    keep = [e for e in root if e.tag in ("title", "desc")]
    for element in [e for e in root if e.tag not in ("title", "desc")]:
        root.remove(element)
        map_group.append(element)
    _apply(map_group, rules)
    _split_halos(map_group)
    _isolate_rtl(map_group)
    _cjk_fonts(map_group)
    heading, heading_height = _title_block(block, width, style, palette)
    map_group.set("transform", f"translate(0 {num(heading_height)})")
    total = heading_height + height
    attributes = {
        "xmlns": SVG_NS,
        "version": "1.1",
        "width": num(width),
        "height": num(total),
        "viewBox": f"0 0 {num(width)} {num(total)}",
        "class": root.get("class", "cjm-journey-map"),
        "role": "img",
        "font-family": FONT_STACK,
    }
    if root.get("aria-labelledby"):
        attributes["aria-labelledby"] = root.get("aria-labelledby", "")
    out = ET.Element("svg", attributes)
    for element in keep:
        out.append(element)
    out.append(
        ET.Element("rect", {"width": num(width), "height": num(total), "fill": palette["--cjm-bg"]})
    )
    out.append(heading)
    out.append(map_group)
    ET.indent(out, space="")
    text = serialise(out)  # ET.tostring's bytes, in half the time
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _parse(svg_text: str) -> ET.Element:
    """The map's SVG as elements without namespaces (written back with one default namespace)."""
    try:
        root = ET.fromstring(svg_text.encode("utf-8"))
    except ET.ParseError as err:
        raise ValueError(f"the map's SVG is not well-formed: {err}") from None
    for element in root.iter():
        if element.tag.startswith("{" + SVG_NS + "}"):
            element.tag = element.tag[len(SVG_NS) + 2 :]
        if element.tag not in _TAGS:
            raise ValueError(f"the map's SVG holds a <{element.tag}> element; not exported")
        for name in list(element.attrib):
            # Defence in depth: the drawing writes neither, and a file must not run or fetch.
            if name.startswith("{") or name.lower().startswith("on") or "href" in name.lower():
                del element.attrib[name]
        if element.tag != "image":
            element.attrib.pop("data-cjm-picture", None)
    if root.tag != "svg":
        raise ValueError("the map's SVG has no <svg> root")
    return root


def _length(value: str | None) -> float:
    if value is None:
        raise ValueError("the map's SVG has no width or height")
    return float(value.removesuffix("px"))


def _apply(tree: ET.Element, rules: Sequence[Rule]) -> None:
    """Write the stylesheet into each element as presentation attributes (later rules win)."""
    by_class: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        for name in rule.classes:
            by_class.setdefault(name, []).append(index)
    done: dict[str, tuple[tuple[str, str], ...]] = {}
    for element in tree.iter():
        css = element.get("class")
        if not css:
            continue
        if css not in done:
            classes = set(css.split())
            found = sorted({i for name in classes for i in by_class.get(name, ())})
            done[css] = tuple(
                pair for i in found if rules[i].classes <= classes for pair in rules[i].declarations
            )
        for name, value in done[css]:
            element.set(name, value)


def _walk_with_parent(tree: ET.Element) -> Iterator[tuple[ET.Element, ET.Element]]:
    for parent in tree.iter():
        for child in list(parent):
            yield parent, child


def _split_halos(tree: ET.Element) -> None:
    """``paint-order: stroke`` text becomes a stroked copy under a plain fill.

    Renderers that ignore ``paint-order`` (cairo, several design tools) would
    otherwise paint the halo over the letters.
    """
    for parent, text in list(_walk_with_parent(tree)):
        if text.tag != "text" or text.get("paint-order") != "stroke":
            continue
        halo = copy.deepcopy(text)
        for child in [c for c in halo if c.tag == "title"]:
            halo.remove(child)
        halo.attrib.pop("paint-order", None)
        halo.set("fill", text.get("stroke", "#ffffff"))
        halo.set("aria-hidden", "true")
        halo.set("class", "cjm-halo")
        for name in ("paint-order", "stroke", "stroke-width", "stroke-linejoin"):
            text.attrib.pop(name, None)
        parent.insert(list(parent).index(text), halo)


def _isolate_rtl(tree: ET.Element) -> None:
    """Right-to-left labels without ``direction``, which resvg and cairo do not follow.

    A label drawn ``direction="rtl"`` from its right edge becomes a label anchored
    at its end, its text wrapped in a right-to-left isolate (U+2067 ... U+2069):
    the same picture in a browser, and the same in every renderer that applies
    the Unicode bidirectional algorithm.
    """
    for text in tree.iter("text"):
        if text.attrib.pop("direction", None) != "rtl":
            continue
        anchor = text.get("text-anchor", "start")
        text.set("text-anchor", {"start": "end", "end": "start"}.get(anchor, anchor))
        for part in text.iter():
            if part.tag in ("text", "tspan") and part.text:
                part.text = _ISOLATE + part.text + _POP_ISOLATE


def _cjk_fonts(tree: ET.Element) -> None:
    for text in tree.iter("text"):
        words = "".join(p.text or "" for p in text.iter() if p.tag in ("text", "tspan"))
        if _has_cjk(words):
            text.set("font-family", CJK_FONT_STACK)


def _has_cjk(words: str) -> bool:
    return not words.isascii() and any(is_wide(char) and not is_emoji(char) for char in words)


def _text(parent: ET.Element, block: TextBlock, x: float, y: float, fill: str) -> None:
    attributes = {
        "x": num(x + (block.width if block.rtl else 0)),
        "y": num(y + block.ascent),
        "font-size": str(block.size),
        "fill": fill,
    }
    if block.bold:
        attributes["font-weight"] = "700"
    if block.rtl:
        attributes["text-anchor"] = "end"
    element = ET.SubElement(parent, "text", attributes)
    lines = [_ISOLATE + line + _POP_ISOLATE if block.rtl else line for line in block.lines]
    if len(lines) == 1:
        element.text = lines[0]
    else:
        for index, line in enumerate(lines):
            span = ET.SubElement(
                element,
                "tspan",
                {"x": attributes["x"], "y": num(y + block.ascent + index * block.leading)},
            )
            span.text = line
    if _has_cjk("".join(block.lines)):
        element.set("font-family", CJK_FONT_STACK)


def _title_block(
    block: TitleBlock, width: float, style: MapStyle, palette: Mapping[str, str]
) -> tuple[ET.Element, float]:
    """The title block as a group, and the height it takes above the map."""
    group = ET.Element("g", {"class": "cjm-title-block"})
    left = float(style.margin)
    inner = max(width - 2 * style.margin, 120.0)
    y = float(style.margin)
    title = measure(block.title, min(inner, 1200.0), style.title_size, style, bold=True)
    _text(group, title, left, y, palette["--cjm-ink"])
    y += title.height + 8
    facts = measure("  ·  ".join(block.facts), min(inner, 1200.0), style.font_size, style)
    _text(group, facts, left, y, palette["--cjm-muted"])
    y += facts.height + 6
    for extra in (block.address, block.part):
        if extra:
            line = measure(extra, min(inner, 1200.0), style.small_size, style)
            _text(group, line, left, y, palette["--cjm-muted"])
            y += line.height + 6
    rule_y = y + 4
    ET.SubElement(
        group,
        "path",
        {
            "d": f"M{num(left)},{num(rule_y)}H{num(width - style.margin)}",
            "stroke": palette["--cjm-rule"],
            "stroke-width": "1",
            "fill": "none",
        },
    )
    # The map's own top margin keeps its stage headers clear of the rule.
    return group, rule_y + 1
