"""Comparing two versions of a persona or a journey, field by field from the field table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cjm_site.diff_matching import in_order, match_stages
from cjm_site.fields import (
    JOURNEY_FIELDS,
    PERSONA_FIELDS,
    RECORDS,
    STAGE,
    FieldKind,
    FieldSpec,
    ItemSpec,
    stage_lane_specs,
)
from cjm_site.model import Journey, Persona, Stage

Status = Literal["added", "removed", "changed", "unchanged", "unreadable"]
STATUSES: tuple[Status, ...] = ("changed", "added", "removed", "unreadable", "unchanged")


class DiffError(Exception):
    """Bad input for a diff (a git error, a missing file); ``str(error)`` is the message."""


@dataclass(frozen=True)
class FieldChange:
    """One value that changed; ``None`` means absent."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ListChange:
    """Items added to and removed from a list of text (order changes are not reported)."""

    field: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemChange:
    """A touchpoint (by name) or an opportunity (by text) added, removed or changed."""

    name: str
    change: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class StageRef:
    """A stage added (position in the new version) or removed (in the old), 1-based."""

    name: str
    position: int


@dataclass(frozen=True)
class StageDiff:
    """A stage found in both versions that was renamed, moved or edited."""

    name: str
    old_name: str
    position: int
    old_position: int
    moved: bool = False
    fields: tuple[FieldChange, ...] = ()
    lists: tuple[ListChange, ...] = ()
    touchpoints: tuple[ItemChange, ...] = ()
    opportunities: tuple[ItemChange, ...] = ()
    images: tuple[ItemChange, ...] = ()

    @property
    def renamed(self) -> bool:
        return self.name != self.old_name


@dataclass(frozen=True)
class JourneyDiff:
    """What changed in one journey page."""

    id: str
    title: str
    path: str
    old_path: str | None
    status: Status
    fields: tuple[FieldChange, ...] = ()
    lists: tuple[ListChange, ...] = ()
    stages_added: tuple[StageRef, ...] = ()
    stages_removed: tuple[StageRef, ...] = ()
    stages: tuple[StageDiff, ...] = ()
    old_errors: tuple[str, ...] = ()
    new_errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonaDiff:
    """What changed in one persona page."""

    id: str
    title: str
    path: str
    old_path: str | None
    status: Status
    fields: tuple[FieldChange, ...] = ()
    lists: tuple[ListChange, ...] = ()
    old_errors: tuple[str, ...] = ()
    new_errors: tuple[str, ...] = ()


PageDiff = JourneyDiff | PersonaDiff

# -- comparing values ---------------------------------------------------------


def _text(value: object) -> str | None:
    """A value as an author reads it: ``1`` not ``1.0``, ISO dates, lists joined."""
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def _changes(rows: Iterable[tuple[str, object, object]]) -> tuple[FieldChange, ...]:
    out = []
    for name, old, new in rows:
        before, after = _text(old), _text(new)
        if before != after:
            out.append(FieldChange(name, before, after))
    return tuple(out)


def _pair_changes(
    prefix: str, old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]
) -> tuple[FieldChange, ...]:
    before, after = dict(old), dict(new)
    keys = [*before, *(k for k in after if k not in before)]
    return _changes((prefix + k, before.get(k), after.get(k)) for k in keys)


