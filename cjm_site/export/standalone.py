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

The file is made in one of two ways with the same bytes: a quick path rewrites
the drawing's markup as text (the writer's output, which it checks it is), and
the reference path parses it into an ElementTree tree, walks it once per step
and serialises it again (for any other markup). See the comment above
:func:`_standalone_from_markup`.
"""

from __future__ import annotations

import copy
import functools
import re
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
    rules = light_rules() if palette is LIGHT_PALETTE else resolve_stylesheet(palette=palette)
    made = _standalone_from_markup(block, svg_text, style, palette, rules, pictures)
    if made is None:  # markup the quick path does not read: the tree does it all
        left_out: list[str] = []
        text = _standalone_from_tree(block, svg_text, style, palette, rules, pictures, left_out)
    else:
        text, left_out = made
    if problems is not None:
        problems.extend(left_out)
    return text


def _standalone_from_tree(
    block: TitleBlock,
    svg_text: str,
    style: MapStyle,
    palette: Mapping[str, str],
    rules: Sequence[Rule],
    pictures: Reader | None,
    problems: list[str],
) -> str:
    """The file made on an ElementTree tree: every step a walk of its own (the reference)."""
    root = _parse(svg_text)
    problems.extend(embed_pictures(root, pictures))
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
    attributes = _root_attributes(root.attrib, width, total)
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


# The quick path. The drawing's SVG is the writer's output (cjm_site.svg.writer):
# markup as ElementTree writes it (double-quoted attributes one space apart, `` />``
# for an empty element, ``&amp; &lt; &gt;`` in text, no white space between
# elements), well-formed by construction. Most of the file is that markup as it
# is: a start tag with a class gets the class's values appended, and each element
# a line end after it (what ``ET.indent`` writes). So the quick path checks the
# text with a few searches (known elements only, as many closed as opened, nothing
# to drop), cuts out what moves (the root's title, description and stylesheet),
# styles the classed start tags in one split and puts the line ends in with one
# replacement. The few elements that change more (text with a halo, read right to
# left or in Chinese, Japanese or Korean; pictures) go through the tree path's own
# steps, each on its own. Markup written any other way makes the quick path give
# up and the tree path make the file: the same bytes either way (tests compare
# the two on every example map, on generated maps and on odd markup). It costs
# about half of the tree path: ``python -m tests.benchmarks.exports``.


class _Unread(Exception):
    """Markup the quick path does not read; the tree path makes the file instead."""


_OTHER_ENTITY = re.compile(r"&(?!amp;|lt;|gt;|quot;|#10;|#13;|#09;)")
_BLANK_BETWEEN = re.compile(r">\s+<")
_SUSPECTS = tuple(
    re.compile(pattern)
    for pattern in (
        rb' on[^ ="<>]*="',
        rb'href[^ ="<>]*="',
        rb':[^ ="<>]*="',
        rb'data-cjm-picture="',
        rb'xmlns[^ ="<>]*="',
    )
)
"""Attributes :func:`_clean` drops, and namespaces (in the markup in lower case): only
pictures, which the tree reads, have them. Each starts with plain characters, which
the regular expression engine finds fast (one pattern of them all is much slower)."""
_CLASSED_TAG = re.compile(r'( class="[^"]*")([^<>]*)>')
"""A class attribute and the rest of its start tag (text has no ``>``: ElementTree
writes it ``&gt;``)."""
_TEXT_CHANGES = re.compile(r' (?:paint-order|direction)="')
_SET_APART = re.compile(r"<(title|desc|style|image)[ />]")
_ASCII = bytes(range(128))
_HOLE = "\x00"
"""Marks where an element made apart goes back (no XML text holds it)."""
_WRITTEN_TAGS = _TAGS - {"a"}
"""A link would move its children up (see :mod:`cjm_site.export.pictures`): the tree does it."""
_OTHER_TAG = re.compile("<(?!/|(?:" + "|".join(sorted(_WRITTEN_TAGS)) + ")[ />])")
"""A ``<`` that neither ends an element nor starts one of :data:`_WRITTEN_TAGS`."""


def _standalone_from_markup(
    block: TitleBlock,
    svg_text: str,
    style: MapStyle,
    palette: Mapping[str, str],
    rules: Sequence[Rule],
    pictures: Reader | None,
) -> tuple[str, list[str]] | None:
    """The file made by rewriting the drawing's markup, and the pictures left out; None
    for markup not as the writer writes it."""
    problems: list[str] = []
    try:
        root, keep, drawn = _rewrite(svg_text, _styles(rules), pictures, problems)
        width = _length(root.get("width"))
        height = _length(root.get("height"))
    except (_Unread, ValueError, IndexError, ET.ParseError):
        return None  # the tree path makes the file, or says what is wrong
    heading, heading_height = _title_block(block, width, style, palette)
    ET.indent(heading, space="")
    total = heading_height + height
    attributes = _root_attributes(root, width, total)
    fill = {"width": num(width), "height": num(total), "fill": palette["--cjm-bg"]}
    group = ET.Element("g", {"class": "cjm-map"})
    _apply(group, rules)
    group.set("transform", f"translate(0 {num(heading_height)})")
    text = "".join(
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            serialise(ET.Element("svg", attributes))[:-3],
            ">\n",
            keep,
            serialise(ET.Element("rect", fill)),
            "\n",
            serialise(heading),
            "\n",
            serialise(group)[:-3],
            ">\n",
            drawn,
            "</g>\n</svg>\n",
        )
    )
    return text, problems


def _plain(text: str) -> bool:
    """Markup the quick path writes as ElementTree would: no tabs, line ends, comments,
    other entities or quotes, no white space between elements, known elements only.

    Attributes are taken to be written ``name="value"``, one space apart: what
    ElementTree writes, and the writer (:mod:`cjm_site.svg.writer`) through which
    every drawing of the package goes."""
    # Single characters first: searching for them is fast.
    if "\n" in text or "\r" in text or "\t" in text or _HOLE in text:
        return False
    if "'" in text and "='" in text:
        return False
    if text.count("<") != text.count(">"):  # a ">" in text or a value: not as ET writes
        return False
    if "&" in text and _OTHER_ENTITY.search(text):
        return False
    if _BLANK_BETWEEN.search(text):
        return False
    # Every "<" opens a known element or closes one, and as many close as open (the
    # nesting itself is the writer's: ElementTree writes no other).
    ends = text.count("</")
    if text.count("<") - ends != ends + text.count("/>"):
        return False
    return _OTHER_TAG.search(text) is None


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    for entity, char in (
        ("&quot;", '"'),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&#10;", "\n"),
        ("&#13;", "\r"),
        ("&#09;", "\t"),
        ("&amp;", "&"),
    ):
        value = value.replace(entity, char)
    return value


def _read_attributes(head: str, tag: str) -> dict[str, str]:
    """A start tag's attributes (values as written), without those :func:`_clean` drops."""
    rest = head[len(tag) :]
    pairs = _ATTRIBUTES.findall(rest)
    if sum(len(n) + len(v) + 4 for n, v in pairs) != len(rest):
        raise _Unread
    attributes: dict[str, str] = {}
    for name, value in pairs:
        if ":" in name or name == "xmlns":
            raise _Unread  # namespaces: the tree reads them
        low = name.lower()
        if low.startswith("on") or "href" in low:
            continue
        if name == "data-cjm-picture" and tag != "image":
            continue
        attributes[name] = value
    return attributes


