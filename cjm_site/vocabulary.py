"""The words the site shows for the format's own values, in one catalogue.

Every word the site shows to readers (the format's values: kinds, evidence,
moments, priorities, statuses, lanes, channel groups; and every word of the
templates, the views, the drawing and the CSV header) is a key in
:data:`ENGLISH`, looked up through a :class:`Vocabulary`. Keys are
``group.value`` (``status.in-progress``), so a value from a page finds its
label without a table per group; ``key.one`` / ``key.other`` are the plural
forms of a count, picked by the language's rules, and ``{name}`` placeholders
are filled in by :meth:`Vocabulary.text`.

A translation is a gettext catalogue with the same keys
(``cjm_site/locale/<language>/LC_MESSAGES/cjm.po``), read by
:mod:`cjm_site.i18n`, which also lays the site's ``labels:`` over it. The build
makes its site's vocabulary the current one (:func:`set_current`,
:func:`speaking`); templates get it as ``t()`` and ``tn()``, drawing code
through :func:`text`, :func:`plural` and the tables below, which read the
current vocabulary whenever they are read. Outside a build it is English.

This module also declares what MkDocs and Material read from a page's meta
(:data:`PAGE_META`), the one list of those keys the code consults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import overload

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
        # Opportunities' links out to the delivery tracker (map cards, table, backlog).
        "ticket.label": "Ticket",
        # Several personas on one map, phases and hypotheses (issue 14).
        "legend.persona-curve": "{name} ({chip}): emotion curve and faces",
        "legend.hatch": "Hatched: a hypothesis, what the team assumes, not yet researched",
        "map.hypothesis": "Hypothesis: not yet backed by research. Hatched areas are assumptions.",
        "page.hypothesis-title": "Hypothesis",
        "page.hypothesis-note": (
            "This map sets out what the team assumes, not what research has shown. "
            "Its lanes are hatched on the map, in the download and in print."
        ),
        # The map's legend (the other entries' words are still in cjm_site/svg/place.py).
        # Links under a map to its files (the plugin's downloads).
        "download.svg": "Download the map (SVG)",
        "download.png": "Download as a picture (PNG)",
        "download.pdf": "Download for print (PDF)",
        "download.title": "Take the map with you",
        # -- words on pages, maps and files (the UI); ``.one`` / ``.other`` are
        # plural forms picked by the language's rules, ``{n}`` the count.
        "catalogue.title": "Map catalogue",
        "view.heatmap.title": "Spine heat-map",
        "view.heatmap.description": (
            "How customers feel at each stage of the organisation's spine, map by map: "
            "the mean emotion of each map's stages in that phase, with its pains and "
            "moments of truth."
        ),
        "view.heatmap.link": "Spine heat-map",
        "view.backlog.title": "Opportunity backlog",
        "view.backlog.description": (
            "Every opportunity of every map: who owns it, where it stands and when it is due; "
            "and the pains that no opportunity addresses yet."
        ),
        "view.backlog.page-title": "Opportunity backlog, page {n}",
        "view.backlog.page-description": "Opportunities {first} to {last} of {total}.",
        "view.backlog.link": "Backlog",
        "view.channels.title": "Channels",
        "view.channels.description": (
            "Which channels carry the touchpoints of all maps at each stage of the spine, "
            "online and offline, with the pains and moments of truth on each channel."
        ),
        "view.channels.link": "Channels",
        "view.owners.title": "Owners",
        "view.owners.description": (
            "Every team named as the owner of a map, a touchpoint or an opportunity, "
            "with what it owns."
        ),
        "view.owner.description": (
            "The maps this team owns, and the touchpoints and opportunities "
            "assigned to it on any map."
        ),
        "view.owner.link": "Owner: {name}",
        "view.reviews.title": "Maps due for review",
        "view.reviews.description.one": (
            "Maps whose review date has passed or falls within {n} day, "
            "and maps that still rest on a hypothesis."
        ),
        "view.reviews.description.other": (
            "Maps whose review date has passed or falls within {n} days, "
            "and maps that still rest on a hypothesis."
        ),
        "view.reviews.link": "Reviews",
        "view.comparisons.title": "Map comparisons",
        "view.comparisons.description": (
            "Maps set side by side: each future-state map against the current state it "
            "improves, and the maps that name each other under compare."
        ),
        "view.comparison.title": "{a} vs {b}",
        "view.comparison.link": "Compare with {title}",
        # Counts.
        "count.stages.one": "{n} stage",
        "count.stages.other": "{n} stages",
        "count.maps.one": "{n} map",
        "count.maps.other": "{n} maps",
        "count.journey-maps.one": "{n} journey map",
        "count.journey-maps.other": "{n} journey maps",
        "count.pains.one": "{n} pain",
        "count.pains.other": "{n} pains",
        "count.pain-points.one": "{n} pain point",
        "count.pain-points.other": "{n} pain points",
        "count.moments-of-truth.one": "{n} moment of truth",
        "count.moments-of-truth.other": "{n} moments of truth",
        "count.moments-of-truth-word.one": "moment of truth",
        "count.moments-of-truth-word.other": "moments of truth",
        "count.opportunities.one": "{n} opportunity",
        "count.opportunities.other": "{n} opportunities",
        "count.touchpoints.one": "{n} touchpoint",
        "count.touchpoints.other": "{n} touchpoints",
        "count.open.one": "{n} open",
        "count.open.other": "{n} open",
        "count.overdue.one": "{n} overdue",
        "count.overdue.other": "{n} overdue",
        "count.days-overdue.one": "{n} day overdue",
        "count.days-overdue.other": "{n} days overdue",
        "count.in-days.one": "in {n} day",
        "count.in-days.other": "in {n} days",
        # Words many pages share.
        "common.all": "All",
        "common.average-emotion": "Average emotion",
        "common.average-emotion-value": "average emotion {value}",
        "common.channel": "Channel",
        "common.clear": "Clear",
        "common.due": "Due",
        "common.emotion": "Emotion",
        "common.evidence": "Evidence",
        "common.kind": "Kind",
        "common.map": "Map",
        "common.maps": "Maps",
        "common.moments": "Moments",
        "common.moments-of-truth": "Moments of truth",
        "common.no-emotion": "no emotion",
        "common.no-maps-yet": "There are no journey maps yet.",
        "common.none": "None",
        "common.on-this-page": "On this page",
        "common.open": "Open",
        "common.opportunities": "Opportunities",
        "common.opportunity": "Opportunity",
        "common.overdue": "Overdue",
        "common.owner": "Owner",
        "common.pain": "Pain",
        "common.pain-points": "Pain points",
        "common.pains": "Pains",
        "common.persona": "Persona",
        "common.personas": "Personas",
        "common.priority": "Priority",
        "common.quoted": "“{text}”",
        "common.review-by": "Review by",
        "common.search": "Search",
        "common.showing": "Showing {shown} of {total}",
        "common.stage": "Stage",
        "common.stages": "Stages",
        "common.status": "Status",
        "common.tag": "Tag",
        "common.today": "today",
        "common.touchpoint": "Touchpoint",
        "common.touchpoints": "Touchpoints",
        "common.updated": "Updated",
        "review.badge-overdue": "due for review",
        "review.badge-soon": "review soon",
        # A journey page.
        "journey.aim": "aim: {value}",
        "journey.aim-note": "(aim {value})",
        "journey.due": "due {date}",
        "journey.review-overdue-title": "Due for review",
        "journey.review-overdue.one": "This map was to be reviewed by {date}, {n} day ago.",
        "journey.review-overdue.other": "This map was to be reviewed by {date}, {n} days ago.",
        "journey.review-overdue-owner": (
            "It may no longer match what customers experience: {owner} owns it."
        ),
        "journey.review-overdue-plain": "It may no longer match what customers experience.",
        "journey.review-soon-title": "Review coming up",
        "journey.review-soon.one": "This map is due for review by {date}, in {n} day.",
        "journey.review-soon.other": "This map is due for review by {date}, in {n} days.",
        "journey.scenario": "Scenario",
        "journey.customer-goal": "Customer goal",
        "journey.expectations": "Expectations",
        "journey.views-label": "This map in the organisation-wide views",
        "journey.in-the-views": "In the views",
        "journey.related-maps": "Related maps",
        "journey.improves": "Improves",
        "journey.improves-note": "(the current state this map sets out to change)",
        "journey.improved-by": "Improved by",
        "journey.improved-by-note": "(future-state maps)",
        "journey.compare-with": "Compare with",
        "journey.stage-by-stage": "Stage by stage",
        "journey.see-full-map": "See the full map",
        "journey.emotion-value": "Emotion {value}",
        "journey.map-view": "Map view",
        "journey.zoom-said": "Zoom {percent}%",
        "journey.fit-width": "Fit to width",
        "journey.actual-size": "Actual size",
        "journey.zoom-out": "Zoom out",
        "journey.zoom-in": "Zoom in",
        "journey.full-screen": "Map alone, full screen",
        "journey.back-to-page": "Back to the page",
        "journey.go-to-stage": "Go to a stage in the map",
        "journey.map-region": "Journey map of {title} (scrolls sideways)",
        "journey.download-svg": "Download the map (SVG)",
        "journey.as-table": "The map as a table",
        "journey.table-caption": "{title}: each stage with its content",
        "journey.sources": "Research behind this map",
        # A persona page.
        "persona.profile-of": "Profile of {name}",
        "persona.portrait-of": "Portrait of {name}",
        "persona.goals": "Goals",
        "persona.needs": "Needs",
        "persona.pains": "Pains",
        "persona.motivations": "Motivations",
        "persona.channels": "Channels",
        "persona.journeys-with": "Journeys with {name}",
        "persona.no-journeys": "No journey features {name} yet.",
        "persona.own-average": "{name}’s average emotion {value}",
        "persona.all-average": "(all personas {value})",
        "comparison.mean-of-personas": "(mean of the personas)",
        "comparison.average-of": "Average, {name}",
        # The catalogue.
        "catalogue.views-label": "Organisation-wide views",
        "catalogue.views": "Views",
        "catalogue.json-note": "(every persona and journey, machine-readable)",
        "catalogue.filter-label": "Filter the maps",
        "catalogue.search-placeholder": "Title, stage, owner…",
        "catalogue.has-errors": "has errors",
        "catalogue.due": "due",
        "catalogue.soon": "soon",
        "catalogue.no-match": "No map matches these filters.",
        # A page that breaks the format.
        "errors.title-journey.one": "This journey page has {n} problem, so its map is not shown",
        "errors.title-journey.other": (
            "This journey page has {n} problems, so its map is not shown"
        ),
        "errors.title-persona.one": (
            "This persona page has {n} problem, so its profile is not shown"
        ),
        "errors.title-persona.other": (
            "This persona page has {n} problems, so its profile is not shown"
        ),
        "errors.title-page.one": "This page has {n} problem, so its front matter is not shown",
        "errors.title-page.other": ("This page has {n} problems, so its front matter is not shown"),
        "errors.fix": "Fix the front matter and build again; {command} fails while any remain.",
        # The spine heat-map.
        "heat.n2": "−1.5 or below: very negative",
        "heat.n1": "−1.5 to −0.5: negative",
        "heat.0": "between −0.5 and +0.5: neutral",
        "heat.p1": "+0.5 to +1.5: positive",
        "heat.p2": "+1.5 or above: very positive",
        "heatmap.no-spine-title": "No spine configured yet",
        "heatmap.no-spine": (
            "A spine is the organisation's standard sequence of stages. Once the site has "
            "one, each map stage that names its {phase} lands in the matching column here. "
            "Add it under the {plugin} plugin in {file}:"
        ),
        "heatmap.no-spine-then": (
            "Then write {example} (etc.) on the stages of each map. Until then every stage "
            "sits in the “{column}” column."
        ),
        "heatmap.legend-title": "How to read a cell",
        "heatmap.legend-text": (
            "The number is the mean emotion (−2 to +2) of the map's stages in that phase. "
            "Below it: how many stages, pains (pain points and touchpoints marked as a pain) "
            "and {mot} (moments of truth). A cell links to the first of its stages on the map."
        ),
        "heatmap.legend-nophase": "“{column}” gathers the stages that name no phase.",
        "heatmap.legend-nophase-spine": (
            "“{column}” gathers the stages that name no phase or one that is not in the spine."
        ),
        "heatmap.mot": "MoT",
        "heatmap.mot-long": "moments of truth",
        "heatmap.scale-label": "Colour scale",
        "heatmap.scale-none": "stages without an emotion",
        "heatmap.scale-empty": "no stage in this phase",
        "heatmap.caption-spine.one": (
            "Mean emotion of {n} map at each spine stage, grouped by owner"
        ),
        "heatmap.caption-spine.other": (
            "Mean emotion of {n} maps at each spine stage, grouped by owner"
        ),
        "heatmap.caption-phase.one": "Mean emotion of {n} map at each phase, grouped by owner",
        "heatmap.caption-phase.other": "Mean emotion of {n} maps at each phase, grouped by owner",
        "heatmap.rated": "({n} rated)",
        "heatmap.no-stages": "no stages",
        # The opportunity backlog.
        "backlog.intro": (
            "{opportunities} on {maps}, and {pains} that no opportunity addresses yet."
        ),
        "backlog.overdue-rule": (
            "An opportunity is overdue when its due date is before today ({today}) "
            "and it is not done."
        ),
        "backlog.by-status-label": "Opportunities by status",
        "backlog.overdue": "overdue",
        "backlog.all": "All opportunities",
        "backlog.by-status": "By status",
        "backlog.by-owner": "By owner",
        "backlog.unaddressed": "Unaddressed pains",
        "backlog.unaddressed-intro": (
            "Pains on stages that have no opportunity yet: the stage's own pains, and its "
            "touchpoints marked as a pain."
        ),
        "backlog.download-csv": "Download as CSV",
        "backlog.download-all-csv": "Download every opportunity as CSV.",
        "backlog.show-more": "Show {n} more",
        "backlog.and-more-status": (
            "And {n} more: filter the table by status, or download the CSV."
        ),
        "backlog.and-more": "And {n} more.",
        "backlog.and-more-owner": "And {n} more: {link}.",
        "backlog.owner-page": "see the owner's page",
        "backlog.none-yet": "No opportunities yet.",
        "backlog.pains-caption": "{pains} on {maps}, in stage order",
        "backlog.touchpoint-pain": "Touchpoint marked as a pain",
        "backlog.pains-cut": (
            "The first {shown} are shown; catalogue.json lists all {total} under {key}."
        ),
        "backlog.all-addressed": "Every stage with a pain has at least one opportunity.",
        "backlog.pager-where": "Opportunities {first}–{last} of {total}:",
        "backlog.pager-label": "Pages of the backlog table",
        "backlog.pager-label-again": "Pages of the backlog table, again",
        "backlog.filter-label": "Filter the opportunities",
        "backlog.search-placeholder": "Opportunity, map, stage…",
        "backlog.any-date": "Any date",
        "backlog.due-within.one": "Due within {n} day",
        "backlog.due-within.other": "Due within {n} days",
        "backlog.caption-page": "Opportunities {first} to {last} of {total}, by map and stage",
        "backlog.caption-all": "Every opportunity, by map and stage",
        "backlog.no-match": "No opportunity matches these filters.",
        "backlog.no-opportunities": (
            "No map lists an opportunity yet. Add them to a stage under {key}."
        ),
        "backlog.continued": "The opportunity backlog's table goes on over {n} pages.",
        "backlog.continued-first": (
            "The opportunity backlog's table goes on over {n} pages; {link} has the summary, "
            "the board by status and owner, and the unaddressed pains."
        ),
        "backlog.first-page": "its first page",
        "backlog.page-heading": "Opportunities {first} to {last}",
        # The backlog's CSV file: the header row and the overdue column.
        "csv.id": "id",
        "csv.map": "map",
        "csv.map_id": "map_id",
        "csv.stage_number": "stage_number",
        "csv.stage": "stage",
        "csv.opportunity": "opportunity",
        "csv.owner": "owner",
        "csv.status": "status",
        "csv.due": "due",
        "csv.overdue": "overdue",
        "csv.ticket": "ticket",
        "csv.link": "link",
        "csv.yes": "yes",
        "csv.no": "no",
        # The channels view.
        "channels.none-configured-title": "No channels configured",
        "channels.none-configured": (
            "Every channel below is a free word written on a touchpoint. To sort channels "
            "into online and offline, list them under the {plugin} plugin in {file}:"
        ),
        "channels.no-spine": (
            "This site has no spine yet ({key} under the {plugin} plugin in {file}), so every "
            "touchpoint counts under “{column}”."
        ),
        "channels.matrix": "Touchpoints by channel and stage",
        "channels.matrix-intro": (
            "Each number is how many touchpoints of all maps use the channel at that stage of "
            "the spine. Open a channel to see the maps that use it."
        ),
        "channels.caption": (
            "Touchpoints per channel and spine stage, with the pains and moments of truth on "
            "each channel"
        ),
        "channels.all-stages": "All stages",
        "channels.unused": "not used by any map",
        "channels.all-channels": "All channels",
        "channels.count-note": (
            "Pains and moments of truth count touchpoints marked {pain} or {truth}; pains "
            "listed on a stage belong to no channel and are not counted here."
        ),
        "channels.no-touchpoints": "No map has touchpoints yet.",
        "channels.per-map": "Channels per map",
        "channels.per-map-caption": (
            "The channels each map's touchpoints use (with the number of touchpoints)"
        ),
        # A comparison of two maps, and the list of them.
        "comparison.role-before": "Current state (before)",
        "comparison.role-after": "Future state (after)",
        "comparison.map-a": "Map A",
        "comparison.map-b": "Map B",
        "comparison.relation-improves": (
            "The future-state map {b} sets out to improve the current-state map {a}: below, "
            "what changes from A to B."
        ),
        "comparison.relation-compare": (
            "These two maps are set side by side with {key}: below, how {b} differs from {a}."
        ),
        "comparison.all": "All comparisons",
        "comparison.emotion-heading": "Emotion along both maps",
        "comparison.chart-label": "Emotion curves of A and B (scrolls sideways when wide)",
        "comparison.chart-key": "A: solid line, round markers. B: dashed line, square markers.",
        "comparison.chart-shared": (
            "Stages both maps have stand one above the other, on the thin vertical lines; the "
            "stages only one map has are spread between them."
        ),
        "comparison.chart-none-shared": (
            "The maps have no stage name in common, so each is spread over the full width."
        ),
        "comparison.shared-heading": "Stages both maps have ({n})",
        "comparison.matched": "Matched by name (ignoring case), in order.",
        "comparison.on-average-better": "On average B feels {delta} than A at these stages.",
        "comparison.on-average-worse": "On average B feels {delta} than A at these stages.",
        "comparison.on-average-same": "On average B and A feel the same at these stages.",
        "comparison.better": "{delta} better",
        "comparison.worse": "{delta} worse",
        "comparison.no-change": "no change",
        "comparison.not-rated": "not rated in both",
        "comparison.deltas-caption": (
            "Emotion at each stage both maps have, and the change from A to B"
        ),
        "comparison.before": "Before",
        "comparison.after": "After",
        "comparison.change": "Change",
        "comparison.no-shared": (
            "The two maps have no stage with the same name, so there is nothing to set stage "
            "against stage. The chart above still shows both curves, each spread over the "
            "full width."
        ),
        "comparison.only-in": "Stages only in {name} ({n})",
        "comparison.none-only": "None: every stage of {name} is in the other map too.",
        "comparison.pains-intro": (
            "Pains listed on the stages of each map, matched by their text (ignoring case)."
        ),
        "comparison.removed": "Removed by the future map",
        "comparison.new": "New in the future map",
        "comparison.only-a": "Only in A",
        "comparison.only-b": "Only in B",
        "comparison.keeps-every-pain": "The future map keeps every pain of the current state.",
        "comparison.adds-no-pain": "The future map adds no new pain.",
        "comparison.a-no-extra": "A lists no pain that B does not.",
        "comparison.b-no-extra": "B lists no pain that A does not.",
        "comparison.shared-pains.one": "{n} pain is in both maps",
        "comparison.shared-pains.other": "{n} pains are in both maps",
        "comparisons.caption.one": ("{n} pair of maps: A is the current state where B improves it"),
        "comparisons.caption.other": (
            "{n} pairs of maps: A is the current state where B improves it"
        ),
        "comparisons.comparison": "Comparison",
        "comparisons.relation": "Relation",
        "comparisons.shared-stages": "Shared stages",
        "comparisons.mean-change": "Mean change",
        "comparisons.pains-only-a": "Pains only in A",
        "comparisons.pains-only-b": "Pains only in B",
        "comparisons.improves": "B improves A",
        "comparisons.compared": "Compared",
        "comparisons.note": (
            "Mean change: the average difference B − A in emotion over the stages both maps "
            "have (−4 to +4). For a future-state map, pains only in A are those it removes "
            "and pains only in B are new."
        ),
        "comparisons.none": (
            "No maps are set side by side yet. A future-state map names the current state it "
            "improves with {improves}; any two maps can be compared with {compare} on either "
            "of them."
        ),
        # An owner's page and the owners index.
        "owner-page.maps-owned": "Maps owned",
        "owner-page.none-overdue": "none",
        "owner-page.spellings": "Written on the maps as {names}.",
        "owner-page.related-views": "Related views",
        "owner-page.all-owners": "All owners",
        "owner-page.in-backlog": "This team’s opportunities in the backlog",
        "owner-page.maps": "Maps ({n})",
        "owner-page.opportunities": "Opportunities ({n})",
        "owner-page.opportunities-caption": "Open ones first, then by due date",
        "owner-page.touchpoints": "Touchpoints ({n})",
        "owner-page.touchpoints-caption": "In map and stage order",
        "owners.intro.one": "{n} team owns maps, touchpoints or opportunities.",
        "owners.intro.other": "{n} teams own maps, touchpoints or opportunities.",
        "owners.see-also": "See also the {link}.",
        "owners.backlog-link": "opportunity backlog",
        "owners.caption": "Each team and what it owns, by name",
        "owners.none": (
            "No map, touchpoint or opportunity names an owner yet. Add {key} to a journey, "
            "a touchpoint or an opportunity."
        ),
        "owners.unowned": "Without an owner",
        "owners.unowned-maps.one": "{n} map has no owner:",
        "owners.unowned-maps.other": "{n} maps have no owner:",
        "owners.unowned-touchpoints.one": "{n} touchpoint has no owner.",
        "owners.unowned-touchpoints.other": "{n} touchpoints have no owner.",
        "owners.unowned-opportunities.one": "{n} opportunity has no owner.",
        "owners.unowned-opportunities.other": "{n} opportunities have no owner.",
        "owners.see-in-backlog": "See them in the backlog.",
        # Maps due for review.
        "reviews.today": "Today is {today}.",
        "reviews.rule.one": (
            "A map is due once its {key} date has passed; it shows as coming up {n} day before."
        ),
        "reviews.rule.other": (
            "A map is due once its {key} date has passed; it shows as coming up {n} days before."
        ),
        "reviews.due-heading": "Due or coming up ({n})",
        "reviews.none-due": "No map is due for review.",
        "reviews.hypotheses-heading": "Still a hypothesis ({n})",
        "reviews.hypotheses-intro": (
            "These maps are not yet backed by research: worth validating before decisions rest "
            "on them."
        ),
        "reviews.review-by": "review by {date}",
        "reviews.all-researched": "Every map rests on research.",
        # Words drawn on the map (SVG), and its description for screen readers.
        "map.personas.one": "Persona: {names}",
        "map.personas.other": "Personas: {names}",
        "map.owner": "Owner: {owner}",
        "map.evidence": "Evidence: {evidence}",
        "map.updated": "Updated {date}",
        "map.due": "Due {date}",
        "export.updated": "Updated: {date}",
        "export.review-by": "Review by: {date}",
        "export.part": "Page {n} of {pages} · stages {first}–{last} of {count}",
        "export.lanes": "lanes {start} to {end}",
        "map.stage-number": "Stage {n}",
        "map.legend": "Legend",
        "map.legend-priority": "Priority: 1 bar low, 2 medium, 3 high",
        "map.legend-status": "Opportunity status pill: {statuses} (filled)",
        "map.legend-backstage": "Dashed card: backstage, not seen by the customer",
        "map.legend-emotion": "Emotion, from −2 (very negative) to +2 (very positive)",
        "map.legend-aspiration": "Aspiration: the feeling we aim for",
        "map.line-of-visibility": "Line of visibility",
        "map.face-title": "{stage}: {feeling}emotion {value}",
        "map.aspiration-title": "{stage}: aspiration {value}{note}",
        "map.as-felt": ", as felt",
        "describe.intro": "{kind} map in {stages}: {stage_names}.",
        "describe.intro-personas.one": (
            "{kind} map for persona {names} in {stages}: {stage_names}."
        ),
        "describe.intro-personas.other": (
            "{kind} map for {n} personas {names} in {stages}: {stage_names}."
        ),
        "describe.flat": "Emotion stays at {value} on the scale −2 to +2.",
        "describe.range": (
            "On the emotion scale from −2 to +2 the lowest point is {low} and the highest {high}."
        ),
        "describe.aims.one": "At {n} stage the feeling aimed for is above the current one.",
        "describe.aims.other": "At {n} stages the feeling aimed for is above the current one.",
        "describe.shows": "It shows {items}.",
        "describe.per-persona": (
            "Each persona has an emotion curve of their own, told apart by line and marker:"
        ),
        "describe.persona-curve": "{name} ({chip}, {marker} markers): {values}.",
        "describe.no-values": "no values",
        "marker.circle": "circle",
        "marker.square": "square",
        "marker.triangle": "triangle",
        "marker.diamond": "diamond",
        "marker.cross": "cross",
        "marker.bar": "bar",
        "describe.frontstage": (
            "Frontstage actions of staff are listed below the line of interaction."
        ),
        "describe.support": "Support processes are listed below the line of internal interaction.",
        "describe.storyboard.one": "A storyboard shows {n} picture; the table lists it.",
        "describe.storyboard.other": "A storyboard shows {n} pictures; the table lists them.",
        "describe.backstage": "Backstage activities are listed below the line of visibility.",
        "chart.title": "Emotion curves: {a} (A) and {b} (B)",
        "chart.scale": "Emotion of each stage on a scale from −2 to +2.",
        "chart.curve-a": "A, {title} (solid line, round markers): {values}.",
        "chart.curve-b": "B, {title} (dashed line, square markers): {values}.",
        "chart.shared": "Stages both maps have are drawn one above the other: {names}.",
        "chart.axis": "emotion",
        "sparkline.label": "Emotion along {title}",
        "sparkline.persona-label": "Emotion of {name} along {title}",
        "sparkline.none": "none",
        "sparkline.empty": "no emotion values",
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
    """Looks labels up in one catalogue (English unless another is given).

    ``texts`` is a language's catalogue (a ``.po`` file read by
    :mod:`cjm_site.i18n`), ``overrides`` the site's ``labels:`` setting, which
    wins in every language. A key missing from both falls back to English.
    Dates and numbers are written the way ``language`` writes them.
    """

    __slots__ = ("_overrides", "_texts", "language", "plural_language", "rtl")

    def __init__(
        self,
        texts: Mapping[str, str] = ENGLISH,
        language: str = "en",
        overrides: Mapping[str, str] | None = None,
        plural_language: str | None = None,
        rtl: bool = False,
    ) -> None:
        self._texts = texts
        self._overrides: Mapping[str, str] = overrides or {}
        self.language = language
        """The site's language (``de``, ``pt_BR``), as Babel names it."""
        self.plural_language = plural_language or language
        """Whose plural rules pick ``.one`` or ``.other`` (the catalogue's language)."""
        self.rtl = rtl
        """Whether the site's language is written right to left."""

    def _get(self, key: str) -> str | None:
        text = self._overrides.get(key)
        if text is None:
            text = self._texts.get(key) or ENGLISH.get(key)
        return text

    def label(self, key: str) -> str:
        """The text of a label key; a key missing from a translation falls back to English."""
        text = self._get(key)
        if text is None:
            text = ENGLISH[key]
        return text

    def text(self, key: str, /, **values: object) -> str:
        """The label with its ``{placeholders}`` filled in (plain text, not escaped)."""
        return self.label(key).format_map(values) if values else self.label(key)

    def plural_key(self, key: str, count: int) -> str:
        """``key.one``, ``key.other`` (or another of the language's forms) for ``count``."""
        form = _plural_form(self.plural_language, count)
        for candidate in (f"{key}.{form}", f"{key}.other"):
            if self._get(candidate) is not None:
                return candidate
        return f"{key}.other"

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """The form of ``key`` for ``count``; ``{n}`` is the count written in the language."""
        return self.text(self.plural_key(key, count), n=self.number(count), **values)

    def number(self, value: float) -> str:
        """A count or a decimal as the language writes it (``1.234`` in German)."""
        if self.language == "en":
            return f"{value:,}" if isinstance(value, int) else str(value)
        from babel.numbers import format_decimal  # only non-English sites pay for it

        return str(format_decimal(value, locale=self.language))

    def decimal_sign(self) -> str:
        """The decimal separator of the language ("," in German)."""
        if self.language == "en":
            return "."
        from babel.numbers import get_decimal_symbol

        return str(get_decimal_symbol(self.language))

    def date(self, value: dt.date) -> str:
        """A date as the language writes it; English sites keep ISO 8601 (2026-11-28)."""
        if self.language == "en":
            return value.isoformat()
        from babel.dates import format_date

        return str(format_date(value, "medium", locale=self.language))

    def of(self, group: str, value: str | None, default: str | None = None) -> str:
        """The label of a value of the format (``of("kind", "future-state")``).

        A value without a label (a free word, or None) is shown as written, or
        as ``default`` when given.
        """
        if value is not None:
            text = self._get(f"{group}.{value}")
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


