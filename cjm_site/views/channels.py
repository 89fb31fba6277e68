"""Channels: which channels carry touchpoints at which spine stage, across all maps.

Rows are channels, in three groups: the site's online channels and its offline
channels (both in the order of the settings, used or not), then channels that
maps name with a free word (A-Z). Touchpoints without a channel get a last row
of their own, so the totals add up. A touchpoint's channel matches a known one
by id, or by name case-insensitively (as the checker accepts); free words are
grouped case-insensitively and shown as first written.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cjm_site.linking import Site
from cjm_site.model import Channel, Journey, Settings, Touchpoint
from cjm_site.slugs import slugify
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.views.heatmap import Column, column_of, spine_columns
from cjm_site.views.html import Html
from cjm_site.vocabulary import CHANNEL_GROUPS, label, text

GROUPS: Sequence[tuple[str, str]] = CHANNEL_GROUPS


@dataclass(frozen=True, slots=True)
class MapUse:
    """How one map uses a channel."""

    journey: Journey
    touchpoints: int
    stages: tuple[int, ...]
    """1-based positions of the map's stages with a touchpoint on the channel."""

    @property
    def first(self) -> int:
        return self.stages[0]


@dataclass(frozen=True, slots=True)
class ChannelRow:
    id: str | None
    """The configured id, the free word as first written, or None for "no channel"."""
    name: str
    group: str
    anchor: str
    counts: tuple[int, ...]
    """Touchpoints per column (spine stages, then "No phase")."""
    pains: int
    moments_of_truth: int
    maps: tuple[MapUse, ...]

    @property
    def touchpoints(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class ChannelGroup:
    key: str
    name: str
    rows: tuple[ChannelRow, ...]


@dataclass(frozen=True, slots=True)
class MapChannels:
    """One map and the channels its touchpoints use, by group."""

    journey: Journey
    by_group: tuple[tuple[str, tuple[tuple[ChannelRow, int], ...]], ...]
    """(group key, ((row, touchpoints), ...)) for each group the map uses."""

    @property
    def anchor(self) -> str:
        return f"channels-{self.journey.id}"


class _Tally:
    def __init__(self, columns: int) -> None:
        self.counts = [0] * columns
        self.pains = 0
        self.truths = 0
        self.maps: dict[str, list[int]] = {}
        self.touch: dict[str, int] = {}

    def add(self, journey: Journey, stage_index: int, column: int, point: Touchpoint) -> None:
        self.counts[column] += 1
        self.pains += "pain" in point.moments
        self.truths += "truth" in point.moments
        stages = self.maps.setdefault(journey.id, [])
        if stage_index not in stages:
            stages.append(stage_index)
        self.touch[journey.id] = self.touch.get(journey.id, 0) + 1


def _slug(text: str) -> str:
    return slugify(text, ascii_only=True, fallback="channel")


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    uri = f"{options.folder}/channels.md"
    columns = spine_columns(settings)
    index_of = {c.id: i for i, c in enumerate(columns)}
    by_id = {c.id: c for c in settings.channels}
    by_name: dict[str, Channel] = {}
    for channel in settings.channels:
        by_name.setdefault(channel.name.casefold(), channel)

    known: dict[str, _Tally] = {c.id: _Tally(len(columns)) for c in settings.channels}
    other: dict[str, _Tally] = {}
    other_names: dict[str, str] = {}
    none = _Tally(len(columns))
    for journey in site.journeys:
        for stage_index, stage in enumerate(journey.stages, start=1):
            column = index_of[column_of(stage, settings)]
            for point in stage.touchpoints:
                word = point.channel.strip() if point.channel else ""
                if not word:
                    tally = none
                else:
                    match = by_id.get(word) or by_name.get(word.casefold())
                    if match is not None:
                        tally = known[match.id]
                    else:
                        key = word.casefold()
                        other_names.setdefault(key, word)
                        tally = other.setdefault(key, _Tally(len(columns)))
                tally.add(journey, stage_index, column, point)

    used_anchors: set[str] = set()

    def anchor_for(text: str) -> str:
        base = f"channel-{_slug(text)}"
        anchor, n = base, 2
        while anchor in used_anchors:
            anchor, n = f"{base}-{n}", n + 1
        used_anchors.add(anchor)
        return anchor

    def row(channel_id: str | None, name: str, group: str, tally: _Tally) -> ChannelRow:
        uses = tuple(
            MapUse(journey, tally.touch[journey.id], tuple(tally.maps[journey.id]))
            for journey in site.journeys
            if journey.id in tally.maps
        )
        return ChannelRow(
            id=channel_id,
            name=name,
            group=group,
            anchor=anchor_for(channel_id if channel_id is not None else "none"),
            counts=tuple(tally.counts),
            pains=tally.pains,
            moments_of_truth=tally.truths,
            maps=uses,
        )

    rows: dict[str, list[ChannelRow]] = {key: [] for key, _ in GROUPS}
    for channel in settings.channels:
        group = "online" if channel.online else "offline"
        rows[group].append(row(channel.id, channel.name, group, known[channel.id]))
    for key in sorted(other, key=lambda k: (k, other_names[k])):
        rows["other"].append(row(other_names[key], other_names[key], "other", other[key]))
    if none.maps:
        rows["none"].append(row(None, label("channel.none"), "none", none))
    groups = tuple(ChannelGroup(key, name, tuple(rows[key])) for key, name in GROUPS if rows[key])
    all_rows = [r for g in groups for r in g.rows]
    totals = {
        "counts": tuple(sum(r.counts[i] for r in all_rows) for i in range(len(columns))),
        "touchpoints": sum(r.touchpoints for r in all_rows),
        "pains": sum(r.pains for r in all_rows),
        "moments_of_truth": sum(r.moments_of_truth for r in all_rows),
    }
    maps = _maps(site, groups)
    page = ViewPage(
        uri=uri,
        title=text("view.channels.title"),
        template="cjm/channels.html",
        description=text("view.channels.description"),
        context={
            "html": Html,
            "columns": columns,
            "groups": groups,
            "totals": totals,
            "maps": maps,
            "has_spine": bool(settings.spine),
            "has_settings": bool(settings.channels),
            "group_names": dict(GROUPS),
        },
    )
    links = {m.journey.id: (ViewLink(text("view.channels.link"), uri, m.anchor),) for m in maps}
    return ViewSet(
        pages=(page,),
        journey_links=MappingProxyType(links),
        json={"channels_matrix": functools.partial(_json, columns, groups)},
    )


def _maps(site: Site, groups: tuple[ChannelGroup, ...]) -> tuple[MapChannels, ...]:
    """Each map with the channels it uses, by group (one pass over the rows)."""
    uses: dict[str, dict[str, list[tuple[ChannelRow, int]]]] = {}
    for group in groups:
        for row in group.rows:
            for use in row.maps:
                by_group = uses.setdefault(use.journey.id, {})
                by_group.setdefault(group.key, []).append((row, use.touchpoints))
    return tuple(
        MapChannels(
            journey,
            tuple(
                (g.key, tuple(uses[journey.id][g.key])) for g in groups if g.key in uses[journey.id]
            ),
        )
        for journey in site.journeys
        if journey.id in uses
    )


def _json(columns: tuple[Column, ...], groups: tuple[ChannelGroup, ...]) -> dict[str, Any]:
    return {
        "columns": [{"id": c.id, "name": c.name} for c in columns],
        "channels": [
            {
                "id": r.id,
                "name": r.name,
                "group": r.group,
                "counts": {
                    c.id: n for c, n in zip(columns, r.counts, strict=True) if c.id is not None
                },
                "no_phase": r.counts[-1],
                "touchpoints": r.touchpoints,
                "pains": r.pains,
                "moments_of_truth": r.moments_of_truth,
                "journeys": [
                    {"id": u.journey.id, "touchpoints": u.touchpoints, "stages": list(u.stages)}
                    for u in r.maps
                ],
            }
            for g in groups
            for r in g.rows
        ],
    }
