from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
import yaml

from cjm_site import schema as schema_module
from cjm_site.checking import check_page
from cjm_site.fields import (
    JOURNEY_FIELDS,
    OPPORTUNITY,
    PASSTHROUGH,
    PERSONA_FIELDS,
    SOURCE,
    STAGE,
    TOUCHPOINT,
    FieldKind,
    FieldSpec,
)
from cjm_site.model import CustomLane
from cjm_site.reading import read_page, split_front_matter
from cjm_site.schema import (
    DIALECT,
    SCHEMA_NAMES,
    journey_schema,
    page_schema,
    persona_schema,
    schema_json,
)

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
BROKEN = REPO / "tests" / "fixtures" / "broken"
FORMAT = CONTENT / "guide" / "format.md"


class _EditorLoader(yaml.SafeLoader):
    """``yaml.safe_load`` without YAML 1.1 timestamps.

    Editors' YAML language servers read ``2026-10-01`` as a string (YAML 1.2);
    PyYAML would make it a date, and raises on ``2026-13-45``.
    """


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _as_json(value: Any) -> Any:
    """What an editor sees: dates as ISO text, mapping keys as text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def front_matter(text: str) -> Any:
    split = split_front_matter(text)
    assert split is not None, "no front matter"
    return _as_json(yaml.load(split[0], Loader=_EditorLoader))


VALIDATOR = jsonschema.Draft202012Validator(
    page_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def schema_errors(front: Any) -> list[jsonschema.ValidationError]:
    return list(VALIDATOR.iter_errors(front))


def _spot(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def schema_spots(errors: list[jsonschema.ValidationError]) -> set[str]:
    """Field paths (in the checker's notation) the schema's errors point at, nested ones too."""
    spots: set[str] = set()

    def visit(error: jsonschema.ValidationError) -> None:
        base = _spot(error.absolute_path)
        spots.add(base)
        names: list[str] = []
        if error.validator == "required" and isinstance(error.instance, dict):
            names = [n for n in error.validator_value if n not in error.instance]
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            names = [str(n) for n in error.instance if n not in known]
        for name in names:
            spots.add(f"{base}.{name}" if base else name)
        for sub in error.context or ():
            visit(sub)

    for error in errors:
        visit(error)
    return spots


def check(source: str, path: str = "journeys/j.md"):  # type: ignore[no-untyped-def]
    return check_page(read_page(path, source.encode("utf-8")))


def checker_errors(source: str, path: str = "journeys/j.md") -> list[str]:
    return [f.field for f in check(source, path).findings if f.level == "error"]


# -- (a) the example pages validate --------------------------------------------


def _cjm_pages(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = front_matter(text) if split_front_matter(text) else None
        if isinstance(front, dict) and front.get("type") in ("persona", "journey"):
            yield path


EXAMPLES = list(_cjm_pages(CONTENT))


def test_the_content_has_personas_and_journeys() -> None:
    kinds = {front_matter(p.read_text(encoding="utf-8"))["type"] for p in EXAMPLES}
    assert kinds == {"persona", "journey"} and len(EXAMPLES) >= 10


def _site_lanes() -> tuple[CustomLane, ...]:
    """The example handbook's own lanes, as mkdocs.yml declares them (what `cjm schema` reads)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = yaml.safe_load(text)
    options = next(p["cjm"] for p in block["plugins"] if isinstance(p, dict) and "cjm" in p)
    return tuple(
        CustomLane(x["id"], x["name"], x.get("after"), x.get("type", "list") == "list")
        for x in options.get("lanes", ())
    )


SITE_VALIDATOR = jsonschema.Draft202012Validator(page_schema(_site_lanes()))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_example_page_validates(path: Path) -> None:
    errors = SITE_VALIDATOR.iter_errors(front_matter(path.read_text(encoding="utf-8")))
    assert [e.message for e in errors] == []


def test_the_format_contract_examples_validate() -> None:
    blocks = FORMAT.read_text(encoding="utf-8").split("```yaml\n")[1:3]
    assert len(blocks) == 2
    for block in blocks:
        front = front_matter(block.split("```", 1)[0])
        assert [e.message for e in schema_errors(front)] == []


# -- (b) the schemas are schemas -------------------------------------------------


@pytest.mark.parametrize("which", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(which: str) -> None:
    schema = json.loads(schema_json(which))
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == f"https://cjm-site.example/schema/{which}.json"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_persona_and_journey_schemas_stand_alone() -> None:
    persona = jsonschema.Draft202012Validator(persona_schema())
    journey = jsonschema.Draft202012Validator(journey_schema())
    eva = {"type": "persona", "name": "Eva Molin", "goals": "Eat out"}
    trip = {"type": "journey", "title": "T", "stages": [{"name": "A", "touchpoints": "Web"}]}
    assert persona.is_valid(eva) and not persona.is_valid(trip)
    assert journey.is_valid(trip) and not journey.is_valid(eva)


def test_pages_that_are_not_ours_may_hold_anything() -> None:
    for front in (None, {}, {"title": 3, "hide": ["toc"]}, {"type": "blog-post", "stages": 5}):
        assert schema_errors(front) == []


# -- (c) the checker and the schema agree ----------------------------------------

BROKEN_PAGES = sorted(BROKEN.glob("*.md"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[1]
    assert first.startswith("# expect: "), f"{path.name}: first line must be '# expect: <field>'"
    return first.removeprefix("# expect: ")


def test_there_are_enough_broken_pages() -> None:
    assert len(BROKEN_PAGES) >= 12


@pytest.mark.parametrize("path", BROKEN_PAGES, ids=lambda p: p.stem)
def test_broken_page_is_rejected_by_both_at_the_same_field(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    field = _expected(path)
    kind = front_matter(source)["type"]
    assert field in checker_errors(source, f"{kind}s/{path.name}")
    errors = schema_errors(front_matter(source))
    assert errors, "the schema accepts it"
    assert field in schema_spots(errors)


def journey(body: str) -> str:
    return f"---\ntype: journey\ntitle: T\n{body}---\n# T\n"


UNUSUAL_BUT_VALID = {
    "single strings for lists": journey(
        "persona: eva\ncompare: rival\ntags: restaurants\nexpectations: Free tables\n"
        "stages:\n  - name: A\n    actions: Calls the bank\n    pains: Waits\n"
        "    touchpoints: {name: Phone, moments: truth}\n"
    ),
    "string touchpoints, opportunities and sources": journey(
        "sources: Guest interviews\n"
        "stages:\n  - name: A\n    touchpoints: [Map app search, {name: Friends}]\n"
        "    opportunities: Ask guests for a review\n"
        "  - name: B\n    opportunities: [Show allergens, {text: Call back, due: 2027-01-31}]\n"
    ),
    "decimal and signed emotions": journey(
        "stages:\n  - {name: A, emotion: -1.5, aspiration: 2}\n  - {name: B, emotion: 0.25}\n"
        "  - {name: C, emotion: +1, aspiration: -2.0}\n"
    ),
    "stages as one string": journey("stages: Awareness\n"),
    "one stage as a mapping": journey("stages: {name: Awareness, emotion: 1}\n"),
    "stages as strings": journey("stages: [Awareness, Research, {name: Purchase}]\n"),
    "empty optional values": journey(
        "owner:\nkind: ~\nupdated:\npersonas: []\n"
        "stages:\n  - name: A\n    emotion:\n    touchpoints:\n    metrics:\n"
    ),
    "numbers and yes/no where text is meant": journey(
        "owner: NO\nstages:\n  - name: 1:30\n    feeling: off\n    goal: 01234\n"
        "    metrics: {Conversion: 35%, Visits: 1200, Ready: yes}\n"
    ),
    "keys of MkDocs, Material and other plugins": journey(
        "hide: [toc]\nstatus: new\ntemplate: main.html\nicon: material/map\n"
        "notes: kept in catalogue.json\nstages: [{name: A}]\n"
    ),
    "quoted dates, relative and mailto links": journey(
        "updated: '2026-10-01'\nreview_by: \"2027-04-01\"\n"
        "sources:\n  - {title: Interviews, url: ../research/interviews.md}\n"
        "  - {title: Ask Eva, url: 'mailto:eva@example.com'}\n"
        "  - {title: Survey, url: 'HTTPS://intranet.example/s?id=4#top'}\n"
        "stages: [{name: A}]\n"
    ),
    "a persona with an id and unicode text": (
        "---\ntype: persona\nid: layla.haddad_2\nname: ليلى حداد\nattributes: {Age: 29}\n"
        "image: layla.svg\nchannels: mobile\n---\n"
    ),
}


@pytest.mark.parametrize("source", UNUSUAL_BUT_VALID.values(), ids=list(UNUSUAL_BUT_VALID))
def test_unusual_but_valid_page_is_accepted_by_both(source: str) -> None:
    kind = front_matter(source)["type"]
    assert checker_errors(source, f"{kind}s/p.md") == []
    assert [e.message for e in schema_errors(front_matter(source))] == []


# Where the two differ, on purpose (see cjm_site/schema.py's docstring).
# (source, the field the schema points at or None when the schema is the lenient one)
SCHEMA_STRICTER = {
    "choice in other capitals": (journey("kind: Service Blueprint\nstages: [{name: A}]\n"), "kind"),
    "choice alias": (journey("kind: future\nstages: [{name: A}]\n"), "kind"),
    "moment alias": (
        journey("stages:\n  - name: A\n    touchpoints: [{name: X, moments: [mot]}]\n"),
        "stages[0].touchpoints[0].moments[0]",
    ),
    "status with an underscore": (
        journey("stages:\n  - name: A\n    opportunities: [{text: X, status: in_progress}]\n"),
        "stages[0].opportunities[0].status",
    ),
    "priority in capitals": (
        journey("stages:\n  - name: A\n    touchpoints: [{name: X, priority: HIGH}]\n"),
        "stages[0].touchpoints[0].priority",
    ),
    "unknown stage key that is not a typo": (
        journey("stages:\n  - name: A\n    mood: calm\n"),
        "stages[0].mood",
    ),
}

SCHEMA_LENIENT = {
    "page key that looks like a typo": journey("scenaro: Dinner\nstages: [{name: A}]\n"),
    "type that looks like a typo": "---\ntype: jouney\ntitle: T\nstages: [{name: A}]\n---\n",
    "type in capitals (checked as a journey by the build)": (
        "---\ntype: Journey\ntitle: T\nstages: [{name: A, emotion: 5}]\n---\n"
    ),
}


@pytest.mark.parametrize(("source", "field"), SCHEMA_STRICTER.values(), ids=list(SCHEMA_STRICTER))
def test_documented_difference_schema_is_stricter(source: str, field: str) -> None:
    assert checker_errors(source) == []
    assert field in schema_spots(schema_errors(front_matter(source)))


@pytest.mark.parametrize("source", SCHEMA_LENIENT.values(), ids=list(SCHEMA_LENIENT))
def test_documented_difference_schema_is_more_lenient(source: str) -> None:
    assert checker_errors(source) != []
    assert schema_errors(front_matter(source)) == []


def test_choice_descriptions_mention_the_accepted_variants() -> None:
    kind = journey_schema()["properties"]["kind"]
    assert kind["enum"] == [
        "current-state",
        "future-state",
        "day-in-the-life",
        "service-blueprint",
        None,
    ]
    assert "blueprint (= service-blueprint)" in kind["description"]
    assert "capitals" in kind["description"]


# -- (d) every field of the tables is in the schema ------------------------------


def _nested_properties(schema: dict[str, Any], name: str) -> dict[str, Any]:
    mapping = next(b for b in schema["$defs"][name]["anyOf"] if b.get("type") == "object")
    props: dict[str, Any] = mapping["properties"]
    return props


TABLES: list[tuple[str, tuple[FieldSpec, ...]]] = [
    ("persona", PERSONA_FIELDS),
    ("journey", JOURNEY_FIELDS),
    ("stage", STAGE.fields),
    ("touchpoint", TOUCHPOINT.fields),
    ("opportunity", OPPORTUNITY.fields),
    ("source", SOURCE.fields),
]


@pytest.mark.parametrize(("name", "specs"), TABLES, ids=[n for n, _ in TABLES])
def test_every_field_is_in_the_schema_with_its_doc(name: str, specs: tuple[FieldSpec, ...]) -> None:
    schema = page_schema()
    if name in ("persona", "journey"):
        body = schema["$defs"][name]
        props = body["properties"]
        assert set(props) == {s.name for s in specs} | set(PASSTHROUGH)
        assert body["required"] == [s.name for s in specs if s.required]
        assert body["additionalProperties"] is True
    else:
        props = _nested_properties(schema, name)
        assert set(props) == {s.name for s in specs}
        mapping = next(b for b in schema["$defs"][name]["anyOf"] if b.get("type") == "object")
        assert mapping["required"] == [s.name for s in specs if s.required]
        assert mapping["additionalProperties"] is False
    for spec in specs:
        if spec.name == "type":
            continue
        assert props[spec.name]["description"].startswith(spec.doc)
        if spec.kind == "choice":
            assert [c for c in props[spec.name]["enum"] if c is not None] == list(spec.choices)


def test_every_field_kind_has_a_schema() -> None:
    assert set(schema_module._BUILDERS) == set(get_args(FieldKind))


def test_emotions_and_dates_have_their_ranges_and_patterns() -> None:
    stage = _nested_properties(page_schema(), "stage")
    # A number, or (several personas) a mapping persona id -> number: both in range.
    plain, per_persona = stage["emotion"]["anyOf"]
    assert (plain["minimum"], plain["maximum"]) == (-2, 2)
    assert per_persona["additionalProperties"] == plain
    updated = journey_schema()["properties"]["updated"]
    assert updated["pattern"] == r"^\d{4}-\d{2}-\d{2}$" and updated["format"] == "date"


# -- (e) deterministic output ------------------------------------------------------


def test_schema_json_is_deterministic_and_ends_with_a_newline() -> None:
    text = schema_json()
    assert text == schema_json("page") and text.endswith("}\n")
    assert json.loads(text) == page_schema()
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, cjm_site.schema as s; sys.stdout.write(s.schema_json())",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
        cwd=REPO,
    ).stdout
    assert other == text


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of: page, persona, journey"):
        schema_json("stage")
