"""The list of views. Add a view module here and it is generated, linked and exported."""

from __future__ import annotations

from cjm_site.views import Builder, backlog, channels, comparisons, heatmap, owners, reviews

# The order is the order of the links on a journey page.
BUILDERS: tuple[Builder, ...] = (
    heatmap.build,
    backlog.build,
    reviews.build,
    owners.build,
    channels.build,
    comparisons.build,
)
