"""Checking a page: the front matter tree -> a Persona or Journey, and findings.

The checker never raises for anything a page contains. It builds the model
from whatever is valid and reports the rest with file, line and field path;
the caller decides what a page with errors shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, get_args

import yaml

from cjm_site.escaping import (
    bidi_controls,
    clean_text,
    code_points,
    has_control,
    is_external,
    leaves_docs,
    reordering_controls,
    safe_url,
)
from cjm_site.fields import (
    CHOICE_ALIASES,
    JOURNEY_FIELDS,
    PASSTHROUGH,
    PERSONA_FIELDS,
    RECORDS,
    FieldKind,
    FieldSpec,
    ItemSpec,
    PersonaValues,
    build_item,
    model_values,
    stage_item,
)
from cjm_site.model import (
    EMOTION_MAX,
    EMOTION_MIN,
    Finding,
    Journey,
    Level,
    Persona,
    Ref,
    Settings,
    record,
)
from cjm_site.phases import check_phases
from cjm_site.reading import (
    _NULL_TAG,
    TYPE_LINE,
    RawPage,
    YMap,
    YNode,
    YScalar,
    YSeq,
    host_reads_alike,
    meant_as_map,
    read_ordinary,
    tree_type,
    type_words,
)
from cjm_site.vocabulary import LINK_META, TEXT_META
from cjm_site.voices import check_voices

PAGE_TYPES = ("persona", "journey")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[^\W_][\w.-]*")
_TYPE_LINE = TYPE_LINE
_STAGE_WHERE = re.compile(r"stages(?:\[[0-9]+\])?")
_BIDI_HARM = "they make text read differently from what it is"
_MAX_TEXT = 10_000
"""Characters kept of one text value; longer values are cut with a warning."""
_HANDLERS: dict[str, str] = {
    kind: "_records" if kind in RECORDS else "_" + kind.replace("-", "_")
    for kind in get_args(FieldKind)
}
"""The checker's method for each kind of field."""


