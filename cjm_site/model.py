"""The domain model: small frozen values that every step after checking works on.

Nothing downstream of :mod:`cjm_site.checking` sees a raw YAML dict: a page is
either turned into one of these values or into findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from cjm_site.escaping import neutral

Level = Literal["error", "warning", "notice"]

KINDS: tuple[str, ...] = ("current-state", "future-state", "day-in-the-life", "service-blueprint")
EVIDENCE: tuple[str, ...] = ("hypothesis", "researched", "validated")
MOMENTS: tuple[str, ...] = ("pain", "delight", "truth")
PRIORITIES: tuple[str, ...] = ("low", "medium", "high")
STATUSES: tuple[str, ...] = ("idea", "planned", "in-progress", "done")
EMOTION_MIN = -2.0
EMOTION_MAX = 2.0


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a page: where it is and what is wrong."""

    path: str
    """The page's path relative to the docs folder, with forward slashes."""
    line: int
    """1-based line in the page's file (0 when the problem is not tied to a line)."""
    field: str
    """Dotted path of the field, e.g. ``stages[0].emotion``; empty for the page as a whole."""
    message: str
    """What is wrong and, where we can tell, what to do."""
    level: Level = "error"
    """``error`` fails ``--strict``; ``notice`` is information only."""
    hint: str | None = None
    """A suggestion such as a close known key or id (also part of ``message``)."""

    def __post_init__(self) -> None:
        # Messages quote authors' values and paths, and are printed in logs and CI:
        # bidirectional controls in them are shown as escapes, so a reviewer reads
        # what is there. The path stays the file's own (findings are looked up by
        # it); whoever prints a path at the start of a line makes it safe.
        object.__setattr__(self, "field", neutral(self.field))
        object.__setattr__(self, "message", neutral(self.message))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a persona or journey id, with where it was written."""

    id: str
    line: int
    field: str


@dataclass(frozen=True, slots=True)
class Source:
    """A piece of research behind a map."""

    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Touchpoint:
    """Where the customer meets the organisation during a stage."""

    name: str
    channel: str | None = None
    owner: str | None = None
    moments: tuple[str, ...] = ()
    """Any of ``pain``, ``delight``, ``truth`` (moment of truth), in that order."""
    priority: str | None = None


@dataclass(frozen=True, slots=True)
class Opportunity:
    """An idea for improving a stage, possibly with an owner and a status."""

    text: str
    owner: str | None = None
    due: dt.date | None = None
    status: str | None = None
    link: str | None = None
    """Where the work is tracked: a full http, https or mailto address."""
    ticket: str | None = None
    """The work's id in the delivery tracker (a link through ``Settings.ticket_url``)."""


