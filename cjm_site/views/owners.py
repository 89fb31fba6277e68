"""Owners: a page per team with what it owns across all maps, and an index of teams.

A team owns maps (``owner`` of a journey), touchpoints and opportunities
(``owner`` of either, on any stage of any map). Names are grouped as in
:func:`cjm_site.views.backlog.owner_names`: trimmed and case-insensitive, shown
in their most common spelling.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cjm_site.catalogue import Review, review_of
from cjm_site.linking import Site
from cjm_site.model import Journey, Settings, Stage, Touchpoint
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.views.backlog import (
    NO_OWNER,
    OpportunityRow,
    Owner,
    OwnerNames,
    opportunity_rows,
    owner_names,
)
from cjm_site.views.html import Html
from cjm_site.vocabulary import text


@dataclass(frozen=True, slots=True)
class TouchpointRow:
    """A touchpoint where it sits."""

    journey: Journey
    stage: Stage
    stage_number: int
    """1-based, as in the ``stage-N`` ids of the journey page's table."""
    touchpoint: Touchpoint

    @property
    def stage_anchor(self) -> str:
        return f"stage-{self.stage_number}"


@dataclass(frozen=True, slots=True)
class MapRow:
    """A map a team owns, with its review state."""

    journey: Journey
    review: Review


@dataclass(frozen=True, slots=True)
class OwnerPage:
    """Everything one team owns."""

    owner: Owner
    maps: tuple[MapRow, ...]
    touchpoints: tuple[TouchpointRow, ...]
    opportunities: tuple[OpportunityRow, ...]
    """Open ones first, then by due date (see ``OpportunityRow.order``)."""

    @property
    def open(self) -> int:
        return sum(1 for row in self.opportunities if row.opportunity.status != "done")

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.opportunities if row.overdue)


def touchpoint_rows(site: Site) -> list[TouchpointRow]:
    """Every touchpoint, in map order (by title), then stage order."""
    return [
        TouchpointRow(journey, stage, number, touchpoint)
        for journey in site.journeys
        for number, stage in enumerate(journey.stages, 1)
        for touchpoint in stage.touchpoints
    ]


def owner_pages(
    site: Site,
    settings: Settings,
    options: ViewOptions,
    names: OwnerNames,
    opportunities: Sequence[OpportunityRow],
    touchpoints: Sequence[TouchpointRow],
) -> list[OwnerPage]:
    """One page per owner, in name order."""
    maps: dict[str, list[MapRow]] = {}
    for journey in site.journeys:
        owner = names.of(journey.owner)
        if owner is not None:
            review = review_of(journey, settings.today, options.soon_days)
            maps.setdefault(owner.key, []).append(MapRow(journey, review))
    assigned: dict[str, list[TouchpointRow]] = {}
    for row in touchpoints:
        owner = names.of(row.touchpoint.owner)
        if owner is not None:
            assigned.setdefault(owner.key, []).append(row)
    tasks: dict[str, list[OpportunityRow]] = {}
    for opportunity in sorted(opportunities, key=lambda r: r.order):
        if opportunity.owner is not None:
            tasks.setdefault(opportunity.owner.key, []).append(opportunity)
    return [
        OwnerPage(
            owner,
            tuple(maps.get(owner.key, ())),
            tuple(assigned.get(owner.key, ())),
            tuple(tasks.get(owner.key, ())),
        )
        for owner in names.owners
    ]


def _owner_json(page: OwnerPage) -> dict[str, Any]:
    return {
        "id": page.owner.slug,
        "name": page.owner.name,
        "spellings": list(page.owner.spellings),
        "page": page.owner.uri,
        "maps": [row.journey.id for row in page.maps],
        "touchpoints": [
            {
                "journey": row.journey.id,
                "stage": row.stage_number,
                "stage_name": row.stage.name,
                "name": row.touchpoint.name,
                "channel": row.touchpoint.channel,
                "moments": list(row.touchpoint.moments),
                "priority": row.touchpoint.priority,
            }
            for row in page.touchpoints
        ],
        "opportunities": [
            {
                "id": row.anchor,
                "journey": row.journey.id,
                "stage": row.stage_number,
                "text": row.opportunity.text,
                "status": row.opportunity.status,
                "due": row.opportunity.due.isoformat() if row.opportunity.due else None,
                "overdue": row.overdue,
            }
            for row in page.opportunities
        ],
        "counts": {
            "maps": len(page.maps),
            "touchpoints": len(page.touchpoints),
            "opportunities": len(page.opportunities),
            "open": page.open,
            "overdue": page.overdue,
        },
    }


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    index_uri = f"{options.folder}/owners.md"
    backlog_uri = f"{options.folder}/backlog.md"
    names = owner_names(site, options)
    opportunities = opportunity_rows(site, settings, options, names)
    touchpoints = touchpoint_rows(site)
    pages = owner_pages(site, settings, options, names, opportunities, touchpoints)
    shared = {
        "index_uri": index_uri,
        "backlog_uri": backlog_uri,
        "no_owner": NO_OWNER,
        "html": Html,
    }
    index = ViewPage(
        uri=index_uri,
        title=text("view.owners.title"),
        template="cjm/owners.html",
        description=text("view.owners.description"),
        context={
            **shared,
            "pages": pages,
            "unowned_maps": [j for j in site.journeys if names.of(j.owner) is None],
            "unowned_touchpoints": sum(
                1 for t in touchpoints if names.of(t.touchpoint.owner) is None
            ),
            "unowned_opportunities": sum(1 for o in opportunities if o.owner is None),
        },
    )
    owner_views = tuple(
        ViewPage(
            uri=page.owner.uri,
            title=page.owner.name,
            template="cjm/owner.html",
            description=text("view.owner.description"),
            context={**shared, "page": page},
            in_index=False,
        )
        for page in pages
    )
    links: dict[str, tuple[ViewLink, ...]] = {}
    for journey in site.journeys:
        owner = names.of(journey.owner)
        if owner is not None:
            links[journey.id] = (ViewLink(text("view.owner.link", name=owner.name), owner.uri),)
    return ViewSet(
        pages=(index, *owner_views),
        journey_links=MappingProxyType(links),
        json={"owners": functools.partial(_owners_json, pages)},
    )


def _owners_json(pages: list[OwnerPage]) -> list[dict[str, Any]]:
    return [_owner_json(page) for page in pages]
