"""Diffs for people (a pull-request comment in Markdown) and for tools (JSON)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from cjm_site.diff_compare import (
    STAGE_ITEMS,
    STATUSES,
    FieldChange,
    ItemChange,
    JourneyDiff,
    ListChange,
    PageDiff,
    PersonaDiff,
    StageDiff,
    Status,
)
from cjm_site.escaping import markdown_text
from cjm_site.fields import JOURNEY_FIELDS, PERSONA_FIELDS, STAGE, ItemSpec

JSON_VERSION = 1

# -- rendering -----------------------------------------------------------------

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
    return markdown_text(text)


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
    for name, item in STAGE_ITEMS:
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
                    **{name: _items_json(getattr(s, name)) for name, _ in STAGE_ITEMS},
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
