"""A JSON Schema for the front matter, generated from the field tables.

Editors with a YAML language server (VS Code with Red Hat's YAML extension,
JetBrains IDEs, Neovim, Helix, ...) use it for completion, hover help and
red squiggles. The schema is built from :mod:`cjm_site.fields` at run time,
so a field added there is in the schema too; nothing here lists a field.

The checker (:mod:`cjm_site.checking`) stays the authority: the build runs
it, and it accepts more than the schema says. Where the two differ, the
schema is deliberately stricter and steers authors to the canonical form, or
cannot express a rule and is more lenient:

Stricter than the checker
    - Choices list the canonical words only. The checker also folds case,
      spaces and underscores (``Service Blueprint``) and accepts aliases
      (``mot``); the schema's descriptions say so.
    - Nested mappings (stage, touchpoint, opportunity, source) allow only
      their own keys. The checker reports a key that looks like a typo of a
      known one as an error and any other unknown key as a notice; nothing
      keeps such a key, so an editor squiggle is the more useful answer.
    - A single reference (``improves``) is one id, not a list.
    - A list of stages, touchpoints, opportunities or sources may not hold
      empty items (the checker skips them).
    - ``type`` must be written in lower case to select the persona or the
      journey schema; ``type: Journey`` is checked as a journey by the build
      but is left alone by the schema.

More lenient than the checker
    - Unknown page-level keys are allowed (the checker reports them as
      notices, or as errors when they look like a typo of a known key: the
      schema cannot tell the two apart). Keys of MkDocs, Material and other
      plugins pass through.
    - References are not resolved (that needs the whole site).
    - A ``type`` other than ``persona`` or ``journey`` is not a cjm page; the
      checker also reports a type that looks like a typo (``jouney``).

Only keywords that mean the same in draft-07 and draft 2020-12 are used
(``$ref`` into ``$defs`` by JSON pointer, ``if``/``then``, ``anyOf``,
``items`` with one schema), so editors that still implement draft-07 read it
correctly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from cjm_site.fields import (
    CHOICE_ALIASES,
    JOURNEY_FIELDS,
    PASSTHROUGH,
    PERSONA_FIELDS,
    RECORDS,
    FieldKind,
    FieldSpec,
    stage_item,
)
from cjm_site.model import EMOTION_MAX, EMOTION_MIN, CustomLane

__all__ = [
    "DIALECT",
    "ID_BASE",
    "SCHEMA_NAMES",
    "journey_schema",
    "page_schema",
    "persona_schema",
    "schema_json",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://cjm-site.example/schema/"
"""Where the schemas' ``$id`` point: a stable name, never fetched."""
SCHEMA_NAMES: tuple[str, ...] = ("page", "persona", "journey")
"""What :func:`schema_json` accepts, the default first."""

Schema = dict[str, Any]

# Front matter text: any scalar is text to the checker (it reads the author's
# characters, so `2026`, `NO` and `1:30` are text where text is meant). An
# empty value (null) means "not written" and is accepted where a field is
# optional.
_SCALAR: list[str] = ["string", "number", "boolean"]
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# The checker's id rule is [^\W_][\w.-]* on Unicode text. JSON Schema patterns
# are ECMA-262 regexes, where \w is ASCII only, so the rule is restated as
# "no white space, no control character, no ASCII punctuation other than
# - . _ (and none of those first)": exact for ASCII ids, lenient otherwise.
_ID_PATTERN = (
    r"^\s*[^\s\u0000-\u001f\u007f!-/:-@\[-`{-~]"
    r"[^\s\u0000-\u001f\u007f!-,/:-@\[-^`{-~]*\s*$"
)
# The checker's safe_url: a scheme (letters before a ':' that comes before any
# '/', '?' or '#') must be http, https or mailto; '//host' is refused.
_LINK_PATTERN = (
    r"^(?!\s*//)(?:[^:/?#]*(?:[/?#]|$)"
    r"|\s*(?:[hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]):)"
)
_NOT_BLANK = r"\S"


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _scalar_types(*, nullable: bool) -> list[str]:
    return [*_SCALAR, "null"] if nullable else list(_SCALAR)