@lru_cache(maxsize=64)
def _plural_form(language: str, count: int) -> str:
    if language == "en":
        return "one" if count == 1 else "other"
    from babel import Locale

    return str(Locale.parse(language).plural_form(count))


WORDS = Vocabulary()
"""The English vocabulary (read-only, as :data:`ENGLISH` is)."""

_ACTIVE: ContextVar[Vocabulary] = ContextVar("cjm_vocabulary", default=WORDS)


def current() -> Vocabulary:
    """The vocabulary of the site being built (English outside a build)."""
    return _ACTIVE.get()


def set_current(words: Vocabulary) -> None:
    """Make ``words`` the vocabulary of what is drawn and rendered from now on
    (the build sets it from the site's language, and sets English back at its end)."""
    _ACTIVE.set(words)


@contextmanager
def speaking(words: Vocabulary) -> Iterator[Vocabulary]:
    """``with speaking(words):`` draw and render in that vocabulary, then go back."""
    token = _ACTIVE.set(words)
    try:
        yield words
    finally:
        _ACTIVE.reset(token)


def label(key: str) -> str:
    """The text of a label key in the current vocabulary."""
    return current().label(key)


def text(key: str, /, **values: object) -> str:
    """The label in the current vocabulary with its placeholders filled in."""
    return current().text(key, **values)


