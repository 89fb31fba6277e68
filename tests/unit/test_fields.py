"""Every field of the table reaches the model, the JSON Schema, catalogue.json and ``cjm diff``.

The pages here are made from the table itself (a value of each field's kind for
every field, nested records included), so a field added to the table is tested
without touching this file.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cjm_site.catalogue import catalogue_document
from cjm_site.checking import CheckedPage, check_page
from cjm_site.diffing import JourneyDiff, PersonaDiff, diff_journeys, diff_personas
from cjm_site.fields import (
    JOURNEY_FIELDS,
    PERSONA_FIELDS,
    RECORDS,
    STAGE,
    FieldSpec,
    ItemSpec,
)
from cjm_site.linking import link
from cjm_site.model import CustomLane, Journey, Persona, Settings
from cjm_site.reading import read_page
from cjm_site.schema import page_schema

PAGES: dict[str, tuple[FieldSpec, ...]] = {"persona": PERSONA_FIELDS, "journey": JOURNEY_FIELDS}
STAGE_RECORDS = [(s.name, RECORDS[s.kind]) for s in STAGE.fields if s.kind in RECORDS]
NOT_FIELDS = {"path", "line", "image_line", "extra", "voices", "lanes"}
"""Model attributes that say where a page is or what it did not know, not what it says
(``voices``, the values written per persona, and ``lanes``, the site's own lanes, whose
fields come from the settings: both tested below)."""


def sample(spec: FieldSpec, variant: int) -> Any:
    """A value of ``spec``'s kind as an author writes it; the two variants differ everywhere."""
    item = RECORDS.get(spec.kind)
    if item is not None:
        return [record(item, variant)]
    tag = f"{spec.name}-{variant}"
    if spec.name == "link":  # an opportunity's link leads off the site: a full address
        return f"https://tracker.example/{tag}"
    return {
        "text": f"text {tag}",
        "long-text": f"long text {tag}",
        "texts": [f"item {tag}"],
        "emotion": (1.5, -0.5)[variant],
        "date": ("2027-01-02", "2027-03-04")[variant],
        "choice": spec.choices[-1 - variant] if spec.choices else "",
        "choices": [spec.choices[-1 - variant]] if spec.choices else [],
        "ref": f"ref-{tag}",
        "refs": [f"ref-{tag}"],
        "pairs": {f"key-{spec.name}": f"value {tag}"},
        "link": f"files/{tag}.txt",
        "id": f"id-{tag}",
        "flag": (True, False)[variant],
    }[spec.kind]


def record(item: ItemSpec, variant: int) -> dict[str, Any]:
    return {spec.name: sample(spec, variant) for spec in item.fields}


def front(kind: str, variant: int = 0) -> dict[str, Any]:
    values = {spec.name: sample(spec, variant) for spec in PAGES[kind] if spec.name != "type"}
    return {"type": kind, **values}


def page(front_matter: dict[str, Any], path: str) -> CheckedPage:
    text = "---\n" + yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True) + "---\n"
    return check_page(read_page(path, text.encode("utf-8")))


def model(kind: str, front_matter: dict[str, Any]) -> Persona | Journey:
    checked = page(front_matter, f"{kind}s/every-field.md")
    assert [f for f in checked.findings if f.level != "notice"] == []
    found = checked.persona if kind == "persona" else checked.journey
    assert found is not None
    return found


def every_field() -> Iterator[tuple[str, tuple[str, ...], FieldSpec]]:
    """(page kind, path of the field's parents, spec) for every field, nested ones too."""

    def walk(
        kind: str, parents: tuple[str, ...], specs: tuple[FieldSpec, ...]
    ) -> Iterator[tuple[str, tuple[str, ...], FieldSpec]]:
        for spec in specs:
            if spec.name == "type":
                continue
            yield kind, parents, spec
            item = RECORDS.get(spec.kind)
            if item is not None:
                yield from walk(kind, (*parents, spec.name), item.fields)

    for kind, specs in PAGES.items():
        yield from walk(kind, (), specs)


FIELDS = list(every_field())
IDS = [".".join((kind, *parents, spec.name)) for kind, parents, spec in FIELDS]


