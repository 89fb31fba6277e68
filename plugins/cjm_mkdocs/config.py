"""The plugin's settings, as written under ``plugins: - cjm:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SpineStageConfig(base.Config):
    id = c.Type(str)
    """The id a map stage joins with ``phase:``."""
    name = c.Type(str)
    """The name shown in views."""


class ChannelConfig(base.Config):
    name = c.Type(str)
    """The channel's display name."""
    online = c.Type(bool, default=True)
    """Whether the channel is digital (used to split channel views)."""


class CjmConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (pages then build as plain Markdown)."""
    spine = c.ListOfItems(c.SubConfig(SpineStageConfig), default=[])
    """The organisation's standard stages, in order."""
    channels = c.DictOfItems(c.SubConfig(ChannelConfig), default={})
    """Known channels by id; maps may still use free words."""
    catalogue = c.Type(str, default="catalogue.md")
    """Where the generated catalogue page lives (docs-relative)."""
    maps_dir = c.Type(str, default="maps")
    """Folder of the site where each map is also written as a standalone .svg file."""
    views_dir = c.Type(str, default="views")
    """Folder (docs-relative) of the generated organisation-wide views."""
    review_soon_days = c.Type(int, default=30)
    """Maps whose review date falls within this many days are flagged as due soon."""
    page_rows = c.Type(int, default=500)
    """Rows per page of the views' long tables (the backlog's opportunities); past this
    the table goes on over numbered pages. The CSV and catalogue.json hold every row."""
    cache = c.Type(bool, default=True)
    """Keep drawn maps, sparklines and charts between builds, so unchanged maps are not
    drawn again (turn off with `cache: false`)."""
    cache_dir = c.Type(str, default=".cache/cjm")
    """Where the drawing cache lives, relative to mkdocs.yml (keep it between CI runs)."""
    nav_limit = c.Type(int, default=50)
    """Without an explicit `nav`, journeys (and personas, owner pages) beyond this many
    leave the navigation and are reached through the catalogue and the views, which keeps
    every page's navigation small (Material renders it on every page)."""
