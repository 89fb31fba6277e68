"""The sparkline drawing, as the adapters import it; it lives in :mod:`cjm_site.svg`."""

from cjm_site.svg.sparkline import draw_sparkline

__all__ = ["draw_sparkline"]