def _text(spec: FieldSpec, *, nullable: bool) -> Schema:
    schema: Schema = {"type": _scalar_types(nullable=nullable)}
    if spec.required:
        schema["pattern"] = _NOT_BLANK
    return schema


def _one_or_list(item: Schema, *, nullable: bool, min_items: int = 0) -> Schema:
    """A list of ``item``, or one ``item`` for a list of one (and null when optional)."""
    array: Schema = {"type": "array", "items": item}
    if min_items:
        array["minItems"] = min_items
    branches = [item, array]
    if nullable:
        branches.append({"type": "null"})
    return {"anyOf": branches}


def _scalars(spec: FieldSpec, one: Schema, item: Schema, nullable: bool) -> Schema:
    """A list of ``item``, or ``one`` for a list of one (``item`` may be empty: it is skipped)."""
    listed = _one_or_list(one, nullable=nullable, min_items=1 if spec.required else 0)
    listed["anyOf"][1]["items"] = item
    return listed


def _choice_note(spec: FieldSpec) -> str:
    aliases = sorted(
        f"{alias} (= {word})" for alias, word in CHOICE_ALIASES.items() if word in spec.choices
    )
    word = next((c for c in spec.choices if "-" in c), spec.choices[0])
    example = " ".join(part.capitalize() for part in word.split("-"))
    note = (
        "The build also accepts other capitals, and spaces or underscores for '-'"
        f" (e.g. '{example}')"
    )
    if aliases:
        note += ", and " + ", ".join(aliases)
    return note + "; write the listed spelling."


def _record_ref(kind: FieldKind) -> Schema:
    return {"$ref": f"#/$defs/{RECORDS[kind].name}"}


_Builder = Callable[[FieldSpec, bool], tuple[Schema, str]]
"""(spec, nullable) -> (the value's schema, a note on the value's shape)."""


def _records(kind: FieldKind) -> _Builder:
    def build(spec: FieldSpec, nullable: bool) -> tuple[Schema, str]:
        item = RECORDS[kind]
        schema = _one_or_list(
            _record_ref(kind), nullable=nullable, min_items=1 if spec.required else 0
        )
        note = f"A list; an item may be a string for its {item.shorthand} alone."
        return schema, note

    return build


_BUILDERS: dict[FieldKind, _Builder] = {
    "text": lambda spec, nullable: (_text(spec, nullable=nullable), "Text."),
    "long-text": lambda spec, nullable: (
        _text(spec, nullable=nullable),
        "Text; line breaks are kept.",
    ),
    "texts": lambda spec, nullable: (
        _scalars(spec, {"type": list(_SCALAR)}, {"type": [*_SCALAR, "null"]}, nullable),
        "A list of text, or one string for a list of one.",
    ),
    "emotion": lambda spec, nullable: (
        {
            "type": ["number", "null"] if nullable else "number",
            "minimum": _number(EMOTION_MIN),
            "maximum": _number(EMOTION_MAX),
        },
        "A number; decimals allowed (e.g. -1.5).",
    ),
    "date": lambda spec, nullable: (
        {
            "type": ["string", "null"] if nullable else "string",
            "pattern": _DATE_PATTERN,
            "format": "date",
        },
        "A date written YYYY-MM-DD.",
    ),
    "choice": lambda spec, nullable: (
        {"enum": [*spec.choices, *([None] if nullable else [])]},
        "One of: " + ", ".join(spec.choices) + ". " + _choice_note(spec),
    ),
    "choices": lambda spec, nullable: (
        _scalars(spec, {"enum": list(spec.choices)}, {"enum": [*spec.choices, None]}, nullable),
        "Any of: " + ", ".join(spec.choices) + " (a list, or one). " + _choice_note(spec),
    ),
    "ref": lambda spec, nullable: (
        _text(spec, nullable=nullable),
        "The id of another page (its file name without .md, or its id:).",
    ),
    "refs": lambda spec, nullable: (
        _scalars(spec, {"type": list(_SCALAR)}, {"type": [*_SCALAR, "null"]}, nullable),
        "Ids of other pages (file name without .md, or their id:): a list, or one.",
    ),
    "pairs": lambda spec, nullable: (
        {
            "type": ["object", "null"] if nullable else "object",
            "additionalProperties": {"type": _scalar_types(nullable=True)},
        },
        "Name: value pairs, shown in the order written.",
    ),
    "link": lambda spec, nullable: (
        {**_text(spec, nullable=nullable), "pattern": _LINK_PATTERN},
        "An http, https or mailto link, or a path relative to the page.",
    ),
    "id": lambda spec, nullable: (
        {**_text(spec, nullable=nullable), "pattern": _ID_PATTERN},
        "Letters, digits, '-', '_' and '.'; unique in the site.",
    ),
    "flag": lambda spec, nullable: (
        {"type": ["boolean", "null"] if nullable else "boolean"},
        "true or false.",
    ),
    **{kind: _records(kind) for kind in RECORDS},
}


