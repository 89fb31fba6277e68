"""The map in words, for screen readers: :func:`describe_journey`."""

from __future__ import annotations

from collections.abc import Sequence

from cjm_site.model import Journey, Stage
from cjm_site.svg.geometry import emotion_value, signed
from cjm_site.vocabulary import KIND_LABELS, current
from cjm_site.voices import MARKERS, initials, voiced_personas


def describe_journey(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """A one-paragraph summary of the map for screen readers (the SVG's ``<desc>``)."""
    words = current()
    stages = journey.stages
    kind = KIND_LABELS.get(journey.kind, journey.kind)
    people = tuple(persona_names) or journey.persona_ids
    names = "; ".join(s.name for s in stages)
    stage_count = words.plural("count.stages", len(stages))
    if people:
        first = words.plural(
            "describe.intro-personas",
            len(people),
            kind=kind,
            names=", ".join(people),
            stages=stage_count,
            stage_names=names,
        )
    else:
        first = words.text("describe.intro", kind=kind, stages=stage_count, stage_names=names)
    parts = [first]
    values = [(s, emotion_value(s.emotion)) for s in stages]
    felt = [(s, v) for s, v in values if v is not None]
    if felt:
        low = min(felt, key=lambda pair: pair[1])
        high = max(felt, key=lambda pair: pair[1])

        def point(stage: Stage, value: float) -> str:
            shown = f"{signed(value)}, {stage.feeling}" if stage.feeling else signed(value)
            return f"{stage.name} ({shown})"

        if low[1] == high[1]:
            parts.append(words.text("describe.flat", value=signed(low[1])))
        else:
            parts.append(words.text("describe.range", low=point(*low), high=point(*high)))
    parts += _per_persona(journey, people)
    aims = [emotion_value(s.aspiration) for s in stages]
    gaps = sum(
        1
        for (_, v), aim in zip(values, aims, strict=True)
        if v is not None and aim is not None and aim > v
    )
    if gaps:
        parts.append(words.plural("describe.aims", gaps))
    counts = (
        (journey.pain_count, "count.pain-points"),
        (journey.moments_of_truth, "count.moments-of-truth"),
        (sum(len(s.opportunities) for s in stages), "count.opportunities"),
    )
    listed = [words.plural(key, n) for n, key in counts if n]
    if listed:
        parts.append(words.text("describe.shows", items=", ".join(listed)))
    if any(s.backstage for s in stages):
        parts.append(words.label("describe.backstage"))
    if any(s.frontstage for s in stages):
        parts.append(words.label("describe.frontstage"))
    if any(s.support for s in stages):
        parts.append(words.label("describe.support"))
    pictures = sum(len(s.images) for s in stages)
    if pictures:
        parts.append(words.plural("describe.storyboard", pictures))
    return " ".join(parts)


def _per_persona(journey: Journey, people: Sequence[str]) -> list[str]:
    """On a map with an emotion per persona: each persona's curve in words."""
    voiced = voiced_personas(journey)
    if not voiced:
        return []
    words = current()
    names = people if len(people) == len(voiced) else voiced
    chips = initials(names)
    out = [words.label("describe.per-persona")]
    for index, (persona, name) in enumerate(zip(voiced, names, strict=True)):
        values = ", ".join(
            f"{stage.name} {signed(v)}"
            for stage in journey.stages
            if (v := emotion_value(stage.value_for("emotion", persona))) is not None
        )
        marker = words.label(f"marker.{MARKERS[index % len(MARKERS)]}")
        out.append(
            words.text(
                "describe.persona-curve",
                name=name,
                chip=chips[index],
                marker=marker,
                values=values or words.label("describe.no-values"),
            )
        )
    return out