def test_the_tables_and_the_model_classes_agree() -> None:
    tables = [(Persona, PERSONA_FIELDS), (Journey, JOURNEY_FIELDS)]
    tables += [(item.model, item.fields) for item in RECORDS.values()]
    for cls, specs in tables:
        attributes = {f.name for f in dataclasses.fields(cls)}
        declared = {spec.attribute for spec in specs if spec.attribute}
        assert declared <= attributes, cls.__name__
        assert attributes - declared <= NOT_FIELDS, cls.__name__


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_page_with_every_field_fills_every_attribute(kind: str) -> None:
    built = model(kind, front(kind))
    for spec in PAGES[kind]:
        if spec.attribute:
            assert getattr(built, spec.attribute) not in (None, (), ""), spec.name


def _schema_properties(kind: str, parents: tuple[str, ...]) -> dict[str, Any]:
    schema = page_schema()
    if not parents:
        props: dict[str, Any] = schema["$defs"][kind]["properties"]
        return props
    specs = PAGES[kind]
    item = None
    for name in parents:
        spec = next(s for s in specs if s.name == name)
        item = RECORDS[spec.kind]
        specs = item.fields
    assert item is not None
    mapping = next(b for b in schema["$defs"][item.name]["anyOf"] if b.get("type") == "object")
    props = mapping["properties"]
    return props


@pytest.mark.parametrize(("kind", "parents", "spec"), FIELDS, ids=IDS)
def test_every_field_is_in_the_schema(kind: str, parents: tuple[str, ...], spec: FieldSpec) -> None:
    assert spec.name in _schema_properties(kind, parents)


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_page_with_every_field_is_valid_for_the_schema(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(page_schema())
    assert [e.message for e in validator.iter_errors(front(kind))] == []


# -- catalogue.json ----------------------------------------------------------------


def _exported() -> dict[str, dict[str, Any]]:
    """The catalogue entries of the every-field persona and journey."""
    persona = page(front("persona"), "personas/every-field.md")
    journey = page(front("journey"), "journeys/every-field.md")
    # `compare` is exported as the maps it links, so the compared map must exist.
    compared_id = sample(next(s for s in JOURNEY_FIELDS if s.name == "compare"), 0)[0]
    other = page({"type": "journey", "id": compared_id, "title": "O", "stages": ["A"]}, "o.md")
    document = catalogue_document(link([persona, journey, other]), Settings(), {})
    entries = [*document["personas"], *document["journeys"]]
    return {
        kind: next(e for e in entries if e["path"] == f"{kind}s/every-field.md") for kind in PAGES
    }


EXPORTED = _exported()


def _marker(spec: FieldSpec) -> str:
    """Text of the written value that the exported value must contain."""
    value = sample(spec, 0)
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, dict):
        value = next(iter(value))
    return json.dumps(value)[1:-1] if isinstance(value, str) else json.dumps(value)


@pytest.mark.parametrize(("kind", "parents", "spec"), FIELDS, ids=IDS)
def test_every_field_reaches_catalogue_json(
    kind: str, parents: tuple[str, ...], spec: FieldSpec
) -> None:
    entry: Any = EXPORTED[kind]
    for name in parents:
        entry = entry[name][0]
    key = spec.attribute or spec.name
    assert key in entry
    if spec.kind not in RECORDS:
        assert _marker(spec) in json.dumps(entry[key], ensure_ascii=False)


def test_every_exported_key_is_documented() -> None:
    page = Path(__file__).resolve().parents[2] / "content" / "guide" / "catalogue-json.md"
    spans = re.findall(r"`([^`]+)`", page.read_text(encoding="utf-8"))
    documented = {word for span in spans for word in re.findall(r"\w+", span)}
    keys: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    for kind in PAGES:
        entry = EXPORTED[kind]
        keys.update(entry)
        visit({k: v for k, v in entry.items() if k not in ("extra", "attributes")})
    assert sorted(k for k in keys if k not in documented and not k.startswith("key-")) == []


# -- cjm diff ---------------------------------------------------------------------


def _spots(diff: JourneyDiff | PersonaDiff) -> set[str]:
    """Where a diff says something changed, as dotted field paths without list indexes."""
    spots = {c.field.split(".")[0] for c in diff.fields} | {c.field for c in diff.lists}
    if isinstance(diff, JourneyDiff):
        for stage in diff.stages:
            spots |= {"stages.name"} if stage.renamed else set()
            spots |= {f"stages.{c.field.split('.')[0]}" for c in stage.fields}
            spots |= {f"stages.{c.field}" for c in stage.lists}
            for name, item in STAGE_RECORDS:
                for change in getattr(stage, name):
                    if change.change == "changed":
                        spots |= {f"stages.{name}.{c.field}" for c in change.fields}
                    else:
                        spots.add(f"stages.{name}.{item.shorthand}")
    return spots


