"""The classes made with ``model.record`` behave as ``dataclasses.dataclass`` makes them.

Each is compared with a twin the standard library makes from the same fields: the
signature, the repr (the build cache keys on it), equality, hashing, refusing
assignment, ``replace`` and pickling (the build cache pickles the model).
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from cjm_site import checking, fields, lanes, model, phases, reading

RECORDS = [
    value
    for module in (model, reading, fields, checking, lanes, phases)
    for value in vars(module).values()
    if isinstance(value, type)
    and value.__module__ == module.__name__
    and dataclasses.is_dataclass(value)
    and "__init__" in vars(value)
    and vars(value)["__init__"].__code__.co_filename == "<string>"
    and value.__name__ not in {"_Values"}
]


def twin(cls: type) -> Any:
    """The same fields, made by the standard library."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    specs = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            specs.append((f.name, f.type))
    return dataclasses.make_dataclass(
        cls.__name__,
        specs,
        frozen=params.frozen,
        slots="__slots__" in vars(cls),
        namespace={"__qualname__": cls.__qualname__},
    )


def values(cls: type) -> list[Any]:
    return [f"{f.name}-value" for f in dataclasses.fields(cls)]


def test_the_model_is_made_with_record() -> None:
    names = {cls.__name__ for cls in RECORDS}
    assert {"Stage", "Journey", "Persona", "Finding", "Settings", "FieldSpec"} <= names
    assert {"RawPage", "YScalar", "CheckedPage", "LaneDef", "Band"} <= names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_is_the_dataclass_it_stands_for(cls: type) -> None:
    other = twin(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert (params.init, params.repr, params.eq) == (True, True, True)
    assert inspect.signature(cls).parameters.keys() == inspect.signature(other).parameters.keys()
    assert [repr(p.default) for p in inspect.signature(cls).parameters.values()] == [
        repr(p.default) for p in inspect.signature(other).parameters.values()
    ]
    assert cls.__match_args__ == other.__match_args__  # type: ignore[attr-defined]

    args = values(cls)
    mine, theirs = cls(*args), other(*args)
    assert repr(mine) == repr(theirs)
    assert mine == cls(*args) and mine != theirs
    changed = dataclasses.replace(mine, **{dataclasses.fields(cls)[0].name: "else"})
    assert changed != mine and repr(changed) == repr(
        dataclasses.replace(theirs, **{dataclasses.fields(cls)[0].name: "else"})
    )
    assert pickle.loads(pickle.dumps(mine)) == mine

    # Every default left out, as far as the fields allow.
    required = [
        f
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    short = [f"{f.name}-value" for f in required]
    assert repr(cls(*short)) == repr(other(*short))

    if params.frozen:
        assert hash(mine) == hash(cls(*args)) == hash(theirs)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(mine, dataclasses.fields(cls)[0].name, "x")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(mine, dataclasses.fields(cls)[0].name)
    else:
        assert cls.__hash__ is None
        setattr(mine, dataclasses.fields(cls)[0].name, "x")
        assert getattr(mine, dataclasses.fields(cls)[0].name) == "x"


def test_pickles_of_the_standard_librarys_frozen_slots_classes_still_load() -> None:
    """An entry the build cache wrote before (state as dataclasses pickles it) loads."""
    stage = model.Stage("Order", 3, goal="Eat")
    state = [getattr(stage, f.name) for f in dataclasses.fields(stage)]
    made = model.Stage.__new__(model.Stage)
    made.__setstate__(state)  # type: ignore[attr-defined]
    assert made == stage and repr(made) == repr(stage)


def test_a_default_factory_makes_a_new_value_each_time() -> None:
    first = checking.CheckedPage("a.md", None)
    second = checking.CheckedPage("a.md", None)
    assert first.meta == {} and first.meta is not second.meta


def test_post_init_still_runs() -> None:
    finding = model.Finding("a.md", 1, "title", "say \u202e")
    assert finding.message == "say \\u202e"
