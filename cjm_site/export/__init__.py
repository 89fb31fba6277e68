"""Maps that leave the site: a standalone SVG file, PNG and PDF.

:mod:`~cjm_site.export.standalone` needs nothing beyond the core; rendering to
PNG and PDF (:mod:`~cjm_site.export.render`) needs the ``export`` extra.
"""

from cjm_site.export.standalone import FONT_STACK, LIGHT_PALETTE, standalone_svg, title_facts

__all__ = ["FONT_STACK", "LIGHT_PALETTE", "standalone_svg", "title_facts"]
