"""HTML fragments for journey, persona and catalogue pages, rendered from templates.

Templates live in the theme folder (``cjm/*.html``) and are looked up through
the site's theme folders, so a site's ``custom_dir`` can override any of them.
The environment autoescapes everything; the only markup passed in unescaped is
SVG this package drew itself.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote

import jinja2
import jinja2.bccache
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from cjm_site.catalogue import review_of
from cjm_site.escaping import is_external, safe_url
from cjm_site.lanes import lanes_of
from cjm_site.linking import Site
from cjm_site.links_out import link_out
from cjm_site.model import Finding, Image, Journey, Persona, Settings, Stage
from cjm_site.svg.pieces import small_face
from cjm_site.svg.storyboard import picture_path
from cjm_site.views.html import esc
from cjm_site.vocabulary import EVIDENCE_LABELS as EVIDENCE_LABELS  # re-exported
from cjm_site.vocabulary import KIND_LABELS, LANES, Vocabulary, current
from cjm_site.voices import persona_average, persona_sparkline_key, table_voices

TABLE_LANES = LANES
"""The table under a map has the map's lanes, in the same order (with the site's own
lanes, :func:`cjm_site.lanes.map_lanes`)."""


def lanes_with_content(journey: Journey, settings: Settings | None = None) -> list[tuple[str, str]]:
    """The lanes (key, label) that at least one stage of the map fills, as the map orders them."""
    return [(lane.key, lane.label) for lane in lanes_of(journey, settings)]


def _markup(text: str, values: dict[str, Any]) -> Markup:
    """A label as markup: its own text escaped, values escaped unless already markup."""
    return Markup(escape(text)).format(**values) if values else Markup(escape(text))


def add_words(env: jinja2.Environment, words: Vocabulary) -> None:
    """Give templates the site's words: ``t('key', name=value)`` and
    ``tn('key', count)`` (``key.one`` / ``key.other`` by the language's plural rules),
    and filters for labels, dates (``|date``) and numbers (``|number``)."""

    def t(key: str, /, **values: Any) -> Markup:
        return _markup(words.label(key), values)

    def tn(key: str, count: int, /, **values: Any) -> Markup:
        return _markup(
            words.label(words.plural_key(key, count)), {"n": words.number(count), **values}
        )

    env.globals["t"] = t
    env.globals["code"] = lambda text: Markup("<code>{}</code>").format(text)
    env.globals["strong"] = lambda text: Markup("<strong>{}</strong>").format(text)
    env.globals["abbr"] = lambda short, long: Markup('<abbr title="{}">{}</abbr>').format(
        long, short
    )
    env.globals["link_to"] = lambda href, text: Markup('<a href="{}">{}</a>').format(href, text)
    env.globals["tn"] = tn
    env.globals["words"] = words
    env.globals["lang_dir"] = "rtl" if words.rtl else "ltr"
    env.filters["kind_label"] = lambda kind: words.of("kind", kind)
    env.filters["evidence_label"] = lambda level: words.of("evidence", level)
    env.filters["status_label"] = lambda status: words.of("status", status)
    env.filters["priority_label"] = lambda priority: words.of("priority", priority)
    env.filters["moment_label"] = lambda moment: words.of("moment", moment)
    env.filters["date"] = words.date
    env.filters["number"] = words.number


class Linker(Protocol):
    """How the host turns docs paths into links relative to the page being rendered."""

    def page(self, path: str) -> str | None:
        """Link to the page built from the Markdown file at ``path`` (docs-relative)."""

    def file(self, path: str) -> str | None:
        """Link to any other file of the site at ``path`` (docs-relative)."""


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept in a folder of the build cache: compiling the
    plugin's templates costs a build about 0.4 s. Jinja checks each entry against
    its template's source; a folder that cannot be written is no error."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def environment(
    search_path: Sequence[str],
    words: Vocabulary | None = None,
    compiled: Path | None = None,
) -> jinja2.Environment:
    """A Jinja environment over the theme folders, autoescaping every template,
    speaking ``words`` (the current vocabulary when not given), keeping compiled
    templates in the folder ``compiled`` when given."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
    )
    env.filters["emotion"] = format_emotion
    add_words(env, words or current())
    env.globals["opportunity_link"] = link_out
    return env


