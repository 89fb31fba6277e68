"""The words the site shows for the format's own values, in one catalogue.

Every label (kinds, evidence, moments, priorities, statuses, lanes, channel
groups, the "no ..." words) is a key in :data:`ENGLISH`, looked up through a
:class:`Vocabulary`. A translation is another mapping with the same keys handed
to :class:`Vocabulary`; nothing else has to change. Keys are
``group.value`` (``status.in-progress``), so a value from a page finds its
label without a table per group.

This module also declares what MkDocs and Material read from a page's meta
(:data:`PAGE_META`), the one list of those keys the code consults.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cjm_site.model import EVIDENCE, KINDS, MOMENTS, PRIORITIES, STATUSES

ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        # Kinds of map. The map's header used to say "Current-state journey"
        # while the pages said "Current state"; the pages' wording is kept.
        "kind.current-state": "Current state",
        "kind.future-state": "Future state",
        "kind.day-in-the-life": "Day in the life",
        "kind.service-blueprint": "Service blueprint",
        "evidence.hypothesis": "Hypothesis",
        "evidence.researched": "Researched",
        "evidence.validated": "Validated",
        # Moments as chips on a touchpoint card.
        "moment.pain": "Pain",
        "moment.delight": "Delight",
        "moment.truth": "Moment of truth",
        "priority.low": "Low priority",
        "priority.medium": "Medium priority",
        "priority.high": "High priority",
        "status.idea": "Idea",
        "status.planned": "Planned",
        "status.in-progress": "In progress",
        "status.done": "Done",
        "status.none": "No status",
        # Lanes of a map and columns of the table under it, in drawing order.
        "lane.goal": "Goal",
        "lane.images": "Storyboard",
        "lane.physical_evidence": "Physical evidence",
        "lane.actions": "Actions",
        "lane.touchpoints": "Touchpoints",
        "lane.thoughts": "Thoughts",
        "lane.emotion": "Emotion",
        "lane.pains": "Pains",
        "lane.opportunities": "Opportunities",
        "lane.metrics": "Metrics",
        "lane.frontstage": "Frontstage",
        "lane.backstage": "Backstage",
        "lane.support": "Support processes",
        # The lines of a service blueprint, drawn between its lanes, and their legend.
        "line.interaction": "Line of interaction",
        "line.visibility": "Line of visibility",
        "line.internal": "Line of internal interaction",
        "legend.interaction": "Line of interaction: the customer meets the organisation",
        "legend.visibility": "Line of visibility: below it, the customer does not see",
        "legend.internal": "Line of internal interaction: below it, support for the staff",
        "legend.storyboard": "Storyboard picture: click it to see it full size",
        # Tooltips (<title>) of the map's icons.
        "icon.pain": "Pain point",
        "icon.delight": "Delight",
        "icon.truth": "Moment of truth",
        "icon.emotion": "Emotion curve",
        "icon.aspiration": "Aspiration curve",
        "icon.priority-low": "Low priority",
        "icon.priority-medium": "Medium priority",
        "icon.priority-high": "High priority",
        # Channels view: groups of rows, and the row of touchpoints without one.
        "channel-group.online": "Online channels",
        "channel-group.offline": "Offline channels",
        "channel-group.other": "Other channels",
        "channel-group.none": "Touchpoints without a channel",
        "channel.none": "No channel given",
        "phase.none": "No phase",
        "owner.none": "No owner",
    }
)
"""Label key -> English text: the catalogue a translation replaces."""

LANE_KEYS: tuple[str, ...] = (
    "goal",
    "images",
    "physical_evidence",
    "actions",
    "touchpoints",
    "thoughts",
    "emotion",
    "pains",
    "opportunities",
    "metrics",
    "frontstage",
    "backstage",
    "support",
)
"""Lanes of a map, in drawing order (the lane key is the stage field it shows)."""

LINES: tuple[tuple[str, str], ...] = (
    ("frontstage", "interaction"),
    ("backstage", "visibility"),
    ("support", "internal"),
)
"""The blueprint's lines: each drawn above its lane when the lane is on the map."""

CHANNEL_GROUP_KEYS: tuple[str, ...] = ("online", "offline", "other", "none")
"""Groups of the channels view, in the order shown."""