def _per_persona(value: Schema) -> Schema:
    """A value, or a mapping persona id -> value (a map with several personas)."""
    mapping = {
        "type": "object",
        "propertyNames": {"pattern": _ID_PATTERN},
        "additionalProperties": value,
    }
    return {"anyOf": [value, mapping]}


def _field(spec: FieldSpec) -> Schema:
    """One field's schema, with its doc for editors' hover help."""
    value, note = _BUILDERS[spec.kind](spec, not spec.required)
    if spec.per_persona:
        value = _per_persona(value)
        note += " Or, on a map with several personas, a mapping persona id -> value."
    description = f"{spec.doc} {note}"
    if spec.required:
        description += " Required."
    return {"title": _label(spec.name), "description": description, **value}


def _properties(specs: Sequence[FieldSpec]) -> Schema:
    return {spec.name: _field(spec) for spec in specs}


def _required(specs: Sequence[FieldSpec]) -> list[str]:
    return [spec.name for spec in specs if spec.required]


def _record_def(kind: FieldKind, lanes: Sequence[CustomLane] = ()) -> Schema:
    item = stage_item(lanes) if kind == "stages" else RECORDS[kind]
    name, doc = item.name, item.doc
    short = next(spec for spec in item.fields if spec.name == item.shorthand)
    shorthand = _field(short)
    shorthand["description"] = (
        f"Shorthand: a string stands for a {name} with only its {short.name}."
    )
    mapping: Schema = {
        "type": "object",
        "properties": _properties(item.fields),
        "required": _required(item.fields),
        "additionalProperties": False,
    }
    return {
        "title": _label(name),
        "description": (
            f"{doc} A mapping of the keys below, or a string for its {item.shorthand} alone."
            " Other keys are not shown on the map: the build reports them."
        ),
        "anyOf": [shorthand, mapping],
    }


def _passthrough() -> Schema:
    return {
        key: {
            "title": _label(key),
            "description": "A key of MkDocs, Material or another plugin: passed on unchanged.",
        }
        for key in PASSTHROUGH
    }


def _page_body(kind: str, specs: Sequence[FieldSpec]) -> Schema:
    """The schema of a persona or journey page's front matter (without the header)."""
    properties = _properties(specs)
    type_field = properties["type"]
    type_field.pop("enum")
    type_field["const"] = kind
    type_field["description"] = f"Always '{kind}' on a {kind} page. Required."
    return {
        "title": f"cjm {kind} page",
        "description": (
            f"The front matter of a {kind} page. Other keys are allowed: keys of MkDocs,"
            " Material and other plugins pass through, and the build lists any other unknown"
            " key as a notice (or as an error when it looks like a typo of a known key)."
        ),
        "type": "object",
        "properties": {**properties, **_passthrough()},
        "required": _required(specs),
        "additionalProperties": True,
    }


