"""The opportunity backlog: every opportunity of every map in one place.

One row per opportunity (map, stage, owner, status, due date), the same rows
grouped by status and by owner, and the pains that no opportunity addresses
yet: pains on stages without any opportunity. The rows also go out as a CSV
file and under ``backlog`` in ``catalogue.json``.

This module also holds what the owners view shares with it: owner names
(grouped case-insensitively, shown in their most common spelling, each with a
page slug) and each opportunity's due state.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cjm_site.linking import Site
from cjm_site.links_out import opportunity_href
from cjm_site.model import STATUSES, Journey, Opportunity, Settings, Stage, Touchpoint
from cjm_site.slugs import digest
from cjm_site.slugs import slugify as _slugify
from cjm_site.views import ViewFile, ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.views.html import Html
from cjm_site.vocabulary import STATUS_LABELS, label, text

NO_STATUS = "none"
"""The status filter's value (and ``data-status``) of opportunities without a status."""
NO_OWNER = "_none"
"""The owner filter value for opportunities without an owner (no slug has ``_``)."""
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "map",
    "map_id",
    "stage_number",
    "stage",
    "opportunity",
    "owner",
    "status",
    "due",
    "overdue",
    "ticket",
    "link",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"
"""Starts backlog.csv: without it, Excel reads a UTF-8 file in the computer's legacy
code page and shows ``Café`` as ``CafÃ©``; csv readers drop it with ``utf-8-sig``."""
_RESERVED_SLUGS = frozenset({"index"})
"""``owners/index.md`` would take the URL of the owners index itself."""


# -- owners ---------------------------------------------------------------------


def owner_key(name: str | None) -> str | None:
    """How owner names are compared: trimmed, inner spaces collapsed, case folded."""
    if name is None:
        return None
    words = name.split()
    return " ".join(words).casefold() if words else None


def slugify(name: str) -> str:
    """A readable ASCII file name for an owner page; a stable hash when nothing is left."""
    slug = _slugify(name, ascii_only=True, max_length=60)
    return slug or "owner-" + digest(name.casefold())


@dataclass(frozen=True, slots=True)
class Owner:
    """A team named as an owner somewhere, under however many spellings."""

    key: str
    """The compared form (see :func:`owner_key`)."""
    name: str
    """The spelling shown: the most common one (ties: the first in code-point order)."""
    slug: str
    """Unique among owners; the owner page's file name and the backlog's filter value."""
    uri: str
    """Docs path of the owner's page."""
    spellings: tuple[str, ...]
    """Every trimmed spelling seen, the shown one first."""


@dataclass(frozen=True, slots=True)
class OwnerNames:
    """Every owner of a site, by name, with a unique slug each."""

    owners: tuple[Owner, ...]
    """In name order (case-insensitive)."""
    by_key: Mapping[str, Owner]

    def of(self, name: str | None) -> Owner | None:
        key = owner_key(name)
        return self.by_key.get(key) if key is not None else None


def _owner_mentions(site: Site) -> Iterable[str]:
    for journey in site.journeys:
        if journey.owner is not None:
            yield journey.owner
        for stage in journey.stages:
            for touchpoint in stage.touchpoints:
                if touchpoint.owner is not None:
                    yield touchpoint.owner
            for opportunity in stage.opportunities:
                if opportunity.owner is not None:
                    yield opportunity.owner