def _expected_spot(parents: tuple[str, ...], spec: FieldSpec) -> str:
    # A page's list of records (sources) is compared as lines of text: one spot for it.
    if parents and parents[0] != "stages":
        return parents[0]
    return ".".join((*parents, spec.attribute or spec.name))


# A list of records changes through the fields of its items, which are in FIELDS too.
VALUES = [(k, p, s) for k, p, s in FIELDS if s.kind not in RECORDS]


@pytest.mark.parametrize(
    ("kind", "parents", "spec"), VALUES, ids=[".".join((k, *p, s.name)) for k, p, s in VALUES]
)
def test_changing_any_field_shows_in_the_diff(
    kind: str, parents: tuple[str, ...], spec: FieldSpec
) -> None:
    before = front(kind)
    after = copy.deepcopy(before)
    target = after
    for name in parents:
        target = target[name][0]
    target[spec.name] = sample(spec, 1)
    old, new = model(kind, before), model(kind, after)
    diff = (
        diff_journeys(old, new)  # type: ignore[arg-type]
        if kind == "journey"
        else diff_personas(old, new)  # type: ignore[arg-type]
    )
    assert diff.status == "changed"
    assert _expected_spot(parents, spec) in _spots(diff)


# -- values written per persona ------------------------------------------------------

PER_PERSONA = [spec for spec in STAGE.fields if spec.per_persona]
"""Stage fields that may be a mapping persona id -> value."""


def _personas(front_matter: dict[str, Any]) -> list[str]:
    return [*front_matter["persona"], *front_matter["personas"]]


def per_persona_front(spec: FieldSpec, variant: int = 0) -> dict[str, Any]:
    """The every-field journey with ``spec`` written per persona on its stage."""
    values = front("journey")
    first, second = _personas(values)
    values["stages"][0][spec.name] = {first: sample(spec, variant), second: sample(spec, 1)}
    return values


def test_the_per_persona_fields_are_the_ones_the_issue_names() -> None:
    assert {s.name for s in PER_PERSONA} == {
        "emotion",
        "feeling",
        "aspiration",
        "thoughts",
        "actions",
    }


@pytest.mark.parametrize("spec", PER_PERSONA, ids=lambda s: s.name)
def test_a_per_persona_value_keeps_each_persona(spec: FieldSpec) -> None:
    values = per_persona_front(spec)
    first, second = _personas(values)
    stage = model("journey", values).stages[0]  # type: ignore[union-attr]
    assert stage.personal(spec.name)
    mine = stage.value_for(spec.name, first)
    theirs = stage.value_for(spec.name, second)
    expected = sample(spec, 0), sample(spec, 1)
    as_model = [tuple(v) if isinstance(v, list) else v for v in expected]
    assert [mine, theirs] == as_model
    assert stage.value_for(spec.name, "somebody-else") in (None, ())


@pytest.mark.parametrize("spec", PER_PERSONA, ids=lambda s: s.name)
def test_a_per_persona_value_is_valid_for_the_schema(spec: FieldSpec) -> None:
    validator = jsonschema.Draft202012Validator(page_schema())
    assert [e.message for e in validator.iter_errors(per_persona_front(spec))] == []
    wrong = per_persona_front(spec)
    first = _personas(wrong)[0]
    wrong["stages"][0][spec.name] = {first: {"nested": "mapping"}}
    assert list(validator.iter_errors(wrong)) != []


@pytest.mark.parametrize("spec", PER_PERSONA, ids=lambda s: s.name)
def test_a_per_persona_value_reaches_catalogue_json_as_written(spec: FieldSpec) -> None:
    values = per_persona_front(spec)
    first, second = _personas(values)
    journey = page(values, "journeys/every-field.md")
    document = catalogue_document(link([journey]), Settings(), {})
    stage = document["journeys"][0]["stages"][0]
    assert set(stage[spec.name]) == {first, second}
    assert _marker(spec) in json.dumps(stage[spec.name][first], ensure_ascii=False)