def format_emotion(value: float | None) -> str:
    """An emotion as a signed number without a needless ``.0``."""
    if value is None:
        return "–"
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    if text in ("+0", "-0"):
        return "0"
    return text.replace("-", "−").replace(".", current().decimal_sign())


def resolve_relative(page_path: str, target: str) -> str | None:
    """The docs path of ``target`` as written on the page at ``page_path``.

    None when the path leaves the docs folder.
    """
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


@dataclass(frozen=True)
class LinkTo:
    """A link for a template: the text and where it goes (None: show text only)."""

    text: str
    href: str | None = None
    external: bool = False


def _source_link(url: str | None, title: str, page_path: str, linker: Linker) -> LinkTo:
    """A source's link: external as written; relative ones are docs paths from the
    page's file, so they go through the linker (``../research/x.md`` from
    ``journeys/a.md`` is the page ``research/x/``). A file that is not part of
    the site gets no link rather than a broken one."""
    if url is None or safe_url(url) is None:
        return LinkTo(title)
    url = url.strip()
    if is_external(url):
        return LinkTo(title, url, True)
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if not path:
        return LinkTo(title, url)  # '#stage-2': a place on this page
    target = resolve_relative(page_path, unquote(path))
    if target is None:
        return LinkTo(title)
    href = linker.page(target) if target.endswith(".md") else linker.file(target)
    return LinkTo(title, href + rest) if href is not None else LinkTo(title)


def _journey_link(journey: Journey, linker: Linker) -> LinkTo:
    return LinkTo(journey.title, linker.page(journey.path))


def persona_image(persona: Persona, linker: Linker) -> str | None:
    if persona.image is None:
        return None
    if is_external(persona.image):
        return safe_url(persona.image)
    target = resolve_relative(persona.path, persona.image)
    return linker.file(target) if target else None


def stage_faces(journey: Journey) -> dict[int, Markup]:
    """A small face per stage with an emotion, for the stacked stage cards."""
    return {
        index: Markup(small_face(stage.emotion))  # drawn here; no author text inside
        for index, stage in enumerate(journey.stages)
        if stage.emotion is not None
    }


