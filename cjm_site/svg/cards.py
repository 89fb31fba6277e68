"""The cards of a map's lanes, measured but not yet placed in their columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cjm_site.lanes import lane_texts
from cjm_site.links_out import link_out
from cjm_site.model import Journey, Opportunity, Settings, Stage, Touchpoint
from cjm_site.svg.geometry import emotion_value
from cjm_site.svg.layout import (
    MOMENT_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    Card,
    Icon,
    Label,
)
from cjm_site.svg.style import MapStyle
from cjm_site.svg.text import is_rtl, measure
from cjm_site.vocabulary import current
from cjm_site.vocabulary import label as vocabulary_label


@dataclass(frozen=True)
class Frame:
    """The measuring context of one map: style and the text width inside a card."""

    style: MapStyle
    settings: Settings
    personas: tuple[tuple[str, str, str], ...] = ()
    """(id, name, initials) of each persona drawn on its own (see svg/personas.py)."""
    cells: dict[str, list[list[Card]]] = field(default_factory=dict, compare=False, repr=False)
    """Each lane's cells of cards, by lane key, as measured once for this map: the
    lanes are placed twice (see :func:`cjm_site.svg.place.place_journey`)."""

    @property
    def card_width(self) -> float:
        return self.style.column_width - self.style.column_gap

    @property
    def inner(self) -> float:
        return self.card_width - 2 * self.style.card_padding

    def label(
        self,
        text: str,
        x: float,
        y: float,
        width: float,
        role: str,
        *,
        size: int,
        bold: bool = False,
    ) -> Label:
        return Label(measure(text, width, size, self.style, bold=bold), x, y, width, role)


def _text_card(frame: Frame, kind: str, text: str, role: str = "body") -> Card:
    pad = frame.style.card_padding
    label = frame.label(text, pad, pad, frame.inner, role, size=frame.style.font_size)
    return Card(kind, 0, 0, frame.card_width, label.bottom + pad, (label,))


def _marked_card(frame: Frame, kind: str, text: str, icon: str) -> Card:
    """A card whose text follows a marker shape (on the right for right-to-left text)."""
    pad, size = frame.style.card_padding, frame.style.font_size
    room = 18
    rtl = is_rtl(text)
    x = pad if rtl else pad + room
    label = frame.label(text, x, pad, frame.inner - room, "body", size=size)
    icon_x = frame.card_width - pad - 12 if rtl else pad
    mark = Icon(icon, icon_x, icon_top(label, 12), 12, 12)
    return Card(kind, 0, 0, frame.card_width, label.bottom + pad, (label,), (mark,))


def icon_top(label: Label, icon: float) -> float:
    """Top of an icon centred on the first line's lower-case letters."""
    middle = label.y + label.block.ascent - 0.36 * label.block.size
    return middle - icon / 2


def _chips(
    frame: Frame, items: Sequence[tuple[str, float, str]], top: float
) -> tuple[list[Label], list[Icon], float]:
    """Flow (icon kind, icon width, text) chips in rows from ``top``; return the bottom."""
    pad, size = frame.style.card_padding, frame.style.small_size
    labels: list[Label] = []
    icons: list[Icon] = []
    x: float = pad
    y, row_bottom = top, top
    for kind, icon_width, text in items:
        block = measure(text, frame.inner - icon_width - 4, size, frame.style)
        chip = icon_width + 4 + block.width
        if x > pad and x + chip > pad + frame.inner:
            x, y = pad, row_bottom + 4
        label = Label(block, x + icon_width + 4, y, block.width + 1, "chip")
        labels.append(label)
        icons.append(Icon(kind, x, icon_top(label, 12), icon_width, 12))
        row_bottom = max(row_bottom, label.bottom)
        x += chip + 12
    return labels, icons, row_bottom


def _touchpoint_card(frame: Frame, touchpoint: Touchpoint) -> Card:
    style, pad = frame.style, frame.style.card_padding
    name = frame.label(
        touchpoint.name, pad, pad, frame.inner, "strong", size=style.font_size, bold=True
    )
    labels = [name]
    bottom = name.bottom
    facts = [part for part in (frame.settings.channel_name(touchpoint.channel),) if part]
    if touchpoint.owner:
        facts.append(current().text("map.owner", owner=touchpoint.owner))
    if facts:
        meta = frame.label(
            " · ".join(facts), pad, bottom + 4, frame.inner, "muted", size=style.small_size
        )
        labels.append(meta)
        bottom = meta.bottom
    chips: list[tuple[str, float, str]] = []
    if touchpoint.priority is not None and touchpoint.priority in PRIORITY_LABELS:
        chips.append((f"priority-{touchpoint.priority}", 14, PRIORITY_LABELS[touchpoint.priority]))
    chips.extend((m, 12, MOMENT_LABELS[m]) for m in touchpoint.moments if m in MOMENT_LABELS)
    icons: list[Icon] = []
    if chips:
        chip_labels, icons, bottom = _chips(frame, chips, bottom + 8)
        labels.extend(chip_labels)
    return Card("touchpoint", 0, 0, frame.card_width, bottom + pad, tuple(labels), tuple(icons))


