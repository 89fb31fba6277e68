"""The heatmap view (being written)."""

from __future__ import annotations

from cjm_site.linking import Site
from cjm_site.model import Settings
from cjm_site.views import ViewOptions, ViewSet


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    return ViewSet()
