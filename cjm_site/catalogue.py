"""The catalogue: every map in rows for the generated page and in ``catalogue.json``.

The JSON shape is documented in the handbook (``guide/catalogue-json.md``) and
versioned by ``version``; fields are only ever added within a version. A page's
keys are its fields (:mod:`cjm_site.fields`, in table order) with a few keys
worked out from the site (``url``, ``review``, ``summary``...) placed among them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from cjm_site.fields import (
    JOURNEY_FIELDS,
    PERSONA_FIELDS,
    RECORDS,
    FieldSpec,
    ItemSpec,
    stage_lane_specs,
)
from cjm_site.linking import Site
from cjm_site.model import Journey, Persona, Settings, Stage
from cjm_site.voices import persona_average, voiced_personas

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


def field_json(spec: FieldSpec, value: Any) -> Any:
    """A model value of ``spec``'s field as catalogue.json writes it."""
    item = RECORDS.get(spec.kind)
    if item is not None:
        return [record_json(item, record) for record in value]
    if spec.kind == "pairs":
        return [{"name": k, "value": v} for k, v in value]
    if spec.kind == "date":
        return _iso(value)
    if spec.kind == "ref":
        return value.id if value else None
    if spec.kind == "refs":
        return [ref.id for ref in value]
    return list(value) if isinstance(value, tuple) else value


def record_json(item: ItemSpec, record: Any) -> dict[str, Any]:
    """A stage, touchpoint, opportunity or source: its fields, in table order; a
    stage's values of the site's own lanes follow, under their ids."""
    out: dict[str, Any] = {}
    for spec in item.fields:
        if not spec.attribute:
            continue
        if spec.per_persona and record.personal(spec.name):
            # As written: persona id -> that persona's value.
            out[spec.name] = {
                v.persona: field_json(spec, v.value) for v in record.voices if v.field == spec.name
            }
        else:
            out[spec.name] = field_json(spec, getattr(record, spec.name))
    if isinstance(record, Stage):
        out.update((key, field_json(spec, record.lane(key))) for key, spec in _lane_specs(record))
    return out


def _lane_specs(stage: Stage) -> list[tuple[str, FieldSpec]]:
    return [(spec.name, spec) for spec in stage_lane_specs((stage,))]


def page_json(
    specs: Sequence[FieldSpec],
    page: Persona | Journey,
    computed: Mapping[str, Callable[[], Any]],
) -> dict[str, Any]:
    """A page's fields in table order (keys sharing a model attribute once, under its name),
    each followed by the ``computed`` keys placed after it (``"field>key"``); a computed
    key named like a field replaces its value, and ``">key"`` ones close the object."""
    out: dict[str, Any] = {}

    def add(after: str) -> None:
        prefix = after + ">"
        out.update(
            (k.removeprefix(prefix), f()) for k, f in computed.items() if k.startswith(prefix)
        )

    for spec in specs:
        attribute = spec.attribute
        if attribute is None or attribute in out:
            continue
        own = computed.get(attribute)
        out[attribute] = own() if own else field_json(spec, getattr(page, attribute))
        add(attribute)
    add("")
    return out


def _persona_json(persona: Persona, site: Site, urls: Mapping[str, str]) -> dict[str, Any]:
    computed: dict[str, Callable[[], Any]] = {
        "name>path": lambda: persona.path,
        "name>url": lambda: urls.get(persona.path),
        "tags>journeys": lambda: [j.id for j in site.journeys_of(persona.id)],
        ">extra": lambda: dict(persona.extra),
    }
    return page_json(PERSONA_FIELDS, persona, computed)


def _persona_averages(journey: Journey) -> dict[str, Any]:
    """Each persona's mean emotion, on a map that gives personas emotions of their own."""
    voiced = voiced_personas(journey)
    if not voiced:
        return {}
    return {"average_emotion_by_persona": {p: persona_average(journey, p) for p in voiced}}


def _journey_json(
    journey: Journey,
    site: Site,
    settings: Settings,
    urls: Mapping[str, str],
    soon_days: int,
) -> dict[str, Any]:
    computed: dict[str, Callable[[], Any]] = {
        "title>path": lambda: journey.path,
        "title>url": lambda: urls.get(journey.path),
        "title>svg": lambda: urls.get(f"svg:{journey.id}"),
        "review_by>review": lambda: review_of(journey, settings.today, soon_days).state,
        "improves>improved_by": lambda: [j.id for j in site.improved_by(journey.id)],
        # Both directions: a map lists the maps that name it in their `compare` too.
        "compare": lambda: [j.id for j in site.compared_with(journey.id)],
        "tags>summary": lambda: {
            "stages": len(journey.stages),
            "pains": journey.pain_count,
            "moments_of_truth": journey.moments_of_truth,
            "average_emotion": journey.average_emotion,
            **_persona_averages(journey),
        },
        ">extra": lambda: dict(journey.extra),
    }
    return page_json(JOURNEY_FIELDS, journey, computed)


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
