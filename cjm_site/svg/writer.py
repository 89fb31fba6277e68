"""The one SVG writer: every drawing of the package is written through it.

It builds svgwrite elements (svgwrite is the project's SVG library) with
``debug=False``: svgwrite's checker costs more than the drawing and is no
security boundary (it accepts ``onclick``). Attribute names and values come
from this package's code only (ids from a checked prefix, classes from fixed
sets, numbers through :func:`num`); user text reaches a drawing only as element
text, through the one path below. Attributes are written sorted (svgwrite's own rule), so the same
drawing gives the same bytes.

Escaping has one path: all text content goes through :func:`_xml_text`
(:func:`clean_text` unless the text is printable, as XML forbids control
characters) and ElementTree's escaping of ``&``, ``<`` and ``>``; attribute
values are escaped by ElementTree too. Only the writer's own stylesheet (fixed
text, never user input) skips the cleaning.

For a drawing that must stand alone outside a browser (concrete colours
instead of CSS custom properties), pass the CSS made with
``map_stylesheet(concrete=True)`` and colours from ``colour(name,
concrete=True)`` (:mod:`cjm_site.svg.colours`): the writer itself is the same.
"""

from __future__ import annotations

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
    and checked here, so one plain element class serves every tag. It holds its
    ElementTree form from the start (what svgwrite's ``get_xml`` would build at
    the end), with its children already inside: serialising then walks the tree
    once, not twice.
    """

    def __init__(self, tag: str, attributes: dict[str, str], text: str | None, params: Any):
        self.elementname = tag
        self._parameter = params
        self.attribs = attributes
        self.elements: list[Any] = []
        self.xml = ET.Element(tag, _sorted(attributes))
        self.xml.text = text

    def __setitem__(self, key: str, value: str) -> None:
        # svgwrite's way to set an attribute later; kept working, still sorted.
        self.attribs[key] = value
        self.xml.attrib.clear()
        self.xml.attrib.update(_sorted(self.attribs))

    def add(self, element: Element) -> Element:
        """svgwrite's way to add a child: into the ElementTree form, where children live."""
        self.xml.append(element.xml)
        return element

    def get_xml(self) -> ET.Element:
        return self.xml


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
        content = _xml_text(text) if tag in _TEXT_TAGS else None
        element = Element(tag, attributes or {}, content, self._params)
        if type(parent) is Element:  # the usual case, without a method call
            parent.xml.append(element.xml)
        else:
            parent.add(element)
        return element

    def title(self, parent: Any, text: str, attributes: dict[str, str] | None = None) -> Element:
        """A ``<title>`` (a tooltip, and the accessible name of its parent) as first child.

        Text the parent already holds moves after the title (its XML tail), so the
        title still comes first and the text keeps its place.
        """
        element = Element("title", attributes or {}, _xml_text(text), self._params)
        if parent is self.drawing:
            parent.elements.insert(0, element)
        else:
            if parent.xml.text:
                element.xml.tail, parent.xml.text = parent.xml.text, None
            parent.xml.insert(0, element.xml)
        return element

    def style(self, css: str) -> None:
        """Our own fixed stylesheet (never user text, so never cleaned)."""
        self.drawing.elements.append(Element("style", {}, css, self._params))

    def tostring(self, *, standalone: bool = False) -> str:
        """The document as text: an XML file when ``standalone``, else inline markup."""
        # As svgwrite's tostring, without its round trip through UTF-8 bytes.
        text = serialise(self.drawing.get_xml())
        return XML_DECLARATION + text + "\n" if standalone else text


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