def owner_names(site: Site, options: ViewOptions) -> OwnerNames:
    """Group the owners named on maps, touchpoints and opportunities."""
    spellings: dict[str, Counter[str]] = {}
    for mention in _owner_mentions(site):
        key = owner_key(mention)
        if key is not None:
            spellings.setdefault(key, Counter())[" ".join(mention.split())] += 1
    ordered = []
    for key, counts in spellings.items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ordered.append((ranked[0][0], key, tuple(s for s, _ in ranked)))
    ordered.sort(key=lambda item: (item[0].casefold(), item[0], item[1]))
    taken = set(_RESERVED_SLUGS)
    owners = []
    for name, key, names in ordered:
        base = slugify(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        uri = f"{options.folder}/owners/{slug}.md"
        owners.append(Owner(key=key, name=name, slug=slug, uri=uri, spellings=names))
    return OwnerNames(tuple(owners), MappingProxyType({o.key: o for o in owners}))


# -- opportunities ----------------------------------------------------------------


def due_state(opportunity: Opportunity, today: dt.date, soon_days: int) -> tuple[str, int | None]:
    """``overdue`` (due before today, not done), ``soon`` (within the window) or ``""``.

    With the days until the due date (negative once passed), None without one.
    """
    if opportunity.due is None:
        return "", None
    days = (opportunity.due - today).days
    if opportunity.status == "done":
        return "", days
    if days < 0:
        return "overdue", days
    if days <= soon_days:
        return "soon", days
    return "", days


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    """An opportunity where it sits: its map, its stage, its owner and due state."""

    journey: Journey
    stage: Stage
    stage_number: int
    """1-based, as in the ``stage-N`` ids of the journey page's table."""
    number: int
    """1-based among the map's opportunities, in stage order."""
    opportunity: Opportunity
    owner: Owner | None
    due: str
    """``overdue``, ``soon`` or ``""`` (see :func:`due_state`)."""
    days: int | None

    @property
    def anchor(self) -> str:
        return f"opp-{self.journey.id}-{self.number}"

    @property
    def stage_anchor(self) -> str:
        return f"stage-{self.stage_number}"

    @property
    def overdue(self) -> bool:
        return self.due == "overdue"

    @property
    def status(self) -> str:
        return self.opportunity.status or NO_STATUS

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status) or label("status.none")

    @property
    def owner_value(self) -> str:
        """The owner filter's value: the owner's slug, or :data:`NO_OWNER`."""
        return self.owner.slug if self.owner else NO_OWNER

    @property
    def search(self) -> str:
        words = [
            self.opportunity.text,
            self.journey.title,
            self.stage.name,
            self.owner.name if self.owner else "",
            self.status_label,
        ]
        return " ".join(words).casefold()

    @property
    def order(self) -> tuple[int, dt.date, str, str, int]:
        """Open before done, then by due date (undated last), then map order."""
        return (
            int(self.opportunity.status == "done"),
            self.opportunity.due or dt.date.max,
            self.journey.title.casefold(),
            self.journey.path,
            self.number,
        )


def opportunity_rows(
    site: Site, settings: Settings, options: ViewOptions, names: OwnerNames
) -> list[OpportunityRow]:
    """Every opportunity, in map order (by title), then stage order."""
    rows: list[OpportunityRow] = []
    for journey in site.journeys:
        number = 0
        for stage_number, stage in enumerate(journey.stages, 1):
            for opportunity in stage.opportunities:
                number += 1
                state, days = due_state(opportunity, settings.today, options.soon_days)
                owner = names.of(opportunity.owner)
                rows.append(
                    OpportunityRow(
                        journey, stage, stage_number, number, opportunity, owner, state, days
                    )
                )
    return rows


@dataclass(frozen=True, slots=True)
class PainRow:
    """A pain on a stage that has no opportunity: a stage pain or a touchpoint marked pain."""

    journey: Journey
    stage: Stage
    stage_number: int
    number: int
    """1-based among the map's unaddressed pains."""
    text: str
    touchpoint: Touchpoint | None = None
    """The touchpoint marked as a pain (its name is the text); None for a stage pain."""
    owner: Owner | None = None
    """The touchpoint's owner."""

    @property
    def anchor(self) -> str:
        return f"pain-{self.journey.id}-{self.number}"

    @property
    def stage_anchor(self) -> str:
        return f"stage-{self.stage_number}"


def unaddressed_pains(site: Site, names: OwnerNames) -> list[PainRow]:
    """Pains of stages without an opportunity, in map and stage order."""
    rows: list[PainRow] = []
    for journey in site.journeys:
        number = 0
        for stage_number, stage in enumerate(journey.stages, 1):
            if stage.opportunities:
                continue
            for pain in stage.pains:
                number += 1
                rows.append(PainRow(journey, stage, stage_number, number, pain))
            for touchpoint in stage.touchpoints:
                if "pain" in touchpoint.moments:
                    number += 1
                    owner = names.of(touchpoint.owner)
                    rows.append(
                        PainRow(
                            journey, stage, stage_number, number, touchpoint.name, touchpoint, owner
                        )
                    )
    return rows


# -- grouping -----------------------------------------------------------------------


