"""Several personas on one map: values written per persona, checked and told apart.

A stage field marked ``per_persona`` in the field table (:mod:`cjm_site.fields`)
may be a mapping from persona id to value::

    emotion: {marek-novak: 1, sofia-costa: -1}

The checker keeps each entry as a :class:`~cjm_site.model.Voice`;
:func:`check_voices` then holds the keys to the map's own personas. The drawing,
the table, the sparklines and the views ask :func:`voiced_personas` which
personas get a curve of their own, and :func:`initials` for their chip.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence

from cjm_site.model import Journey, Level, Stage

Report = Callable[..., None]
"""``report(line, where, message, level="error", hint=None)`` of the checker."""

STYLES = 6
"""How many personas get a look of their own (colour, dash and marker); more repeat."""
MARKERS: tuple[str, ...] = ("circle", "square", "triangle", "diamond", "cross", "bar")
"""The marker shape of each persona's curve, so curves are told apart without colour."""
DASHES: tuple[str, ...] = ("", "9 5", "2 4", "12 4 2 4", "5 3", "1 6")
"""The dash pattern of each persona's curve (empty: solid)."""


def check_voices(journey: Journey, report: Report) -> Journey:
    """Report per-persona keys that are not the map's personas; the map keeps the rest."""
    known = journey.persona_ids
    changed = False
    stages: list[Stage] = []
    for index, stage in enumerate(journey.stages):
        kept = []
        for voice in stage.voices:
            if voice.persona in known:
                kept.append(voice)
                continue
            where = f"stages[{index}].{voice.field}.{voice.persona}"
            report(voice.line, where, *_unknown(voice.persona, known))
        if len(kept) != len(stage.voices):
            changed = True
            stage = dataclasses.replace(stage, voices=tuple(kept))
        stages.append(stage)
    return dataclasses.replace(journey, stages=tuple(stages)) if changed else journey


def _unknown(persona: str, known: Sequence[str]) -> tuple[str, Level, str | None]:
    if not known:
        return (
            f"{persona!r} is not a persona of this map (it names none); "
            "write one value for everyone, or add 'personas:'",
            "error",
            None,
        )
    folded = {k.casefold(): k for k in known}
    match = difflib.get_close_matches(persona.casefold(), list(folded), n=1, cutoff=0.6)
    hint = folded[match[0]] if match else None
    message = f"{persona!r} is not a persona of this map; expected one of: {', '.join(known)}"
    if hint:
        message += f"; did you mean {hint!r}?"
    return message, "error", hint


def voiced_personas(journey: Journey, fields: Sequence[str] = ("emotion",)) -> tuple[str, ...]:
    """The personas drawn one by one for ``fields``: the map's personas, when it has
    several and some stage writes one of the fields per persona; else none."""
    if len(journey.personas) < 2:
        return ()
    if any(stage.personal(f) for stage in journey.stages for f in fields):
        return journey.persona_ids
    return ()


def persona_emotions(journey: Journey, persona: str) -> tuple[float | None, ...]:
    """``persona``'s emotion at each stage (their own, else the value for everyone)."""
    return tuple(stage.value_for("emotion", persona) for stage in journey.stages)


def persona_average(journey: Journey, persona: str) -> float | None:
    """``persona``'s mean emotion on a map that gives personas emotions of their own."""
    if persona not in voiced_personas(journey):
        return None
    values = [v for v in persona_emotions(journey, persona) if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def persona_sparkline_key(journey: str, persona: str) -> str:
    """Where a persona's own sparkline of a map is kept, beside the map's (keyed by its id)."""
    return f"{journey}\x00{persona}"


def initials(names: Sequence[str]) -> tuple[str, ...]:
    """A short chip for each name (``Marek Novak`` -> ``MN``), unique on the map."""
    out: list[str] = []
    for name in names:
        words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
        chip = "".join(w[0].upper() for w in words[:2]) or "?"
        if len(words) == 1:
            chip = words[0][:2].capitalize()
        base, n = chip, 2
        while chip in out:
            chip, n = f"{base}{n}", n + 1
        out.append(chip)
    return tuple(out)


def table_voices(journey: Journey, names: Sequence[str]) -> VoicesOf:
    """For the table under the map: ``voices_of(stage, lane)`` lists (name, initials, text)
    for a lane the stage writes per persona, and nothing for the others."""
    ids = journey.persona_ids
    shown = tuple(names) if len(names) == len(ids) else ids
    chips = dict(zip(ids, zip(shown, initials(shown), strict=True), strict=True))

    def voices_of(stage: Stage, lane: str) -> list[tuple[str, str, str]]:
        fields = ("emotion", "feeling", "aspiration") if lane == "emotion" else (lane,)
        if len(ids) < 2 or not any(stage.personal(f) for f in fields):
            return []
        rows = []
        for persona in ids:
            name, chip = chips[persona]
            if lane != "emotion":
                rows += [(name, chip, text) for text in stage.value_for(lane, persona)]
                continue
            text = _emotion_text(stage, persona)
            if text:
                rows.append((name, chip, text))
        return rows

    return voices_of


VoicesOf = Callable[[Stage, str], list[tuple[str, str, str]]]


def _emotion_text(stage: Stage, persona: str) -> str:
    from cjm_site.rendering import format_emotion  # the one way a value is written

    emotion = stage.value_for("emotion", persona)
    feeling = stage.value_for("feeling", persona)
    aspiration = stage.value_for("aspiration", persona)
    parts = []
    if emotion is not None:
        parts.append(format_emotion(emotion) + (f" ({feeling})" if feeling else ""))
    elif feeling:
        parts.append(feeling)
    if aspiration is not None:
        parts.append(f"aim {format_emotion(aspiration)}")
    return ", ".join(parts)
