"""The map in words, for screen readers: :func:`describe_journey`."""

from __future__ import annotations

from collections.abc import Sequence

from cjm_site.model import Journey, Stage
from cjm_site.svg.geometry import emotion_value, signed
from cjm_site.vocabulary import KIND_LABELS


def describe_journey(journey: Journey, persona_names: Sequence[str] = ()) -> str:
    """A one-paragraph summary of the map for screen readers (the SVG's ``<desc>``)."""
    stages = journey.stages
    kind = KIND_LABELS.get(journey.kind, journey.kind)
    who = ""
    people = tuple(persona_names) or journey.persona_ids
    if people:
        noun = "persona" if len(people) == 1 else f"{len(people)} personas"
        who = f" for {noun} {', '.join(people)}"
    names = "; ".join(s.name for s in stages)
    parts = [f"{kind} map{who} in {len(stages)} stage{'s' if len(stages) != 1 else ''}: {names}."]
    values = [(s, emotion_value(s.emotion)) for s in stages]
    felt = [(s, v) for s, v in values if v is not None]
    if felt:
        low = min(felt, key=lambda pair: pair[1])
        high = max(felt, key=lambda pair: pair[1])

        def point(stage: Stage, value: float) -> str:
            words = f"{signed(value)}, {stage.feeling}" if stage.feeling else signed(value)
            return f"{stage.name} ({words})"

        if low[1] == high[1]:
            parts.append(f"Emotion stays at {signed(low[1])} on the scale −2 to +2.")
        else:
            parts.append(
                "On the emotion scale from −2 to +2 the lowest point is "
                f"{point(*low)} and the highest {point(*high)}."
            )
    aims = [emotion_value(s.aspiration) for s in stages]
    gaps = sum(
        1
        for (_, v), aim in zip(values, aims, strict=True)
        if v is not None and aim is not None and aim > v
    )
    if gaps:
        where = "1 stage" if gaps == 1 else f"{gaps} stages"
        parts.append(f"At {where} the feeling aimed for is above the current one.")
    counts = (
        (journey.pain_count, "pain point"),
        (journey.moments_of_truth, "moment of truth"),
        (sum(len(s.opportunities) for s in stages), "opportunity"),
    )
    listed = [f"{n} {word if n == 1 else _plural(word)}" for n, word in counts if n]
    if listed:
        parts.append(f"It shows {', '.join(listed)}.")
    if any(s.backstage for s in stages):
        parts.append("Backstage activities are listed below the line of visibility.")
    if any(s.frontstage for s in stages):
        parts.append("Frontstage actions of staff are listed below the line of interaction.")
    if any(s.support for s in stages):
        parts.append("Support processes are listed below the line of internal interaction.")
    pictures = sum(len(s.images) for s in stages)
    if pictures:
        noun = "picture" if pictures == 1 else "pictures"
        parts.append(f"A storyboard shows {pictures} {noun}; the table lists them.")
    return " ".join(parts)


def _plural(word: str) -> str:
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word.replace("moment ", "moments ") if word.startswith("moment ") else word + "s"