def pains_by_map(pains: Sequence[PainRow]) -> list[tuple[Journey, tuple[PainRow, ...]]]:
    """Unaddressed pains under their map, maps in the order the pains come."""
    groups: dict[str, list[PainRow]] = {}
    for pain in pains:
        groups.setdefault(pain.journey.id, []).append(pain)
    return [(rows[0].journey, tuple(rows)) for rows in groups.values()]


@dataclass(frozen=True, slots=True)
class Group:
    """Rows under one heading: a status, or an owner (None: without an owner)."""

    key: str
    label: str
    rows: tuple[OpportunityRow, ...]
    owner: Owner | None = None

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)

    @property
    def open(self) -> int:
        return sum(1 for row in self.rows if row.opportunity.status != "done")


def by_status(rows: Sequence[OpportunityRow]) -> list[Group]:
    """Not yet triaged first, then the statuses in their working order; empty ones too.

    Within a status, the earliest due first (undated last).
    """
    grouped: dict[str, list[OpportunityRow]] = {key: [] for key in (NO_STATUS, *STATUSES)}
    for row in sorted(rows, key=lambda r: r.order):
        grouped.setdefault(row.status, []).append(row)
    return [
        Group(key, STATUS_LABELS.get(key) or label("status.none"), tuple(items))
        for key, items in grouped.items()
    ]


def by_owner(rows: Sequence[OpportunityRow], names: OwnerNames) -> list[Group]:
    """Owners in name order, each with its rows (open ones first); unowned rows last."""
    mine: dict[str | None, list[OpportunityRow]] = {}
    for row in sorted(rows, key=lambda r: r.order):
        mine.setdefault(row.owner.key if row.owner else None, []).append(row)
    groups = [
        Group(owner.slug, owner.name, tuple(mine[owner.key]), owner)
        for owner in names.owners
        if owner.key in mine
    ]
    if None in mine:
        groups.append(Group(NO_OWNER, label("owner.none"), tuple(mine[None])))
    return groups


# -- outputs ------------------------------------------------------------------------


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ tab or CR gets a ``'``."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def backlog_csv(rows: Sequence[OpportunityRow], ticket_url: str | None = None) -> str:
    """RFC 4180: CRLF line ends, quotes where needed, a header row; a UTF-8 byte-order
    mark first, so spreadsheet programs read the text as UTF-8 (see :data:`CSV_BOM`)."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([label(f"csv.{name}") for name in CSV_COLUMNS])
    for row in rows:
        o = row.opportunity
        values = (
            row.anchor,
            row.journey.title,
            row.journey.id,
            str(row.stage_number),
            row.stage.name,
            o.text,
            row.owner.name if row.owner else "",
            o.status or "",
            o.due.isoformat() if o.due else "",
            label("csv.yes") if row.overdue else label("csv.no"),
            o.ticket or "",
            opportunity_href(o, ticket_url) or "",
        )
        writer.writerow([csv_cell(v) for v in values])
    return out.getvalue()


def opportunity_json(row: OpportunityRow, ticket_url: str | None = None) -> dict[str, Any]:
    o = row.opportunity
    return {
        "id": row.anchor,
        "journey": row.journey.id,
        "map": row.journey.title,
        "stage": row.stage_number,
        "stage_name": row.stage.name,
        "text": o.text,
        "owner": row.owner.name if row.owner else None,
        "owner_id": row.owner.slug if row.owner else None,
        "status": o.status,
        "due": o.due.isoformat() if o.due else None,
        "overdue": row.overdue,
        "due_soon": row.due == "soon",
        "ticket": o.ticket,
        "link": o.link,
        "href": opportunity_href(o, ticket_url),
    }


def pain_json(row: PainRow) -> dict[str, Any]:
    touchpoint = row.touchpoint
    return {
        "id": row.anchor,
        "journey": row.journey.id,
        "map": row.journey.title,
        "stage": row.stage_number,
        "stage_name": row.stage.name,
        "text": row.text,
        "source": "pain" if touchpoint is None else "touchpoint",
        "owner": row.owner.name if row.owner else None,
        "owner_id": row.owner.slug if row.owner else None,
    }


@dataclass(frozen=True, slots=True)
class PageLink:
    """One page of a table that goes on over several pages."""

    number: int
    uri: str
    first: int
    """1-based number of the page's first row."""
    last: int