@dataclass(frozen=True, slots=True)
class Voice:
    """One persona's own value of a stage field, on a map with several personas.

    Written ``emotion: {marek-novak: 1, sofia-costa: -1}``; see :mod:`cjm_site.voices`.
    """

    field: str
    persona: str
    value: Any
    """As the field's plain value would be: a float, a text or a tuple of texts."""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Image:
    """A picture of a stage (a storyboard frame): a path relative to the page."""

    src: str
    alt: str
    caption: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Stage:
    """One column of a journey map.

    A field written per persona keeps a summary in its own attribute (the mean
    emotion, every persona's thoughts one after another, no single feeling) and
    each persona's value in :attr:`voices`.
    The values of the site's own lanes (``lanes:`` in the settings) are in
    :attr:`lanes`; :meth:`lane` reads one, :meth:`value` any field or lane by key.
    """

    name: str
    line: int = 0
    phase: str | None = None
    loop: bool = False
    """The author says a phase that comes back here does so on purpose."""
    goal: str | None = None
    actions: tuple[str, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    thoughts: tuple[str, ...] = ()
    emotion: float | None = None
    feeling: str | None = None
    aspiration: float | None = None
    pains: tuple[str, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    metrics: tuple[tuple[str, str], ...] = ()
    backstage: tuple[str, ...] = ()
    voices: tuple[Voice, ...] = ()
    """Values written per persona, in the order written."""

    def personal(self, field: str) -> bool:
        """Whether ``field`` is written per persona on this stage."""
        return any(v.field == field for v in self.voices)

    def value_for(self, field: str, persona: str) -> Any:
        """``persona``'s value of ``field``: their own, else the value for everyone."""
        if not self.personal(field):
            return getattr(self, field)
        for voice in self.voices:
            if voice.field == field and voice.persona == persona:
                return voice.value
        return () if isinstance(getattr(self, field), tuple) else None

    frontstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    physical_evidence: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    lanes: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    """The site's own lanes on this stage: (lane id, text or list of text), in the
    order the page wrote them."""

    def lane(self, key: str) -> str | tuple[str, ...] | None:
        """The value of the site's own lane ``key`` on this stage, if any."""
        for name, value in self.lanes:
            if name == key:
                return value
        return None

    def value(self, key: str) -> object:
        """The value of a field or of one of the site's own lanes, by key (None when unset)."""
        if key in _STAGE_ATTRS:
            return getattr(self, key)
        return self.lane(key)

    @property
    def moments_of_truth(self) -> int:
        return sum(1 for t in self.touchpoints if "truth" in t.moments)

    @property
    def pain_count(self) -> int:
        """Pains listed on the stage plus touchpoints marked as a pain moment."""
        return len(self.pains) + sum(1 for t in self.touchpoints if "pain" in t.moments)


_STAGE_ATTRS = frozenset(f.name for f in fields(Stage)) - {"lanes"}


@dataclass(frozen=True, slots=True)
class Persona:
    """A persona page."""

    id: str
    path: str
    name: str
    line: int = 1
    role: str | None = None
    quote: str | None = None
    image: str | None = None
    image_line: int = 0
    segment: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    """Keys the format does not know, kept as the author's text."""
    title: str | None = None
    """The page title when the author set one (the page shows the name otherwise)."""


@dataclass(frozen=True, slots=True)
class Journey:
    """A journey page and its map."""

    id: str
    path: str
    title: str
    stages: tuple[Stage, ...]
    line: int = 1
    personas: tuple[Ref, ...] = ()
    kind: str = "current-state"
    scenario: str | None = None
    goal: str | None = None
    expectations: tuple[str, ...] = ()
    owner: str | None = None
    evidence: str | None = None
    sources: tuple[Source, ...] = ()
    updated: dt.date | None = None
    review_by: dt.date | None = None
    improves: Ref | None = None
    compare: tuple[Ref, ...] = ()
    tags: tuple[str, ...] = ()
    description: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def persona_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.personas)

    @property
    def emotions(self) -> tuple[float, ...]:
        return tuple(s.emotion for s in self.stages if s.emotion is not None)

    @property
    def average_emotion(self) -> float | None:
        values = self.emotions
        return round(sum(values) / len(values), 2) if values else None

    @property
    def pain_count(self) -> int:
        return sum(s.pain_count for s in self.stages)

    @property
    def moments_of_truth(self) -> int:
        return sum(s.moments_of_truth for s in self.stages)


@dataclass(frozen=True, slots=True)
class SpineStage:
    """A stage of the organisation-wide spine that map stages join with ``phase``."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Channel:
    """A known channel; maps may still use free words."""

    id: str
    name: str
    online: bool = True


@dataclass(frozen=True, slots=True)
class CustomLane:
    """A lane the organisation declares (site setting ``lanes:``): stages use its id as a field."""

    id: str
    name: str
    after: str | None = None
    """The lane it is drawn after (a lane key or an earlier custom lane's id); None: last
    of the customer's side, after metrics."""
    list: bool = True
    """A list of text (``texts``), or one text (``text``)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Site-wide settings, passed in as a value (never module globals)."""

    spine: tuple[SpineStage, ...] = ()
    channels: tuple[Channel, ...] = ()
    lanes: tuple[CustomLane, ...] = ()
    """The organisation's own lanes, in the order declared."""
    today: dt.date = field(default_factory=lambda: dt.date(1970, 1, 1))
    """The build's date (from ``SOURCE_DATE_EPOCH`` when set), for review notices."""
    ticket_url: str | None = None
    """The tracker's address of a ticket, ``{ticket}`` standing for its id."""
    language: str = "en"
    """The site's language (the theme's), which the words on maps and pages follow."""
    labels: tuple[tuple[str, str], ...] = ()
    """The site's ``labels:`` (key, text): its own words for any label, in any language."""

    def channel(self, key: str | None) -> Channel | None:
        if key is None:
            return None
        for channel in self.channels:
            if channel.id == key:
                return channel
        return None

    def channel_name(self, key: str | None) -> str | None:
        known = self.channel(key)
        return known.name if known else key

    def spine_name(self, key: str | None) -> str | None:
        for stage in self.spine:
            if stage.id == key:
                return stage.name
        return key
