"""Maps that leave the site: a standalone SVG file, PNG and PDF.

- :mod:`~cjm_site.export.standalone`: the map's SVG as a file any renderer draws
  right (concrete colours, no CSS) with a title block.
- :mod:`~cjm_site.export.paper`: the map on landscape sheets, split by stages
  (and lanes) when text would print below 7 pt.
- :mod:`~cjm_site.export.render`: PNG and PDF (needs the ``export`` extra).
- :mod:`~cjm_site.export.formats`: the table of formats ``cjm export`` and the
  plugin's downloads use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FONT_STACK", "LIGHT_PALETTE", "standalone_svg", "title_facts"]


def __getattr__(name: str) -> Any:
    """The standalone module's names, loaded on first use: the plugin imports this
    package for its small helpers, and a build whose maps come from the cache
    never makes a standalone file."""
    if name in __all__:
        from cjm_site.export import standalone

        return getattr(standalone, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
