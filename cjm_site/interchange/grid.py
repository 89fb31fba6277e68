"""The spreadsheet grid teams keep: stages across, lanes down.

The first row holds the stage names, after a first cell that is ``Stage`` or
empty. Each further row is a lane named in its first cell, by its English
name or the format's field name (``Pains``, ``Pain points``, ``pains``...). One
cell may hold several items, one per line. A row whose first cell is blank
goes on with the lane above (a lane name merged over several rows), and a
blank phase cell repeats the phase to its left (a phase merged over several
stages). Problems name the cell: ``map.csv:B7: stages[0].emotion: ...``.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import itertools
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cjm_site.checking import closest
from cjm_site.escaping import clean_text
from cjm_site.fields import STAGE_FIELDS
from cjm_site.interchange.pages import Site
from cjm_site.lanes import custom_keys
from cjm_site.model import EMOTION_MAX, EMOTION_MIN, Journey, Settings, Stage

INSTALL_HINT = "pip install 'cjm-site[import]'"
MAX_ROWS = 2_000
MAX_COLUMNS = 500

_LANES: dict[str, tuple[str, ...]] = {
    "phase": ("phases", "spine", "spine stage"),
    "loop": ("loops", "deliberate loop"),
    "goal": ("goals", "customer goal", "customer goals"),
    "actions": ("action", "doing", "customer actions", "activities", "steps"),
    "touchpoints": ("touchpoint", "touch points", "touch point"),
    "thoughts": ("thought", "thinking", "quotes"),
    "emotion": ("emotions", "emotional curve", "score", "sentiment", "mood"),
    "feeling": ("feelings",),
    "aspiration": ("aspirations", "target emotion", "desired emotion"),
    "pains": ("pain", "pain points", "pain point", "painpoints", "problems"),
    "opportunities": ("opportunity", "ideas", "improvements"),
    "metrics": ("metric", "kpi", "kpis", "measures"),
    "backstage": ("back stage", "behind the scenes"),
    "frontstage": ("front stage", "frontstage actions", "employee actions"),
    "support": ("support processes", "supporting processes"),
    "physical_evidence": ("physical evidence", "props"),
}
"""Other names teams give each lane; the field's own name always works too."""
LANE_NAMES: dict[str, str] = {
    alias: lane for lane, aliases in _LANES.items() for alias in (lane, *aliases)
}
_SINGLE = {"phase", "goal", "feeling"}
_NUMBERS = {"emotion", "aspiration"}
_ORDER = [spec.name for spec in STAGE_FIELDS]
_NOT_IN_GRIDS = {"images"}
"""Stage fields a grid cannot hold (pictures are files, not text)."""
_CORNERS = {"", "stage", "stages", "stage name", "stage names", "lane", "lanes"}
_BULLET = re.compile(r"^(?:[-*•·▪◦]\s+)")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class GridError(Exception):
    """The file cannot be read as a grid at all (not a finding in one cell)."""


@dataclass(frozen=True, slots=True)
class CellFinding:
    """A problem in one cell of a grid."""

    path: str
    cell: str
    """``B7``: the column letter and the 1-based row, as the spreadsheet shows them."""
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.cell}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def cell_name(row: int, column: int) -> str:
    """The spreadsheet's name of a 0-based cell: ``(6, 1)`` is ``B7``."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def lane_of(label: str) -> str | None:
    """The stage field a lane's name means, or None."""
    key = re.sub(r"[\s_-]+", " ", label.strip().rstrip(":").casefold()).strip()
    return LANE_NAMES.get(key)


# -- reading files -----------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" is saved in the Windows code page.
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The separator the first line uses most, outside quotes: ``,``, ``;`` or a tab."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts.values())
    return next(c for c in (",", ";", "\t") if counts[c] == best)


def read_csv(data: bytes) -> list[list[str]]:
    """The cells of a CSV file (UTF-8 with or without a byte-order mark, UTF-16, or cp1252)."""
    text = _decode(data)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        return [list(row) for row in itertools.islice(reader, MAX_ROWS)]
    except csv.Error as err:
        raise GridError(f"not a CSV file: {err}") from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return str(text).removesuffix("T00:00:00")
    # Excel writes a carriage return inside a cell as the escape _x000D_.
    return str(value).replace("_x000D_", "\r")


