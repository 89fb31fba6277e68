"""The journey map drawing, as the adapters import it; it lives in :mod:`cjm_site.svg`."""

from cjm_site.svg.describe import describe_journey
from cjm_site.svg.journey import STYLESHEET, draw_journey
from cjm_site.svg.style import MapStyle

__all__ = ["STYLESHEET", "MapStyle", "describe_journey", "draw_journey"]
