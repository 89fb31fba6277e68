"""The placed map: frozen values with absolute coordinates, before any SVG.

:func:`cjm_site.svg.place.place_journey` makes a :class:`MapLayout`; card
contents are relative to their card. :mod:`cjm_site.svg.journey` writes it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from cjm_site.svg.geometry import emotion_y
from cjm_site.svg.text import TextBlock
from cjm_site.vocabulary import LANES, MOMENT_LABELS, PRIORITY_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from cjm_site.svg.blueprint import BlueprintLine
    from cjm_site.svg.storyboard import Picture

Align = Literal["start", "middle", "end"]

# The words live in the vocabulary (one home, translatable); re-exported for the drawing.
__all__ = ["LANES", "MOMENT_LABELS", "PRIORITY_LABELS", "STATUS_LABELS"]


@dataclass(frozen=True)
class Label:
    """A text block placed in a box ``width`` wide whose top-left corner is ``x``, ``y``."""

    block: TextBlock
    x: float
    y: float
    width: float
    role: str
    """What the text is (``body``, ``muted``, ``stage``...): its CSS class."""
    align: Align = "start"

    @property
    def bottom(self) -> float:
        return self.y + self.block.height


@dataclass(frozen=True)
class Icon:
    """A drawn symbol (marker shape, priority bars, status pill...) in a box."""

    kind: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Card:
    """One item of a cell; its labels and icons are relative to its top-left corner.

    :func:`cjm_site.svg.place.place_journey` copies each card field by field to
    place it: a new field goes there too."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    labels: tuple[Label, ...]
    icons: tuple[Icon, ...] = ()


@dataclass(frozen=True)
class StageHeader:
    index: int
    """1-based position of the stage."""
    x: float
    y: float
    width: float
    height: float
    name: Label
    phase: Label
    """The step number and, when the stage has one, its spine phase's name."""


@dataclass(frozen=True)
class PhaseBand:
    """A phase's band over the headers of its consecutive stages."""

    x: float
    y: float
    width: float
    height: float
    label: Label


@dataclass(frozen=True)
class Lane:
    key: str
    title: Label
    y: float
    height: float


@dataclass(frozen=True)
class EmotionPoint:
    stage: int
    """0-based index of the stage."""
    x: float
    y: float
    value: float
    feeling: Label | None
    """The stage's feeling word, next to the face."""


@dataclass(frozen=True)
class PersonaSeries:
    """One persona's emotion curve on a map with several personas (see svg/personas.py)."""

    index: int
    """Which look (colour, dash, marker) the persona gets, 0-based."""
    persona: str
    name: str
    chip: str
    """The persona's initials, on their cards and feelings."""
    points: tuple[EmotionPoint, ...]
    feelings: tuple[Label, ...] = ()
    """The persona's feeling words, in a row under the scale."""


@dataclass(frozen=True)
class EmotionLane:
    top: float
    """y of +2."""
    bottom: float
    """y of -2."""
    left: float
    right: float
    points: tuple[EmotionPoint, ...]
    aspirations: tuple[EmotionPoint, ...]
    loose_feelings: tuple[Label, ...]
    """Feeling words of stages that have no emotion value."""
    scale: tuple[tuple[float, float, Label], ...]
    """Each gridline: value, y and its label."""
    face_radius: float
    series: tuple[PersonaSeries, ...] = ()
    """A curve per persona, when the map gives personas emotions of their own."""

    def y_of(self, value: float) -> float:
        return emotion_y(value, self.top, self.bottom - self.top)


@dataclass(frozen=True)
class LegendItem:
    icon: Icon
    label: Label


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    heading: tuple[Label, ...]
    """Title, facts and scenario above the map."""
    headers: tuple[StageHeader, ...]
    columns: tuple[float, ...]
    """x of each stage column's left edge."""
    grid_left: float
    grid_right: float
    lanes: tuple[Lane, ...]
    cards: tuple[Card, ...]
    emotion: EmotionLane | None
    visibility: tuple[float, Label] | None
    """y of the line of visibility and its label."""
    legend_title: Label | None
    legend: tuple[LegendItem, ...]
    bands: tuple[PhaseBand, ...] = ()
    """Phase bands above the stage headers."""
    hatch: tuple[float, float, float, float] | None = None
    """x, y, width, height of the hatched area of a hypothesis map."""
    lines: tuple[BlueprintLine, ...] = ()
    """The service blueprint's other lines (interaction, internal interaction)."""
    pictures: tuple[Picture, ...] = ()
    """The storyboard's thumbnails."""
