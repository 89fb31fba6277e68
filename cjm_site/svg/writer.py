"""The one SVG writer: every drawing of the package is written through it.

It builds svgwrite elements (svgwrite is the project's SVG library) with
``debug=False``: svgwrite's checker costs more than the drawing and is no
security boundary (it accepts ``onclick``). Attribute names and values come
from this package's code only (ids from a checked prefix, classes from fixed
sets, numbers through :func:`num`); user text reaches a drawing only as element
text, through the one path below. Attributes are written sorted (svgwrite's own
rule), so the same drawing gives the same bytes.

Each element's start tag is written when the element is made, and
:meth:`SvgWriter.tostring` only joins the pieces: the same text, byte for byte,
as svgwrite's ``tostring`` (ElementTree serialising ``get_xml()``), which the
tests check, in a fraction of the time.

Escaping has one path: all text content goes through :func:`_xml_text`
(:func:`clean_text` unless the text is printable, as XML forbids control
characters) and the escaping of ``&``, ``<`` and ``>`` that ElementTree does;
attribute values are escaped as ElementTree escapes them too. Only the writer's
own stylesheet (fixed text, never user input) skips the cleaning.

For a drawing that must stand alone outside a browser (concrete colours
instead of CSS custom properties), pass the CSS made with
``map_stylesheet(concrete=True)`` and colours from ``colour(name,
concrete=True)`` (:mod:`cjm_site.svg.colours`): the writer itself is the same.
"""

from __future__ import annotations

import functools
import operator
import xml.etree.ElementTree as ET
from typing import Any

import svgwrite  # type: ignore[import-untyped]

from cjm_site.escaping import clean_text
from cjm_site.svg.geometry import num

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


class Element(svgwrite.base.BaseElement):  # type: ignore[misc]
    """An SVG element with given attributes and text, and the elements inside it.

    svgwrite's shape classes set default attributes and convert and check each
    value as they serialise; ours come as text already written with :func:`num`
    and checked here, so one plain element class serves every tag. Its start tag
    is written once, when it is made (attributes sorted, empty ones left out,
    values escaped: svgwrite's rules); its children are svgwrite's ``elements``.
    Serialising then only joins the pieces (:meth:`SvgWriter.tostring`), and
    :meth:`get_xml` still gives the ElementTree form, for anyone who asks.
    """

    def __init__(
        self,
        tag: str,
        attributes: dict[str, str],
        text: str | None,
        params: Any,
        head: str | None = None,
    ):
        self.elementname = tag
        self._parameter = params
        self.attribs = attributes
        self.elements: list[Element] = []
        self.text = text
        """The element's own text (cleaned, not escaped), before its children."""
        self.tail: str | None = None
        """Text after the element, inside its parent."""
        self.head = _start_tag(tag, attributes) if head is None else head
        """The start tag without its closing bracket: ``<tag`` and the attributes."""

    def __setitem__(self, key: str, value: str) -> None:
        # svgwrite's way to set an attribute later; kept working, still sorted.
        self.attribs[key] = value
        self.head = _start_tag(self.elementname, self.attribs)

    def add(self, element: Element) -> Element:
        """svgwrite's way to add a child."""
        self.elements.append(element)
        return element

    def get_xml(self) -> ET.Element:
        """The ElementTree form of the element and everything inside it."""
        xml = ET.Element(self.elementname, _sorted(self.attribs))
        xml.text = self.text
        xml.tail = self.tail
        xml.extend(child.get_xml() for child in self.elements)
        return xml