def _thought_card(frame: Frame, text: str) -> Card:
    card = _text_card(frame, "thought", text, "thought")
    return replace(card, height=card.height + 8)  # room for the bubble's tail


def _opportunity_card(frame: Frame, opportunity: Opportunity) -> Card:
    style, pad = frame.style, frame.style.card_padding
    text = frame.label(opportunity.text, pad, pad, frame.inner, "body", size=style.font_size)
    labels, icons = [text], []
    bottom = text.bottom
    facts = []
    if opportunity.owner:
        facts.append(current().text("map.owner", owner=opportunity.owner))
    if opportunity.due:
        facts.append(current().text("map.due", date=current().date(opportunity.due)))
    if opportunity.ticket:
        facts.append(f"{vocabulary_label('ticket.label')} {opportunity.ticket}")
    elif opportunity.link:
        out = link_out(opportunity, None)
        if out is not None:
            facts.append(f"↗ {out.text}")
    if facts:
        meta = frame.label(
            " · ".join(facts), pad, bottom + 4, frame.inner, "muted", size=style.small_size
        )
        labels.append(meta)
        bottom = meta.bottom
    if opportunity.status:
        words = STATUS_LABELS.get(opportunity.status, opportunity.status)
        block = measure(words, frame.inner - 16, style.small_size, style)
        label = Label(block, pad + 8, bottom + 10, block.width + 1, "status")
        kind = opportunity.status if opportunity.status in STATUS_LABELS else "other"
        icons.append(Icon(f"status-{kind}", pad, bottom + 6, block.width + 16, block.height + 8))
        labels.append(label)
        bottom = label.bottom + 4
    return Card("opportunity", 0, 0, frame.card_width, bottom + pad, tuple(labels), tuple(icons))


def _metric_card(frame: Frame, name: str, value: str) -> Card:
    style, pad = frame.style, frame.style.card_padding
    title = frame.label(name, pad, pad, frame.inner, "muted", size=style.small_size)
    figure = frame.label(
        value, pad, title.bottom + 3, frame.inner, "figure", size=style.heading_size, bold=True
    )
    return Card("metric", 0, 0, frame.card_width, figure.bottom + pad, (title, figure))


def cell_cards(frame: Frame, key: str, stage: Stage) -> list[Card]:
    """The cards of one lane in one stage, unplaced."""
    if frame.personas and key in ("actions", "thoughts") and stage.personal(key):
        from cjm_site.svg.personas import persona_cards  # it builds on this module

        return persona_cards(frame, key, stage)
    if key == "goal":
        return [_text_card(frame, "goal", stage.goal)] if stage.goal else []
    if key == "actions":
        return [_text_card(frame, "action", text) for text in stage.actions]
    if key == "touchpoints":
        return [_touchpoint_card(frame, t) for t in stage.touchpoints]
    if key == "thoughts":
        return [_thought_card(frame, text) for text in stage.thoughts]
    if key == "pains":
        return [_marked_card(frame, "pain", text, "pain") for text in stage.pains]
    if key == "opportunities":
        return [_opportunity_card(frame, o) for o in stage.opportunities]
    if key == "metrics":
        return [_metric_card(frame, name, value) for name, value in stage.metrics]
    if key == "backstage":
        return [_text_card(frame, "backstage", text) for text in stage.backstage]
    if key == "frontstage":
        return [_text_card(frame, "frontstage", text) for text in stage.frontstage]
    if key == "support":
        return [_text_card(frame, "support", text) for text in stage.support]
    if key == "physical_evidence":
        return [_text_card(frame, "evidence", text) for text in stage.physical_evidence]
    # The site's own lanes (``lanes:`` in the settings): a card per text.
    return [_text_card(frame, "custom", text) for text in lane_texts(stage, key)]


def _has_emotion(stage: Stage) -> bool:
    values = (emotion_value(stage.emotion), emotion_value(stage.aspiration))
    return any(v is not None for v in values) or bool(stage.feeling)


def lane_present(key: str, journey: Journey) -> bool:
    if key == "emotion":
        return any(_has_emotion(s) for s in journey.stages)
    # The other lane keys are the names of the stage's fields or the site's own lanes.
    return any(s.value(key) for s in journey.stages)