_ATTRIBUTES = re.compile(r' ([^\s="]+)="([^"]*)"')


class _Styler:
    """Start tags with a class get the class's values, written after their attributes."""

    def __init__(self, styles: _Styles, body: str) -> None:
        self.styles = styles
        self._written: dict[str, tuple[str, tuple[str, ...]]] = {}
        """By class attribute: what it adds, and those of its attributes the markup also
        has somewhere (only then need its elements be read one by one)."""
        self._present = set(styles.properties.findall(body))

    def _of(self, attribute: str) -> tuple[str, tuple[str, ...]]:
        done = self._written.get(attribute)
        if done is None:
            suffix, names = self.styles.written(_unescape(attribute[8:-1]))
            probes = tuple(f' {name}="' for name in names if name in self._present)
            done = self._written[attribute] = (suffix, probes)
        return done

    def styled(self, markup: str) -> str:
        # Split into: markup before a class, the class attribute, the rest of its start
        # tag (without its ">"); and again.
        chunks = _CLASSED_TAG.split(markup)
        classes = chunks[1::3]
        table = {attribute: self._of(attribute) for attribute in set(classes)}
        if not any(probes for _, probes in table.values()):
            chunks[2::3] = [
                rest[:-2] + table[attribute][0] + " />"
                if rest[-2:] == " /"
                else rest + table[attribute][0] + ">"
                for attribute, rest in zip(classes, chunks[2::3], strict=True)
            ]
            return "".join(chunks)
        for index in range(1, len(chunks), 3):
            suffix, probes = table[chunks[index]]
            rest = chunks[index + 1]
            end = " />" if rest[-2:] == " /" else ">"
            rest = rest[: len(rest) - len(end) + 1]
            before = chunks[index - 1]
            opened = before.rfind("<")
            tag = before[opened:] + chunks[index] + rest
            if any(probe in tag for probe in probes):
                # The element sets it too: the class's value takes its place.
                chunks[index - 1] = before[:opened]
                chunks[index] = self._restyled(tag)
                chunks[index + 1] = end
            else:
                chunks[index + 1] = rest + suffix + end
        return "".join(chunks)

    def _restyled(self, start: str) -> str:
        """A start tag (without its end) with its class's values written in."""
        tag = start[1 : start.index(" ")]
        attributes = _read_attributes(start[1:], tag)
        for name, value in self.styles.declarations(_unescape(attributes["class"])).items():
            attributes[name] = _escaped(value)
        return "<" + tag + "".join(f' {name}="{value}"' for name, value in attributes.items())


