"""The export formats as a table: name -> suffix, help and a function to the file's bytes.

``cjm export`` offers every entry; the MkDocs plugin's downloads can call the
same functions. Another format (Mermaid, say) is one more entry in :data:`FORMATS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from cjm_site.export.pictures import Reader
from cjm_site.model import Journey, Settings

# The drawing and paper code is imported by the format that uses it: the command
# line lists the formats (and `cjm validate` starts) without loading it.

__all__ = ["FORMATS", "PAPERS", "ExportFormat", "ExportOptions", "MapSource"]

PAPERS: dict[str, tuple[float, float]] = {
    "A4": (841.89, 595.28),
    "A3": (1190.55, 841.89),
    "A2": (1683.78, 1190.55),
    "A1": (2383.94, 1683.78),
    "A0": (3370.39, 2383.94),
}
"""Landscape sheet sizes in points (width, height)."""


@dataclass(frozen=True, slots=True)
class MapSource:
    """A journey read through the core, with what drawing and the title block need."""

    journey: Journey
    settings: Settings
    persona_names: tuple[str, ...]
    page_url: str | None = None
    """The page's address on the published site, when ``site_url`` is set."""
    drawn: str | None = None
    """The map as already drawn with :data:`~cjm_site.export.paper.MAP_STYLE` (the
    site's inline map), so it is not drawn twice; drawn here when None."""
    pictures: Reader | None = None
    """Reads the storyboard's pictures (by docs path) to write them into the file."""
    problems: list[str] | None = field(default=None, compare=False)
    """Where to say which pictures could not be written in (the caller reports them)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to export: paper for PDF, pixel density for PNG, the PDF's date."""

    paper: str = "A4"
    """A key of :data:`PAPERS`."""
    scale: float = 2.0
    """PNG pixels per CSS pixel of the map."""
    created: dt.datetime | None = None
    """The PDF's creation date; the page's ``updated`` date (or 2000-01-01) when None."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format."""

    suffix: str
    help: str
    write: Callable[[MapSource, ExportOptions], bytes]


def standalone(source: MapSource) -> str:
    """The map as a standalone SVG file (title block, concrete colours)."""
    from cjm_site.export.standalone import standalone_svg

    svg = source.drawn
    if svg is None:
        from cjm_site.drawing import draw_journey
        from cjm_site.export.paper import MAP_STYLE

        svg = draw_journey(
            source.journey,
            source.settings,
            id_prefix="cjm-map",
            style=MAP_STYLE,
            persona_names=source.persona_names,
        )
    return standalone_svg(
        source.journey,
        svg,
        source.persona_names,
        source.page_url,
        pictures=source.pictures,
        problems=source.problems,
    )


def _svg(source: MapSource, options: ExportOptions) -> bytes:
    return standalone(source).encode("utf-8")


def _png(source: MapSource, options: ExportOptions) -> bytes:
    from cjm_site.export.render import png_bytes

    return png_bytes(standalone(source), options.scale)


def _pdf(source: MapSource, options: ExportOptions) -> bytes:
    from cjm_site.export.paper import lay_out
    from cjm_site.export.render import pdf_bytes

    pages = lay_out(
        source.journey,
        source.settings,
        source.persona_names,
        options.paper,
        source.page_url,
        source.pictures,
    )
    created = options.created
    if created is None:
        day = source.journey.updated or dt.date(2000, 1, 1)
        created = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return pdf_bytes([p.svg for p in pages], title=source.journey.title, created=created)


def _mermaid(source: MapSource, options: ExportOptions) -> bytes:
    from cjm_site.interchange.mermaid import to_mermaid

    # A map with errors is never exported, so every persona it names was found, in order.
    names = dict(zip(source.journey.persona_ids, source.persona_names, strict=False))
    return to_mermaid(source.journey, source.settings, names).encode("utf-8")


def _csv(source: MapSource, options: ExportOptions) -> bytes:
    from cjm_site.interchange.grid import to_grid, write_csv

    return write_csv(to_grid(source.journey, source.settings))


FORMATS: dict[str, ExportFormat] = {
    "svg": ExportFormat(".svg", "the map alone, readable by any SVG tool", _svg),
    "png": ExportFormat(".png", "a picture for slides (--scale pixels per CSS pixel)", _png),
    "pdf": ExportFormat(".pdf", "vector pages for print (--paper, landscape)", _pdf),
    "mermaid": ExportFormat(
        ".mmd", "a Mermaid journey diagram (lossy) for places that only draw Mermaid", _mermaid
    ),
    "csv": ExportFormat(".csv", "the spreadsheet grid that cjm import csv reads", _csv),
}
"""Output formats by name; ``write`` returns the file's bytes."""
