"""Reviews: maps whose review date has passed or is near, and maps still at hypothesis."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cjm_site.catalogue import Review, review_of
from cjm_site.linking import Site
from cjm_site.model import Journey, Settings
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.vocabulary import plural, text

FAR = dt.date.max


@dataclass(frozen=True, slots=True)
class ReviewRow:
    journey: Journey
    review: Review

    @property
    def order(self) -> tuple[dt.date, str]:
        return (self.journey.review_by or FAR, self.journey.title.casefold())


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    uri = f"{options.folder}/reviews.md"
    due: list[ReviewRow] = []
    hypotheses: list[ReviewRow] = []
    for journey in site.journeys:
        row = ReviewRow(journey, review_of(journey, settings.today, options.soon_days))
        if row.review.state in ("overdue", "soon"):
            due.append(row)
        if journey.evidence == "hypothesis":
            hypotheses.append(row)
    due.sort(key=lambda row: row.order)
    hypotheses.sort(key=lambda row: row.order)
    page = ViewPage(
        uri=uri,
        title=text("view.reviews.title"),
        template="cjm/reviews.html",
        searchable=True,
        description=plural("view.reviews.description", options.soon_days),
        context={"due": due, "hypotheses": hypotheses, "soon_days": options.soon_days},
    )
    links = {
        row.journey.id: (ViewLink(text("view.reviews.link"), uri, f"review-{row.journey.id}"),)
        for row in [*due, *hypotheses]
    }
    return ViewSet(
        pages=(page,),
        journey_links=MappingProxyType(links),
        json={"reviews": functools.partial(_reviews_json, due, hypotheses)},
    )


def _reviews_json(due: list[ReviewRow], hypotheses: list[ReviewRow]) -> Any:
    return {
        "due": [
            {
                "id": row.journey.id,
                "review_by": row.journey.review_by.isoformat() if row.journey.review_by else None,
                "state": row.review.state,
                "days": row.review.days,
                "owner": row.journey.owner,
            }
            for row in due
        ],
        "hypotheses": [row.journey.id for row in hypotheses],
    }