class SvgWriter:
    """One SVG document: its root ``<svg>`` and a way to add elements to any parent."""

    def __init__(self, width: float, height: float, attributes: dict[str, str]) -> None:
        self.drawing: Any = svgwrite.Drawing(size=(num(width), num(height)), debug=False)
        self.drawing.elements.remove(self.drawing.defs)  # svgwrite's empty <defs>
        self.drawing.update(attributes)
        self.root: Any = self.drawing
        self._params = self.drawing._parameter

    def add(
        self, parent: Any, tag: str, attributes: dict[str, str] | None = None, text: str = ""
    ) -> Element:
        """Append a ``tag`` element to ``parent``; ``text`` only for text-bearing tags."""
        # _xml_text, without a call for the usual printable text.
        content = (text if text.isprintable() else clean_text(text)) if tag in _TEXT_TAGS else None
        element = Element(tag, attributes or {}, content, self._params)
        parent.elements.append(element)  # svgwrite's add, without its checks (debug is off)
        return element

    def add_at(
        self,
        parent: Any,
        tag: str,
        fixed: tuple[tuple[str, str], ...],
        x: str,
        y: str,
        text: str = "",
    ) -> Element:
        """:meth:`add` of an element placed at ``x``, ``y`` whose other attributes are
        ``fixed``: the same on many elements (a label's class, size and weight), so
        their part of the start tag is written once for all of them."""
        head = _fixed_head(tag, fixed) + f' x="{_escape_attribute(x)}" y="{_escape_attribute(y)}"'
        content = (text if text.isprintable() else clean_text(text)) if tag in _TEXT_TAGS else None
        attributes = dict(fixed)
        attributes["x"], attributes["y"] = x, y
        element = Element(tag, attributes, content, self._params, head)
        parent.elements.append(element)
        return element

    def title(self, parent: Any, text: str, attributes: dict[str, str] | None = None) -> Element:
        """A ``<title>`` (a tooltip, and the accessible name of its parent) as first child.

        Text the parent already holds moves after the title (its XML tail), so the
        title still comes first and the text keeps its place.
        """
        element = Element("title", attributes or {}, _xml_text(text), self._params)
        if parent is not self.drawing and parent.text:
            element.tail, parent.text = parent.text, None
        parent.elements.insert(0, element)
        return element

    def style(self, css: str) -> None:
        """Our own fixed stylesheet (never user text, so never cleaned)."""
        self.drawing.elements.append(Element("style", {}, css, self._params))

    def tostring(self, *, standalone: bool = False) -> str:
        """The document as text: an XML file when ``standalone``, else inline markup.

        The same text as svgwrite's ``tostring`` (ElementTree's serialisation of
        ``get_xml()``), without building the tree: every start tag is written
        already, so this only joins the pieces.
        """
        drawing = self.drawing
        children, drawing.elements = drawing.elements, []
        try:  # svgwrite's root element alone: its namespaces, profile and version
            root = drawing.get_xml()
        finally:
            drawing.elements = children
        parts = ["<svg"]
        for key, value in root.items():
            parts.append(f' {key}="{_escape_attribute(value)}"')
        if children:
            parts.append(">")
            for child in children:
                _write(child, parts)
            parts.append("</svg>")
        else:
            parts.append(" />")
        text = "".join(parts)
        return XML_DECLARATION + text + "\n" if standalone else text


def _write(element: Element, parts: list[str]) -> None:
    """Append the text of ``element`` (start tag, text, children, end tag, tail) to ``parts``."""
    text, children = element.text, element.elements
    if text or children:
        parts.append(element.head + ">")
        if text:
            parts.append(_escape_text(text))
        for child in children:
            _write(child, parts)
        parts.append(f"</{element.elementname}>")
    else:
        parts.append(element.head + " />")
    if element.tail:
        parts.append(_escape_text(element.tail))