class OncePerStage:
    """For templates: a macro's output per (stage, key), made once and reused.

    The stage cards and the table under a map show the same cells; rendering
    each once halves the template's work. One per block: it keeps the stages' ids.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[int, str], Markup] = {}
        self._stages: list[Stage] = []  # held, so no id is reused while a key lives

    def stable_text(self) -> str:
        """For a cache key (``cjm_site.cache.stable_text``): a fresh memo holds nothing."""
        return "OncePerStage()"

    def __call__(self, macro: Any, stage: Stage, key: str) -> Markup:
        made = self._made.get((id(stage), key))
        if made is None:
            self._stages.append(stage)
            made = self._made[(id(stage), key)] = Markup(macro(stage, key))
        return made


class StageCells:
    """For templates: each stage's cell of the table under the map (and of the stage
    cards), as the ``cell`` macro of ``cjm/journey.html`` writes it, made in Python once
    per block, when first asked for. ``cells[i]`` is stage ``i``'s cells by lane key;
    ``cells.stack(i)`` the (key, label, cell) of the lanes its card shows;
    ``cells.table_row(i)`` and ``cells.stack_html(i)`` the same as the HTML
    ``cjm/journey.html`` puts in the table's row and in the card's ``dl``.

    Everything it is made from (the journey, the settings, the page's links, the
    personas' names) is in the block's context too, so it keys as a constant.
    """

    def __init__(
        self,
        journey: Journey,
        settings: Settings,
        lanes: Sequence[tuple[str, str]],
        voices_of: Any,
        picture_href: Any,
    ) -> None:
        self._journey = journey
        self._settings = settings
        self._lanes = lanes
        self._voices_of = voices_of
        self._picture_href = picture_href
        self._rows: list[dict[str, str]] | None = None
        """Each stage's cells by lane key, as HTML."""
        self._said: dict[Any, Markup] = {}
        self._shown: list[tuple[str, str, str]] | None = None

    def stable_text(self) -> str:
        """For a cache key (``cjm_site.cache.stable_text``): made from the rest of the context."""
        return "StageCells()"

    def _made(self) -> list[dict[str, str]]:
        if self._rows is None:
            words = current()
            self._rows = [
                {key: self._cell(stage, key, words) for key, _ in self._lanes}
                for stage in self._journey.stages
            ]
        return self._rows

    def __getitem__(self, index: int) -> dict[str, Markup]:
        return {key: Markup(cell) for key, cell in self._made()[index].items()}

    def __len__(self) -> int:
        return len(self._journey.stages)

    def _stacked(self, index: int) -> list[tuple[str, str, str]]:
        stage = self._journey.stages[index]
        row = self._made()[index]
        return [
            (key, label, row[key])
            for key, label in self._lanes
            if key != "emotion" and stage.value(key)
        ]

    def stack(self, index: int) -> list[tuple[str, str, Markup]]:
        """The lanes stage ``index``'s card shows (those it fills, but the emotion)."""
        return [(key, label, Markup(cell)) for key, label, cell in self._stacked(index)]

    def _shown_lanes(self) -> list[tuple[str, str, str]]:
        """Each lane's key, and its key and label escaped for HTML."""
        if self._shown is None:
            self._shown = [(key, esc(key), esc(label)) for key, label in self._lanes]
        return self._shown

    def table_row(self, index: int) -> Markup:
        """Stage ``index``'s cells in the table under the map, one ``td`` a lane."""
        row = self._made()[index]
        return Markup(
            "\n        ".join(
                f'<td data-label="{label}">\n        {row[key]}\n        </td>'
                for key, _, label in self._shown_lanes()
            )
        )

    def stack_html(self, index: int) -> Markup:
        """The lanes stage ``index``'s card shows, one ``div`` of a ``dt`` and ``dd`` each."""
        stage = self._journey.stages[index]
        row = self._made()[index]
        return Markup(
            "\n        ".join(
                f'<div class="cjm-stack__lane cjm-stack__lane--{shown_key}">'
                f"<dt>{label}</dt><dd>{row[key]}</dd></div>"
                for key, shown_key, label in self._shown_lanes()
                if key != "emotion" and stage.value(key)
            )
        )

    def feeling(self, index: int) -> Markup:
        """What the card of stage ``index`` says of its emotion: the value, the
        feeling, the aim (the words beside its face)."""
        stage = self._journey.stages[index]
        words = current()
        parts = []
        if stage.emotion is not None:
            value = format_emotion(stage.emotion)
            parts.append(str(_said(words, "journey.emotion-value", "value", value, self._said)))
            if stage.feeling:
                parts.append(": ")
        if stage.feeling:
            parts.append(f"<em>{esc(stage.feeling)}</em>")
        if stage.aspiration is not None:
            aim = format_emotion(stage.aspiration)
            parts.append(
                f" <small>{_said(words, 'journey.aim-note', 'value', aim, self._said)}</small>"
            )
        return Markup("".join(parts))

    def _cell(self, stage: Stage, key: str, words: Vocabulary) -> str:
        personal = self._voices_of(stage, key)
        if personal:
            items = "".join(
                f'<li><abbr class="cjm-voice" title="{esc(name)}">{esc(chip)}</abbr> '
                f"{esc(text)}</li>"
                for name, chip, text in personal
            )
            return f'<ul class="cjm-voices">{items}</ul>\n'
        if key == "goal":
            return f"{esc(stage.goal or '')}\n"
        if key == "emotion":
            return _emotion_cell(stage, words, self._said)
        if key == "touchpoints":
            return _touchpoints_cell(stage, self._settings, words) if stage.touchpoints else ""
        if key == "opportunities":
            if not stage.opportunities:
                return ""
            return _opportunities_cell(stage, self._settings, words, self._said)
        if key == "metrics":
            if not stage.metrics:
                return ""
            items = "".join(f"<li>{esc(n)}: {esc(v)}</li>" for n, v in stage.metrics)
            return f"<ul>{items}</ul>"
        if key == "images":
            return self._images_cell(stage) if stage.images else ""
        value = stage.value(key)
        if isinstance(value, str):
            return str(esc(value))
        if value:
            items = "".join(f"<li>{esc(item)}</li>" for item in value)  # type: ignore[attr-defined]
            return f"<ul>{items}</ul>"
        return ""

    def _images_cell(self, stage: Stage) -> str:
        parts = ['<ul class="cjm-pictures">']
        for image in stage.images:
            href = self._picture_href(image)
            alt = escape(image.alt)
            parts.append(f'<li><a href="{esc(href)}">{alt}</a>' if href else f"<li>{alt}")
            if image.caption:
                parts.append(f" <small>· {esc(image.caption)}</small>")
            parts.append("</li>")
        parts.append("</ul>")
        return "".join(parts)


def _said(words: Vocabulary, key: str, name: str, value: str, memo: dict[Any, Markup]) -> Markup:
    """``t(key, name=value)``, made once a block (an aim of +2 recurs on a map)."""
    made = memo.get((key, value))
    if made is None:
        made = memo[(key, value)] = _markup(words.label(key), {name: value})
    return made


def _emotion_cell(stage: Stage, words: Vocabulary, memo: dict[Any, Markup]) -> str:
    parts = []
    if stage.emotion is not None:
        parts.append(str(esc(format_emotion(stage.emotion))))
        if stage.feeling:
            parts.append(f" ({esc(stage.feeling)})")
    elif stage.feeling:
        parts.append(str(esc(stage.feeling)))
    if stage.aspiration is not None:
        aim = _said(words, "journey.aim", "value", format_emotion(stage.aspiration), memo)
        parts.append(f"<br><small>{aim}</small>")
    return "".join(parts)


def _touchpoints_cell(stage: Stage, settings: Settings, words: Vocabulary) -> str:
    parts = ["<ul>"]
    for tp in stage.touchpoints:
        parts.append(f"<li>{esc(tp.name)}")
        if tp.channel:
            parts.append(f" <small>· {esc(settings.channel_name(tp.channel))}</small>")
        if tp.owner:
            parts.append(f" <small>· {esc(tp.owner)}</small>")
        if tp.priority:
            parts.append(f" <small>· {esc(words.of('priority', tp.priority))}</small>")
        for m in tp.moments:
            parts.append(
                f' <span class="cjm-moment cjm-moment--{esc(m)}">'
                f"{esc(words.of('moment', m))}</span>"
            )
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def _opportunities_cell(
    stage: Stage, settings: Settings, words: Vocabulary, memo: dict[Any, Markup]
) -> str:
    parts = ["<ul>"]
    for o in stage.opportunities:
        parts.append(f"<li>{esc(o.text)}")
        if o.owner:
            parts.append(f" <small>· {esc(o.owner)}</small>")
        if o.status:
            parts.append(f" <small>· {esc(words.of('status', o.status))}</small>")
        if o.due:
            due = _said(words, "journey.due", "date", words.date(o.due), memo)
            parts.append(f" <small>· {due}</small>")
        out = link_out(o, settings.ticket_url)
        if out:
            text = escape(out.text)
            shown = (
                f'<a class="cjm-link-out" href="{esc(out.href)}" rel="noopener">{text}</a>'
                if out.href
                else text
            )
            parts.append(f" <small>· {shown}</small>")
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


def _stage_words(stage: Stage, settings: Settings) -> list[str]:
    """What a reader may search for on one stage, each text once."""
    words = [stage.name]
    if stage.phase:
        words.append(settings.spine_name(stage.phase) or stage.phase)
    if stage.goal:
        words.append(stage.goal)
    if stage.feeling:
        words.append(stage.feeling)
    words += stage.actions
    for touchpoint in stage.touchpoints:
        words.append(touchpoint.name)
        if touchpoint.channel:
            words.append(settings.channel_name(touchpoint.channel) or touchpoint.channel)
        if touchpoint.owner:
            words.append(touchpoint.owner)
    words += stage.thoughts
    words += stage.pains
    for opportunity in stage.opportunities:
        words.append(opportunity.text)
        if opportunity.owner:
            words.append(opportunity.owner)
    words += (f"{name}: {value}" for name, value in stage.metrics)
    words += stage.backstage
    words += stage.frontstage
    words += stage.support
    words += stage.physical_evidence
    for image in stage.images:
        words.append(image.alt)
        if image.caption:
            words.append(image.caption)
    for _, value in stage.lanes:
        words += [value] if isinstance(value, str) else value
    # A feeling given per persona has no summary of its own (thoughts and actions do).
    words += (v.value for v in stage.voices if v.field == "feeling" and isinstance(v.value, str))
    return words


def stage_search_text(journey: Journey, settings: Settings) -> Markup:
    """Each stage's text once, for the search index only: the page the reader gets
    has the stage cards and the table in its place (see ``cjm_mkdocs.pages``), which
    hold the same text two more times in hundreds of elements."""
    return Markup("").join(
        Markup("<p>{}</p>").format(" · ".join(_stage_words(stage, settings)))
        for stage in journey.stages
    )


def journey_context(
    journey: Journey,
    site: Site,
    settings: Settings,
    linker: Linker,
    *,
    svg: str,
    svg_href: str | None,
    soon_days: int,
) -> dict[str, Any]:
    personas = [
        {
            "persona": p,
            "link": LinkTo(p.name, linker.page(p.path)),
            "image": persona_image(p, linker),
        }
        for p in site.personas_of(journey)
    ]
    improves = site.improves(journey)
    table_lanes = lanes_with_content(journey, settings)
    voices_of = table_voices(journey, [p.name for p in site.personas_of(journey)])

    def picture_href(image: Image) -> str | None:
        return linker.file(picture_path(journey, image))

    return {
        "journey": journey,
        "settings": settings,
        "personas": personas,
        "review": review_of(journey, settings.today, soon_days),
        "sources": [_source_link(s.url, s.title, journey.path, linker) for s in journey.sources],
        "improves": _journey_link(improves, linker) if improves else None,
        "improved_by": [_journey_link(j, linker) for j in site.improved_by(journey.id)],
        "compared": [_journey_link(j, linker) for j in site.compared_with(journey.id)],
        "table_lanes": table_lanes,
        "lane_value": lambda stage, key: stage.value(key),
        "picture_href": picture_href,
        "svg": Markup(svg),  # drawn by cjm_site.drawing, which escapes every text
        "svg_href": svg_href,
        "faces": stage_faces(journey),
        "channel_name": settings.channel_name,
        "spine_name": settings.spine_name,
        "format_emotion": format_emotion,
        "words": {
            "hypothesis_title": current().label("page.hypothesis-title"),
            "hypothesis_note": current().label("page.hypothesis-note"),
        },
        "voices_of": voices_of,
        "part": "all",
        "once": OncePerStage(),
        "cells": StageCells(journey, settings, table_lanes, voices_of, picture_href),
        # Where a host puts the map's printed pieces (cjm_site.export.printing); none here.
        "print_marker": Markup(""),
    }


def persona_context(
    persona: Persona,
    site: Site,
    settings: Settings,
    linker: Linker,
    *,
    sparklines: dict[str, str],
    soon_days: int,
) -> dict[str, Any]:
    journeys = [
        {
            "journey": j,
            "link": _journey_link(j, linker),
            # drawn by cjm_site.sparkline; the persona's own curve where the map has one
            "sparkline": Markup(
                sparklines.get(persona_sparkline_key(j.id, persona.id)) or sparklines.get(j.id, "")
            ),
            "review": review_of(j, settings.today, soon_days),
            "own_average": persona_average(j, persona.id),
            "persona_name": persona.name,
        }
        for j in site.journeys_of(persona.id)
    ]
    return {
        "persona": persona,
        "image": persona_image(persona, linker),
        "channels": [settings.channel_name(c) or c for c in persona.channels],
        "journeys": journeys,
    }


def catalogue_context(
    site: Site,
    settings: Settings,
    linker: Linker,
    *,
    sparklines: dict[str, str],
    soon_days: int,
    json_href: str | None,
    broken: Sequence[str] = (),
) -> dict[str, Any]:
    rows = []
    words = current()
    for journey in site.journeys:
        personas = site.personas_of(journey)
        persona_ids = " ".join(p.id for p in personas)
        rows.append(
            {
                # What the template writes on every row, made here once: the JSON
                # of the filters' data attributes, the counts, the dates, the labels.
                "personas_json": htmlsafe_json_dumps(persona_ids.split(), sort_keys=True),
                "tags_json": htmlsafe_json_dumps(list(journey.tags), sort_keys=True),
                "kind_label": words.of("kind", journey.kind),
                "evidence_label": words.of("evidence", journey.evidence),
                "pain_count": journey.pain_count,
                "moments_of_truth": journey.moments_of_truth,
                "emotion": format_emotion(journey.average_emotion),
                "updated": words.date(journey.updated) if journey.updated else "",
                "review_by": words.date(journey.review_by) if journey.review_by else "",
                "journey": journey,
                "link": _journey_link(journey, linker),
                "personas": [LinkTo(p.name, linker.page(p.path)) for p in personas],
                "persona_ids": persona_ids,
                "sparkline": Markup(sparklines.get(journey.id, "")),
                "review": review_of(journey, settings.today, soon_days),
                "broken": journey.path in broken,
                "search": " ".join(
                    [
                        journey.title,
                        journey.owner or "",
                        journey.kind,
                        *(p.name for p in personas),
                        *journey.tags,
                        *(s.name for s in journey.stages),
                    ]
                ).casefold(),
            }
        )
        rows[-1]["html"] = _catalogue_row(rows[-1], words)

    def distinct(values: Sequence[str]) -> list[str]:
        return sorted(set(values), key=str.casefold)

    return {
        "rows": rows,
        "personas": [(p.id, p.name) for p in site.personas if site.journeys_of(p.id)],
        "owners": distinct([j.owner for j in site.journeys if j.owner]),
        "kinds": [
            (k, KIND_LABELS[k]) for k in KIND_LABELS if any(j.kind == k for j in site.journeys)
        ],
        "tags": distinct([t for j in site.journeys for t in j.tags]),
        "evidences": [
            (e, EVIDENCE_LABELS[e])
            for e in EVIDENCE_LABELS
            if any(j.evidence == e for j in site.journeys)
        ],
        "json_href": json_href,
        "today": settings.today,
    }


def _catalogue_row(row: dict[str, Any], words: Vocabulary) -> Markup:
    """A row of the catalogue's table, as ``cjm/catalogue.html`` wrote it from the row."""
    j: Journey = row["journey"]
    link: LinkTo = row["link"]
    title = esc(j.title)
    first = f'<a href="{esc(link.href)}">{title}</a>' if link.href else title
    if row["broken"]:
        errors = esc(words.label("catalogue.has-errors"))
        first += f' <span class="cjm-badge cjm-badge--overdue">{errors}</span>'
    if j.tags:
        tags = "".join(f'<span class="cjm-tag">{esc(tag)}</span>' for tag in j.tags)
        first += f"<br><small>{tags}</small>"
    personas = ", ".join(
        f'<a href="{esc(p.href)}">{esc(p.text)}</a>' if p.href else esc(p.text)
        for p in row["personas"]
    )
    evidence = (
        f'<span class="cjm-badge cjm-badge--{esc(j.evidence)}">{esc(row["evidence_label"])}</span>'
        if j.evidence
        else ""
    )
    review = ""
    if j.review_by:
        review = f'<span class="cjm-date">{esc(row["review_by"])}</span>'
        state = row["review"].state
        if state == "overdue":
            due = esc(words.label("catalogue.due"))
            review += f' <span class="cjm-badge cjm-badge--overdue">{due}</span>'
        elif state == "soon":
            soon = esc(words.label("catalogue.soon"))
            review += f' <span class="cjm-badge cjm-badge--soon">{soon}</span>'
    return Markup(
        f"<tr data-personas='{row['personas_json']}' data-owner=\"{esc(j.owner or '')}\""
        f' data-kind="{esc(j.kind)}" data-evidence="{esc(j.evidence or "")}"'
        f" data-tags='{row['tags_json']}' data-search=\"{esc(row['search'])}\">\n"
        f"      <td>{first}</td>\n"
        f"      <td>{personas}</td>\n"
        f"      <td>{esc(row['kind_label'])}</td>\n"
        f"      <td>{esc(j.owner or '')}</td>\n"
        f"      <td>{evidence}</td>\n"
        f'      <td class="cjm-num">{len(j.stages)}</td>\n'
        f'      <td class="cjm-num">{esc(row["pain_count"])}</td>\n'
        f'      <td class="cjm-num">{esc(row["moments_of_truth"])}</td>\n'
        f'      <td><span class="cjm-emotion-cell">{row["sparkline"]}'
        f"<span>{esc(row['emotion'])}</span></span></td>\n"
        f"      <td>{esc(row['updated'])}</td>\n"
        f'      <td class="cjm-review-cell">{review}</td>\n'
        "    </tr>"
    )


def errors_context(findings: Sequence[Finding], kind: str) -> dict[str, Any]:
    return {"findings": [f for f in findings if f.level != "notice"], "kind": kind}