@record()
class CheckedPage:
    """The result of checking one page."""

    path: str
    type: str | None
    """``persona``, ``journey``, or None for an ordinary page."""
    persona: Persona | None = None
    journey: Journey | None = None
    findings: tuple[Finding, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    """What MkDocs and the theme should see as the page's front matter."""
    body: str = ""
    untouched: bool = False
    """An ordinary page MkDocs may read itself, as it would without this plugin: its
    front matter was read only to be sure it is not a map page and is safe to hand on."""

    @property
    def has_errors(self) -> bool:
        return any(f.level == "error" for f in self.findings)


def _clean(text: str, *, multiline: bool = False) -> str:
    """:func:`clean_text`, with the answer for most text found without its work: printable
    ASCII (no controls, no bidirectional marks, one line, already NFC) with no run of
    spaces only loses the spaces at its ends, with or without ``multiline``."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()
    return clean_text(text, multiline=multiline)


def _kind_of(node: YNode) -> str:
    return "a list" if isinstance(node, YSeq) else "a mapping" if isinstance(node, YMap) else "text"


def closest(word: str, candidates: Sequence[str], cutoff: float = 0.75) -> str | None:
    """The candidate most like ``word``, if any is close enough to be a typo."""
    folded = {c.casefold(): c for c in candidates}
    if word.casefold() in folded:
        return folded[word.casefold()]
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


_KNOWN: dict[int, tuple[Sequence[FieldSpec], dict[str, FieldSpec]]] = {}


def _known(specs: Sequence[FieldSpec]) -> dict[str, FieldSpec]:
    """The fields of a table by name (kept while the table lives: the tables are the
    module's own, and a site's stage table is made once, see ``stage_item``)."""
    entry = _KNOWN.get(id(specs))
    if entry is not None and entry[0] is specs:
        return entry[1]
    known = {s.name: s for s in specs}
    if len(_KNOWN) > 64:
        _KNOWN.clear()
    _KNOWN[id(specs)] = (specs, known)
    return known


_REQUIRED_NAMES: dict[int, tuple[ItemSpec, tuple[str, ...]]] = {}


def _required_names(item: ItemSpec) -> tuple[str, ...]:
    """The names of an item's required fields, in table order (kept as :func:`_known`
    keeps a table's fields: by the item's identity, not its hash, which is slow)."""
    entry = _REQUIRED_NAMES.get(id(item))
    if entry is not None and entry[0] is item:
        return entry[1]
    names = tuple(s.name for s in item.fields if s.required)
    if len(_REQUIRED_NAMES) > 64:
        _REQUIRED_NAMES.clear()
    _REQUIRED_NAMES[id(item)] = (item, names)
    return names


_SITE_RULES = frozenset(("phase", "channel", "channels"))
"""The fields :meth:`_Checker.site_rules` looks at."""
_REQUIRED = "required field is missing"
_MISSING: dict[tuple[str, str], str] = {
    ("image", "alt"): (
        "required field is missing: say what the picture shows, for readers who cannot "
        "see it (write the picture as {src: ..., alt: ...})"
    ),
}
"""Messages for required fields that need more than "missing" to be put right."""


class _Checker:
    """Walks one page's tree with the field tables, collecting findings."""

    def __init__(self, path: str, settings: Settings | None = None) -> None:
        self.path = path
        self.settings = settings or Settings()
        self.findings: list[Finding] = []
        self.handlers: dict[str, Any] = {
            kind: getattr(self, name) for kind, name in _HANDLERS.items()
        }
        """The bound method for each kind of field, looked up once a page."""

    def report(
        self, line: int, where: str, message: str, level: Level = "error", hint: str | None = None
    ) -> None:
        self.findings.append(Finding(self.path, line, where, message, level, hint))

    # -- scalars -----------------------------------------------------------

    def text(self, node: YNode, where: str, *, multiline: bool = False) -> str | None:
        if not isinstance(node, YScalar):
            self.report(node.line, where, f"expected text, got {_kind_of(node)}")
            return None
        if node.plain and node.tag == _NULL_TAG:
            return None  # node.is_null
        raw = node.value
        if raw.isascii() and raw.isprintable():
            # No control to remove or report (see _clean).
            value = raw.strip() if "  " not in raw else clean_text(raw, multiline=multiline)
            if len(value) <= _MAX_TEXT:
                return value or None
        else:
            if has_control(raw):
                self.report(node.line, where, "control characters were removed", "warning")
            reordering = reordering_controls(raw)
            if reordering:
                self.report(
                    node.line,
                    where,
                    f"bidirectional controls ({code_points(reordering).replace(' ', ', ')}) "
                    f"were removed: {_BIDI_HARM}",
                    "warning",
                )
            value = clean_text(raw, multiline=multiline)
        if len(value) > _MAX_TEXT:
            self.report(
                node.line,
                where,
                f"text is {len(value):,} characters; only the first {_MAX_TEXT:,} are kept",
                "warning",
            )
            value = value[:_MAX_TEXT]
        return value or None

    def emotion(self, node: YNode, where: str) -> float | None:
        if not isinstance(node, YScalar):
            self.report(node.line, where, f"expected a number from -2 to 2, got {_kind_of(node)}")
            return None
        if node.is_null:
            return None
        raw = _clean(node.value)
        if not node.plain or not _NUMBER.fullmatch(raw):
            self.report(node.line, where, f"expected a number from -2 to 2, got {raw!r}")
            return None
        value = float(raw)
        if not EMOTION_MIN <= value <= EMOTION_MAX:
            self.report(node.line, where, f"{raw} is outside -2..2")
            return None
        return value

    def date(self, node: YNode, where: str) -> dt.date | None:
        if not isinstance(node, YScalar):
            self.report(node.line, where, f"expected a date like 2026-10-01, got {_kind_of(node)}")
            return None
        if node.is_null:
            return None
        raw = _clean(node.value)
        if not _DATE.fullmatch(raw):
            self.report(node.line, where, f"expected a date like 2026-10-01, got {raw!r}")
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.report(node.line, where, f"{raw} is not a valid date")
            return None

    def choice(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        raw = self.text(node, where)
        if raw is None:
            return None
        folded = "-".join(raw.casefold().replace("_", " ").split())
        folded = CHOICE_ALIASES.get(folded, folded)
        if folded in spec.choices:
            return folded
        hint = closest(raw, spec.choices, cutoff=0.6)
        expected = ", ".join(spec.choices)
        noun = spec.name[:-1] if spec.kind == "choices" else spec.name
        message = f"unknown {noun} {raw!r}; expected one of: {expected}"
        if hint:
            message += f"; did you mean {hint!r}?"
        self.report(node.line, where, message, hint=hint)
        return None

    def link(self, node: YNode, where: str, *, picture: bool | str = False) -> str | None:
        raw = self.text(node, where)
        if raw is None:
            return None
        if safe_url(raw) is None:
            self.report(
                node.line,
                where,
                f"{raw!r} is not allowed: links must be http, https, mailto or relative",
            )
            return None
        if picture == "stage" and is_external(raw):
            self.report(
                node.line,
                where,
                f"{raw!r} is not a file of the handbook; put the picture beside the page "
                "and give its path (a map's pictures must show offline and in exports)",
            )
            return None
        if not is_external(raw) and leaves_docs(self.path, raw):
            advice = (
                "put the picture beside the page"
                if picture
                else "link to a page of the handbook or to a full https:// address"
            )
            self.report(node.line, where, f"{raw!r} is outside the docs folder; {advice}")
            return None
        return raw

    # -- lists and mappings --------------------------------------------------

    def items(self, node: YNode) -> list[tuple[int, YNode]]:
        """The items of a list; a single value stands for a list of one."""
        if isinstance(node, YSeq):
            return list(enumerate(node.items))
        if isinstance(node, YScalar) and node.is_null:
            return []
        return [(-1, node)]

    @staticmethod
    def at(where: str, index: int) -> str:
        return where if index < 0 else f"{where}[{index}]"

    def texts(self, node: YNode, where: str) -> tuple[str, ...]:
        out = []
        for index, item in self.items(node):
            value = self.text(item, self.at(where, index))
            if value is not None:
                out.append(value)
        return tuple(out)

    def pairs(self, node: YNode, where: str) -> tuple[tuple[str, str], ...]:
        if isinstance(node, YScalar) and node.is_null:
            return ()
        if not isinstance(node, YMap):
            self.report(node.line, where, f"expected name: value pairs, got {_kind_of(node)}")
            return ()
        out = []
        for key, value in node.entries:
            name = _clean(key.value)
            text = self.text(value, f"{where}.{name}")
            if text is not None:
                out.append((name, text))
        return tuple(out)

    def refs(self, node: YNode, where: str) -> tuple[Ref, ...]:
        out = []
        for index, item in self.items(node):
            spot = self.at(where, index)
            value = self.text(item, spot)
            if value is not None:
                out.append(Ref(value, item.line, spot))
        return tuple(out)

    def record(self, node: YNode, where: str, item: ItemSpec) -> dict[str, Any] | None:
        """Check a mapping against ``item``'s fields; a string fills the shorthand field."""
        if isinstance(node, YScalar):
            shorthand = next(s for s in item.fields if s.name == item.shorthand)
            value = self.value(node, where, shorthand)
            if value is None:
                return None
            values = {item.shorthand: value, "line": node.line}
        elif isinstance(node, YSeq):
            self.report(node.line, where, "expected text or a mapping, got a list")
            return None
        else:
            before = len(self.findings)
            values = self.fields(node, where, item.fields)
            values["line"] = node.line
            if item.name == "stage":
                self.name_stage(before, where, values.get("name"))
        missing = [name for name in _required_names(item) if values.get(name) is None]
        said = {f.field for f in self.findings} if missing else set()
        for name in missing:
            if f"{where}.{name}" in said:
                continue  # written, but not usable: that finding says why
            self.report(node.line, f"{where}.{name}", _MISSING.get((item.name, name), _REQUIRED))
        return None if missing else values

    def name_stage(self, since: int, where: str, name: str | None) -> None:
        """Say which stage a missing picture text is on (its path says only the number)."""
        if not name:
            return
        for index in range(since, len(self.findings)):
            finding = self.findings[index]
            if finding.field.startswith(f"{where}.images") and finding.field.endswith(".alt"):
                message = f"{finding.message} (on the stage {name!r})"
                self.findings[index] = dataclasses.replace(finding, message=message)

    def records(self, node: YNode, where: str, item: ItemSpec) -> list[dict[str, Any]]:
        out = []
        for index, child in self.items(node):
            values = self.record(child, self.at(where, index), item)
            if values is not None:
                out.append(values)
        return out

    def fields(
        self,
        node: YMap,
        where: str,
        specs: Sequence[FieldSpec],
        *,
        passthrough: Sequence[str] = (),
        extra: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        """Check every key of a mapping against ``specs``; unknown keys are reported."""
        known = _known(specs)
        values: dict[str, Any] = {}
        prefix = f"{where}." if where else ""
        for key, value in node.entries:
            name = key.value
            spec = known.get(name)
            if spec is not None:
                values[name] = self.value(value, prefix + name, spec)
                if name in _SITE_RULES:
                    self.site_rules(spec, value, prefix + name)
                continue
            if name in passthrough:
                continue
            hint = closest(name, [*known, *passthrough])
            if hint is not None and hint != name:
                self.report(
                    key.line,
                    prefix + _clean(name),
                    f"unknown key {name!r}; did you mean {hint!r}?",
                    hint=hint,
                )
            else:
                kept = (
                    "is kept in catalogue.json but not shown" if extra is not None else "is ignored"
                )
                if _STAGE_WHERE.fullmatch(where):
                    kept += (
                        " (to draw it as a lane of its own, declare it under `lanes:` "
                        "in the cjm plugin's settings)"
                    )
                self.report(
                    key.line, prefix + _clean(name), f"unknown key {name!r} {kept}", "notice"
                )
                if extra is not None:
                    extra.append((_clean(name), _summary(value)))
        return values

    def value(self, node: YNode, where: str, spec: FieldSpec) -> Any:
        """The checked value of ``node`` for a field of ``spec``'s kind."""
        if spec.per_persona and isinstance(node, YMap):
            return self.per_persona(node, where, spec)
        return self.handlers[spec.kind](node, where, spec)

    def per_persona(self, node: YMap, where: str, spec: FieldSpec) -> PersonaValues | None:
        """A mapping persona id -> value; the ids are checked against the map's
        personas once the page is read (:func:`cjm_site.voices.check_voices`)."""
        entries = []
        for key, child in node.entries:
            persona = _clean(key.value)
            value = self.handlers[spec.kind](child, f"{where}.{persona}", spec)
            if value is not None and value != ():
                entries.append((persona, value, key.line))
        return PersonaValues(tuple(entries)) if entries else None

    def _flag(self, node: YNode, where: str, spec: FieldSpec) -> bool | None:
        if not isinstance(node, YScalar):
            self.report(node.line, where, f"expected true or false, got {_kind_of(node)}")
            return None
        if node.is_null:
            return None
        raw = _clean(node.value)
        if node.plain and raw.casefold() in ("true", "yes", "on"):
            return True
        if node.plain and raw.casefold() in ("false", "no", "off"):
            return False
        self.report(node.line, where, f"expected true or false, got {raw!r}")
        return None

    # One method per field kind (see fields.FieldKind), all taking (node, where, spec).

    def _text(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        return self.text(node, where)

    def _long_text(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        return self.text(node, where, multiline=True)

    def _texts(self, node: YNode, where: str, spec: FieldSpec) -> tuple[str, ...]:
        return self.texts(node, where)

    def _emotion(self, node: YNode, where: str, spec: FieldSpec) -> float | None:
        return self.emotion(node, where)

    def _date(self, node: YNode, where: str, spec: FieldSpec) -> dt.date | None:
        return self.date(node, where)

    def _choice(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        return self.choice(node, where, spec)

    def _ref(self, node: YNode, where: str, spec: FieldSpec) -> Ref | None:
        if isinstance(node, YSeq) and len(node.items) > 1:
            self.report(node.line, where, f"expected one id, got a list of {len(node.items)}")
            return None
        refs = self.refs(node, where)
        return refs[0] if refs else None

    def _refs(self, node: YNode, where: str, spec: FieldSpec) -> tuple[Ref, ...]:
        return self.refs(node, where)

    def _pairs(self, node: YNode, where: str, spec: FieldSpec) -> tuple[tuple[str, str], ...]:
        return self.pairs(node, where)

    def _link(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        if spec.name == "src":
            return self.link(node, where, picture="stage")
        found = self.link(node, where, picture=spec.name == "image")
        if found is not None and spec.name == "link" and not is_external(found):
            # An opportunity's link leads to the tracker: a page of its own would be
            # linked from the backlog and the catalogue, where a relative path breaks.
            self.report(
                node.line,
                where,
                f"{found!r} is not allowed: an opportunity's link is a full http, https or "
                "mailto address (link a page of the handbook in the text instead)",
            )
            return None
        return found

    def _id(self, node: YNode, where: str, spec: FieldSpec) -> str | None:
        return self.page_id(node, where)

    def _records(self, node: YNode, where: str, spec: FieldSpec) -> tuple[Any, ...]:
        item = stage_item(self.settings.lanes) if spec.kind == "stages" else RECORDS[spec.kind]
        return tuple(build_item(item, r) for r in self.records(node, where, item))

    def site_rules(self, spec: FieldSpec, node: YNode, where: str) -> None:
        """Rules that depend on the site's settings: the spine and known channels."""
        if spec.name == "phase" and self.settings.spine and isinstance(node, YScalar):
            phase = _clean(node.value)
            known = [s.id for s in self.settings.spine]
            if phase and phase not in known:
                hint = closest(phase, known, cutoff=0.6)
                message = (
                    f"{phase!r} is not a stage of the site's spine; "
                    f"expected one of: {', '.join(known)}"
                )
                if hint:
                    message += f"; did you mean {hint!r}?"
                self.report(node.line, where, message, hint=hint)
        elif spec.name in ("channel", "channels") and self.settings.channels:
            for index, item in self.items(node):
                if isinstance(item, YScalar) and not item.is_null:
                    self.channel_rule(_clean(item.value), item.line, self.at(where, index))

    def channel_rule(self, channel: str, line: int, where: str) -> None:
        """A free word is fine; a near miss of a configured channel id is a typo."""
        ids = [c.id for c in self.settings.channels]
        names = {c.name.casefold() for c in self.settings.channels}
        if channel in ids or channel.casefold() in names:
            return
        hint = closest(channel, ids)
        if hint is not None:
            self.report(
                line,
                where,
                f"unknown channel {channel!r}; did you mean {hint!r}? "
                "(a channel that is not in the site's settings is shown as written)",
                hint=hint,
            )

    def _choices(self, node: YNode, where: str, spec: FieldSpec) -> tuple[str, ...]:
        out: list[str] = []
        for index, item in self.items(node):
            value = self.choice(item, self.at(where, index), spec)
            if value is not None and value not in out:
                out.append(value)
        return tuple(sorted(out, key=spec.choices.index))

    def page_id(self, node: YNode, where: str) -> str | None:
        controls = bidi_controls(node.value) if isinstance(node, YScalar) else []
        if controls:
            self.report(node.line, where, f"the id holds {_bidi_named(controls)}; remove it")
            return None
        value = self.text(node, where)
        if value is not None and not _ID.fullmatch(value):
            self.report(
                node.line,
                where,
                f"{value!r} is not a usable id: use letters, digits, '-', '_' and '.'",
            )
            return None
        return value


def _bidi_named(controls: list[str]) -> str:
    named = code_points(controls, names=True)
    if len(controls) == 1:
        return f"{named}, a bidirectional control that makes text read differently from what it is"
    return f"{named}: bidirectional controls that {_BIDI_HARM.removeprefix('they ')}"


def _summary(node: YNode) -> str:
    if isinstance(node, YScalar):
        return _clean(node.value)
    if isinstance(node, YSeq):
        return ", ".join(_summary(item) for item in node.items)
    return ", ".join(f"{_clean(k.value)}: {_summary(v)}" for k, v in node.entries)


def _line_of(front: YMap, key: str) -> int:
    for name, value in front.entries:
        if name.value == key:
            return value.line
    return front.line


def default_id(path: str) -> str:
    """A page's id when it has no ``id:``: the file name without ``.md`` (in NFC, as
    file systems differ in how they store accented names)."""
    return unicodedata.normalize("NFC", PurePosixPath(path).stem)


def page_type(raw: RawPage) -> tuple[str | None, YScalar | None]:
    """The page's ``type`` value as written, and its node."""
    if raw.front is None:
        return None, None
    for key, value in raw.front.entries:
        if key.value == "type" and isinstance(value, YScalar):
            return _clean(value.value).casefold(), value
    return None, None


_TEXT_META = TEXT_META
"""Keys MkDocs and the theme read as text: ``title: NO`` stays 'NO', never False."""


_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9_.-]*"
_NAMES: dict[str, tuple[re.Pattern[str], str]] = {
    # Material prints a status into a class attribute as it is, on every page's navigation.
    "status": (re.compile(r"[A-Za-z0-9_-]+"), "a status is one word such as 'new'"),
    # Material includes ".icons/<icon>.svg"; MkDocs renders the page with <template>.
    "icon": (
        re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*"),
        "an icon is a name such as 'material/emoticon-happy'",
    ),
    "template": (
        re.compile(rf"(?:{_SEGMENT}/)*{_SEGMENT}\.html"),
        "a template is a file of the theme such as 'main.html'",
    ),
}
"""Keys whose value MkDocs or Material use as a name in markup or a path: words only."""
_LINK_META = LINK_META
"""Keys whose value Material uses as a link: http, https, mailto or relative only."""


def _mkdocs_meta(
    front: YMap, keys: Sequence[str], checker: _Checker, values: _Values | None = None
) -> dict[str, Any]:
    """Plain values of the keys MkDocs and the theme read, with YAML's usual meaning
    (booleans and numbers) except for the keys that are text; names that are not
    names (see :data:`_NAMES`) are reported and left out."""
    meta: dict[str, Any] = {}
    values = _Values() if values is None else values
    for key, value in front.entries:
        if key.value not in keys:
            continue
        rule = _NAMES.get(key.value)
        if rule is not None and not (
            isinstance(value, YScalar)
            and (value.is_null or (rule[0].fullmatch(value.value) and ".." not in value.value))
        ):
            if isinstance(value, YScalar):
                shown = _clean(value.value)
                checker.report(value.line, key.value, f"{shown!r} is not allowed: {rule[1]}")
            else:
                checker.report(value.line, key.value, f"expected text, got {_kind_of(value)}")
            continue
        if key.value in _LINK_META and not (
            isinstance(value, YScalar)
            and (value.is_null or safe_url(_clean(value.value)) is not None)
        ):
            # Material's redirect.html puts `location` into a script and a refresh.
            checker.link(value, key.value)
            continue
        meta[key.value] = _plain(value, as_text=key.value in _TEXT_META, values=values)
    return meta


_SCALARS = yaml.SafeLoader("")
"""Resolves and constructs one plain scalar at a time, as MkDocs' SafeLoader would."""


@functools.lru_cache(maxsize=8192)
def _yaml_scalar(text: str) -> Any:
    """A plain scalar's value with YAML 1.1's implicit types (booleans, numbers, dates),
    without parsing it again as a document (that was most of a page's checking time)."""
    tag = _SCALARS.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text))


@dataclass
class _Values:
    """One page's plain values: a value shared through an alias stays one shared value."""

    memo: dict[tuple[int, bool], Any] = field(default_factory=dict)
    refused: bool = False
    """A value MkDocs' loader cannot make (2024-02-30, a 5,000-digit number): on that,
    MkDocs drops all the front matter and shows it as text."""


def _plain(node: YNode, *, as_text: bool = False, values: _Values | None = None) -> Any:
    """The value as MkDocs' loader gives it (YAML 1.1 types, dates too); text keys as text."""
    values = _Values() if values is None else values
    if isinstance(node, YScalar):
        return _plain_scalar(node, as_text, values)
    memo = values.memo
    known = memo.get((id(node), as_text))
    if known is not None:
        return known
    if isinstance(node, YSeq):
        items: list[Any] = []
        memo[(id(node), as_text)] = items
        for item in node.items:
            items.append(
                _plain_scalar(item, as_text, values)
                if isinstance(item, YScalar)
                else _plain(item, as_text=as_text, values=values)
            )
        return items
    mapping: dict[str, Any] = {}
    memo[(id(node), as_text)] = mapping
    for k, v in node.entries:
        mapping[k.value] = (
            _plain_scalar(v, as_text, values)
            if isinstance(v, YScalar)
            else _plain(v, as_text=as_text, values=values)
        )
    return mapping


def _plain_scalar(node: YScalar, as_text: bool, values: _Values) -> Any:
    """:func:`_plain` of one scalar."""
    text = node.value
    if node.plain and not as_text:
        if node.tag == _NULL_TAG:
            return None
        resolvers = _SCALARS.yaml_implicit_resolvers
        # When no implicit type starts with the first character, YAML gives the text.
        if not text or text[0] in resolvers or None in resolvers:
            try:
                value = _yaml_scalar(text)
            except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
                # 2024-02-30 or a 5,000-digit number raise ValueError, not YAMLError.
                values.refused = True
                return _clean(text)
            if isinstance(value, bool | int | float | dt.date) or value is None:
                # Other plugins (blog, revision dates) expect a date where YAML gives one.
                return value
    elif node.plain and node.tag == _NULL_TAG:
        return None
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # as _clean gives it, one line or several
    return clean_text(text, multiline=not as_text)


# What MkDocs would read as front matter at the start of the text it is handed:
# a YAML block, or MultiMarkdown-style "key: value" lines.
_MKDOCS_META_START = re.compile(r"-{3}[ \t]*\n|[ ]{0,3}[A-Za-z0-9_-]+:")


def mkdocs_body(body: str) -> str:
    """The body as MkDocs may be handed it without front matter of our making.

    MkDocs reads a YAML block or "key: value" lines at the start of a page, unbounded
    and unchecked (a second ``---`` block after an empty one, a page without front
    matter whose first line is ``title: </title><script>``). A leading blank line
    makes MkDocs read none of it; Markdown ignores it.
    """
    return "\n" + body if _MKDOCS_META_START.match(body) else body


def _other_page(raw: RawPage, checker: _Checker, body: str) -> CheckedPage | None:
    """The result for a page that is not a readable persona or journey; None for one that is."""
    if not meant_as_map(raw):
        kind, _ = page_type(raw)
        if kind is None or closest(kind, PAGE_TYPES, cutoff=0.6) is None:
            return _ordinary(raw, checker, body)
    kind, type_node = page_type(raw)
    if raw.front is None and raw.has_front_matter and checker.findings:
        # The front matter could not be read: still show the problem where the
        # map or profile would be, guessing the type from the text.
        guess = _TYPE_LINE.search(raw.text)
        page_kind = guess.group(1).casefold() if guess else "page"
        return CheckedPage(raw.path, page_kind, findings=tuple(checker.findings), body=body)
    assert raw.front is not None  # meant_as_map or page_type found a type in it
    if type_node is None:
        # `type: [journey]`: meant as a map, but MkDocs and the checker read no type.
        node = tree_type(raw.front)
        assert node is not None
        meant = type_words(node)[0]
        checker.report(
            node.line,
            "type",
            f"expected one word, journey or persona, got {_kind_of(node)}; write 'type: {meant}'",
        )
        return CheckedPage(raw.path, meant, findings=tuple(checker.findings), body=body)
    assert kind is not None
    if kind in PAGE_TYPES:
        return None
    hint = closest(kind, PAGE_TYPES, cutoff=0.6)
    checker.report(
        type_node.line, "type", f"unknown type {kind!r}; did you mean {hint!r}?", hint=hint
    )
    return CheckedPage(raw.path, None, findings=tuple(checker.findings), body=body)


_MARKUP = re.compile("[<>&\"']")


def _has_markup(front: YMap) -> bool:
    """Whether any text in the front matter changes when escaped for HTML (each value
    shared through an alias looked at once)."""
    seen: set[int] = set()
    todo: list[YNode] = [front]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, YScalar):
            if _MARKUP.search(node.value):
                return True
        elif isinstance(node, YSeq):
            todo.extend(node.items)
        else:
            todo.extend(v for _, v in node.entries)
    return False


def _ordinary(raw: RawPage, checker: _Checker, body: str) -> CheckedPage:
    """An ordinary page: what MkDocs would read from it, untouched when that is safe.

    The format's rules and bounds are not its business (aliases, repeated keys, any
    size): it is read again the way MkDocs' own loader reads it. What is still
    checked protects the site: values the theme prints into markup or uses as a
    path or link (:data:`_NAMES`, :data:`_LINK_META`), bytes MkDocs cannot decode,
    and front matter no parser should be handed (nested too deep, a value that
    contains itself): that front matter is left out, with a warning.
    """
    if raw.findings != raw.decoding:
        strict = raw
        dropped = set(raw.findings) - set(raw.decoding)
        raw = read_ordinary(raw)
        if raw.front is not None and meant_as_map(raw):
            # A map page after all (`{type: journey, owner: *a}` hides its type line):
            # the format's rules stand, and the page shows why it is not drawn.
            node = tree_type(raw.front)
            assert node is not None
            kind = type_words(node)[0]
            return CheckedPage(strict.path, kind, findings=tuple(checker.findings), body=body)
        checker.findings = [f for f in checker.findings if f not in dropped]
    if raw.front is None and raw.has_front_matter:
        problem = raw.findings[-1]
        if raw.guarded:
            message = f"{problem.message}; it is left out of the page"
            checker.report(problem.line, "", message, "warning")
            return CheckedPage(raw.path, None, findings=tuple(checker.findings), body=body)
        # YAML that MkDocs cannot read either: it shows the block as text, as ever.
        message = f"{problem.message}; MkDocs shows this front matter as text"
        checker.report(problem.line, "", message, "notice")
        return CheckedPage(
            raw.path, None, findings=tuple(checker.findings), body=raw.text, untouched=True
        )
    keys = [k.value for k, _ in raw.front.entries] if raw.front else []
    values = _Values()
    meta = _mkdocs_meta(raw.front, keys, checker, values) if raw.front else {}
    # Where MkDocs would lose the whole front matter for one value, it gets ours; where
    # the theme would print markup from it (Material prints page.meta values as HTML,
    # unescaped, some on every page's navigation), it gets ours, escaped.
    untouched = (
        not checker.findings
        and not values.refused
        and not (raw.front and _has_markup(raw.front))
        and host_reads_alike(raw)
    )
    return CheckedPage(
        raw.path, None, findings=tuple(checker.findings), meta=meta, body=body, untouched=untouched
    )


def _required(
    checker: _Checker, front: YMap, kind: str, specs: Sequence[FieldSpec], values: dict[str, Any]
) -> None:
    """Report required fields that are missing, or empty lists where one item is needed."""
    for spec in specs:
        if not spec.required:
            continue
        value = values.get(spec.name)
        if value is None:
            checker.report(front.line, spec.name, f"required field is missing from this {kind}")
        elif value == () and not any(f.field.startswith(spec.name) for f in checker.findings):
            checker.report(_line_of(front, spec.name), spec.name, "needs at least one item")


def check_page(
    raw: RawPage, settings: Settings | None = None, *, id_path: str | None = None
) -> CheckedPage:
    """Check one read page. Ordinary pages (no persona/journey ``type``) pass through.

    With ``settings``, stage phases must be spine ids and channels that look like
    a typo of a configured one are reported. ``id_path`` gives the page its default
    id when it is not its own path (``pizza-night.de.md``, the German version of
    ``pizza-night.md``, is the same map).
    """
    checker = _Checker(raw.path, settings)
    body = mkdocs_body(raw.body)
    controls = bidi_controls(raw.path)
    if controls:
        # A name that reads differently from what it is: in a review, in a link, in a log.
        checker.report(0, "", f"the file name holds {_bidi_named(controls)}; rename the file")
    checker.findings.extend(raw.findings)
    other = _other_page(raw, checker, body)
    if other is not None:
        return other
    kind, _ = page_type(raw)
    assert raw.front is not None and kind is not None  # else _other_page answered

    specs = PERSONA_FIELDS if kind == "persona" else JOURNEY_FIELDS
    extra: list[tuple[str, str]] = []
    values = checker.fields(raw.front, "", specs, passthrough=PASSTHROUGH, extra=extra)
    # Every key goes on to MkDocs and other plugins (macros, hooks, social cards...),
    # with YAML's types; the keys the theme reads are checked as for any page.
    meta = _mkdocs_meta(raw.front, [k.value for k, _ in raw.front.entries], checker)
    meta["type"] = kind
    _required(checker, raw.front, kind, specs, values)

    persona = journey = None
    # What the model keeps besides the fields: where the page is and what it did not know.
    page_id = values.get("id") or default_id(id_path or raw.path)
    place = {"id": page_id, "path": raw.path, "line": raw.front.line, "extra": tuple(extra)}
    if kind == "persona" and values.get("name"):
        meta.setdefault("title", values["name"])
        image_line = _line_of(raw.front, "image")
        persona = Persona(**{**model_values(specs, values), **place}, image_line=image_line)
    elif kind == "journey" and values.get("title") and values.get("stages"):
        journey = Journey(**{**model_values(specs, values), **place})
        # Map-wide rules: per-persona keys name the map's personas; phases run in order.
        journey = check_voices(journey, checker.report)
        check_phases(journey, checker.settings, checker.report)
    findings = tuple(checker.findings)
    return CheckedPage(raw.path, kind, persona, journey, findings, meta, body)
