"""The domain model: small frozen values that every step after checking works on.

Nothing downstream of :mod:`cjm_site.checking` sees a raw YAML dict: a page is
either turned into one of these values or into findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import reprlib
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, field, fields
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from cjm_site.escaping import neutral

_Class = TypeVar("_Class", bound=type)

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[Any], Any]:
        return lambda decorator: decorator


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(*, frozen: bool = True, slots: bool = True) -> Callable[[_Class], _Class]:
    """``@dataclass(frozen=frozen, slots=slots)``, made for less at import and at ``__init__``.

    The class is a dataclass like any other (``fields``, ``replace``, ``asdict``; its
    ``__dataclass_params__`` say init, repr, eq and frozen), its fields worked out by
    ``dataclasses`` itself, with the methods ``dataclass`` would write: ``__init__``
    (defaults, default factories, ``__post_init__``), a ``__repr__`` that spells every
    field, ``__eq__`` on the fields of the same class, ``__hash__`` of the fields when
    frozen, assignment refused with :class:`~dataclasses.FrozenInstanceError`, and
    pickling of frozen slots. The standard library compiles six methods a class, and
    compiling was most of importing the model: here only ``__init__`` is compiled (and
    sets each slot through its descriptor, faster than ``object.__setattr__``); the
    others are shared functions over the field values (``tests/unit/test_records.py``
    compares each class with the standard library's twin).
    """

    def wrap(cls: _Class) -> _Class:
        return _record(cls, frozen=frozen, slots=slots)

    return wrap


def _record(cls: _Class, *, frozen: bool, slots: bool) -> _Class:
    own_methods = {"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"}
    if own_methods & vars(cls).keys():
        raise TypeError(f"{cls.__name__}: record() writes {sorted(own_methods)} itself")
    made: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    params = made.__dataclass_params__
    params.init = params.repr = params.eq = True
    params.frozen = frozen
    own = fields(made)
    names = tuple(f.name for f in own)
    made.__init__ = _init(made, own, frozen=frozen, slots=slots)
    # The rest need no code of their own: compiling is what costs at import.
    values = _values_of(names)
    shown = "(" + ", ".join(f"{n}=%r" for n in names) + ")"

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        # "%r" is repr(), as the "{!r}" of the f-string dataclasses writes.
        return str(self.__class__.__qualname__ + shown % values(self))

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    methods: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__}
    if frozen:

        def __hash__(self: Any) -> int:
            return hash(values(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is made or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(made, self).__setattr__(name, value)

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is made or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(made, self).__delattr__(name)

        methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
    for name, method in methods.items():
        method.__qualname__ = f"{made.__qualname__}.{name}"
        setattr(made, name, method)
    if not frozen:
        made.__hash__ = None
    elif slots:
        made.__getstate__ = _getstate
        made.__setstate__ = _setstate
    return made  # type: ignore[no-any-return]


def _values_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an object's fields, in order (what dataclasses compares and hashes)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _init(made: Any, own: tuple[dataclasses.Field[Any], ...], *, frozen: bool, slots: bool) -> Any:
    """``__init__``, compiled: as fast as the one dataclasses writes, in less text."""
    scope: dict[str, Any] = {"_dc_set": object.__setattr__, "_dc_marker": _FACTORY}
    arguments = ["self"]
    body = []
    for index, f in enumerate(own):
        if not f.init or f.kw_only is True or f.name.startswith("_dc_"):
            raise TypeError(f"{made.__name__}.{f.name}: record() makes plain init fields only")
        value = f.name
        if f.default is not MISSING:
            scope[f"_dc_d{index}"] = f.default
            arguments.append(f"{f.name}=_dc_d{index}")
        elif f.default_factory is not MISSING:
            scope[f"_dc_f{index}"] = f.default_factory
            arguments.append(f"{f.name}=_dc_marker")
            value = f"_dc_f{index}() if {f.name} is _dc_marker else {f.name}"
        else:
            arguments.append(f.name)
        if not frozen:
            body.append(f" self.{f.name}={value}")
        elif slots:
            # The slot's own descriptor: what object.__setattr__ would find by name.
            scope[f"_dc_s{index}"] = made.__dict__[f.name].__set__
            body.append(f" _dc_s{index}(self,{value})")
        else:
            body.append(f" _dc_set(self,{f.name!r},{value})")
    if hasattr(made, "__post_init__"):
        body.append(" self.__post_init__()")
    source = "\n".join([f"def __init__({','.join(arguments)}):", *(body or [" pass"])])
    namespace: dict[str, Any] = {}
    exec(source, scope, namespace)  # our own text, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{made.__qualname__}.__init__"
    return init


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"  # as dataclasses shows it in a signature


_FACTORY = _Factory()
"""Stands for an argument left out whose default is made by a factory."""


def _getstate(self: Any) -> list[Any]:
    # As dataclasses pickles a frozen slots class, so entries written before still load.
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


Level = Literal["error", "warning", "notice"]

KINDS: tuple[str, ...] = ("current-state", "future-state", "day-in-the-life", "service-blueprint")
EVIDENCE: tuple[str, ...] = ("hypothesis", "researched", "validated")
MOMENTS: tuple[str, ...] = ("pain", "delight", "truth")
PRIORITIES: tuple[str, ...] = ("low", "medium", "high")
STATUSES: tuple[str, ...] = ("idea", "planned", "in-progress", "done")
EMOTION_MIN = -2.0
EMOTION_MAX = 2.0


@record()
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


@record()
class Ref:
    """A reference to a persona or journey id, with where it was written."""

    id: str
    line: int
    field: str


@record()
class Source:
    """A piece of research behind a map."""

    title: str
    url: str | None = None


@record()
class Touchpoint:
    """Where the customer meets the organisation during a stage."""

    name: str
    channel: str | None = None
    owner: str | None = None
    moments: tuple[str, ...] = ()
    """Any of ``pain``, ``delight``, ``truth`` (moment of truth), in that order."""
    priority: str | None = None


@record()
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


@record()
class Voice:
    """One persona's own value of a stage field, on a map with several personas.

    Written ``emotion: {marek-novak: 1, sofia-costa: -1}``; see :mod:`cjm_site.voices`.
    """

    field: str
    persona: str
    value: Any
    """As the field's plain value would be: a float, a text or a tuple of texts."""
    line: int = 0


@record()
class Image:
    """A picture of a stage (a storyboard frame): a path relative to the page."""

    src: str
    alt: str
    caption: str | None = None
    line: int = 0


@record()
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


@record()
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


@record()
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


@record()
class SpineStage:
    """A stage of the organisation-wide spine that map stages join with ``phase``."""

    id: str
    name: str


@record()
class Channel:
    """A known channel; maps may still use free words."""

    id: str
    name: str
    online: bool = True


@record()
class CustomLane:
    """A lane the organisation declares (site setting ``lanes:``): stages use its id as a field."""

    id: str
    name: str
    after: str | None = None
    """The lane it is drawn after (a lane key or an earlier custom lane's id); None: last
    of the customer's side, after metrics."""
    list: bool = True
    """A list of text (``texts``), or one text (``text``)."""


@record()
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
