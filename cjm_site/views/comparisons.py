"""Comparisons: two related maps side by side.

Every pair of maps joined by ``compare`` (either map may name the other; each
unordered pair once) or by ``improves`` (a future-state map and the current
state it improves) gets a page ``{folder}/compare/{a}--{b}.md`` (the two ids
sorted, so the name does not depend on which map named the other) with:

- both emotion curves in one chart,
- a table of the stages both maps have (same name, case-insensitive) with the
  emotion in each and the change,
- the pains only one of the two maps lists,
- links to both maps.

On an ``improves`` pair the current state is "A" (before) and the future state
"B" (after); on a ``compare`` pair A is the map whose id sorts first. A pair
joined both ways is shown once, as ``improves``.

The chart and the stage alignment it shares with the table are drawn by
:mod:`cjm_site.svg.comparison`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from cjm_site import vocabulary
from cjm_site.linking import Site
from cjm_site.model import Journey, Settings, Stage
from cjm_site.slugs import digest, map_file_name, slugify
from cjm_site.svg.comparison import Alignment, align, draw_comparison
from cjm_site.svg.comparison import name_key as _key
from cjm_site.views import ViewLink, ViewOptions, ViewPage, ViewSet
from cjm_site.voices import persona_average, voiced_personas

Relation = Literal["compare", "improves"]


# --- pairs ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    a: Journey
    """The current state (improves) or the map whose id sorts first (compare)."""
    b: Journey
    relation: Relation


def _sort_key(journey: Journey) -> tuple[str, str]:
    return (journey.id.casefold(), journey.id)


def pairs_of(site: Site) -> list[Pair]:
    """Every related pair once, ``improves`` first (it says more than ``compare``)."""
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []

    def key(x: Journey, y: Journey) -> tuple[str, str]:
        first, second = sorted((x.id, y.id))
        return (first, second)

    journeys = sorted(site.journeys, key=_sort_key)
    for current in journeys:
        for future in sorted(site.improved_by(current.id), key=_sort_key):
            if future.id != current.id and key(current, future) not in seen:
                seen.add(key(current, future))
                pairs.append(Pair(current, future, "improves"))
    for journey in journeys:
        for other in site.compared_with(journey.id):
            if other.id == journey.id or key(journey, other) in seen:
                continue
            seen.add(key(journey, other))
            a, b = sorted((journey, other), key=_sort_key)
            pairs.append(Pair(a, b, "compare"))
    pairs.sort(key=lambda p: (p.a.title.casefold(), p.b.title.casefold(), p.a.id, p.b.id))
    return pairs


def _file_part(journey_id: str) -> str:
    return map_file_name(journey_id)


def page_uris(pairs: Sequence[Pair], folder: str) -> list[str]:
    """``{folder}/compare/{id}--{id}.md``, ids sorted; a short hash where names would clash."""
    uris: list[str] = []
    taken: set[str] = set()
    for pair in pairs:
        first, second = sorted((pair.a.id, pair.b.id))
        name = f"{_file_part(first)}--{_file_part(second)}"
        if name.casefold() in taken:
            digest = hashlib.sha1(f"{first}\n{second}".encode()).hexdigest()[:8]
            name = f"{name}-{digest}"
        taken.add(name.casefold())
        uris.append(f"{folder}/compare/{name}.md")
    return uris


# --- matching stages and pains ----------------------------------------------


@dataclass(frozen=True, slots=True)
class StageDelta:
    a_index: int
    """1-based, for ``stage-N`` links."""
    b_index: int
    a_stage: Stage
    b_stage: Stage

    @property
    def delta(self) -> float | None:
        a, b = self.a_stage.emotion, self.b_stage.emotion
        return None if a is None or b is None else round(b - a, 2)

    @property
    def direction(self) -> str:
        delta = self.delta
        if delta is None:
            return "unknown"
        return "better" if delta > 0 else "worse" if delta < 0 else "same"

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.a_stage.name,
            "a_stage": self.a_index,
            "b_stage": self.b_index,
            "a": self.a_stage.emotion,
            "b": self.b_stage.emotion,
            "delta": self.delta,
        }


@dataclass(frozen=True, slots=True)
class StageRef:
    index: int
    stage: Stage


@dataclass(frozen=True, slots=True)
class PainRef:
    text: str
    index: int
    """1-based position of the stage that lists it."""
    stage: Stage


def pains(journey: Journey) -> list[PainRef]:
    """The pains a map lists on its stages, in order, each text once (case-insensitive)."""
    found: dict[str, PainRef] = {}
    for index, stage in enumerate(journey.stages, start=1):
        for text in stage.pains:
            found.setdefault(_key(text), PainRef(text, index, stage))
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Comparison:
    pair: Pair
    uri: str
    alignment: Alignment
    deltas: tuple[StageDelta, ...]
    only_a: tuple[StageRef, ...]
    only_b: tuple[StageRef, ...]
    pains_removed: tuple[PainRef, ...]
    """Pains only A lists (removed by the future map, on an improves pair)."""
    pains_added: tuple[PainRef, ...]
    pains_shared: tuple[PainRef, ...]
    svg: str

    @property
    def a(self) -> Journey:
        return self.pair.a

    @property
    def b(self) -> Journey:
        return self.pair.b

    @property
    def relation(self) -> Relation:
        return self.pair.relation

    @property
    def title(self) -> str:
        return vocabulary.text("view.comparison.title", a=self.a.title, b=self.b.title)

    @property
    def mean_delta(self) -> float | None:
        values = [d.delta for d in self.deltas if d.delta is not None]
        return round(sum(values) / len(values), 2) if values else None

    def as_json(self) -> dict[str, Any]:
        return {
            "a": self.a.id,
            "b": self.b.id,
            "relation": self.relation,
            "path": self.uri,
            "title": self.title,
            "deltas": [d.as_json() for d in self.deltas],
            "stages_only_a": [r.stage.name for r in self.only_a],
            "stages_only_b": [r.stage.name for r in self.only_b],
            "pains_removed": [p.text for p in self.pains_removed],
            "pains_added": [p.text for p in self.pains_added],
            "pains_shared": [p.text for p in self.pains_shared],
        }


def compare(pair: Pair, uri: str) -> Comparison:
    a, b = pair.a, pair.b
    alignment = align(a.stages, b.stages)
    deltas = tuple(StageDelta(i + 1, j + 1, a.stages[i], b.stages[j]) for i, j in alignment.matches)
    matched_a = {i for i, _ in alignment.matches}
    matched_b = {j for _, j in alignment.matches}
    pains_a, pains_b = pains(a), pains(b)
    keys_a = {_key(p.text) for p in pains_a}
    keys_b = {_key(p.text) for p in pains_b}
    return Comparison(
        pair=pair,
        uri=uri,
        alignment=alignment,
        deltas=deltas,
        only_a=tuple(StageRef(i + 1, s) for i, s in enumerate(a.stages) if i not in matched_a),
        only_b=tuple(StageRef(j + 1, s) for j, s in enumerate(b.stages) if j not in matched_b),
        pains_removed=tuple(p for p in pains_a if _key(p.text) not in keys_b),
        pains_added=tuple(p for p in pains_b if _key(p.text) not in keys_a),
        pains_shared=tuple(p for p in pains_a if _key(p.text) in keys_b),
        svg=draw_comparison(a, b, alignment, id_prefix=_id_prefix(uri)),
    )


def _id_prefix(uri: str) -> str:
    slug = slugify(uri, ascii_only=True, max_length=40, from_end=True, fallback="pair")
    return f"cjm-cmp-{slug}-{digest(uri, 6)}"


# --- the view -----------------------------------------------------------------


def _persona_averages(site: Site, journey: Journey) -> list[tuple[str, float | None]]:
    """Each persona's own mean emotion on a map that writes emotions per persona
    (the chart and the deltas use the stages' mean over the personas)."""
    return [
        (p.name, persona_average(journey, p.id))
        for p in site.personas_of(journey)
        if p.id in voiced_personas(journey)
    ]


def build(site: Site, settings: Settings, options: ViewOptions) -> ViewSet:
    index_uri = f"{options.folder}/comparisons.md"
    pairs = pairs_of(site)
    comparisons = [
        compare(pair, uri)
        for pair, uri in zip(pairs, page_uris(pairs, options.folder), strict=True)
    ]
    pages = [
        ViewPage(
            uri=index_uri,
            title=vocabulary.text("view.comparisons.title"),
            template="cjm/comparisons.html",
            description=vocabulary.text("view.comparisons.description"),
            context={"comparisons": comparisons},
        )
    ]
    links: dict[str, list[ViewLink]] = {}
    for item in comparisons:
        pages.append(
            ViewPage(
                uri=item.uri,
                title=item.title,
                template="cjm/comparison.html",
                context={
                    "comparison": item,
                    "index_uri": index_uri,
                    "persona_averages": {
                        j.id: _persona_averages(site, j) for j in (item.a, item.b)
                    },
                },
                in_index=False,
            )
        )
        links.setdefault(item.a.id, []).append(
            ViewLink(vocabulary.text("view.comparison.link", title=item.b.title), item.uri)
        )
        links.setdefault(item.b.id, []).append(
            ViewLink(vocabulary.text("view.comparison.link", title=item.a.title), item.uri)
        )
    return ViewSet(
        pages=tuple(pages),
        journey_links=MappingProxyType({k: tuple(v) for k, v in links.items()}),
        json={"comparisons": functools.partial(_comparisons_json, comparisons)},
    )


def _comparisons_json(comparisons: list[Comparison]) -> list[dict[str, Any]]:
    return [item.as_json() for item in comparisons]
