"""The format's fields as data: the one source of truth for the checker (and the schema).

Each :class:`FieldSpec` says what a key holds; :mod:`cjm_site.checking` turns
front matter into model values by walking these tables, so a field is added
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cjm_site.model import EVIDENCE, KINDS, MOMENTS, PRIORITIES, STATUSES

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
]


@dataclass(frozen=True)
class FieldSpec:
    """One key of the format."""

    name: str
    kind: FieldKind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemSpec:
    """A kind of list item that may be written as one string (its ``shorthand`` field)."""

    fields: tuple[FieldSpec, ...]
    shorthand: str


SOURCE = ItemSpec(
    (
        FieldSpec("title", "text", "What the research is.", required=True),
        FieldSpec("url", "link", "Where to read it (http, https, mailto or relative)."),
    ),
    shorthand="title",
)

TOUCHPOINT = ItemSpec(
    (
        FieldSpec("name", "text", "What the customer meets.", required=True),
        FieldSpec("channel", "text", "A channel id from the site settings, or a free word."),
        FieldSpec("owner", "text", "The team that owns the touchpoint."),
        FieldSpec(
            "moments",
            "choices",
            "pain, delight and/or truth (a moment of truth).",
            choices=MOMENTS,
        ),
        FieldSpec("priority", "choice", "low, medium or high.", choices=PRIORITIES),
    ),
    shorthand="name",
)

OPPORTUNITY = ItemSpec(
    (
        FieldSpec("text", "text", "The improvement.", required=True),
        FieldSpec("owner", "text", "Who takes it on."),
        FieldSpec("due", "date", "When it is due."),
        FieldSpec("status", "choice", "idea, planned, in-progress or done.", choices=STATUSES),
    ),
    shorthand="text",
)

STAGE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "text", "The stage's name, shown as the column head.", required=True),
    FieldSpec("phase", "text", "The spine stage (site setting) this stage belongs to."),
    FieldSpec("goal", "text", "What the customer wants in this stage."),
    FieldSpec("actions", "texts", "What the customer does."),
    FieldSpec("touchpoints", "touchpoints", "Where the customer meets us."),
    FieldSpec("thoughts", "texts", "What the customer thinks, in their words."),
    FieldSpec("emotion", "emotion", "How the customer feels, -2 (very negative) to 2."),
    FieldSpec("feeling", "text", "A word for the emotion."),
    FieldSpec("aspiration", "emotion", "How we want the customer to feel, -2 to 2."),
    FieldSpec("pains", "texts", "What goes wrong or hurts."),
    FieldSpec("opportunities", "opportunities", "Ideas to improve the stage."),
    FieldSpec("metrics", "pairs", "Measured values, name: value."),
    FieldSpec("backstage", "texts", "What the organisation does that the customer does not see."),
)

STAGE = ItemSpec(STAGE_FIELDS, shorthand="name")

COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "type", "choice", "persona or journey.", required=True, choices=("persona", "journey")
    ),
    FieldSpec("id", "id", "The page's id (default: the file name without .md)."),
    FieldSpec("description", "text", "A one-line summary (also used by MkDocs for the page)."),
    FieldSpec("tags", "texts", "Tags, indexed by Material's tags plugin."),
)

PERSONA_FIELDS: tuple[FieldSpec, ...] = (
    *COMMON_FIELDS,
    FieldSpec("name", "text", "The persona's name.", required=True),
    FieldSpec("title", "text", "The page title (default: the name)."),
    FieldSpec("role", "text", "Job or role."),
    FieldSpec("quote", "long-text", "A sentence in the persona's voice."),
    FieldSpec("image", "link", "A picture, relative to the page."),
    FieldSpec("segment", "text", "The customer segment."),
    FieldSpec("attributes", "pairs", "Free name: value pairs, shown in order."),
    FieldSpec("goals", "texts", "What the persona wants."),
    FieldSpec("needs", "texts", "What the persona needs from us."),
    FieldSpec("pains", "texts", "What bothers the persona."),
    FieldSpec("motivations", "texts", "What drives the persona."),
    FieldSpec("channels", "texts", "Channel ids (site settings) or free words."),
)

JOURNEY_FIELDS: tuple[FieldSpec, ...] = (
    *COMMON_FIELDS,
    FieldSpec("title", "text", "The journey's title.", required=True),
    FieldSpec("persona", "refs", "The persona's id."),
    FieldSpec("personas", "refs", "Several personas' ids (a multi-persona map)."),
    FieldSpec("kind", "choice", "The kind of map.", choices=KINDS),
    FieldSpec("scenario", "long-text", "The situation the journey covers."),
    FieldSpec("goal", "text", "What the customer wants from the whole journey."),
    FieldSpec("expectations", "texts", "What the customer expects."),
    FieldSpec("owner", "text", "The team that owns the map."),
    FieldSpec("evidence", "choice", "How well the map is backed by research.", choices=EVIDENCE),
    FieldSpec("sources", "sources", "Research behind the map: title and url."),
    FieldSpec("updated", "date", "When the map was last updated."),
    FieldSpec("review_by", "date", "After this date the map is due for review."),
    FieldSpec("improves", "ref", "On a future-state map: the current-state map it improves."),
    FieldSpec("compare", "refs", "Maps to compare with this one."),
    FieldSpec("stages", "stages", "The stages, in order.", required=True),
)

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
