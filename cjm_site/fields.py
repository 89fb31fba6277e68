"""The format's fields as data: the one declaration everything else derives from.

Each :class:`FieldSpec` says what a key holds. The checker
(:mod:`cjm_site.checking`) walks these tables and builds the model with
:func:`model_values`; ``catalogue.json`` (:mod:`cjm_site.catalogue`), ``cjm diff``
(:mod:`cjm_site.diffing`), the JSON Schema (:mod:`cjm_site.schema`) and the
format reference (:mod:`cjm_site.reference`, ``content/guide/format.md``) read
them too. A new field is one row here, an attribute of the same name on its
model class, and its drawing; ``tests/unit/test_fields.py`` proves it reaches
the schema, the export and the diff.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from cjm_site.model import (
    EVIDENCE,
    KINDS,
    MOMENTS,
    PRIORITIES,
    STATUSES,
    CustomLane,
    Image,
    Opportunity,
    Source,
    Stage,
    Touchpoint,
    Voice,
    record,
)

FieldKind = Literal[
    "text",  # one line of text
    "long-text",  # text whose line breaks matter (quotes, scenarios)
    "texts",  # a list of text, or one string
    "emotion",  # a number from -2 to 2
    "date",  # YYYY-MM-DD
    "choice",  # one of `choices`
    "choices",  # a list of `choices`, or one
    "ref",  # an id of another page
    "refs",  # a list of ids, or one
    "pairs",  # a mapping of names to text, in order
    "link",  # a URL or a path relative to the page
    "id",  # an id for this page
    "sources",
    "touchpoints",
    "opportunities",
    "stages",
    "flag",  # true or false
    "images",
]


@record(slots=False)
class FieldSpec:
    """One key of the format: everything the checker, the model, the export, ``cjm diff``,
    the schema and the format reference need to know about it."""

    name: str
    kind: FieldKind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    attr: str | None = ""
    """The model attribute that holds the value: ``""`` for the key's own name, ``None``
    when the model keeps no value (``type``). Keys that share one (``persona`` and
    ``personas``) are joined in table order."""
    noun: str = ""
    """What one item of a list is called (default: the name without its final s)."""
    example: str = ""
    """A value as an author would write it, for the format reference."""
    per_persona: bool = False
    """On a map with several personas the value may be a mapping persona id -> value
    (see :mod:`cjm_site.voices`); a plain value means every persona."""
    custom: bool = False
    """One of the site's own lanes (``lanes:`` in the settings): its value is kept
    in the stage's ``lanes`` by the key's name."""

    @property
    def attribute(self) -> str | None:
        return self.name if self.attr == "" else self.attr

    @property
    def item_noun(self) -> str:
        return self.noun or self.name.removesuffix("s")


@record(slots=False)
class ItemSpec:
    """A kind of list item that may be written as one string (its ``shorthand`` field)."""

    fields: tuple[FieldSpec, ...]
    shorthand: str
    name: str
    """What one item is called (``touchpoint``); also its name in the JSON Schema."""
    doc: str
    model: type[Any]
    """The model class an item becomes, built with :func:`model_values`."""


SOURCE = ItemSpec(
    (
        FieldSpec("title", "text", "What the research is.", required=True, example="Interviews"),
        FieldSpec(
            "url",
            "link",
            "Where to read it (http, https, mailto or relative).",
            example="https://intranet.example/research/42",
        ),
    ),
    shorthand="title",
    name="source",
    doc="Research behind the map.",
    model=Source,
)

TOUCHPOINT = ItemSpec(
    (
        FieldSpec(
            "name", "text", "What the customer meets.", required=True, example="Booking widget"
        ),
        FieldSpec(
            "channel",
            "text",
            "A channel id from the site settings, or a free word.",
            example="web",
        ),
        FieldSpec("owner", "text", "The team that owns the touchpoint.", example="Digital Team"),
        FieldSpec(
            "moments",
            "choices",
            "pain, delight and/or truth (a moment of truth).",
            choices=MOMENTS,
            example="[pain, truth]",
        ),
        FieldSpec("priority", "choice", "low, medium or high.", choices=PRIORITIES, example="high"),
    ),
    shorthand="name",
    name="touchpoint",
    doc="Where the customer meets the organisation.",
    model=Touchpoint,
)

OPPORTUNITY = ItemSpec(
    (
        FieldSpec(
            "text", "text", "The improvement.", required=True, example="Show allergens online"
        ),
        FieldSpec("owner", "text", "Who takes it on.", example="Kitchen"),
        FieldSpec("due", "date", "When it is due.", example="2027-01-31"),
        FieldSpec(
            "status",
            "choice",
            "idea, planned, in-progress or done.",
            choices=STATUSES,
            example="planned",
        ),
        FieldSpec(
            "link",
            "link",
            "Where the work is tracked (the tracker's page of it).",
            example="https://tracker.example/browse/CX-12",
        ),
        FieldSpec(
            "ticket",
            "text",
            "The work's id in the delivery tracker; linked through the site's ticket_url.",
            example="CX-12",
        ),
    ),
    shorthand="text",
    name="opportunity",
    doc="An idea to improve the stage.",
    model=Opportunity,
)

IMAGE = ItemSpec(
    (
        FieldSpec(
            "src",
            "link",
            "The picture's file, relative to the page (PNG, JPEG, GIF, WebP or SVG).",
            required=True,
            example="booking-screen.png",
        ),
        FieldSpec(
            "alt",
            "text",
            "What the picture shows, for readers who cannot see it.",
            required=True,
            example="The booking form on a phone",
        ),
        FieldSpec(
            "caption", "text", "A line shown under the picture.", example="Step 2 of the form"
        ),
    ),
    shorthand="src",
    name="image",
    doc="A picture of the stage: a frame of the storyboard.",
    model=Image,
)

STAGE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "name",
        "text",
        "The stage's name, shown as the column head.",
        required=True,
        example="Booking a table",
    ),
    FieldSpec(
        "phase",
        "text",
        "The spine stage (site setting) this stage belongs to.",
        example="purchase",
    ),
    FieldSpec(
        "loop",
        "flag",
        "true when the stage goes back to an earlier phase on purpose.",
        example="true",
    ),
    FieldSpec("goal", "text", "What the customer wants in this stage.", example="A table at 19:30"),
    FieldSpec(
        "actions",
        "texts",
        "What the customer does.",
        example="[Calls the restaurant]",
        per_persona=True,
    ),
    FieldSpec("touchpoints", "touchpoints", "Where the customer meets us."),
    FieldSpec(
        "thoughts",
        "texts",
        "What the customer thinks, in their words.",
        example='["Will they pick up?"]',
        per_persona=True,
    ),
    FieldSpec(
        "emotion",
        "emotion",
        "How the customer feels, -2 (very negative) to 2.",
        example="-0.5",
        per_persona=True,
    ),
    FieldSpec("feeling", "text", "A word for the emotion.", example="impatient", per_persona=True),
    FieldSpec(
        "aspiration",
        "emotion",
        "How we want the customer to feel, -2 to 2.",
        example="1",
        per_persona=True,
    ),
    FieldSpec("pains", "texts", "What goes wrong or hurts.", example="[Phone rings out]"),
    FieldSpec("opportunities", "opportunities", "Ideas to improve the stage."),
    FieldSpec("metrics", "pairs", "Measured values, name: value.", example="{Conversion: 35%}"),
    FieldSpec(
        "backstage",
        "texts",
        "What the organisation does that the customer does not see.",
        noun="backstage",
        example="[Table plan kept on paper]",
    ),
    FieldSpec(
        "frontstage",
        "texts",
        "What employees do that the customer sees (a service blueprint's frontstage).",
        noun="frontstage action",
        example="[Host greets the guests]",
    ),
    FieldSpec(
        "support",
        "texts",
        "Supporting processes and systems behind the backstage.",
        noun="support process",
        example="[Reservation system]",
    ),
    FieldSpec(
        "physical_evidence",
        "texts",
        "What the customer sees, holds or gets (a blueprint's top row).",
        noun="physical evidence",
        example="[Confirmation text message]",
    ),
    FieldSpec(
        "images",
        "images",
        "Pictures of the stage, drawn as a storyboard: src, alt and caption.",
    ),
)

STAGE = ItemSpec(
    STAGE_FIELDS,
    shorthand="name",
    name="stage",
    doc="A stage of the journey: one column of the map.",
    model=Stage,
)

RECORDS: dict[FieldKind, ItemSpec] = {
    "stages": STAGE,
    "touchpoints": TOUCHPOINT,
    "opportunities": OPPORTUNITY,
    "sources": SOURCE,
    "images": IMAGE,
}
"""The kinds of field whose items are records, and their tables."""

_TYPE = FieldSpec(
    "type",
    "choice",
    "persona or journey.",
    required=True,
    choices=("persona", "journey"),
    attr=None,
)
_ID_DOC = "The page's id (default: the file name without .md)."
_DESCRIPTION = FieldSpec(
    "description", "text", "A one-line summary (also used by MkDocs for the page)."
)
_TAGS = FieldSpec(
    "tags", "texts", "Tags, indexed by Material's tags plugin.", example="[restaurants]"
)

# The order of each table is the order of catalogue.json's keys (and of the schema,
# the format reference and `cjm diff`), so new fields go where a reader expects them.
PERSONA_FIELDS: tuple[FieldSpec, ...] = (
    _TYPE,
    FieldSpec("id", "id", _ID_DOC, example="eva-molin"),
    FieldSpec("name", "text", "The persona's name.", required=True, example="Eva Molin"),
    FieldSpec("title", "text", "The page title (default: the name).", example="Eva, 29"),
    _DESCRIPTION,
    FieldSpec("role", "text", "Job or role.", example="Journalist"),
    FieldSpec(
        "quote",
        "long-text",
        "A sentence in the persona's voice.",
        example="Dinner out should be easy.",
    ),
    FieldSpec("image", "link", "A picture, relative to the page.", example="eva-molin.svg"),
    FieldSpec("segment", "text", "The customer segment.", example="Urban professionals"),
    FieldSpec(
        "attributes", "pairs", "Free name: value pairs, shown in order.", example="{Age: 29}"
    ),
    FieldSpec("goals", "texts", "What the persona wants.", example="[Eat out with friends]"),
    FieldSpec(
        "needs", "texts", "What the persona needs from us.", example="[Clear ingredient lists]"
    ),
    FieldSpec("pains", "texts", "What bothers the persona.", example="[Long waits]"),
    FieldSpec("motivations", "texts", "What drives the persona.", example="[Time with friends]"),
    FieldSpec(
        "channels",
        "texts",
        "Channel ids (site settings) or free words.",
        example="[mobile, word-of-mouth]",
    ),
    _TAGS,
)

JOURNEY_FIELDS: tuple[FieldSpec, ...] = (
    _TYPE,
    FieldSpec("id", "id", _ID_DOC, example="pizza-night-today"),
    FieldSpec(
        "title", "text", "The journey's title.", required=True, example="Pizza night at Forno"
    ),
    _DESCRIPTION,
    FieldSpec("persona", "refs", "The persona's id.", attr="personas", example="eva-molin"),
    FieldSpec(
        "personas",
        "refs",
        "Several personas' ids (a multi-persona map).",
        example="[eva-molin, tom-berg]",
    ),
    FieldSpec("kind", "choice", "The kind of map.", choices=KINDS, example="current-state"),
    FieldSpec(
        "scenario",
        "long-text",
        "The situation the journey covers.",
        example="Eva books a table for Friday.",
    ),
    FieldSpec(
        "goal",
        "text",
        "What the customer wants from the whole journey.",
        example="A relaxed dinner out",
    ),
    FieldSpec(
        "expectations",
        "texts",
        "What the customer expects.",
        example="[A table free at short notice]",
    ),
    FieldSpec("owner", "text", "The team that owns the map.", example="Guest Experience Team"),
    FieldSpec(
        "evidence",
        "choice",
        "How well the map is backed by research.",
        choices=EVIDENCE,
        example="researched",
    ),
    FieldSpec("sources", "sources", "Research behind the map: title and url."),
    FieldSpec("updated", "date", "When the map was last updated.", example="2026-10-14"),
    FieldSpec(
        "review_by", "date", "After this date the map is due for review.", example="2027-04-14"
    ),
    FieldSpec(
        "improves",
        "ref",
        "On a future-state map: the current-state map it improves.",
        example="pizza-night-today",
    ),
    FieldSpec(
        "compare",
        "refs",
        "Maps to compare with this one.",
        noun="compared map",
        example="[pizza-night-rival]",
    ),
    _TAGS,
    FieldSpec("stages", "stages", "The stages, in order.", required=True),
)


@record(slots=False)
class PersonaValues:
    """A per-persona field as checked: (persona id, value, line of the key), in order."""

    entries: tuple[tuple[str, Any, int], ...]

    def summary(self, spec: FieldSpec) -> Any:
        """The value the field's own attribute keeps: the mean of numbers, every list's
        items in turn, no single text (each persona has their own)."""
        values = [v for _, v, _ in self.entries]
        if spec.kind == "emotion":
            return round(sum(values) / len(values), 2) if values else None
        if spec.kind == "texts":
            return tuple(item for value in values for item in value)
        return None


def lane_spec(lane: CustomLane) -> FieldSpec:
    """The field of one of the site's own lanes: its id as a stage key."""
    return FieldSpec(
        lane.id,
        "texts" if lane.list else "text",
        f"{lane.name} (a lane of this site's settings).",
        custom=True,
    )