def page_uri(uri: str, number: int) -> str:
    """``views/backlog.md``, then ``views/backlog-2.md``, ``views/backlog-3.md``..."""
    return uri if number == 1 else f"{uri.removesuffix('.md')}-{number}.md"


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    uri = f"{options.folder}/backlog.md"
    csv_uri = f"{options.folder}/backlog.csv"
    names = owner_names(site, options)
    rows = opportunity_rows(site, settings, options, names)
    pains = unaddressed_pains(site, names)
    with_rows = {r.journey.id for r in rows}
    owning = {r.owner.key for r in rows if r.owner is not None}
    owners_uri = f"{options.folder}/owners.md"
    size = max(1, options.page_rows)
    pager = tuple(
        PageLink(n + 1, page_uri(uri, n + 1), start + 1, min(start + size, len(rows)))
        for n, start in enumerate(range(0, max(len(rows), 1), size))
    )
    shared = {
        "soon_days": options.soon_days,
        "csv_uri": csv_uri,
        "owners_uri": owners_uri,
        "no_owner": NO_OWNER,
        "pager": pager if len(pager) > 1 else (),
        "total": len(rows),
        "more_limit": size,
        "html": Html,
    }
    first_page = ViewPage(
        uri=uri,
        title=text("view.backlog.title"),
        template="cjm/backlog.html",
        description=text("view.backlog.description"),
        context={
            **shared,
            "page": pager[0],
            "rows": rows[:size],
            "all_rows": rows,
            "by_status": by_status(rows),
            "by_owner": by_owner(rows, names),
            "pains": pains,
            "pain_groups": pains_by_map(pains),
            "shown_pain_groups": pains_by_map(pains[:size]),
            "shown_pains": min(size, len(pains)),
            **_filter_options(rows[:size], names),
            "maps": [j for j in site.journeys if j.id in with_rows],
            "owners": [o for o in names.owners if o.key in owning],
            "overdue": sum(1 for r in rows if r.overdue),
        },
    )
    # A long table goes on over numbered pages: each holds its rows and a pager,
    # so no page of the backlog grows with the whole handbook.
    more_pages = [
        ViewPage(
            uri=link.uri,
            title=text("view.backlog.page-title", n=link.number),
            template="cjm/backlog-page.html",
            description=text(
                "view.backlog.page-description", first=link.first, last=link.last, total=len(rows)
            ),
            context={
                **shared,
                "page": link,
                "rows": rows[link.first - 1 : link.last],
                **_filter_options(rows[link.first - 1 : link.last], names),
            },
            in_index=False,
        )
        for link in pager[1:]
    ]
    # Each map links to its first row: an opportunity if it has one, else a pain.
    first: dict[str, tuple[str, str]] = {}
    for number, item in enumerate(rows):
        first.setdefault(item.journey.id, (pager[number // size].uri, item.anchor))
    for pain in pains:
        first.setdefault(pain.journey.id, (uri, pain.anchor))
    links = {
        key: (ViewLink(text("view.backlog.link"), at, anchor),)
        for key, (at, anchor) in first.items()
    }
    return ViewSet(
        pages=(first_page, *more_pages),
        files=(ViewFile(csv_uri, functools.partial(backlog_csv, rows, settings.ticket_url)),),
        journey_links=MappingProxyType(links),
        json={"backlog": functools.partial(_backlog_json, rows, pains, settings.ticket_url)},
    )


def _filter_options(rows: Sequence[OpportunityRow], names: OwnerNames) -> dict[str, Any]:
    """The choices of a page's filters: what its own rows hold."""
    owning = {r.owner.key for r in rows if r.owner is not None}
    maps = list({r.journey.id: r.journey for r in rows}.values())
    return {
        "page_owners": [o for o in names.owners if o.key in owning],
        "page_maps": maps,
        "page_statuses": [(g.key, g.label) for g in by_status(rows) if g.rows],
    }


def _backlog_json(
    rows: list[OpportunityRow], pains: list[PainRow], ticket_url: str | None = None
) -> dict[str, Any]:
    return {
        # Iterators: catalogue.json writes them item by item.
        "opportunities": (opportunity_json(r, ticket_url) for r in rows),
        "unaddressed_pains": (pain_json(p) for p in pains),
    }
