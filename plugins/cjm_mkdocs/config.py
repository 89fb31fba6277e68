"""The plugin's settings, as written under ``plugins: - cjm:`` in mkdocs.yml.

Settings get messages as good as pages get: MkDocs' own ``Expected ... but
received: ...``, naming the option (MkDocs adds ``Config value 'plugins'``
and the option's name). ``c.Type(int)`` would take ``true`` as 1 (a bool is
an int in Python), so counts have their own option type.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class Count(c.OptionallyRequired[int]):
    """A whole number of at least ``least`` (``true`` is no number, ``0`` no page size)."""

    def __init__(self, least: int, default: int) -> None:
        super().__init__(default=default)
        self.least = least

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.least:
            raise base.ValidationError(
                f"Expected a whole number of at least {self.least} but received: {value!r}"
            )
        return value


class SpineStageConfig(base.Config):
    id = c.Type(str)
    """The id a map stage joins with ``phase:``."""
    name = c.Type(str)
    """The name shown in views."""


class Spine(c.ListOfItems[SpineStageConfig]):
    """The spine's stages: each id once, or a stage would count in two columns."""

    def __init__(self) -> None:
        super().__init__(c.SubConfig(SpineStageConfig), default=[])

    def run_validation(self, value: object) -> list[SpineStageConfig]:
        stages = super().run_validation(value)
        seen: set[str] = set()
        for index, stage in enumerate(stages):
            if not stage.id.strip():
                raise base.ValidationError(
                    f"Expected a stage id that is not empty but received: {stage.id!r} "
                    f"(stage {index + 1})"
                )
            if stage.id in seen:
                raise base.ValidationError(
                    f"Expected each stage id once but received {stage.id!r} twice "
                    f"(stage {index + 1}); give each stage its own id"
                )
            seen.add(stage.id)
        return stages


class ChannelConfig(base.Config):
    name = c.Type(str)
    """The channel's display name."""
    online = c.Type(bool, default=True)
    """Whether the channel is digital (used to split channel views)."""


class CjmConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (pages then build as plain Markdown)."""
    spine = Spine()
    """The organisation's standard stages, in order (each id once)."""
    channels = c.DictOfItems(c.SubConfig(ChannelConfig), default={})
    """Known channels by id; maps may still use free words."""
    catalogue = c.Type(str, default="catalogue.md")
    """Where the generated catalogue page lives (docs-relative, a ``.md`` page)."""
    maps_dir = c.Type(str, default="maps")
    """Folder of the site where each map is also written as a standalone .svg file."""
    views_dir = c.Type(str, default="views")
    """Folder (docs-relative) of the generated organisation-wide views."""
    review_soon_days = Count(0, default=30)
    """Maps whose review date falls within this many days are flagged as due soon."""
    page_rows = Count(1, default=500)
    """Rows per page of the views' long tables (the backlog's opportunities); past this
    the table goes on over numbered pages. The CSV and catalogue.json hold every row."""
    cache = c.Type(bool, default=True)
    """Keep drawn maps, sparklines and charts between builds, so unchanged maps are not
    drawn again (turn off with `cache: false`)."""
    cache_dir = c.Type(str, default=".cache/cjm")
    """Where the drawing cache lives, relative to mkdocs.yml (keep it between CI runs)."""
    nav_limit = Count(0, default=50)
    """Without an explicit `nav`, journeys (and personas, owner pages) beyond this many
    leave the navigation and are reached through the catalogue and the views, which keeps
    every page's navigation small (Material renders it on every page)."""
    labels = c.DictOfItems(c.Type(str), default={})
    """The site's own words for any label the plugin shows (``lane.backstage: Behind
    the counter``), in whatever language the site is; unknown keys are reported."""
    theme_warning = c.Type(bool, default=True)
    """Warn when the theme is not Material (set to false once you have chosen the
    `mkdocs` or `readthedocs` theme: maps work there too, with a plainer look)."""