def read_xlsx(data: bytes, sheet: str | None = None) -> list[list[str]]:
    """The cells of a workbook's first sheet (or the sheet named), as text."""
    try:
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise GridError(f"reading .xlsx files needs the openpyxl package: {INSTALL_HINT}") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as err:
        raise GridError(f"not an Excel workbook (.xlsx): {err}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise GridError(f"no sheet named {sheet!r}; the workbook has: {names}")
        pages = book[sheet] if sheet is not None else book.worksheets[0]
        rows: list[list[str]] = []
        for row in pages.iter_rows(values_only=True):
            cells = [_cell_text(v) for v in row[:MAX_COLUMNS]]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
            if len(rows) >= MAX_ROWS:
                break
        return rows
    finally:
        book.close()


# -- grid to stages --------------------------------------------------------------------


def _items(text: str) -> list[str]:
    """One item per line of a cell; bullets an author typed are not part of the item."""
    lines = (clean_text(_BULLET.sub("", line.strip())) for line in re.split(r"\r\n|\r|\n", text))
    return [line for line in lines if line]


def _emotion(text: str) -> float | None:
    raw = clean_text(text).replace("\u2212", "-").replace(",", ".")
    if not _NUMBER.fullmatch(raw):
        return None
    value = float(raw)
    return value if EMOTION_MIN <= value <= EMOTION_MAX else None


class _Reader:
    def __init__(self, path: str, site: Site) -> None:
        self.path = path
        self.site = site
        self.findings: list[CellFinding] = []
        self.unmapped: list[str] = []

    def report(self, row: int, column: int, field: str, message: str) -> None:
        self.findings.append(CellFinding(self.path, cell_name(row, column), field, message))

    def columns(
        self, header: tuple[int, list[str]], body: Sequence[tuple[int, list[str]]]
    ) -> list[tuple[int, str]]:
        row, cells = header
        width = max(len(c) for _, c in (header, *body))
        stages: list[tuple[int, str]] = []
        for column in range(1, width):
            name = clean_text(cells[column]) if column < len(cells) else ""
            if name:
                stages.append((column, name))
            elif any(column < len(c) and c[column].strip() for _, c in body):
                self.report(row, column, "", "this column has content but no stage name")
        return stages

    def cell(
        self, stage: dict[str, Any], index: int, lane: str, text: str, at: tuple[int, int]
    ) -> None:
        where = f"stages[{index}].{lane}"
        if lane in _NUMBERS:
            value = _emotion(text)
            if value is None:
                self.report(*at, where, f"{clean_text(text)!r} is not a number from -2 to 2")
            elif lane in stage:
                self.report(*at, where, "a second value for this stage; give one")
            else:
                stage[lane] = int(value) if value.is_integer() else value
        elif lane == "loop":
            # Any mark in the cell says yes ("x", "yes", "true"); "no" and "false" say no.
            word = clean_text(text).casefold()
            if word:
                stage["loop"] = word not in ("no", "false", "0", "n")
        elif lane in _SINGLE or lane in self.text_lanes:
            value_text = " ".join(_items(text))
            if lane in stage:
                self.report(*at, where, "a second value for this stage; give one")
            else:
                stage[lane] = value_text
        elif lane == "metrics":
            metrics = stage.setdefault("metrics", {})
            for item in _items(text):
                # A colon and a space end the name, as in YAML: "Calls before 06:30: 4".
                name, colon, value_text = item.partition(": " if ": " in item else ":")
                if not colon or not name.strip():
                    self.report(*at, where, f"expected 'Name: value' on each line, got {item!r}")
                else:
                    metrics[name.strip()] = value_text.strip()
        else:
            stage.setdefault(lane, []).extend(_items(text))

    def own_lane(self, label: str) -> str | None:
        """The id of one of the site's own lanes named by ``label`` (its id or its name)."""
        folded = label.strip().rstrip(":").casefold()
        for lane in self.site.settings.lanes:
            if folded in (lane.id.casefold(), lane.name.casefold()):
                return lane.id
        return None

    @property
    def text_lanes(self) -> frozenset[str]:
        return frozenset(lane.id for lane in self.site.settings.lanes if not lane.list)

    def phases(self, stages: list[dict[str, Any]]) -> None:
        missing: dict[str, None] = {}
        for stage in stages:
            if "phase" not in stage:
                continue
            phase = self.site.phase_id(stage["phase"])
            if phase is None:
                missing.setdefault(stage.pop("phase"), None)
            else:
                stage["phase"] = phase
        spine = ", ".join(s.id for s in self.site.settings.spine)
        self.unmapped += [
            f"phase {p!r} is no stage of the site's spine ({spine}); left out" for p in missing
        ]


def read_grid(
    rows: Sequence[Sequence[str]], path: str, site: Site
) -> tuple[list[dict[str, Any]], list[CellFinding], list[str]]:
    """Stages in the format's shape, the problems found (by cell), and what was left out."""
    reader = _Reader(path, site)
    filled = [
        (index, [str(c) for c in row])
        for index, row in enumerate(rows)
        if any(str(c).strip() for c in row)
    ]
    if not filled:
        reader.report(0, 0, "", "the grid is empty: stage names go in the first row")
        return [], reader.findings, []
    header, body = filled[0], filled[1:]
    corner = clean_text(header[1][0]) if header[1] else ""
    if corner.casefold() not in _CORNERS:
        reader.report(header[0], 0, "", f"expected 'Stage' or an empty cell, found {corner!r}")
    columns = reader.columns(header, body)
    if not columns:
        reader.report(header[0], 1, "", "no stage names: they go across the first row")
    stages: list[dict[str, Any]] = [{"name": name} for _, name in columns]
    lane: str | None = None
    for row, cells in body:
        label = clean_text(cells[0]) if cells else ""
        if label:
            lane = lane_of(label) or reader.own_lane(label)
            if lane is None:
                hint = closest(label.casefold(), sorted(LANE_NAMES), cutoff=0.6)
                known = ", ".join(k for k in _ORDER[1:] if k not in _NOT_IN_GRIDS)
                did = f"; did you mean {hint!r}?" if hint else f"; known lanes: {known}"
                reader.report(row, 0, "", f"unknown lane {label!r}{did}")
                lane = "?"
        elif lane is None:
            reader.report(row, 0, "", "this row has content but no lane name in its first cell")
            lane = "?"
        if lane == "?":
            continue
        previous = ""
        for index, (column, _) in enumerate(columns):
            text = cells[column] if column < len(cells) else ""
            if not text.strip() and lane == "phase" and label:
                text = previous  # a phase merged over several stages
            previous = text
            if text.strip():
                reader.cell(stages[index], index, lane, text, (row, column))
    reader.phases(stages)
    own = [lane.id for lane in site.settings.lanes]

    def place(key: str) -> int:
        return _ORDER.index(key) if key in _ORDER else len(_ORDER) + own.index(key)

    ordered = [{k: s[k] for k in sorted(s, key=place)} for s in stages]
    return ordered, reader.findings, reader.unmapped


# -- writing ---------------------------------------------------------------------------

_LABELS = {
    "phase": "Phase",
    "goal": "Goal",
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotion": "Emotion",
    "feeling": "Feeling",
    "aspiration": "Aspiration",
    "pains": "Pains",
    "opportunities": "Opportunities",
    "metrics": "Metrics",
    "backstage": "Backstage",
    "frontstage": "Frontstage",
    "support": "Support processes",
    "physical_evidence": "Physical evidence",
}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _cell(stage: Stage, lane: str, settings: Settings) -> str:
    value: Any = stage.value(lane)
    if lane == "phase":
        return settings.spine_name(value) or ""
    if lane in _NUMBERS:
        return _number(value)
    if lane == "loop":
        return "yes" if value else ""
    if lane == "touchpoints":
        return "\n".join(t.name for t in value)
    if lane == "opportunities":
        return "\n".join(o.text for o in value)
    if lane == "metrics":
        return "\n".join(f"{name}: {text}" for name, text in value)
    if isinstance(value, tuple):
        return "\n".join(str(v) for v in value)
    return str(value or "")


def to_grid(journey: Journey, settings: Settings | None = None) -> list[list[str]]:
    """The map as the grid :func:`read_grid` reads: stages across, one row per lane used.

    Lossy: touchpoints and opportunities keep their names and texts only.
    """
    settings = settings or Settings()
    rows = [["Stage", *(s.name for s in journey.stages)]]
    for lane, label in _LABELS.items():
        cells = [_cell(stage, lane, settings) for stage in journey.stages]
        if any(cells):
            rows.append([label, *cells])
    # The site's own lanes, by their ids (what a stage writes them as).
    for key in custom_keys(settings, journey.stages):
        cells = [_cell(stage, key, settings) for stage in journey.stages]
        if any(cells):
            rows.append([key, *cells])
    return rows


def write_csv(rows: Sequence[Sequence[str]]) -> bytes:
    """CSV as Excel opens it: UTF-8 with a byte-order mark, CRLF between rows."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
