"""Measuring and placing a journey map, as other modules import it; it lives in
:mod:`cjm_site.svg` (:mod:`~cjm_site.svg.text`, :mod:`~cjm_site.svg.layout`,
:mod:`~cjm_site.svg.place`)."""

from cjm_site.svg.geometry import emotion_value, monotone_curve, num, signed
from cjm_site.svg.layout import (
    LANES,
    MOMENT_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    Card,
    EmotionLane,
    EmotionPoint,
    Icon,
    Label,
    Lane,
    LegendItem,
    MapLayout,
    StageHeader,
)
from cjm_site.svg.place import journey_facts, place_journey
from cjm_site.svg.style import MapStyle
from cjm_site.svg.text import TextBlock, clusters, is_rtl, measure, truncate, wrap_text
from cjm_site.vocabulary import KIND_LABELS

__all__ = [
    "KIND_LABELS",
    "LANES",
    "MOMENT_LABELS",
    "PRIORITY_LABELS",
    "STATUS_LABELS",
    "Card",
    "EmotionLane",
    "EmotionPoint",
    "Icon",
    "Label",
    "Lane",
    "LegendItem",
    "MapLayout",
    "MapStyle",
    "StageHeader",
    "TextBlock",
    "clusters",
    "emotion_value",
    "is_rtl",
    "journey_facts",
    "measure",
    "monotone_curve",
    "num",
    "place_journey",
    "signed",
    "truncate",
    "wrap_text",
]