def _list_change(name: str, old: Sequence[str], new: Sequence[str]) -> ListChange | None:
    """Items added and removed, counting duplicates, each in its version's order."""

    def missing(items: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
        left = Counter(other)
        out = []
        for item in items:
            if left[item]:
                left[item] -= 1
            else:
                out.append(item)
        return tuple(out)

    added, removed = missing(new, old), missing(old, new)
    return ListChange(name, added, removed) if added or removed else None


def _lists(rows: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> tuple[ListChange, ...]:
    return tuple(c for name, old, new in rows if (c := _list_change(name, old, new)))


def _item_changes(item: ItemSpec, old: Sequence[Any], new: Sequence[Any]) -> tuple[ItemChange, ...]:
    """Items matched by their shorthand field (duplicates in order); changes of the others."""
    attrs = [spec.name for spec in item.fields if spec.name != item.shorthand]

    def key(record: Any) -> str:
        return str(getattr(record, item.shorthand))

    waiting: dict[str, list[int]] = {}
    for index, record in enumerate(old):
        waiting.setdefault(key(record), []).append(index)
    used: set[int] = set()
    out = []
    for record in new:
        queue = waiting.get(key(record))
        if not queue:
            rows = ((a, None, getattr(record, a)) for a in attrs)
            out.append(ItemChange(key(record), "added", _changes(rows)))
            continue
        index = queue.pop(0)
        used.add(index)
        fields = _changes((a, getattr(old[index], a), getattr(record, a)) for a in attrs)
        if fields:
            out.append(ItemChange(key(record), "changed", fields))
    for index, record in enumerate(old):
        if index not in used:
            rows = ((a, getattr(record, a), None) for a in attrs)
            out.append(ItemChange(key(record), "removed", _changes(rows)))
    return tuple(out)


# -- comparing pages -----------------------------------------------------------

_LIST_KINDS: frozenset[FieldKind] = frozenset(("texts", "choices", "refs"))
"""Kinds compared as lists of items added and removed; other values compare as a whole."""
STAGE_ITEMS: tuple[tuple[str, ItemSpec], ...] = tuple(
    (spec.name, RECORDS[spec.kind]) for spec in STAGE.fields if spec.kind in RECORDS
)
"""A stage's lists of records (touchpoints, opportunities): compared item by item."""


def _record_text(item: ItemSpec, record: Any) -> str:
    """A record on one line: its shorthand, then its other values in brackets."""
    head = str(getattr(record, item.shorthand))
    rest = [
        text
        for spec in item.fields
        if spec.name != item.shorthand and (text := _text(getattr(record, spec.name)))
    ]
    return f"{head} <{', '.join(rest)}>" if rest else head


def _value(spec: FieldSpec, page: object) -> Any:
    """A field's model value as the diff compares it: ids for references, lines for records."""
    if spec.custom:  # one of the site's own lanes, kept in the stage's ``lanes``
        value = page.lane(spec.name) if isinstance(page, Stage) else None
        return () if value is None and spec.kind in _LIST_KINDS else value
    value = getattr(page, spec.attribute or "", None) if page is not None else None
    if spec.per_persona and isinstance(page, Stage) and page.personal(spec.name):
        voices = [v for v in page.voices if v.field == spec.name]
        if spec.kind in _LIST_KINDS:
            return tuple(f"{v.persona}: {item}" for v in voices for item in v.value)
        return "; ".join(f"{v.persona}: {_text(v.value)}" for v in voices)
    item = RECORDS.get(spec.kind)
    if value is None:
        return () if spec.kind in _LIST_KINDS or item or spec.kind == "pairs" else None
    if item is not None:
        return tuple(_record_text(item, record) for record in value)
    if spec.kind == "ref":
        return value.id
    if spec.kind == "refs":
        return tuple(ref.id for ref in value)
    return value


@dataclass
class _Compared:
    """What :func:`_compare` found, in the fields' table order."""

    fields: list[FieldChange]
    lists: list[ListChange]
    items: dict[str, tuple[ItemChange, ...]]


def _compare(
    specs: Sequence[FieldSpec], old: object, new: object, *, skip: str = "", items: bool = False
) -> _Compared:
    """Every field of the table compared by its kind (``skip``: a field compared elsewhere).

    Lists of records are lines of text (a page's sources), or with ``items`` compared
    item by item (a stage's touchpoints and opportunities).
    """
    found = _Compared([], [], {})
    done = {skip, "stages"}
    for spec in specs:
        name = spec.attribute
        if name is None or name in done:
            continue
        done.add(name)
        before, after = _value(spec, old), _value(spec, new)
        if spec.kind == "pairs":
            found.fields += _pair_changes(f"{name}.", before, after)
        elif spec.kind in _LIST_KINDS or (spec.kind in RECORDS and not items):
            found.lists += _lists([(name, before, after)])
        elif spec.kind in RECORDS:
            records = RECORDS[spec.kind]
            found.items[name] = _item_changes(records, getattr(old, name), getattr(new, name))
        else:
            found.fields += _changes([(name, before, after)])
    return found


def _stage_diff(old: Stage, new: Stage, i: int, j: int, moved: bool) -> StageDiff | None:
    specs = (*STAGE.fields, *stage_lane_specs((old, new)))
    found = _compare(specs, old, new, skip=STAGE.shorthand, items=True)
    diff = StageDiff(
        name=new.name,
        old_name=old.name,
        position=j + 1,
        old_position=i + 1,
        moved=moved,
        fields=tuple(found.fields),
        lists=tuple(found.lists),
        **found.items,
    )
    parts = (diff.renamed, diff.moved, diff.fields, diff.lists, *found.items.values())
    return diff if any(parts) else None


def _status(old: object, new: object, *changes: object) -> Status:
    if old is None:
        return "added"
    if new is None:
        return "removed"
    return "changed" if any(changes) else "unchanged"


def diff_journeys(old: Journey | None, new: Journey | None) -> JourneyDiff:
    """Compare two versions of a journey; ``None`` is a page added or removed."""
    page = new or old
    if page is None:
        raise ValueError("diff_journeys needs at least one journey")
    found = _compare(JOURNEY_FIELDS, old, new)
    fields = (
        *found.fields,
        *_pair_changes("extra.", old.extra if old else (), new.extra if new else ()),
    )
    lists = tuple(found.lists)
    old_stages = old.stages if old else ()
    new_stages = new.stages if new else ()
    pairs = match_stages(old_stages, new_stages)
    bonus = [int(old_stages[i].name == new_stages[j].name) for i, j in pairs]
    kept = in_order([i for i, _ in pairs], bonus)
    stages = tuple(
        d
        for k, (i, j) in enumerate(pairs)
        if (d := _stage_diff(old_stages[i], new_stages[j], i, j, k not in kept))
    )
    matched_old, matched_new = {i for i, _ in pairs}, {j for _, j in pairs}
    added = tuple(StageRef(s.name, j + 1) for j, s in enumerate(new_stages) if j not in matched_new)
    removed = tuple(
        StageRef(s.name, i + 1) for i, s in enumerate(old_stages) if i not in matched_old
    )
    old_path = old.path if old else None
    return JourneyDiff(
        id=page.id,
        title=page.title,
        path=page.path,
        old_path=old_path,
        status=_status(
            old, new, fields, lists, stages, added, removed, old_path not in (None, page.path)
        ),
        fields=fields,
        lists=lists,
        stages_added=added,
        stages_removed=removed,
        stages=stages,
    )


def diff_personas(old: Persona | None, new: Persona | None) -> PersonaDiff:
    """Compare two versions of a persona; ``None`` is a page added or removed."""
    page = new or old
    if page is None:
        raise ValueError("diff_personas needs at least one persona")
    found = _compare(PERSONA_FIELDS, old, new)
    fields = (
        *found.fields,
        *_pair_changes("extra.", old.extra if old else (), new.extra if new else ()),
    )
    lists = tuple(found.lists)
    old_path = old.path if old else None
    return PersonaDiff(
        id=page.id,
        title=page.name,
        path=page.path,
        old_path=old_path,
        status=_status(old, new, fields, lists, old_path not in (None, page.path)),
        fields=fields,
        lists=lists,
    )