def _start_tag(tag: str, attributes: dict[str, str]) -> str:
    """``<tag`` and its attributes as ElementTree writes them: sorted by name (svgwrite's
    rule), empty ones left out, values escaped."""
    if not attributes:
        return "<" + tag
    values = attributes.values()
    if "" in values or not _ATTRIBUTE_SPECIALS.isdisjoint("".join(values)):
        pairs = sorted(attributes.items())
        return "<" + tag + "".join([f' {k}="{_escape_attribute(v)}"' for k, v in pairs if v])
    # The usual case: nothing to escape or leave out. A map has a few dozen shapes of
    # start tag (a tag and its attribute names): each is written once as a template.
    key = (tag, *attributes)
    template = _TEMPLATES.get(key)
    if template is None:
        if len(_TEMPLATES) >= _TEMPLATES_KEPT:
            _TEMPLATES.clear()
        names = sorted(attributes)
        text = _percent(tag) + "".join(f' {_percent(name)}="%s"' for name in names)
        # itemgetter of one name gives the value alone: a string, which % takes as well.
        template = _TEMPLATES[key] = ("<" + text, operator.itemgetter(*names))
    text, values_of = template
    return text % values_of(attributes)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1024)
def _fixed_head(tag: str, fixed: tuple[tuple[str, str], ...]) -> str:
    """The start tag of ``tag`` with the ``fixed`` attributes, for :meth:`SvgWriter.add_at`
    to follow with ``x`` and ``y``: so each of those must sort after every fixed name."""
    attributes = dict(fixed)
    if any(not value or name >= "x" for name, value in fixed):
        raise ValueError(f"fixed attributes must be set and sort before x and y: {fixed!r}")
    return _start_tag(tag, attributes)


def _percent(name: str) -> str:
    return name.replace("%", "%%")


_TEMPLATES: dict[tuple[str, ...], tuple[str, Any]] = {}
"""Start tag templates by tag and attribute names in the order given: a ``%s`` per value,
and what picks the values in the sorted order."""
_TEMPLATES_KEPT = 512


def serialise(root: ET.Element) -> str:
    """``ET.tostring(root, encoding="unicode")``, byte for byte, for the trees drawn here.

    ElementTree first walks the whole tree for namespaces (our tags and attribute
    names have none) and then writes each element through a stream; one walk into
    a list of strings, joined once, takes half the time. Escaping is ElementTree's.
    """
    parts: list[str] = []
    _serialise(root, parts.append)
    return "".join(parts)


def _serialise(element: ET.Element, write: Any) -> None:
    tag = element.tag
    if tag == _CDATA_TAG:  # svgwrite's CDATA element, as its patched ElementTree writes it
        write(f"<![CDATA[{element.text}]]>")
    else:
        write("<" + tag)
        for key, value in element.items():
            write(f' {key}="{_escape_attribute(value)}"')
        text = element.text
        if text or len(element):
            write(">")
            if text:
                write(_escape_text(text))
            for child in element:
                _serialise(child, write)
            write(f"</{tag}>")
        else:
            write(" />")
    if element.tail:
        write(_escape_text(element.tail))


_CDATA_TAG = "<![CDATA[%s]]>"
"""The tag svgwrite gives its CDATA elements (``svgwrite.etree.CDATA_TAG``)."""
_ATTRIBUTE_SPECIALS = frozenset('&<>"\r\n\t')


def _escape_text(text: str) -> str:
    """Element text escaped as ElementTree does: ``&``, ``<`` and ``>``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(value: str) -> str:
    """An attribute value escaped as ElementTree does (quotes and line ends too)."""
    if _ATTRIBUTE_SPECIALS.isdisjoint(value):
        return value
    value = _escape_text(value).replace('"', "&quot;")
    return value.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _sorted(attributes: dict[str, str]) -> dict[str, str]:
    """svgwrite's rule for attributes: sorted by name, empty ones left out."""
    if "" in attributes.values():
        return {key: value for key, value in sorted(attributes.items()) if value}
    return dict(sorted(attributes.items()))


_TEXT_TAGS = frozenset({"text", "tspan", "title", "desc"})


def _xml_text(text: str) -> str:
    """``text`` cleaned for XML; printable text (no controls, no odd spaces) is clean already."""
    return text if text.isprintable() else clean_text(text)
