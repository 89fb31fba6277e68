"""Standalone map SVG to PNG and PDF, without a browser (the ``export`` extra).

PNG is drawn by resvg (``resvg-py``: a self-contained wheel, with text shaping,
font fallback and colour emoji). PDF is drawn by cairo through ``cairosvg``:
vector shapes and real, selectable text, several pages in one file. cairosvg
draws text with cairo's simple text API: one font per label (the standalone
file names a CJK font first for CJK labels), no shaping, no right-to-left
reordering, no font fallback; :mod:`cjm_site.export.cairo_text` prepares
right-to-left labels and emoji for it, and says what stays limited.
Both libraries are imported only when used, so the core works without them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from cjm_site.export.cairo_text import prepare

__all__ = ["ExportUnavailable", "pdf_bytes", "png_bytes", "unavailable"]

INSTALL_HINT = "pip install 'cjm-site[export]'"


class ExportUnavailable(RuntimeError):
    """A library the export needs is not installed."""


def _require(module: str, package: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except (ImportError, OSError) as err:  # missing, or its system library (cairo) is
        raise ExportUnavailable(
            f"{what} export needs the {package} package ({err}); install it with {INSTALL_HINT}"
        ) from None


_NEEDS: dict[str, tuple[tuple[str, str], ...]] = {
    "png": (("resvg_py", "resvg-py"),),
    "pdf": (("cairosvg", "cairosvg"), ("cairocffi", "cairosvg")),
}


def unavailable(format_name: str) -> str | None:
    """Why a format cannot be made here (a package or library missing), or None."""
    for module, package in _NEEDS.get(format_name, ()):
        try:
            _require(module, package, format_name.upper())
        except ExportUnavailable as err:
            return str(err)
    return None


def png_bytes(svg: str, scale: float = 2.0) -> bytes:
    """The standalone SVG as a PNG, ``scale`` pixels per CSS pixel."""
    resvg: Any = _require("resvg_py", "resvg-py", "PNG")
    try:
        return bytes(resvg.svg_to_bytes(svg_string=svg, zoom=scale, background="#ffffff"))
    except ValueError as err:
        raise ValueError(f"resvg could not draw the map: {err}") from None


def pdf_bytes(pages: Sequence[str], *, title: str, created: dt.datetime) -> bytes:
    """One PDF page per SVG, each SVG's user unit one point, sized by its width and height.

    ``created`` becomes the creation and modification date, so the same maps
    give the same bytes.
    """
    cairosvg: Any = _require("cairosvg", "cairosvg", "PDF")
    cairo: Any = _require("cairocffi", "cairosvg", "PDF")
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    del cairosvg  # imported above for its message when missing
    output = io.BytesIO()
    stamp = created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    shared = cairo.PDFSurface(output, 1, 1)
    shared.set_metadata(cairo.PDF_METADATA_TITLE, title)
    shared.set_metadata(cairo.PDF_METADATA_CREATE_DATE, stamp)
    shared.set_metadata(cairo.PDF_METADATA_MOD_DATE, stamp)

    class _Page(PDFSurface):  # type: ignore[misc]
        """cairosvg's PDF surface drawing into one shared, many-page cairo surface."""

        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            shared.set_size(width, height)
            return shared, width, height

    for svg in pages:
        # cairo shapes nothing and reorders nothing: right-to-left text and emoji
        # are made ready for it first (see cairo_text for what stays limited).
        tree = Tree(bytestring=prepare(svg).encode("utf-8"))
        _Page(tree, None, 72)
        shared.show_page()
    shared.finish()
    return output.getvalue()
