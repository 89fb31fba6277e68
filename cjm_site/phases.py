"""Phases: stages grouped under the spine stage they belong to.

Consecutive stages with the same ``phase`` make one band over the stage headers
(:func:`phase_bands`). A phase that comes back after another one, or that runs
against the order of the site's spine, is reported (:func:`check_phases`) unless
the stage says ``loop: true``: a deliberate loop (try, fail, try again).
"""

from __future__ import annotations

from collections.abc import Callable

from cjm_site.model import Journey, Settings, record

Report = Callable[..., None]
"""``report(line, where, message, level="error", hint=None)`` of the checker."""


@record(slots=False)
class Band:
    """A run of consecutive stages in one phase: ``first`` to ``last``, 0-based, inclusive."""

    phase: str
    name: str
    first: int
    last: int


def phase_bands(journey: Journey, settings: Settings) -> tuple[Band, ...]:
    """The runs of consecutive stages sharing a phase (stages without one make none)."""
    bands: list[Band] = []
    for index, stage in enumerate(journey.stages):
        if stage.phase is None:
            continue
        last = bands[-1] if bands else None
        if last is not None and last.phase == stage.phase and last.last == index - 1:
            bands[-1] = Band(last.phase, last.name, last.first, index)
        else:
            name = settings.spine_name(stage.phase) or stage.phase
            bands.append(Band(stage.phase, name, index, index))
    return tuple(bands)


def check_phases(journey: Journey, settings: Settings, report: Report) -> None:
    """Warn where a phase comes back after another or goes against the spine's order."""
    order = {stage.id: i for i, stage in enumerate(settings.spine)}
    seen: dict[str, int] = {}
    previous: str | None = None
    furthest: tuple[int, str] | None = None
    for index, stage in enumerate(journey.stages):
        phase = stage.phase
        if phase is None:
            continue
        where = f"stages[{index}].phase"
        name = settings.spine_name(phase) or phase
        if not stage.loop and previous != phase:
            if phase in seen:
                first = seen[phase] + 1
                report(
                    stage.line,
                    where,
                    f"phase {name!r} comes back after another phase (it began at stage "
                    f"{first}); if the journey loops on purpose, add 'loop: true' to the stage",
                    "warning",
                )
            elif furthest is not None and order.get(phase, furthest[0]) < furthest[0]:
                ahead = settings.spine_name(furthest[1]) or furthest[1]
                report(
                    stage.line,
                    where,
                    f"phase {name!r} comes before {ahead!r} in the site's spine but follows "
                    "it here; reorder the stages, or add 'loop: true' if this is on purpose",
                    "warning",
                )
        seen.setdefault(phase, index)
        previous = phase
        if phase in order and (furthest is None or order[phase] > furthest[0]):
            furthest = (order[phase], phase)