@pytest.mark.parametrize("spec", PER_PERSONA, ids=lambda s: s.name)
def test_changing_one_persona_s_value_shows_in_the_diff(spec: FieldSpec) -> None:
    before, after = per_persona_front(spec, 0), per_persona_front(spec, 1)
    diff = diff_journeys(model("journey", before), model("journey", after))  # type: ignore[arg-type]
    assert diff.status == "changed"
    assert f"stages.{spec.name}" in _spots(diff)
    shown = json.dumps([dataclasses.asdict(s) for s in diff.stages], ensure_ascii=False)
    assert _personas(before)[0] in shown


@pytest.mark.parametrize("spec", PER_PERSONA, ids=lambda s: s.name)
def test_a_key_that_is_not_a_persona_of_the_map_is_an_error_with_a_suggestion(
    spec: FieldSpec,
) -> None:
    values = front("journey")
    first = _personas(values)[0]
    values["stages"][0][spec.name] = {first + "x": sample(spec, 0)}
    checked = page(values, "journeys/every-field.md")
    errors = [f for f in checked.findings if f.level == "error"]
    assert len(errors) == 1
    assert errors[0].field == f"stages[0].{spec.name}.{first}x"
    assert errors[0].line > 1
    assert errors[0].hint == first
    assert f"did you mean {first!r}" in errors[0].message


# -- the site's own lanes (settings `lanes:`) ------------------------------------------

LANES = (CustomLane("questions", "Questions customers ask"), CustomLane("rule", "Rule", list=False))
LANE_SETTINGS = Settings(lanes=LANES)


def _lane_page(questions: list[str], rule: str) -> CheckedPage:
    stage = {"name": "A", "questions": questions, "rule": rule}
    text = "---\n" + yaml.safe_dump({"type": "journey", "title": "T", "stages": [stage]}) + "---\n"
    return check_page(read_page("journeys/lanes.md", text.encode("utf-8")), LANE_SETTINGS)


def test_declared_lanes_are_stage_fields_of_the_model() -> None:
    checked = _lane_page(["Is it open?"], "Age 18 or over")
    assert checked.findings == ()
    assert checked.journey is not None
    stage = checked.journey.stages[0]
    assert stage.lane("questions") == ("Is it open?",)
    assert stage.value("rule") == "Age 18 or over"
    assert stage.lane("nothing") is None


def test_declared_lanes_reach_catalogue_json_schema_and_diff() -> None:
    old, new = _lane_page(["Is it open?"], "Age 18"), _lane_page(["Is it open?", "Why?"], "Age 21")
    document = catalogue_document(link([new]), LANE_SETTINGS, {})
    stage = document["journeys"][0]["stages"][0]
    assert stage["questions"] == ["Is it open?", "Why?"] and stage["rule"] == "Age 21"
    schema = page_schema(LANES)
    mapping = next(b for b in schema["$defs"]["stage"]["anyOf"] if b.get("type") == "object")
    assert {"questions", "rule"} <= set(mapping["properties"])
    front_matter = {"type": "journey", "title": "T", "stages": [{"name": "A", "rule": "x"}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(front_matter)) == []
    assert list(jsonschema.Draft202012Validator(page_schema()).iter_errors(front_matter)) != []
    assert old.journey is not None and new.journey is not None
    diff = diff_journeys(old.journey, new.journey)
    assert _spots(diff) >= {"stages.questions", "stages.rule"}


def test_a_lane_that_is_not_declared_stays_unknown_with_a_suggestion() -> None:
    text = "---\ntype: journey\ntitle: T\nstages:\n  - name: A\n    questoins: [x]\n---\n"
    checked = check_page(read_page("j.md", text.encode("utf-8")), LANE_SETTINGS)
    assert [(f.level, f.field, f.hint) for f in checked.findings] == [
        ("error", "stages[0].questoins", "questions")
    ]
    plain = check_page(read_page("j.md", text.encode("utf-8")))
    assert [f.level for f in plain.findings] == ["notice"]
    assert "declare it under `lanes:`" in plain.findings[0].message


def test_a_text_lane_takes_one_text() -> None:
    text = "---\ntype: journey\ntitle: T\nstages:\n  - name: A\n    rule: [a, b]\n---\n"
    checked = check_page(read_page("j.md", text.encode("utf-8")), LANE_SETTINGS)
    assert [(f.line, f.field, f.message) for f in checked.findings] == [
        (6, "stages[0].rule", "expected text, got a list")
    ]