def _element_end(body: str, start: int, tag: str) -> int:
    """Where the element starting at ``body[start]`` ends (one past its ``>``)."""
    head_end = body.index(">", start)
    if body[head_end - 1] == "/":
        return head_end + 1
    end = body.index("</" + tag + ">", head_end) + len(tag) + 3
    if body.find("<" + tag, head_end, end) >= 0:
        raise _Unread  # the same element inside itself
    return end


def _by_tree(markup: str, rules: Sequence[Rule], pictures: Reader | None) -> tuple[str, list[str]]:
    """One element made by the tree path's steps (it may become two, with a halo, or
    none, a picture left out), each with its line end; and the pictures left out."""
    holder = ET.fromstring("<cjm-holder>" + markup + "</cjm-holder>")
    for element in holder.iter():
        if element is not holder:
            _clean(element)
    problems = embed_pictures(holder, pictures)
    _apply(holder, rules)
    _split_halos(holder)
    _isolate_rtl(holder)
    _cjk_fonts(holder)
    ET.indent(holder, space="")
    return "".join(serialise(element) for element in holder), problems


def _leaf_halo(markup: str, styles: _Styles) -> str | None:
    """A text element without children and with a halo, as :func:`_split_halos` makes it
    (the halo, then the letters); None for any other, which the tree makes."""
    if not markup.startswith("<text") or markup.count("<") != 2:
        return None
    head, _, rest = markup[1:].partition(">")
    words = rest[: -len("</text>")]
    attributes = _read_attributes(head, "text")
    css = attributes.get("class")
    if css:
        for name, value in styles.declarations(_unescape(css)).items():
            attributes[name] = _escaped(value)
    if attributes.get("paint-order") != "stroke" or "direction" in attributes or _has_cjk(words):
        return None
    halo = dict(attributes)
    del halo["paint-order"]
    halo["fill"] = attributes.get("stroke", "#ffffff")
    halo["aria-hidden"] = "true"
    halo["class"] = "cjm-halo"
    for name in ("paint-order", "stroke", "stroke-width", "stroke-linejoin"):
        attributes.pop(name, None)
    end = f">{words}</text>\n" if words else " />\n"
    return "".join(
        "<text" + "".join(f' {name}="{value}"' for name, value in each.items()) + end
        for each in (halo, attributes)
    )


