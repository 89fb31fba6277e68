"""The sizes of a journey map: :class:`MapStyle`, passed in as a value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MapStyle:
    """Sizes of a journey map, in CSS pixels. Passed in as a value; the defaults work."""

    column_width: int = 236
    """Width of one stage column, card gutter included."""
    label_width: int = 148
    """Width of the lane label column on the left."""
    margin: int = 24
    """Space around the whole map."""
    column_gap: int = 14
    """Space between the cards of neighbouring columns."""
    card_padding: int = 10
    card_gap: int = 8
    """Space between the cards stacked in one cell."""
    lane_padding: int = 12
    """Space above the first and below the last card of a lane."""
    # The type scale, each step set apart by size, weight or colour: the title;
    # stage names (bold, the largest text in the grid); lane labels (bold, muted);
    # body text of the cards; small print (feelings, facts, the scale, the legend).
    font_size: int = 13
    """Body text of the cards."""
    small_size: int = 12
    """Small print: feelings, card facts, the emotion scale, the legend, stage numbers."""
    heading_size: int = 17
    """Stage names (bold), and metric figures."""
    lane_size: int = 14
    """Lane labels and the legend's title (bold, in the muted colour)."""
    title_size: int = 24
    line_height: float = 1.35
    """Distance between baselines of wrapped lines, in em."""
    emotion_band: int = 168
    """Height of the emotion scale from -2 to +2 (42 px a step: faces and their
    feelings a step apart do not crowd each other)."""
    face_radius: int = 13
    max_label_chars: int = 300
    """Longer labels are cut with an ellipsis; the full text stays in a tooltip."""
    show_title: bool = True
    """Draw the journey's title and facts above the map (for a map on a wall)."""
    show_legend: bool = True

    def __post_init__(self) -> None:
        sizes = (
            self.font_size,
            self.small_size,
            self.heading_size,
            self.lane_size,
            self.title_size,
        )
        if min(sizes) < 12:
            raise ValueError("MapStyle: font sizes must be at least 12px")
        if self.column_width - self.column_gap - 2 * self.card_padding < 120:
            raise ValueError("MapStyle: column_width leaves less than 120px for text")
        if self.label_width < 110:
            raise ValueError("MapStyle: label_width must be at least 110px")
        if self.line_height < 1.2 or self.max_label_chars < 20 or self.emotion_band < 64:
            raise ValueError("MapStyle: line_height, max_label_chars or emotion_band too small")