def plural(key: str, count: int, /, **values: object) -> str:
    """The form of ``key`` for ``count`` in the current vocabulary."""
    return current().plural(key, count, **values)


class _Table(Mapping[str, str]):
    """``{value: label}`` of a group, in the vocabulary current when it is read."""

    def __init__(self, group: str, values: Iterable[str]) -> None:
        self._group = group
        self._values = tuple(values)

    def __getitem__(self, value: str) -> str:
        if value not in self._values:
            raise KeyError(value)
        return current().of(self._group, value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._group!r}, {dict(self)!r})"


class _Pairs(Sequence[tuple[str, str]]):
    """``((value, label), ...)`` of a group, in the vocabulary current when it is read."""

    def __init__(self, group: str, values: Iterable[str]) -> None:
        self._group = group
        self._values = tuple(values)

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, str] | Sequence[tuple[str, str]]:
        words = current()
        if isinstance(index, slice):
            return tuple((v, words.of(self._group, v)) for v in self._values[index])
        value = self._values[index]
        return (value, words.of(self._group, value))

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._group!r}, {tuple(self)!r})"


# Tables in the shapes the modules that used to keep their own copy expect; each
# is read in the current vocabulary, so the drawing speaks the site's language.
KIND_LABELS: Mapping[str, str] = _Table("kind", KINDS)
EVIDENCE_LABELS: Mapping[str, str] = _Table("evidence", EVIDENCE)
MOMENT_LABELS: Mapping[str, str] = _Table("moment", MOMENTS)
PRIORITY_LABELS: Mapping[str, str] = _Table("priority", PRIORITIES)
STATUS_LABELS: Mapping[str, str] = _Table("status", STATUSES)
LANES: Sequence[tuple[str, str]] = _Pairs("lane", LANE_KEYS)
CHANNEL_GROUPS: Sequence[tuple[str, str]] = _Pairs("channel-group", CHANNEL_GROUP_KEYS)
ICON_TITLES: Mapping[str, str] = _Table(
    "icon", (*MOMENTS, "emotion", "aspiration", *(f"priority-{p}" for p in PRIORITIES))
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