def _rewrite(
    svg_text: str, styles: _Styles, pictures: Reader | None, problems: list[str]
) -> tuple[dict[str, str], str, str]:
    """The root's attributes, the markup of its title and description, and of the rest.

    Raises _Unread for markup the quick path does not read.
    """
    text = svg_text
    if text.startswith("<?xml "):
        text = text[text.index("?>") + 2 :]
    text = text.strip()
    if not _plain(text) or not text.startswith("<svg ") or not text.endswith("</svg>"):
        raise _Unread
    root_end = text.index(">")
    if text[root_end - 1] == "/":
        raise _Unread
    raw = dict(_ATTRIBUTES.findall(text[4:root_end]))
    if raw.pop("xmlns", SVG_NS) != SVG_NS:
        raise _Unread
    root = {name: _unescape(value) for name, value in raw.items() if ":" not in name}
    body = text[root_end + 1 : -6]
    if body[:1] != "<" or body[-1:] != ">":
        raise _Unread  # no elements, or text beside them
    encoded = body.encode("utf-8")
    lowered = encoded.lower()
    for suspect in _SUSPECTS:
        for hit in suspect.finditer(lowered):
            at = hit.start()
            if lowered.rfind(b"<image ", 0, at) <= lowered.rfind(b">", 0, at):
                raise _Unread
    # What leaves its place: the root's title, description and stylesheet; pictures
    # and text that changes more than its start tag (made by the tree's steps).
    moved: list[tuple[int, int, str]] = []
    depth, at = 0, 0
    for found in _SET_APART.finditer(body):
        tag, start = found.group(1), found.start()
        if tag == "image":
            moved.append((start, _element_end(body, start, tag), "tree"))
            continue
        if start and body[start - 1] == ">" and body[start - 2] != "/":
            opened = body.rfind("<", 0, start)
            if body[opened + 1] != "/":
                continue  # right after its parent's start tag: not the root's child
        # Start tags open, end tags and empty elements close: the depth where it starts.
        opens, ends = body.count("<", at, start), body.count("</", at, start)
        depth += opens - 2 * ends - body.count("/>", at, start)
        at = start
        if depth == 0:
            moved.append((start, _element_end(body, start, tag), "keep" if tag != "style" else ""))
    for start in _text_changing(body, styles, encoded):
        moved.append((start, _element_end(body, start, "text"), "tree"))
    moved.sort()
    keep: list[str] = []
    staying: list[str] = []
    """The markup that stays, with a hole where an element made apart goes."""
    apart: list[str] = []
    at = 0
    for start, end, kind in moved:
        if start < at or body[end : end + 1] not in ("<", ""):
            raise _Unread  # overlapping, or text after it
        staying.append(body[at:start])
        if kind == "keep":
            keep.append(body[start:end])
        elif kind == "tree":
            made = _leaf_halo(body[start:end], styles)
            left_out: list[str] = []
            if made is None:
                made, left_out = _by_tree(body[start:end], styles.rules, pictures)
            if not made and body[start - 1] == ">" and body[end : end + 2] == "</":
                opened = body.rfind("<", 0, start)
                if body[opened + 1] != "/" and body[start - 2] != "/":
                    raise _Unread  # its parent is left empty: the tree writes that
            problems.extend(left_out)
            staying.append(_HOLE)
            apart.append(made)
        at = end
    staying.append(body[at:])
    markup = "".join(staying)
    pieces = _Styler(styles, markup).styled(markup).replace("><", ">\n<").split(_HOLE)
    joined = [pieces[0]]
    for made, after in zip(apart, pieces[1:], strict=True):
        if joined[-1].endswith(">"):
            joined.append("\n")  # what goes before an element made apart
        joined += (made, after)
    drawn = "".join(joined)
    if not drawn:
        raise _Unread
    if not drawn.endswith("\n"):
        drawn += "\n"
    kept = "".join(element.replace("><", ">\n<") + "\n" for element in keep)
    return root, kept, drawn


def _text_changing(body: str, styles: _Styles, encoded: bytes) -> set[int]:
    """Where the text elements start that change more than their start tag: a halo
    (``paint-order``), right to left (``direction``), or wide characters."""
    starts: set[int] = set()
    inside = [found.start() for found in _TEXT_CHANGES.finditer(body)]
    for name in styles.haloed:  # wherever it is written: the tree decides
        at = body.find(name)
        while at >= 0:
            inside.append(at)
            at = body.find(name, at + len(name))
    wide: set[str] = set()
    if not body.isascii():  # the characters beyond ASCII, each once
        others = set(encoded.translate(None, _ASCII).decode("utf-8"))
        wide = {c for c in others if is_wide(c) and not is_emoji(c)}
    if wide:
        chars = re.compile("[" + "".join(re.escape(c) for c in sorted(wide)) + "]")
        inside += [found.start() for found in chars.finditer(body)]
    for position in inside:
        start = body.rfind("<text", 0, position)
        if start >= 0 and body[start + 5] in " />" and _element_end(body, start, "text") > position:
            starts.add(start)
    return starts