def _used_records(specs: Sequence[FieldSpec]) -> list[FieldKind]:
    """The record kinds the fields use, directly or inside another record, in order."""
    found: list[FieldKind] = []

    def visit(fields: Sequence[FieldSpec]) -> None:
        for spec in fields:
            if spec.kind in RECORDS and spec.kind not in found:
                found.append(spec.kind)
                visit(RECORDS[spec.kind].fields)

    visit(specs)
    return found


def _defs(kinds: Sequence[FieldKind], lanes: Sequence[CustomLane] = ()) -> Schema:
    return {RECORDS[kind].name: _record_def(kind, lanes) for kind in kinds}


def _document(name: str, body: Schema, defs: Schema) -> Schema:
    head: Schema = {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{name}.json",
        "$comment": (
            "Generated by cjm-site from its field tables (cjm_site/fields.py):"
            " regenerate it with `cjm schema`, do not edit it."
        ),
    }
    document = {**head, **body}
    if defs:
        document["$defs"] = defs
    return document


def persona_schema() -> Schema:
    """The JSON Schema of a persona page's front matter (``type: persona``)."""
    return _document("persona", _page_body("persona", PERSONA_FIELDS), _defs([]))


def journey_schema(lanes: Sequence[CustomLane] = ()) -> Schema:
    """The JSON Schema of a journey page's front matter (``type: journey``); a stage
    may hold the site's own ``lanes`` too."""
    body = _page_body("journey", JOURNEY_FIELDS)
    return _document("journey", body, _defs(_used_records(JOURNEY_FIELDS), lanes))


def page_schema(lanes: Sequence[CustomLane] = ()) -> Schema:
    """The JSON Schema of any page's front matter: ``type`` selects persona or journey.

    A page whose ``type`` is neither (or that has none) is not a cjm page and
    may hold anything.
    """
    kinds = {"persona": PERSONA_FIELDS, "journey": JOURNEY_FIELDS}
    records = _used_records([spec for specs in kinds.values() for spec in specs])
    body: Schema = {
        "title": "cjm-site page front matter",
        "description": (
            "type: persona or type: journey makes a page a persona or a journey map, checked"
            " by this schema; any other page is left alone. The build's checker (cjm validate)"
            " is the authority: it also accepts other spellings of choices and reports"
            " references to missing pages."
        ),
        "properties": {
            "type": {
                "title": "Type",
                "description": (
                    "persona or journey makes this page a persona or a journey map;"
                    " other pages are left alone."
                ),
                "examples": list(kinds),
            }
        },
        "allOf": [
            {
                "if": {
                    "type": "object",
                    "properties": {"type": {"const": kind}},
                    "required": ["type"],
                },
                "then": {"$ref": f"#/$defs/{kind}"},
            }
            for kind in kinds
        ],
    }
    defs = {kind: _page_body(kind, specs) for kind, specs in kinds.items()}
    return _document("page", body, {**defs, **_defs(records, lanes)})


_SCHEMAS: dict[str, Callable[[Sequence[CustomLane]], Schema]] = {
    "page": page_schema,
    "persona": lambda lanes: persona_schema(),
    "journey": journey_schema,
}


def schema_json(which: str = "page", lanes: Sequence[CustomLane] = ()) -> str:
    """One of the schemas (``page``, ``persona`` or ``journey``) as JSON text, ending in a newline.

    The text is the same on every run, so a committed copy only changes when
    the format does.
    """
    try:
        build = _SCHEMAS[which]
    except KeyError:
        names = ", ".join(SCHEMA_NAMES)
        raise ValueError(f"unknown schema {which!r}; expected one of: {names}") from None
    return json.dumps(build(lanes), indent=2, ensure_ascii=False) + "\n"
