"""The plugin's settings, as written under ``plugins: - cjm:`` in mkdocs.yml.

Settings get messages as good as pages get: MkDocs' own ``Expected ... but
received: ...``, naming the option (MkDocs adds ``Config value 'plugins'``
and the option's name). ``c.Type(int)`` would take ``true`` as 1 (a bool is
an int in Python), so counts have their own option type.
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from cjm_site.fields import STAGE_FIELDS
from cjm_site.vocabulary import LANE_KEYS

LANE_PLACES: tuple[str, ...] = LANE_KEYS
"""The format's lanes a declared lane may follow (``after:``)."""
_LANE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


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


class LaneConfig(base.Config):
    id = c.Type(str)
    """The key stages write the lane's values under (letters, digits, '_' and '-')."""
    name = c.Type(str)
    """The lane's title on the map and in the table."""
    after = c.Optional(c.Type(str))
    """The lane it is drawn after (a lane of the format or an earlier declared lane);
    without it, after the metrics."""
    type = c.Choice(("list", "text"), default="list")
    """``list``: a list of text (one card each); ``text``: one text per stage."""


class Lanes(c.ListOfItems[LaneConfig]):
    """The organisation's own lanes: ids that are no field of a stage, each once."""

    def __init__(self) -> None:
        super().__init__(c.SubConfig(LaneConfig), default=[])

    def run_validation(self, value: object) -> list[LaneConfig]:
        lanes = super().run_validation(value)
        taken = set(LANE_PLACES)
        fields = {spec.name for spec in STAGE_FIELDS}
        for index, lane in enumerate(lanes):
            where = f"(lane {index + 1})"
            if not _LANE_ID.fullmatch(lane.id):
                raise base.ValidationError(
                    f"Expected a lane id of letters, digits, '_' and '-' but received: "
                    f"{lane.id!r} {where}"
                )
            if lane.id in fields or lane.id in taken:
                what = "a field of a stage" if lane.id in fields else "declared twice"
                raise base.ValidationError(
                    f"Expected a lane id of the site's own but received {lane.id!r}, "
                    f"{what} {where}; choose another id"
                )
            if not lane.name.strip():
                raise base.ValidationError(f"Expected a lane name but received: '' {where}")
            if lane.after is not None and lane.after not in taken:
                known = ", ".join(sorted(taken))
                raise base.ValidationError(
                    f"Expected 'after' to name a lane drawn before this one ({known}) "
                    f"but received: {lane.after!r} {where}"
                )
            taken.add(lane.id)
        return lanes


DOWNLOAD_FORMATS = ("svg", "png", "pdf")
"""What a journey page can offer for download beside its map."""


class Downloads(c.OptionallyRequired[list[str]]):
    """A list of formats from :data:`DOWNLOAD_FORMATS`, each once (``[]``: no links)."""

    def __init__(self) -> None:
        super().__init__(default=["svg"])

    def run_validation(self, value: object) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise base.ValidationError(
                f"Expected a list of formats ({', '.join(DOWNLOAD_FORMATS)}) "
                f"but received: {value!r}"
            )
        seen: list[str] = []
        for item in value:
            if not isinstance(item, str) or item.lower() not in DOWNLOAD_FORMATS:
                raise base.ValidationError(
                    f"Expected each format to be one of {', '.join(DOWNLOAD_FORMATS)} "
                    f"but received: {item!r}"
                )
            if item.lower() in seen:
                raise base.ValidationError(f"Expected each format once but received {item!r} twice")
            seen.append(item.lower())
        # Always in one order, so the links read the same on every page.
        return [name for name in DOWNLOAD_FORMATS if name in seen]


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
    lanes = Lanes()
    """The organisation's own lanes (id, name, after, type): stages may use the ids as
    fields, drawn, tabled, searched, exported and diffed like the format's lanes."""
    catalogue = c.Type(str, default="catalogue.md")
    """Where the generated catalogue page lives (docs-relative, a ``.md`` page)."""
    maps_dir = c.Type(str, default="maps")
    """Folder of the site where each map is also written as a standalone .svg file."""
    downloads = Downloads()
    """Files published beside each map, with a link on its page: any of `svg`, `png`
    (a picture for slides) and `pdf` (landscape A4 pages, split by stage groups).
    PNG and PDF need the `export` extra (`pip install '.[export]'` in a checkout); without it
    the build warns and offers the SVG only. The SVG file is written in any case."""
    views_dir = c.Type(str, default="views")
    """Folder (docs-relative) of the generated organisation-wide views."""
    review_soon_days = Count(0, default=30)
    """Maps whose review date falls within this many days are flagged as due soon."""
    page_rows = Count(1, default=500)
    """Rows per page of the views' long tables (the backlog's opportunities); past this
    the table goes on over numbered pages. The CSV and catalogue.json hold every row."""
    cache = c.Type(bool, default=True)
    """Keep drawn maps, checked pages and rendered blocks between builds, so what did not
    change is not made again (turn off with `cache: false`)."""
    cache_dir = c.Type(str, default=".cache/cjm")
    """Where the build cache lives, relative to mkdocs.yml (keep it between CI runs)."""
    nav_limit = Count(0, default=50)
    """Without an explicit `nav`, journeys (and personas, owner pages) beyond this many
    leave the navigation and are reached through the catalogue and the views, which keeps
    every page's navigation small (Material renders it on every page)."""
    ticket_url = c.Optional(c.Type(str))
    """The delivery tracker's address of a ticket, `{ticket}` standing for the id
    (`https://tracker.example/browse/{ticket}`): an opportunity's `ticket:` links there."""
    labels = c.DictOfItems(c.Type(str), default={})
    """The site's own words for any label the plugin shows (``lane.backstage: Behind
    the counter``), in whatever language the site is; unknown keys are reported."""
    theme_warning = c.Type(bool, default=True)
    """Warn when the theme is not Material (set to false once you have chosen the
    `mkdocs` or `readthedocs` theme: maps work there too, with a plainer look)."""
