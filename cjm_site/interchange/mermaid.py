"""Mermaid's ``journey`` diagram: read it into the format's data, write it from a map.

The syntax, as Mermaid's grammar (``journey.jison``) and its diagram store read it:

- the first statement is ``journey``; keywords are case-insensitive;
- ``title TEXT``; ``accTitle: TEXT``; ``accDescr: TEXT``, or ``accDescr { ... }``
  over several lines (the text after ``}`` on its last line is a statement);
- ``section NAME`` (no ``:`` in it): the tasks after it belong to it; tasks
  before the first section belong to none;
- a task is ``NAME: SCORE`` or ``NAME: SCORE: ACTOR, ACTOR``; Mermaid ignores
  text after a third ``:``, and so do we (with a warning);
- ``%%`` starts a comment line (``%%{...}%%`` directives too) and ``#`` a comment
  to the end of the line; ``;`` has no token in Mermaid's lexer, so it is an error;
- a diagram may start with a ``---`` front matter block whose ``title`` is the title.

This reader is more forgiving than Mermaid in one place: a task whose name
starts with a keyword (``Journey planning: 4``) is a task here, where Mermaid's
lexer fails. The writer never produces such a line (see :func:`to_mermaid`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from cjm_site.escaping import clean_text
from cjm_site.interchange.pages import Draft, Site, journey_front, number
from cjm_site.model import Finding, Journey, Level, Settings
from cjm_site.scaffold import slug

SCORE_MIN, SCORE_MAX = 1, 5
NEUTRAL_SCORE = 3
"""Mermaid's score for an emotion of 0; also the score of a stage with no emotion."""