def stage_item(lanes: Sequence[CustomLane] = ()) -> ItemSpec:
    """The stage's table with the site's own lanes (``lanes:`` in the settings) added."""
    if not lanes:
        return STAGE
    return _stage_item(tuple(lanes))


@functools.lru_cache(maxsize=32)
def _stage_item(lanes: tuple[CustomLane, ...]) -> ItemSpec:
    # One table a site, not one a stage: the checker keeps what it works out per table.
    return dataclasses.replace(STAGE, fields=(*STAGE.fields, *(lane_spec(x) for x in lanes)))


def stage_lane_specs(stages: Sequence[Stage]) -> tuple[FieldSpec, ...]:
    """Fields for the site's own lanes the stages use (for readers that have only the
    pages, such as ``cjm diff``): each key once, in the order first met."""
    seen: dict[str, FieldSpec] = {}
    for stage in stages:
        for key, value in stage.lanes:
            if key not in seen:
                lane = CustomLane(key, key, list=isinstance(value, tuple))
                seen[key] = lane_spec(lane)
    return tuple(seen.values())


def model_values(specs: Sequence[FieldSpec], values: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for a model class from a checked mapping (see ``FieldSpec.attr``).

    A value that is absent or empty (``None``) is left out, so the class's default applies.
    A value written per persona (:class:`PersonaValues`) becomes the attribute's summary
    and one :class:`~cjm_site.model.Voice` per persona in ``voices``.
    The site's own lanes (``FieldSpec.custom``) go into ``lanes`` as (id, value) pairs.
    """
    out: dict[str, Any] = {}
    for spec, attribute in _attributes(specs):
        value = values.get(spec.name)
        if value is None:
            continue
        if isinstance(value, PersonaValues) and attribute is not None:
            voices = tuple(Voice(spec.name, pid, v, line) for pid, v, line in value.entries)
            out["voices"] = (*out.get("voices", ()), *voices)
            value = value.summary(spec)
        if attribute is None or value is None:
            continue
        if spec.custom:
            if value != ():
                out["lanes"] = (*out.get("lanes", ()), (spec.name, value))
            continue
        out[attribute] = (*out[attribute], *value) if attribute in out else value
    return out


_ATTRIBUTES: dict[int, tuple[Sequence[FieldSpec], tuple[tuple[FieldSpec, str | None], ...]]] = {}


def _attributes(specs: Sequence[FieldSpec]) -> tuple[tuple[FieldSpec, str | None], ...]:
    """Each field of a table with its model attribute, worked out once a table (a table
    is kept while it lives; the checker's tables live as long as the module)."""
    entry = _ATTRIBUTES.get(id(specs))
    if entry is not None and entry[0] is specs:
        return entry[1]
    pairs = tuple((spec, spec.attribute) for spec in specs)
    if len(_ATTRIBUTES) > 64:
        _ATTRIBUTES.clear()
    _ATTRIBUTES[id(specs)] = (specs, pairs)
    return pairs


_HAS_LINE: dict[type[Any], bool] = {}


def build_item(item: ItemSpec, values: Mapping[str, Any]) -> Any:
    """The model object of one checked list item (with its line, where the model keeps one)."""
    kwargs = model_values(item.fields, values)
    has_line = _HAS_LINE.get(item.model)
    if has_line is None:
        has_line = _HAS_LINE[item.model] = "line" in {
            f.name for f in dataclasses.fields(item.model)
        }
    if has_line:
        kwargs["line"] = values["line"]
    return item.model(**kwargs)


# Keys MkDocs, Material and common plugins give meaning to: kept as they are.
PASSTHROUGH: tuple[str, ...] = (
    "hide",
    "template",
    "status",
    "search",
    "icon",
    "subtitle",
    "comments",
    "social",
    "robots",
    "authors",
)

# Accepted spellings of choices, folded to the format's own word.
CHOICE_ALIASES: dict[str, str] = {
    "moment-of-truth": "truth",
    "mot": "truth",
    "current": "current-state",
    "future": "future-state",
    "blueprint": "service-blueprint",
}
