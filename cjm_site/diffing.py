"""What changed in journey maps and personas, for reviewers: ``cjm diff``.

Two versions of a page are read and checked exactly as the build does
(:func:`~cjm_site.reading.read_page`, :func:`~cjm_site.checking.check_page`)
and their models are compared:

- :func:`diff_journeys` and :func:`diff_personas` compare two models (``None``
  stands for a page that was added or removed);
- :func:`diff_files` compares two files on disk;
- :func:`diff_revision` compares the working tree with a git revision;
- :func:`to_markdown` renders diffs for a pull-request comment and
  :func:`to_json` as data.

Stages are matched between versions by exact name first; the stages left over
are paired by how alike their content is (words of goal, actions,
touchpoints, thoughts, pains, opportunities, backstage, metric names, feeling
and emotion), their names and positions, so a stage that is renamed and moved
is one stage, not one removed and one added. A matched stage is reported as
moved only when it is outside a longest increasing run of the matched stages'
old positions (taken in new order), so inserting one stage moves nothing else.

Problems with the input (a git error, a missing file) raise :class:`DiffError`,
whose text is meant to be shown as is. A page that breaks the format never
raises: its checker findings are listed with the diff.

JSON shape (``to_json``, version 1). Values of fields are text as an author
would read them: numbers without a trailing ``.0``, dates as ``YYYY-MM-DD``,
lists joined with ``", "``; ``null`` when absent. Keys always appear::

    {
      "version": 1,
      "summary": {"journeys": {STATUS: count, ...}, "personas": {STATUS: count, ...}},
      "pages": [
        {
          "type": "journey" | "persona",
          "id": str, "title": str,              # title: a persona's name
          "path": str,                          # the new path (the old one if removed)
          "old_path": str | null,               # null when added
          "status": "added" | "removed" | "changed" | "unchanged" | "unreadable",
          "fields": [{"field": str, "old": str | null, "new": str | null}],
          "lists": [{"field": str, "added": [str], "removed": [str]}],
          "stages": {                           # journeys only
            "added": [{"name": str, "position": int}],       # 1-based, new version
            "removed": [{"name": str, "position": int}],     # 1-based, old version
            "changed": [{
              "name": str, "old_name": str, "position": int, "old_position": int,
              "renamed": bool, "moved": bool,
              "fields": [...], "lists": [...],             # as above; metrics as "metrics.NAME"
              "touchpoints": [{"name": str, "change": "added" | "removed" | "changed",
                               "fields": [...]}],
              "opportunities": [...]                       # like touchpoints, by text
            }]
          },
          "errors": {"old": [str], "new": [str]}   # checker findings, as `cjm validate` prints
        }
      ]
    }

``unreadable`` means one version is a persona or journey page whose model
could not be built (see ``errors``); it is not compared. Attributes and
unknown keys appear in ``fields`` as ``attributes.NAME`` and ``extra.NAME``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import subprocess
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from cjm_site.checking import CheckedPage, check_page, default_id
from cjm_site.fields import (
    JOURNEY_FIELDS,
    PERSONA_FIELDS,
    RECORDS,
    STAGE,
    FieldKind,
    FieldSpec,
    ItemSpec,
)
from cjm_site.model import Journey, Persona, Stage
from cjm_site.reading import read_page

__all__ = [
    "DiffError",
    "FieldChange",
    "ItemChange",
    "JourneyDiff",
    "ListChange",
    "PageDiff",
    "PersonaDiff",
    "StageDiff",
    "StageRef",
    "diff_files",
    "diff_journeys",
    "diff_personas",
    "diff_revision",
    "to_json",
    "to_markdown",
]

Status = Literal["added", "removed", "changed", "unchanged", "unreadable"]
STATUSES: tuple[Status, ...] = ("changed", "added", "removed", "unreadable", "unchanged")
JSON_VERSION = 1


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


# -- matching stages -----------------------------------------------------------

_WORD = re.compile(r"\w+")
_COMMON = frozenset(
    ["the", "and", "for", "with", "from", "that", "this", "into", "are", "was", "not", "but"]
)
CONTENT_CUTOFF = 0.3
"""Least content similarity (0..1) for two differently named stages to be one stage."""
NAME_CUTOFF = 0.8
"""Or least name similarity (difflib ratio, case-insensitive)."""
MAX_PAIRS = 40_000
"""Above this many (unmatched old x unmatched new) stages, only exact names match."""


def _words(stage: Stage) -> frozenset[str]:
    """The stage's content as words (every field but its name), for matching renamed stages."""
    texts: list[str] = []
    marks: set[str] = set()
    for spec in STAGE.fields:
        value = getattr(stage, spec.name)
        if spec.name == STAGE.shorthand or value is None:
            continue
        item = RECORDS.get(spec.kind)
        if spec.kind == "emotion":  # a number is a word of its own, never part of another
            marks.add(f"{spec.name}={_text(value)}")
        elif item is not None:
            texts += [str(getattr(record, item.shorthand)) for record in value]
        elif spec.kind == "pairs":  # the names, not the measured values
            texts += [name for name, _ in value]
        elif isinstance(value, tuple):
            texts += [str(v) for v in value]
        else:
            texts.append(str(value))
    words = {w for text in texts for w in _WORD.findall(text.casefold()) if len(w) > 2}
    return frozenset((words - _COMMON) | marks)


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _match_stages(old: Sequence[Stage], new: Sequence[Stage]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same stage, in new order."""
    by_name: dict[str, list[int]] = {}
    for i, stage in enumerate(old):
        by_name.setdefault(stage.name, []).append(i)
    pairs: dict[int, int] = {}  # new index -> old index
    for j, stage in enumerate(new):
        queue = by_name.get(stage.name)
        if queue:
            pairs[j] = queue.pop(0)
    matched = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in matched]
    free_new = [j for j in range(len(new)) if j not in pairs]
    if len(free_old) * len(free_new) > MAX_PAIRS:  # a pathological page: stay fast
        free_old = free_new = []
    words_old = {i: _words(old[i]) for i in free_old}
    words_new = {j: _words(new[j]) for j in free_new}
    candidates = []
    for i in free_old:
        for j in free_new:
            content = _similarity(words_old[i], words_new[j])
            name = difflib.SequenceMatcher(
                None, old[i].name.casefold(), new[j].name.casefold()
            ).ratio()
            if content < CONTENT_CUTOFF and name < NAME_CUTOFF:
                continue
            place = 1 - abs(i / max(len(old) - 1, 1) - j / max(len(new) - 1, 1))
            candidates.append((-(0.7 * content + 0.2 * name + 0.1 * place), i, j))
    taken: set[int] = set()
    for _score, i, j in sorted(candidates):
        if i not in taken and j not in pairs:
            pairs[j] = i
            taken.add(i)
    return sorted(((i, j) for j, i in pairs.items()), key=lambda pair: pair[1])


def _in_order(olds: Sequence[int], bonus: Sequence[int]) -> set[int]:
    """Positions in ``olds`` of a longest increasing subsequence (the stages not moved).

    Among equally long ones, the one keeping most ``bonus`` (stages that kept
    their name) wins, so a stage renamed and moved carries the move.
    """
    n = len(olds)
    back = [-1] * n  # the previous element of the best run ending at each position
    if n > 400:  # patience sorting, O(n log n), without the tie-break
        tails: list[int] = []  # position of the smallest last element of a run of each length
        tail_values: list[int] = []
        for k, value in enumerate(olds):
            length = bisect_left(tail_values, value)
            back[k] = tails[length - 1] if length else -1
            if length == len(tails):
                tails.append(k)
                tail_values.append(value)
            else:
                tails[length], tail_values[length] = k, value
        end = tails[-1] if tails else -1
    else:  # O(n²): each kept stage weighs more than all bonuses together
        best = [0] * n
        for k in range(n):
            weight = n + 1 + bonus[k]
            best[k] = weight
            for m in range(k):
                if olds[m] < olds[k] and best[m] + weight > best[k]:
                    best[k], back[k] = best[m] + weight, m
        end = max(range(n), key=lambda k: (best[k], -k)) if n else -1
    kept: set[int] = set()
    while end >= 0:
        kept.add(end)
        end = back[end]
    return kept


# -- comparing pages -----------------------------------------------------------

_LIST_KINDS: frozenset[FieldKind] = frozenset(("texts", "choices", "refs"))
"""Kinds compared as lists of items added and removed; other values compare as a whole."""
_STAGE_ITEMS: tuple[tuple[str, ItemSpec], ...] = tuple(
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
    value = getattr(page, spec.attribute or "", None) if page is not None else None
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
    found = _compare(STAGE.fields, old, new, skip=STAGE.shorthand, items=True)
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
    pairs = _match_stages(old_stages, new_stages)
    bonus = [int(old_stages[i].name == new_stages[j].name) for i, j in pairs]
    kept = _in_order([i for i, _ in pairs], bonus)
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


def _problems(page: CheckedPage | None) -> tuple[str, ...]:
    """The page's findings as ``cjm validate`` prints them (notices left out)."""
    if page is None:
        return ()
    return tuple(
        f"{'' if f.level == 'error' else f.level + ': '}{f}"
        for f in page.findings
        if f.level != "notice"
    )


def _diff_pages(old: CheckedPage | None, new: CheckedPage | None) -> list[PageDiff]:
    """Diffs of two checked versions of one file: one per page type found in either."""
    out: list[PageDiff] = []
    for kind in ("journey", "persona"):
        before = old if old is not None and old.type == kind else None
        after = new if new is not None and new.type == kind else None
        if before is None and after is None:
            continue
        errors = _problems(before), _problems(after)
        diff: PageDiff | None = None
        model: Journey | Persona | None
        if kind == "journey":
            old_j, new_j = (p.journey if p else None for p in (before, after))
            if (before is None or old_j) and (after is None or new_j):
                diff = diff_journeys(old_j, new_j)
            model = new_j or old_j
        else:
            old_p, new_p = (p.persona if p else None for p in (before, after))
            if (before is None or old_p) and (after is None or new_p):
                diff = diff_personas(old_p, new_p)
            model = new_p or old_p
        if diff is None:  # a version whose model could not be built: compare nothing
            path = after.path if after else before.path if before else ""
            page_id = model.id if model else default_id(path)
            title = model.title if isinstance(model, Journey) else model.name if model else page_id
            old_path = before.path if before else None
            cls = JourneyDiff if kind == "journey" else PersonaDiff
            diff = cls(page_id, title, path, old_path, "unreadable")
        out.append(replace(diff, old_errors=errors[0], new_errors=errors[1]))
    return out


def _check_file(path: str | Path, name: str | None) -> CheckedPage:
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DiffError(f"no such file: {file}") from None
    except IsADirectoryError:
        raise DiffError(f"{file} is a folder, not a page") from None
    except OSError as err:
        raise DiffError(f"cannot read {file}: {err.strerror or err}") from None
    return check_page(read_page(name or file.as_posix(), data))


def diff_files(
    old: str | Path | None, new: str | Path | None, *, name: str | None = None
) -> list[PageDiff]:
    """Compare two files (``None`` for a page added or removed).

    Each version is known by its own path unless ``name`` (the page's path in
    the site) is given for both. Only persona and journey pages give diffs.
    """
    if old is None and new is None:
        raise DiffError("nothing to compare: give an old file, a new file or both")
    before = _check_file(old, name) if old is not None else None
    after = _check_file(new, name) if new is not None else None
    return _diff_pages(before, after)


# -- git -----------------------------------------------------------------------


def _git(cwd: Path, *args: str, error: str | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # only read: never take the index lock
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env=env, timeout=120, check=False
        )
    except FileNotFoundError:
        raise DiffError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise DiffError("git took longer than two minutes") from None
    except OSError as err:
        raise DiffError(f"cannot run git: {err.strerror or err}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = said[-1].removeprefix("fatal: ").removeprefix("error: ") if said else ""
        command = next((a for a in args if a[:1] != "-" and "=" not in a), "")
        message = error or f"git {command} failed"
        raise DiffError(f"{message} (git: {detail})" if detail else message)
    return done.stdout


def _is_page(path: str | None) -> bool:
    return path is not None and path.casefold().endswith(".md")


def diff_revision(
    rev: str, paths: Sequence[str | Path] = (), repo: str | Path | None = None
) -> list[PageDiff]:
    """Compare the working tree with ``rev`` (pages added, removed, renamed or edited).

    ``paths`` (files, folders or git pathspecs, relative to ``repo``) limit the
    diff; by default every ``*.md`` under ``repo`` (default: the current
    folder). Files not yet added to git count as added. Paths in the result are
    relative to the repository's top folder.
    """
    where = Path(repo) if repo is not None else Path.cwd()
    if not where.is_dir():
        raise DiffError(f"no such folder: {where}")
    top_text = _git(where, "rev-parse", "--show-toplevel", error=f"{where} is not in a git repo")
    top = Path(os.fsdecode(top_text.rstrip(b"\n")))
    if not rev.strip() or rev.startswith("-"):
        raise DiffError(f"{rev!r} is not a revision")
    commit = (
        _git(
            where,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{rev}^{{commit}}",
            error=f"unknown revision {rev!r}: no commit, branch or tag by that name in {top}",
        )
        .decode()
        .strip()
    )
    for path in paths:
        if any(c in os.fspath(path) for c in "*?[") or (where / path).exists():
            continue  # a git pattern, or there now
        if not _in_commit(where, top, commit, Path(path)):
            raise DiffError(f"no such file or folder, now or in {rev}: {path}")
    specs = [os.fspath(p) for p in paths] or ["*.md"]
    listing = _git(
        where,
        *("-c", "diff.relative=false", "diff", "--name-status", "-M", "-z", "--no-color"),
        *("--no-ext-diff", commit, "--", *specs),
    )
    fields = [os.fsdecode(f) for f in listing.split(b"\0")]
    changes: list[tuple[str | None, str | None]] = []
    k = 0
    while k < len(fields) and fields[k]:
        status = fields[k][:1]
        if status in ("R", "C"):
            source, target = fields[k + 1], fields[k + 2]
            changes.append((source if status == "R" else None, target))
            k += 3
            continue
        path = fields[k + 1]
        changes.append((None if status == "A" else path, None if status == "D" else path))
        k += 2
    untracked = _git(
        where, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", *specs
    )
    changes += [(None, os.fsdecode(p)) for p in untracked.split(b"\0") if p]
    out: list[PageDiff] = []
    for old_path, new_path in dict.fromkeys(changes):  # once each, in git's order
        old_page = new_page = None
        if _is_page(old_path) and old_path is not None:
            blob = _git(top, "cat-file", "blob", f"{commit}:{old_path}")
            old_page = check_page(read_page(old_path, blob))
        if _is_page(new_path) and new_path is not None and (top / new_path).is_file():
            new_page = _check_file(top / new_path, new_path)
        out += _diff_pages(old_page, new_page)
    return sorted(out, key=lambda d: (d.path, d.old_path or "", type(d).__name__))


def _in_commit(where: Path, top: Path, commit: str, path: Path) -> bool:
    """Whether ``path`` (relative to ``where``) names a file or folder in ``commit``."""
    try:
        inside = (where / path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"{path} is outside the git repo {top}") from None
    try:
        _git(top, "cat-file", "-e", f"{commit}:{'' if inside == '.' else inside}")
    except DiffError:
        return False
    return True


# -- rendering -----------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LABELS = {"id": "ID", "review_by": "Review by", "compare": "Compared map"}
_SINGULAR = {
    spec.attribute: spec.item_noun
    for specs in (JOURNEY_FIELDS, PERSONA_FIELDS, STAGE.fields)
    for spec in specs
    if spec.attribute
}
"""What one item of each list is called, in the lines of a pull-request comment."""


def _md(text: str | None, limit: int = 120) -> str:
    """Author text, on one line, shortened and escaped for Markdown; ``–`` for none."""
    if text is None:
        return "–"
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def _label(name: str) -> str:
    for prefix in ("metrics.", "attributes.", "extra."):
        if name.startswith(prefix):
            return ("metric " if prefix == "metrics." else "") + name.removeprefix(prefix)
    return _LABELS.get(name, name.replace("_", " ").capitalize())


def _change(c: FieldChange, sep: str = ": ") -> str:
    return f"{_md(_label(c.field) if sep == ': ' else c.field)}{sep}{_md(c.old)} → {_md(c.new)}"


def _list_lines(changes: Sequence[ListChange], indent: str = "") -> list[str]:
    """One line per item; capitalised on a page, lower case nested under a stage."""
    return [
        f"{indent}- {_SINGULAR[c.field] if indent else _SINGULAR[c.field].capitalize()}"
        f" {verb}: {_md(item)}"
        for c in changes
        for verb, items in (("added", c.added), ("removed", c.removed))
        for item in items
    ]


def _item_lines(spec: ItemSpec, items: Sequence[ItemChange]) -> list[str]:
    noun = spec.name
    out = []
    for item in items:
        # A name reads as it is; a sentence (an opportunity's text) is quoted.
        name = _md(item.name) if spec.shorthand == "name" else f'"{_md(item.name)}"'
        if item.change == "added":
            details = "; ".join(f"{c.field}: {_md(c.new)}" for c in item.fields)
            out.append(f"  - {noun} added: {_md(item.name)}" + (f" ({details})" if details else ""))
        elif item.change == "removed":
            out.append(f"  - {noun} removed: {_md(item.name)}")
        else:
            out.append(f"  - {noun} {name}: " + "; ".join(_change(c, " ") for c in item.fields))
    return out


def _stage_lines(s: StageDiff) -> list[str]:
    label = f"{_md(s.old_name)} → {_md(s.name)}" if s.renamed else _md(s.name)
    head = ["renamed"] if s.renamed else []
    if s.moved:
        head.append(f"moved from position {s.old_position} to {s.position}")
    values = [_change(c, " ") for c in s.fields if not c.field.startswith("metrics.")]
    parts = [p for p in (", ".join(head), "; ".join(values)) if p]
    lines = [f"- {label}:" + (f" {'; '.join(parts)}" if parts else "")]
    lines += [f"  - {_change(c)}" for c in s.fields if c.field.startswith("metrics.")]
    lines += _list_lines(s.lists, "  ")
    for name, item in _STAGE_ITEMS:
        lines += _item_lines(item, getattr(s, name))
    return lines


def _page_lines(d: PageDiff) -> list[str]:
    noun = "map" if isinstance(d, JourneyDiff) else "persona"
    lines: list[str] = []
    if d.status == "added":
        if isinstance(d, JourneyDiff):
            names = ", ".join(_md(s.name) for s in d.stages_added)
            count = len(d.stages_added)
            lines.append(f"- New map with {count} stage{'s' * (count != 1)}: {names}")
        else:
            lines.append("- New persona")
    elif d.status == "removed":
        lines.append(f"- {noun.capitalize()} removed")
    elif d.status == "unreadable":
        lines.append("- Not compared: a version of this page could not be read")
    else:
        if d.old_path is not None and d.old_path != d.path:
            lines.append(f"- File renamed from {_md(d.old_path)}")
        lines += [f"- {_change(c)}" for c in d.fields]
        lines += _list_lines(d.lists)
        if isinstance(d, JourneyDiff):
            entries = [
                (s.position, [f"- Stage added: {_md(s.name)} (position {s.position})"])
                for s in d.stages_added
            ]
            entries += [(s.position, _stage_lines(s)) for s in d.stages]
            for _pos, more in sorted(entries, key=lambda e: e[0]):
                lines += more
            lines += [
                f"- Stage removed: {_md(s.name)} (was position {s.position})"
                for s in d.stages_removed
            ]
    for which, errors in (("new", d.new_errors), ("old", d.old_errors)):
        if errors:
            lines.append(f"- Problems in the {which} version:")
            lines += [f"  - {_md(e, 300)}" for e in errors]
    return lines


def _summary(diffs: Sequence[PageDiff]) -> str:
    words: dict[Status, str] = {
        "changed": "changed",
        "added": "added",
        "removed": "removed",
        "unreadable": "could not be read",
    }
    phrases = []
    for cls, noun in ((JourneyDiff, "map"), (PersonaDiff, "persona")):
        counts = Counter(d.status for d in diffs if isinstance(d, cls))
        parts: list[str] = []
        for status, word in words.items():
            n = counts[status]
            if n:
                parts.append(f"{n} {noun}{'s' * (n != 1)} {word}" if not parts else f"{n} {word}")
        if parts:
            phrases.append(", ".join(parts))
    return "; ".join(phrases) or "No map changes."


def to_markdown(diffs: Sequence[PageDiff]) -> str:
    """A pull-request comment: a summary line, then a section per page that changed.

    Pages are shown in the order given; unchanged pages only when they have problems.
    """
    lines = [_summary(diffs)]
    for d in diffs:
        if d.status == "unchanged" and not (d.old_errors or d.new_errors):
            continue
        lines += ["", f"### {_md(d.title)} ({_md(d.path)})", "", *_page_lines(d)]
    return "\n".join(lines) + "\n"


def _fields_json(fields: Sequence[FieldChange]) -> list[dict[str, Any]]:
    return [{"field": c.field, "old": c.old, "new": c.new} for c in fields]


def _lists_json(lists: Sequence[ListChange]) -> list[dict[str, Any]]:
    return [{"field": c.field, "added": list(c.added), "removed": list(c.removed)} for c in lists]


def _items_json(items: Sequence[ItemChange]) -> list[dict[str, Any]]:
    return [{"name": i.name, "change": i.change, "fields": _fields_json(i.fields)} for i in items]


def _page_json(d: PageDiff) -> dict[str, Any]:
    page: dict[str, Any] = {
        "type": "journey" if isinstance(d, JourneyDiff) else "persona",
        "id": d.id,
        "title": d.title,
        "path": d.path,
        "old_path": d.old_path,
        "status": d.status,
        "fields": _fields_json(d.fields),
        "lists": _lists_json(d.lists),
    }
    if isinstance(d, JourneyDiff):
        page["stages"] = {
            "added": [{"name": s.name, "position": s.position} for s in d.stages_added],
            "removed": [{"name": s.name, "position": s.position} for s in d.stages_removed],
            "changed": [
                {
                    "name": s.name,
                    "old_name": s.old_name,
                    "position": s.position,
                    "old_position": s.old_position,
                    "renamed": s.renamed,
                    "moved": s.moved,
                    "fields": _fields_json(s.fields),
                    "lists": _lists_json(s.lists),
                    **{name: _items_json(getattr(s, name)) for name, _ in _STAGE_ITEMS},
                }
                for s in d.stages
            ],
        }
    page["errors"] = {"old": list(d.old_errors), "new": list(d.new_errors)}
    return page


def to_json(diffs: Sequence[PageDiff]) -> str:
    """The diffs as JSON (the shape in this module's docstring), pages in the order given."""
    summary = {
        noun: {s: sum(1 for d in diffs if isinstance(d, cls) and d.status == s) for s in STATUSES}
        for cls, noun in ((JourneyDiff, "journeys"), (PersonaDiff, "personas"))
    }
    data = {"version": JSON_VERSION, "summary": summary, "pages": [_page_json(d) for d in diffs]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