def _root_attributes(root: Mapping[str, str], width: float, total: float) -> dict[str, str]:
    """The standalone file's ``<svg>`` attributes: its size with the title block, and
    the drawn map's class and label."""
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
    return attributes


def _parse(svg_text: str) -> ET.Element:
    """The map's SVG as elements without namespaces (written back with one default namespace)."""
    try:
        root = ET.fromstring(svg_text.encode("utf-8"))
    except ET.ParseError as err:
        raise ValueError(f"the map's SVG is not well-formed: {err}") from None
    for element in root.iter():
        _clean(element)
    if root.tag != "svg":
        raise ValueError("the map's SVG has no <svg> root")
    return root


def _clean(element: ET.Element) -> None:
    """One element as the file may hold it: no namespace, a known tag, nothing that runs."""
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


def _length(value: str | None) -> float:
    if value is None:
        raise ValueError("the map's SVG has no width or height")
    return float(value.removesuffix("px"))


def _apply(tree: ET.Element, rules: Sequence[Rule]) -> None:
    """Write the stylesheet into each element as presentation attributes (later rules win)."""
    styles = _styles(rules)
    for element in tree.iter():
        css = element.get("class")
        if css:
            for name, value in styles.declarations(css).items():
                element.set(name, value)


class _Styles:
    """The stylesheet's rules looked up by an element's ``class`` value, each value once.

    An element gets every rule whose classes it all has, in the stylesheet's order;
    a property set by several rules keeps its first place and the last value, as
    setting them one after the other on the element does.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self._by_class: dict[str, list[int]] = {}
        for index, rule in enumerate(rules):
            for name in rule.classes:
                self._by_class.setdefault(name, []).append(index)
        self._found: dict[str, dict[str, str]] = {}
        self._written: dict[str, tuple[str, tuple[str, ...]]] = {}
        names = sorted({name for rule in rules for name, _ in rule.declarations}, reverse=True)
        self.haloed = sorted(
            min(rule.classes)
            for rule in rules
            if rule.classes and any(name == "paint-order" for name, _ in rule.declarations)
        )
        """A class of each rule that sets ``paint-order`` (a text with it may get a halo)."""
        self.properties = re.compile(" (" + "|".join(re.escape(n) for n in names) + ')="')
        """Finds the attributes the stylesheet sets, written on elements (one search:
        a search for each is slower)."""

    def declarations(self, css: str) -> dict[str, str]:
        found = self._found.get(css)
        if found is None:
            classes = set(css.split())
            indexes = sorted({i for name in classes for i in self._by_class.get(name, ())})
            found = {}
            for i in indexes:
                if self.rules[i].classes <= classes:
                    found.update(self.rules[i].declarations)
            self._found[css] = found
        return found

    def written(self, css: str) -> tuple[str, tuple[str, ...]]:
        """The declarations as attributes written out (`` fill="#fff"...``), and their names."""
        done = self._written.get(css)
        if done is None:
            found = self.declarations(css)
            done = ("".join(_attribute(n, v) for n, v in found.items()), tuple(found))
            self._written[css] = done
        return done


_STYLES: dict[int, _Styles] = {}


def _styles(rules: Sequence[Rule]) -> _Styles:
    """The index of ``rules``, kept while the same rules come back (the light palette's)."""
    styles = _STYLES.get(id(rules))
    if styles is None or styles.rules is not rules:
        if len(_STYLES) >= 8:
            _STYLES.clear()
        styles = _STYLES[id(rules)] = _Styles(rules)
    return styles


def _attribute(name: str, value: str) -> str:
    """`` name="value"`` as the writer writes it (ElementTree's escaping)."""
    return f' {name}="{_escaped(value)}"'


@functools.lru_cache(maxsize=1024)
def _escaped(value: str) -> str:
    """An attribute value as the writer writes it (ElementTree's escaping)."""
    return serialise(ET.Element("a", {"v": value}))[6:-4]


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
