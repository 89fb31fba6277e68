"""The lanes of a map in drawing order: the format's own and the site's (``lanes:``).

The map (:mod:`cjm_site.svg.place`), the table under it (:mod:`cjm_site.rendering`)
and the paper export all ask :func:`map_lanes` which lanes there are, so a lane the
organisation declares sits in the same place everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjm_site.model import Journey, Settings, Stage, record
from cjm_site.vocabulary import LANES, LINES, current

DEFAULT_AFTER = "metrics"
"""Where a declared lane without ``after:`` goes: last of the customer's side."""


@record()
class LaneDef:
    """One lane: its key (the stage field it shows) and its title."""

    key: str
    label: str
    custom: bool = False
    """One of the site's own lanes (its values are in ``Stage.lanes``)."""
    line: str | None = None
    """The blueprint line drawn above the lane (``interaction``, ``visibility``,
    ``internal``), when it has one."""


_LINE_OF = dict(LINES)
BLUEPRINT_ORDER: tuple[str, ...] = (
    "goal",
    "images",
    "thoughts",
    "emotion",
    "touchpoints",
    "physical_evidence",
    "actions",
    "frontstage",
    "backstage",
    "support",
    "pains",
    "opportunities",
    "metrics",
)
"""A service blueprint's lanes: its layers together in the standard order (physical
evidence, customer actions, frontstage, backstage, support), what the customer
thinks and feels above them, and the findings (pains, ideas, metrics) below."""


def map_lanes(settings: Settings | None = None, kind: str | None = None) -> tuple[LaneDef, ...]:
    """Every lane a map of ``kind`` can have, in drawing order."""
    labels = dict(LANES)
    keys = BLUEPRINT_ORDER if kind == "service-blueprint" else tuple(labels)
    order = [LaneDef(key, labels[key], line=_LINE_OF.get(key)) for key in keys]
    last: dict[str, str] = {}
    for lane in settings.lanes if settings else ():
        anchor = lane.after or DEFAULT_AFTER
        placed = [x.key for x in order]
        behind = last.get(anchor, anchor)
        position = placed.index(behind) + 1 if behind in placed else len(order)
        order.insert(position, LaneDef(lane.id, lane.name, custom=True))
        last[anchor] = lane.id
    return tuple(order)


def filled(stage: Stage, key: str) -> bool:
    """Whether the stage has something in the lane ``key``."""
    if key == "emotion":
        return (
            stage.emotion is not None
            or stage.aspiration is not None
            or bool(stage.feeling)
            or stage.personal("feeling")
        )
    return bool(stage.value(key))


def lanes_of(journey: Journey, settings: Settings | None = None) -> tuple[LaneDef, ...]:
    """The lanes at least one stage of the map fills, in drawing order."""
    return tuple(
        lane
        for lane in map_lanes(settings, journey.kind)
        if any(filled(s, lane.key) for s in journey.stages)
    )


def lane_texts(stage: Stage, key: str) -> tuple[str, ...]:
    """A text lane's values on a stage as a list (one text is a list of one)."""
    value = stage.value(key)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return value
    return ()


def line_label(line: str) -> str:
    """The words of a blueprint line (``Line of visibility``)."""
    return current().label(f"line.{line}")


def custom_keys(settings: Settings | None, stages: Sequence[Stage] = ()) -> tuple[str, ...]:
    """Ids of the site's own lanes: those declared, then any others the stages hold."""
    found = [lane.id for lane in settings.lanes] if settings else []
    for stage in stages:
        found += [key for key, _ in stage.lanes if key not in found]
    return tuple(found)
