"""Spine heat-map: every map against the organisation's spine, grouped by owner.

A row per journey, a column per spine stage (in the order of the site's
settings) and a last column for stages without a phase (or with a phase the
spine does not know). A cell holds the mean emotion of the journey's stages in
that phase, the number of pains and moments of truth there, and a link to the
first of those stages on the journey page (``stage-N`` in its table).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from cjm_site.linking import Site
from cjm_site.model import Journey, Settings, Stage
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.views.html import Html
from cjm_site.vocabulary import EVIDENCE_LABELS, label, text
from cjm_site.voices import voiced_personas

# Diverging buckets of the mean emotion, symmetric around 0: (class suffix, words).
# |mean| < 0.5 is neutral, 0.5 <= |mean| < 1.5 one step, |mean| >= 1.5 two steps.
BUCKETS: tuple[str, ...] = ("n2", "n1", "0", "p1", "p2")
"""Class suffixes, most negative first; the words are ``heat.<suffix>`` in the vocabulary."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the matrix: a spine stage, or (``id`` None) stages without one."""

    id: str | None
    name: str

    @property
    def key(self) -> str:
        """A stable token for HTML ids and classes (spine ids are checked as ids)."""
        return f"phase-{self.id}" if self.id is not None else "no-phase"


def spine_columns(settings: Settings) -> tuple[Column, ...]:
    """The spine's stages in order, then the column of stages without a (known) phase."""
    return (*(Column(s.id, s.name) for s in settings.spine), Column(None, label("phase.none")))


def column_of(stage: Stage, settings: Settings) -> str | None:
    """The spine id a stage sits under, or None for the "No phase" column."""
    known = {s.id for s in settings.spine}
    return stage.phase if stage.phase in known else None


def bucket(mean: float | None) -> str:
    """The colour class suffix of a mean emotion (``none`` when nothing was rated)."""
    if mean is None:
        return "none"
    size = abs(mean)
    step = 0 if size < 0.5 else 1 if size < 1.5 else 2
    if step == 0:
        return "0"
    return f"{'p' if mean > 0 else 'n'}{step}"


@dataclass(frozen=True, slots=True)
class Cell:
    column: Column
    stages: tuple[int, ...]
    """1-based positions of the journey's stages in this column."""
    mean: float | None
    pains: int
    moments_of_truth: int
    rated: int
    """How many of the stages have an emotion (the mean is over these)."""

    @property
    def first(self) -> int | None:
        return self.stages[0] if self.stages else None

    @property
    def bucket(self) -> str:
        return bucket(self.mean) if self.stages else "empty"

    def as_json(self) -> dict[str, Any]:
        return {
            "mean": self.mean,
            "stages": len(self.stages),
            "pains": self.pains,
            "moments_of_truth": self.moments_of_truth,
            "first_stage": self.first,
        }


@dataclass(frozen=True, slots=True)
class Row:
    journey: Journey
    cells: tuple[Cell, ...]
    persona: str | None = None
    """On a map with an emotion per persona: the persona of this row under the map's."""
    persona_name: str | None = None

    @property
    def anchor(self) -> str:
        if self.persona is not None:
            return f"heat-{self.journey.id}--{self.persona}"
        return f"heat-{self.journey.id}"


@dataclass(frozen=True, slots=True)
class Group:
    owner: str | None
    rows: tuple[Row, ...]

    @property
    def name(self) -> str:
        return self.owner if self.owner is not None else label("owner.none")


def cells_of(
    journey: Journey,
    settings: Settings,
    columns: tuple[Column, ...],
    persona: str | None = None,
) -> tuple[Cell, ...]:
    """A map's cells: the mean emotion of its stages (each stage's mean over the personas
    where it gives one per persona), or with ``persona`` that persona's own values."""
    positions: dict[str | None, list[int]] = {c.id: [] for c in columns}
    for index, stage in enumerate(journey.stages, start=1):
        positions[column_of(stage, settings)].append(index)
    cells: list[Cell] = []
    for column in columns:
        found = positions[column.id]
        stages = [journey.stages[i - 1] for i in found]
        emotions = [s.value_for("emotion", persona) if persona else s.emotion for s in stages]
        values = [v for v in emotions if v is not None]
        mean = round(sum(values) / len(values), 2) if values else None
        cells.append(
            Cell(
                column=column,
                stages=tuple(found),
                mean=mean,
                pains=sum(s.pain_count for s in stages),
                moments_of_truth=sum(s.moments_of_truth for s in stages),
                rated=len(values),
            )
        )
    return tuple(cells)


def groups_of(site: Site, settings: Settings, columns: tuple[Column, ...]) -> tuple[Group, ...]:
    """Rows grouped by owner (A-Z, case-insensitive), maps without an owner last."""
    by_owner: dict[str | None, list[Row]] = {}
    for journey in site.journeys:  # already in title order
        owner = journey.owner or None
        rows = by_owner.setdefault(owner, [])
        rows.append(Row(journey, cells_of(journey, settings, columns)))
        names = {p.id: p.name for p in site.personas_of(journey)}
        for persona in voiced_personas(journey):
            cells = cells_of(journey, settings, columns, persona)
            rows.append(Row(journey, cells, persona, names.get(persona, persona)))
    owners = sorted((o for o in by_owner if o is not None), key=lambda o: (o.casefold(), o))
    ordered: list[str | None] = [*owners, None] if None in by_owner else list(owners)
    return tuple(Group(owner, tuple(by_owner[owner])) for owner in ordered)


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    uri = f"{options.folder}/heatmap.md"
    columns = spine_columns(settings)
    groups = groups_of(site, settings, columns)
    legend = [(name, label(f"heat.{name}")) for name in BUCKETS]
    page = ViewPage(
        uri=uri,
        title=text("view.heatmap.title"),
        template="cjm/heatmap.html",
        description=text("view.heatmap.description"),
        context={
            "html": Html,
            "columns": columns,
            "groups": groups,
            "legend": legend,
            "has_spine": bool(settings.spine),
            "journey_count": len(site.journeys),
            "voiced": {row.journey.id for group in groups for row in group.rows if row.persona},
            "evidences": [
                (e, EVIDENCE_LABELS[e])
                for e in EVIDENCE_LABELS
                if any(j.evidence == e for j in site.journeys)
            ],
        },
    )
    links = {
        row.journey.id: (ViewLink(text("view.heatmap.link"), uri, row.anchor),)
        for group in groups
        for row in group.rows
        if row.persona is None
    }
    return ViewSet(
        pages=(page,),
        journey_links=MappingProxyType(links),
        json={"heatmap": functools.partial(_heatmap_json, columns, groups)},
    )


def _phases_json(row: Row) -> dict[str, Any]:
    return {
        "phases": {
            cell.column.id: cell.as_json()
            for cell in row.cells
            if cell.column.id is not None and cell.stages
        },
        "no_phase": row.cells[-1].as_json() if row.cells[-1].stages else None,
    }


def _heatmap_json(columns: Sequence[Column], groups: Sequence[Group]) -> Any:
    rows = [row for group in groups for row in group.rows]
    by_persona: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.persona is not None:
            by_persona.setdefault(row.journey.id, {})[row.persona] = _phases_json(row)
    return {
        "columns": [{"id": c.id, "name": c.name} for c in columns],
        "journeys": (
            {
                "id": row.journey.id,
                "owner": row.journey.owner,
                "evidence": row.journey.evidence,
                **_phases_json(row),
                **(
                    {"by_persona": by_persona[row.journey.id]}
                    if row.journey.id in by_persona
                    else {}
                ),
            }
            for row in rows
            if row.persona is None
        ),
    }