class Vocabulary:
    """Looks labels up in one catalogue (English unless another is given)."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] = ENGLISH) -> None:
        self._texts = texts

    def label(self, key: str) -> str:
        """The text of a label key; a key missing from a translation falls back to English."""
        text = self._texts.get(key)
        if text is None:
            text = ENGLISH[key]
        return text

    def of(self, group: str, value: str | None, default: str | None = None) -> str:
        """The label of a value of the format (``of("kind", "future-state")``).

        A value without a label (a free word, or None) is shown as written, or
        as ``default`` when given.
        """
        if value is not None:
            text = self._texts.get(f"{group}.{value}") or ENGLISH.get(f"{group}.{value}")
            if text is not None:
                return text
        if default is not None:
            return default
        return value or ""

    def table(self, group: str, values: Iterable[str]) -> dict[str, str]:
        """``{value: label}`` for the values, in their order (for templates and filters)."""
        return {value: self.of(group, value) for value in values}

    def pairs(self, group: str, values: Iterable[str]) -> tuple[tuple[str, str], ...]:
        """``((value, label), ...)`` in the values' order."""
        return tuple((value, self.of(group, value)) for value in values)


WORDS = Vocabulary()
"""The English vocabulary (read-only, as :data:`ENGLISH` is)."""


def label(key: str) -> str:
    """The English text of a label key."""
    return WORDS.label(key)


# Tables in the shapes the modules that used to keep their own copy expect.
KIND_LABELS: Mapping[str, str] = MappingProxyType(WORDS.table("kind", KINDS))
EVIDENCE_LABELS: Mapping[str, str] = MappingProxyType(WORDS.table("evidence", EVIDENCE))
MOMENT_LABELS: Mapping[str, str] = MappingProxyType(WORDS.table("moment", MOMENTS))
PRIORITY_LABELS: Mapping[str, str] = MappingProxyType(WORDS.table("priority", PRIORITIES))
STATUS_LABELS: Mapping[str, str] = MappingProxyType(WORDS.table("status", STATUSES))
LANES: tuple[tuple[str, str], ...] = WORDS.pairs("lane", LANE_KEYS)
CHANNEL_GROUPS: tuple[tuple[str, str], ...] = WORDS.pairs("channel-group", CHANNEL_GROUP_KEYS)
ICON_TITLES: Mapping[str, str] = MappingProxyType(
    WORDS.table("icon", (*MOMENTS, "emotion", "aspiration", *(f"priority-{p}" for p in PRIORITIES)))
)


# -- what MkDocs and Material read from a page's meta ---------------------------


@dataclass(frozen=True, slots=True)
class MetaKey:
    """A key of a page's meta that MkDocs, Material or a common plugin gives meaning to."""

    name: str
    reader: str
    """Who reads it: ``mkdocs``, ``material`` or a plugin's name."""
    use: str
    """How it is used, which decides how its value must be checked and escaped:
    ``text`` (printed as HTML: read as text, escaped), ``value`` (YAML's usual
    meaning, text escaped), ``name`` (a class, file or icon name: words only),
    ``link`` (a URL: safe schemes only), ``flags`` (the theme's own words and
    booleans)."""


PAGE_META: tuple[MetaKey, ...] = (
    MetaKey("title", "mkdocs", "text"),
    MetaKey("description", "material", "text"),
    MetaKey("tags", "material", "text"),
    MetaKey("hide", "material", "flags"),
    MetaKey("template", "mkdocs", "name"),
    MetaKey("status", "material", "name"),
    MetaKey("search", "material", "flags"),
    MetaKey("icon", "material", "name"),
    MetaKey("subtitle", "material", "value"),
    MetaKey("comments", "material", "flags"),
    MetaKey("social", "material", "flags"),
    MetaKey("robots", "material", "value"),
    MetaKey("authors", "blog", "value"),
    MetaKey("location", "material", "link"),
)
"""Every meta key MkDocs, Material or a common plugin reads, with how it is read.

Order matters to nothing but the schema, which lists them in this order."""


def meta_keys(use: str | None = None) -> tuple[str, ...]:
    """Names of :data:`PAGE_META` keys, all or those with the given ``use``."""
    return tuple(k.name for k in PAGE_META if use is None or k.use == use)


TEXT_META: tuple[str, ...] = meta_keys("text")
"""Keys read as text: ``title: NO`` stays 'NO', never False."""
NAME_META: tuple[str, ...] = meta_keys("name")
"""Keys used as a name in markup or a path (a class, a template, an icon): words only."""
LINK_META: tuple[str, ...] = meta_keys("link")
"""Keys used as a link (Material's redirect page): safe schemes only."""
MAP_PAGE_META: tuple[str, ...] = tuple(k.name for k in PAGE_META if k.use != "link")
"""Keys a persona or journey page hands on to MkDocs (its other keys are the format's)."""

META_TITLE = "title"
META_HIDE = "hide"
META_SEARCH = "search"
META_TEMPLATE = "template"

HIDE_TOC: tuple[str, ...] = ("toc",)
"""``hide:`` for pages that need the width (maps, generated views)."""
SEARCH_EXCLUDED: Mapping[str, bool] = MappingProxyType({"exclude": True})
"""``search:`` for pages whose text the search index has already."""