_ZWSP = "\u200b"
# Characters Mermaid cannot hold in a name, written as look-alikes it shows as
# they are; the reader maps them back, so a map survives the round trip.
_STAND_INS = {":": "\ua789", "#": "\uff03", ";": "\uff1b", ",": "\uff0c"}
_BACK = {v: k for k, v in _STAND_INS.items()}
_BREAK = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)
_BREAK_START = re.compile(r"<(?=\s*/?\s*br)", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_HEADER = re.compile(r"\s*journey\b(.*)", re.IGNORECASE)
_TITLE = re.compile(r"title\s(.*)", re.IGNORECASE)
_SECTION = re.compile(r"section\s(.*)", re.IGNORECASE)
_ACC_TITLE = re.compile(r"accTitle\s*:\s*(.*)", re.IGNORECASE)
_ACC_DESCR = re.compile(r"accDescr\s*:\s*(.*)", re.IGNORECASE)
_ACC_BLOCK = re.compile(r"accDescr\s*\{", re.IGNORECASE)
_COMMENT = re.compile(r"#|%%(?!\{)")
# Starts of a name that Mermaid's lexer would read as a keyword or a comment.
_KEYWORD_START = re.compile(r"(journey|title\s|section\s|acctitle|accdescr|%%)", re.IGNORECASE)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid(?![\w-])[^\n`]*$")


@dataclass(frozen=True, slots=True)
class Task:
    """One task of a Mermaid journey: a stage of a map."""

    name: str
    score: float
    """1 (worst) to 5 (best), as written (clamped to 1..5 with a warning)."""
    actors: tuple[str, ...]
    section: str | None
    """The section it is in; None before the first ``section`` line."""
    line: int


@dataclass(frozen=True, slots=True)
class Diagram:
    """A parsed Mermaid journey diagram."""

    title: str | None
    tasks: tuple[Task, ...]
    line: int
    """The line of the ``journey`` keyword."""
    acc_title: str | None = None
    acc_descr: str | None = None

    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor once, in the order they first appear."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for actor in task.actors:
                seen.setdefault(actor, None)
        return tuple(seen)


def _name(text: str) -> str:
    """A name as written in Mermaid, back in the map's own characters."""
    text = _BREAK.sub(" ", text).replace(_ZWSP, "")
    return clean_text("".join(_BACK.get(c, c) for c in text))


def is_journey(text: str) -> bool:
    """Whether a Mermaid diagram's first statement is ``journey``."""
    lines = text.splitlines()
    index = _after_front_matter(lines)
    for line in lines[index:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return _HEADER.match(line) is not None
    return False


def _after_front_matter(lines: Sequence[str]) -> int:
    """The index of the first line after a leading ``---`` block (0 when there is none)."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and lines[index].strip() == "---":
        for end in range(index + 1, len(lines)):
            if lines[end].strip() == "---":
                return end + 1
    return 0


class _Parser:
    def __init__(self, path: str, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.findings: list[Finding] = []
        self.title: str | None = None
        self.acc_title: str | None = None
        self.acc_descr: str | None = None
        self.section: str | None = None
        self.tasks: list[Task] = []

    def report(self, index: int, message: str, level: Level = "error") -> None:
        line = self.first_line + index
        self.findings.append(Finding(self.path, line, "mermaid", message, level))

    def front_matter(self, lines: Sequence[str]) -> int:
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        if start >= len(lines) or lines[start].strip() != "---":
            return start
        end = _after_front_matter(lines)
        if end == 0:
            self.report(start, "the front matter opened here is never closed with '---'")
            return len(lines)
        try:
            data = yaml.safe_load("\n".join(lines[start + 1 : end - 1]))
        except yaml.YAMLError as err:
            self.report(start, f"the front matter is not valid YAML: {err}".splitlines()[0])
            return end
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            self.title = _name(data["title"]) or None
        return end

    def statement(self, index: int, text: str) -> None:
        if ";" in text:
            self.report(index, "';' is not allowed in a Mermaid journey (Mermaid rejects it)")
            return
        if match := _TITLE.match(text):
            self.title = _name(match.group(1)) or self.title
        elif match := _SECTION.match(text):
            name = match.group(1)
            if ":" in name:
                self.report(index, f"a section name cannot hold ':' (in {text!r})")
            elif _name(name):
                self.section = _name(name)
            else:
                self.report(index, "a section needs a name after 'section'")
        elif re.fullmatch(r"journey", text, re.IGNORECASE):
            self.report(index, "'journey' appears again: write one diagram per block or file")
        elif ":" in text:
            self.task(index, text)
        else:
            self.report(
                index,
                f"expected a task 'Name: score: actors', a section or a title; found {text!r}",
            )

    def task(self, index: int, text: str) -> None:
        name_text, data = text.split(":", 1)
        name = _name(name_text)
        if not name:
            self.report(index, "a task needs a name before its ':'")
            return
        pieces = data.split(":")
        raw_score = pieces[0].strip()
        if not _NUMBER.fullmatch(raw_score):
            shown = f"{raw_score!r} is not a number" if raw_score else "no score given"
            self.report(index, f"task {name!r}: {shown}; a score runs from 1 to 5")
            return
        score = float(raw_score)
        if not SCORE_MIN <= score <= SCORE_MAX:
            clamped = float(min(max(score, SCORE_MIN), SCORE_MAX))
            self.report(
                index,
                f"task {name!r}: score {raw_score} is outside 1..5; read as {clamped:g}",
                "warning",
            )
            score = clamped
        if len(pieces) > 2:
            self.report(
                index,
                f"task {name!r}: text after the third ':' is ignored, as Mermaid does",
                "warning",
            )
        actors = (
            tuple(a for a in (_name(p) for p in pieces[1].split(",")) if a)
            if len(pieces) > 1
            else ()
        )
        line = self.first_line + index
        self.tasks.append(Task(name, score, actors, self.section, line))

    def line(self, index: int, text: str, block: list[str] | None) -> list[str] | None:
        """Read one line; returns the open ``accDescr {`` block's lines, if any."""
        while True:
            if block is not None:
                end = text.find("}")
                if end < 0:
                    block.append(text.strip())
                    return block
                block.append(text[:end].strip())
                self.acc_descr = "\n".join(b for b in block if b) or None
                block, text = None, text[end + 1 :]
            stripped = text.strip()
            if not stripped or stripped.startswith("%%"):
                return None
            if match := _ACC_TITLE.match(stripped):
                self.acc_title = clean_text(match.group(1)) or None
                return None
            if match := _ACC_DESCR.match(stripped):
                self.acc_descr = clean_text(match.group(1)) or None
                return None
            if match := _ACC_BLOCK.match(stripped):
                block, text = [], stripped[match.end() :]
                continue
            statement = _COMMENT.split(stripped, maxsplit=1)[0].strip()
            if statement:
                self.statement(index, statement)
            return None


def parse(text: str, path: str = "", first_line: int = 1) -> tuple[Diagram | None, list[Finding]]:
    """Read a Mermaid journey diagram. ``first_line`` is the file's line of the text's first line.

    Never raises for anything the text contains: problems are findings with
    the file's line numbers. The diagram is None when it is not a journey at all.
    """
    parser = _Parser(path, first_line)
    lines = text.splitlines()
    index = parser.front_matter(lines)
    if parser.findings:
        return None, parser.findings
    while index < len(lines) and (
        not lines[index].strip() or lines[index].strip().startswith("%%")
    ):
        index += 1
    header = _HEADER.match(lines[index]) if index < len(lines) else None
    if header is None:
        found = repr(lines[index].strip()[:40]) if index < len(lines) else "nothing"
        parser.report(
            min(index, max(len(lines) - 1, 0)), f"expected 'journey' first; found {found}"
        )
        return None, parser.findings
    start = index
    block = parser.line(index, header.group(1), None)
    block_line = index
    for index in range(start + 1, len(lines)):
        was_open = block is not None
        block = parser.line(index, lines[index], block)
        if block is not None and not was_open:
            block_line = index
    if block is not None:
        parser.report(block_line, "'accDescr {' is never closed with '}'")
    diagram = Diagram(
        title=parser.title,
        tasks=tuple(parser.tasks),
        line=first_line + start,
        acc_title=parser.acc_title,
        acc_descr=parser.acc_descr,
    )
    return diagram, parser.findings


def journey_blocks(markdown: str) -> list[tuple[int, str]]:
    """Every fenced ``mermaid`` block of a Markdown text whose diagram is a journey.

    Returns ``(line, text)`` pairs, ``line`` being the 1-based line of the
    block's first line inside the Markdown text.
    """
    lines = markdown.splitlines()
    found: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening.group("fence"), len(opening.group("indent"))
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = [_dedent(line, indent) for line in lines[index + 1 : end]]
        text = "\n".join(body)
        if is_journey(text):
            found.append((index + 2, text))
        index = end + 1
    return found


def _dedent(line: str, width: int) -> str:
    cut = 0
    while cut < width and cut < len(line) and line[cut] in " \t":
        cut += 1
    return line[cut:]


def draft(diagram: Diagram, site: Site, *, kind: str, title: str, source: str) -> Draft:
    """The journey page for a diagram: sections as phases, scores as emotions (score - 3).

    ``title`` is used when the diagram has none (nor an ``accTitle``). Actors
    become personas when a persona page has their name (or id); the others are
    listed in :attr:`Draft.unmapped`, as are sections the site's spine lacks.
    """
    unmapped: list[str] = []
    personas: list[str] = []
    for actor in diagram.actors:
        persona = site.persona_id(actor)
        if persona is None:
            unmapped.append(
                f"actor {actor!r} is no persona of the handbook; "
                f'add one with: cjm new persona "{actor}", then its id to the page'
            )
        elif persona not in personas:
            personas.append(persona)
    stages: list[dict[str, object]] = []
    missing: dict[str, None] = {}
    for task in diagram.tasks:
        stage: dict[str, object] = {"name": task.name}
        if task.section is not None:
            phase = site.phase_id(task.section)
            if phase is None:
                missing.setdefault(task.section, None)
            else:
                stage["phase"] = phase
        stage["emotion"] = number(task.score - NEUTRAL_SCORE)
        stages.append(stage)
    spine = ", ".join(s.id for s in site.settings.spine)
    unmapped += [
        f"section {section!r} is no stage of the site's spine ({spine}); its stages have no phase"
        for section in missing
    ]
    name = diagram.title or diagram.acc_title or title
    description = clean_text(diagram.acc_descr) if diagram.acc_descr else None
    data = journey_front(name, personas, kind, stages, description)
    return Draft(slug(name), data, source, tuple(unmapped))


# -- writing -------------------------------------------------------------------


def score_of(emotion: float | None) -> int:
    """Mermaid's 1..5 score for an emotion of -2..2 (halves round up; none is neutral)."""
    if emotion is None:
        return NEUTRAL_SCORE
    return min(max(math.floor(emotion + 0.5) + NEUTRAL_SCORE, SCORE_MIN), SCORE_MAX)


def _written(text: str, *, actor: bool = False) -> str:
    """A name as Mermaid can hold it: one line, stand-ins for the characters it cannot."""
    text = _BREAK_START.sub(f"<{_ZWSP}", clean_text(text))
    text = re.sub(r"%(?=%)", f"%{_ZWSP}", text)
    specials = ":#;," if actor else ":#;"
    text = "".join(_STAND_INS[c] if c in specials else c for c in text)
    if _KEYWORD_START.match(text):
        text = _ZWSP + text  # invisible, and Mermaid's lexer no longer sees a keyword
    return text


def to_mermaid(
    journey: Journey,
    settings: Settings | None = None,
    persona_names: Mapping[str, str] | None = None,
) -> str:
    """A Mermaid ``journey`` diagram of a map: lossy, but valid Mermaid.

    Stages become tasks with a score of ``round(emotion) + 3`` (3 when a stage
    has no emotion), phases become sections (by their spine names), personas
    become the actors of every task. Everything else on the map is left out.
    A stage without a phase after one with a phase stays in that section, as
    Mermaid has no way to leave one.
    """
    settings = settings or Settings()
    names = persona_names or {}
    actors = ", ".join(_written(names.get(i, i), actor=True) for i in journey.persona_ids)
    lines = ["journey", f"    title {_written(journey.title)}"]
    summary = journey.description or journey.scenario
    if summary:
        lines.append(f"    accDescr: {clean_text(summary)}")
    section: str | None = None
    for stage in journey.stages:
        if stage.phase is not None and stage.phase != section:
            section = stage.phase
            shown = _written(settings.spine_name(section) or section)
            lines.append(f"    section {shown or 'Section'}")
        task = f"      {_written(stage.name)}: {score_of(stage.emotion)}"
        lines.append(f"{task}: {actors}" if actors else task)
    return "\n".join(lines) + "\n"
