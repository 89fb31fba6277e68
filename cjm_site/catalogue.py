"""The catalogue: every map in rows for the generated page and in ``catalogue.json``.

The JSON shape is documented in the handbook (``guide/catalogue-json.md``) and
versioned by ``version``; fields are only ever added within a version.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from cjm_site.linking import Site
from cjm_site.model import Journey, Persona, Settings, Stage

CATALOGUE_VERSION = 1


@dataclass(frozen=True)
class Review:
    """Where a map stands against its ``review_by`` date."""

    state: str
    """``overdue``, ``soon`` (within the warning window) or ``ok``; ``none`` without a date."""
    days: int | None = None
    """Days until the date (negative once it has passed)."""


def review_of(journey: Journey, today: dt.date, soon_days: int) -> Review:
    if journey.review_by is None:
        return Review("none")
    days = (journey.review_by - today).days
    if days < 0:
        return Review("overdue", days)
    if days <= soon_days:
        return Review("soon", days)
    return Review("ok", days)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _stage_json(stage: Stage) -> dict[str, Any]:
    return {
        "name": stage.name,
        "phase": stage.phase,
        "goal": stage.goal,
        "actions": list(stage.actions),
        "touchpoints": [
            {
                "name": t.name,
                "channel": t.channel,
                "owner": t.owner,
                "moments": list(t.moments),
                "priority": t.priority,
            }
            for t in stage.touchpoints
        ],
        "thoughts": list(stage.thoughts),
        "emotion": stage.emotion,
        "feeling": stage.feeling,
        "aspiration": stage.aspiration,
        "pains": list(stage.pains),
        "opportunities": [
            {"text": o.text, "owner": o.owner, "due": _iso(o.due), "status": o.status}
            for o in stage.opportunities
        ],
        "metrics": [{"name": k, "value": v} for k, v in stage.metrics],
        "backstage": list(stage.backstage),
    }


def _persona_json(persona: Persona, site: Site, urls: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": persona.id,
        "name": persona.name,
        "path": persona.path,
        "url": urls.get(persona.path),
        "role": persona.role,
        "quote": persona.quote,
        "image": persona.image,
        "segment": persona.segment,
        "attributes": [{"name": k, "value": v} for k, v in persona.attributes],
        "goals": list(persona.goals),
        "needs": list(persona.needs),
        "pains": list(persona.pains),
        "motivations": list(persona.motivations),
        "channels": list(persona.channels),
        "tags": list(persona.tags),
        "journeys": [j.id for j in site.journeys_of(persona.id)],
        "extra": dict(persona.extra),
    }


def _journey_json(
    journey: Journey,
    site: Site,
    settings: Settings,
    urls: Mapping[str, str],
    soon_days: int,
) -> dict[str, Any]:
    review = review_of(journey, settings.today, soon_days)
    return {
        "id": journey.id,
        "title": journey.title,
        "path": journey.path,
        "url": urls.get(journey.path),
        "svg": urls.get(f"svg:{journey.id}"),
        "description": journey.description,
        "personas": list(journey.persona_ids),
        "kind": journey.kind,
        "scenario": journey.scenario,
        "goal": journey.goal,
        "expectations": list(journey.expectations),
        "owner": journey.owner,
        "evidence": journey.evidence,
        "sources": [{"title": s.title, "url": s.url} for s in journey.sources],
        "updated": _iso(journey.updated),
        "review_by": _iso(journey.review_by),
        "review": review.state,
        "improves": journey.improves.id if journey.improves else None,
        "improved_by": [j.id for j in site.improved_by(journey.id)],
        "compare": [j.id for j in site.compared_with(journey.id)],
        "tags": list(journey.tags),
        "summary": {
            "stages": len(journey.stages),
            "pains": journey.pain_count,
            "moments_of_truth": journey.moments_of_truth,
            "average_emotion": journey.average_emotion,
        },
        "stages": [_stage_json(s) for s in journey.stages],
        "extra": dict(journey.extra),
    }


def catalogue_document(
    site: Site, settings: Settings, urls: Mapping[str, str], *, soon_days: int = 30
) -> dict[str, Any]:
    """Everything in the handbook as plain data (see the documented shape)."""
    document: dict[str, Any] = materialise(
        catalogue_parts(site, settings, urls, soon_days=soon_days)
    )
    return document


def catalogue_parts(
    site: Site, settings: Settings, urls: Mapping[str, str], *, soon_days: int = 30
) -> dict[str, Any]:
    """The same document with the long lists as iterators, made as they are written."""
    return {
        "format": "cjm-site catalogue",
        "version": CATALOGUE_VERSION,
        "date": settings.today.isoformat(),
        "spine": [{"id": s.id, "name": s.name} for s in settings.spine],
        "channels": [{"id": c.id, "name": c.name, "online": c.online} for c in settings.channels],
        "personas": (_persona_json(p, site, urls) for p in site.personas),
        "journeys": (_journey_json(j, site, settings, urls, soon_days) for j in site.journeys),
    }


def materialise(value: Any) -> Any:
    """A document with every iterator in it turned into a list, every function into its value."""
    if callable(value):
        return materialise(value())
    if isinstance(value, Mapping):
        return {key: materialise(item) for key, item in value.items()}
    if isinstance(value, Iterator):
        return [materialise(item) for item in value]
    return value


def _encoder() -> json.JSONEncoder:
    """Deterministic: key order as built, UTF-8, no NaN."""
    return json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)


def catalogue_json(document: Mapping[str, Any]) -> str:
    """The document as catalogue.json's text."""
    return _encoder().encode(materialise(document)) + "\n"


def write_catalogue_json(document: Mapping[str, Any], out: BinaryIO, chunk: int = 1 << 16) -> None:
    """Write ``catalogue_json(document)``'s bytes without holding them, or the document.

    Mappings are written key by key, iterators item by item and functions (a
    view's part) called when their turn comes, so a document from
    :func:`catalogue_parts` is made while it is written: at thousands of maps the
    file is tens of megabytes, and as Python objects it would be several times that.
    The bytes are those of ``json.dumps(document, indent=2)``: an item encoded on its
    own, re-indented (JSON text has no raw newline inside a string), is the same text.
    """
    encoder = _encoder()
    pending: list[str] = []
    size = 0

    def emit(text: str) -> None:
        nonlocal size
        pending.append(text)
        size += len(text)
        if size >= chunk:
            flush()

    def flush() -> None:
        nonlocal size
        out.write("".join(pending).encode("utf-8"))
        pending.clear()
        size = 0

    def write(value: Any, depth: int) -> None:
        inner = "\n" + "  " * (depth + 1)
        if callable(value):
            write(value(), depth)
        elif isinstance(value, Mapping):
            if not value:
                emit("{}")
                return
            for number, (key, item) in enumerate(value.items()):
                emit(("{" if number == 0 else ",") + inner + encoder.encode(str(key)) + ": ")
                write(item, depth + 1)
            emit("\n" + "  " * depth + "}")
        elif isinstance(value, Iterator):
            first = True
            for item in value:
                emit(("[" if first else ",") + inner)
                write(item, depth + 1)
                first = False
            emit("[]" if first else "\n" + "  " * depth + "]")
        else:
            emit(encoder.encode(value).replace("\n", "\n" + "  " * depth))

    write(document, 0)
    emit("\n")
    flush()
