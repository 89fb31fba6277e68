"""The HTML pieces made in Python for speed write what the templates' macros wrote.

The journey table's cells (``StageCells``) and the backlog's rows, cards and
badges (``cjm_site.views.html.Html``) replaced Jinja macros. Each macro is kept
here, as it was in the theme, and rendered with the plugin's own environment on
content full of characters HTML treats specially: the two must be the same.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from markupsafe import Markup

from cjm_site.checking import CheckedPage
from cjm_site.linking import link
from cjm_site.model import (
    Channel,
    CustomLane,
    Image,
    Journey,
    Opportunity,
    Persona,
    Ref,
    Settings,
    SpineStage,
    Stage,
    Touchpoint,
    Voice,
)
from cjm_site.rendering import environment, journey_context
from cjm_site.views import ViewOptions
from cjm_site.views.backlog import opportunity_rows, owner_names
from cjm_site.views.html import Html

HOSTILE = '<b>"Tom\'s" & co</b>'

CELL_MACRO = """
{%- macro cell(stage, key) -%}
        {% set personal = voices_of(stage, key) %}
        {% if personal %}<ul class="cjm-voices">{% for name, chip, text in personal %}<li><abbr class="cjm-voice" title="{{ name }}">{{ chip }}</abbr> {{ text }}</li>{% endfor %}</ul>
        {% elif key == "goal" %}{{ stage.goal or "" }}
        {% elif key == "emotion" %}{% if stage.emotion is not none %}{{ stage.emotion|emotion }}{% if stage.feeling %} ({{ stage.feeling }}){% endif %}{% elif stage.feeling %}{{ stage.feeling }}{% endif %}{% if stage.aspiration is not none %}<br><small>{{ t("journey.aim", value=stage.aspiration|emotion) }}</small>{% endif %}
        {% elif key == "touchpoints" %}{% if stage.touchpoints %}<ul>{% for tp in stage.touchpoints %}<li>{{ tp.name }}{% if tp.channel %} <small>· {{ channel_name(tp.channel) }}</small>{% endif %}{% if tp.owner %} <small>· {{ tp.owner }}</small>{% endif %}{% if tp.priority %} <small>· {{ tp.priority|priority_label }}</small>{% endif %}{% for m in tp.moments %} <span class="cjm-moment cjm-moment--{{ m }}">{{ m|moment_label }}</span>{% endfor %}</li>{% endfor %}</ul>{% endif %}
        {% elif key == "opportunities" %}{% if stage.opportunities %}<ul>{% for o in stage.opportunities %}<li>{{ o.text }}{% if o.owner %} <small>· {{ o.owner }}</small>{% endif %}{% if o.status %} <small>· {{ o.status|status_label }}</small>{% endif %}{% if o.due %} <small>· {{ t("journey.due", date=o.due|date) }}</small>{% endif %}{% set out = opportunity_link(o, settings.ticket_url) %}{% if out %} <small>· {% if out.href %}<a class="cjm-link-out" href="{{ out.href }}" rel="noopener">{{ out.text }}</a>{% else %}{{ out.text }}{% endif %}</small>{% endif %}</li>{% endfor %}</ul>{% endif %}
        {% elif key == "metrics" %}{% if stage.metrics %}<ul>{% for name, value in stage.metrics %}<li>{{ name }}: {{ value }}</li>{% endfor %}</ul>{% endif %}
        {% elif key == "images" %}{% if stage.images %}<ul class="cjm-pictures">{% for image in stage.images %}<li>{% set href = picture_href(image) %}{% if href %}<a href="{{ href }}">{{ image.alt }}</a>{% else %}{{ image.alt }}{% endif %}{% if image.caption %} <small>· {{ image.caption }}</small>{% endif %}</li>{% endfor %}</ul>{% endif %}
        {% else %}{% set value = lane_value(stage, key) %}{% if value is string %}{{ value }}{% elif value %}<ul>{% for item in value %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}
        {% endif %}
{%- endmacro -%}
{%- for stage in journey.stages %}{% for key, label in table_lanes %}{{ cell(stage, key) }}\x00{% endfor %}{% endfor -%}
"""

BACKLOG_MACROS = """
{%- macro link(path, anchor, text) %}{% set target = href(path, anchor) %}{% if target %}<a href="{{ target }}">{{ text }}</a>{% else %}{{ text }}{% endif %}{% endmacro %}
{% macro status(key, label) %}<span class="cjm-status cjm-status--{{ key }}">{{ label }}</span>{% endmacro %}
{% macro due(row) %}{% if row.opportunity.due %}<time datetime="{{ row.opportunity.due.isoformat() }}">{{ row.opportunity.due|date }}</time>{% endif %}{% if row.overdue %} <span class="cjm-badge cjm-badge--overdue">{{ tn("count.days-overdue", -row.days) }}</span>{% elif row.due == "soon" %} <span class="cjm-badge cjm-badge--soon">{{ t("common.today") if row.days == 0 else tn("count.in-days", row.days) }}</span>{% endif %}{% endmacro %}
{% macro link_out(row) %}{% set out = opportunity_link(row.opportunity, settings.ticket_url) %}{% if out %} <small class="cjm-link-out">· {% if out.href %}<a href="{{ out.href }}" rel="noopener">{{ out.text }}</a>{% else %}{{ out.text }}{% endif %}</small>{% endif %}{% endmacro %}
{% macro owner_of(item) %}{% if item.owner %}{{ link(item.owner.uri, "", item.owner.name) }}{% else %}<span class="cjm-muted">{{ t("owner.none") }}</span>{% endif %}{% endmacro %}
{% macro card(row) %}
    <li class="cjm-card{{ ' cjm-is-overdue' if row.overdue else '' }}">
      <p class="cjm-card__text">{{ row.opportunity.text }}{{ link_out(row) }}</p>
      <p class="cjm-card__where">{{ link(row.journey.path, row.stage_anchor, row.journey.title ~ " › " ~ row.stage.name) }}</p>
      <p class="cjm-card__meta">{% if row.owner %}<span class="cjm-card__owner">{{ row.owner.name }}</span>{% else %}{{ t("owner.none") }}{% endif %}{% if row.opportunity.due %} · {{ t("journey.due", date=due(row)) }}{% endif %}</p>
    </li>
{% endmacro %}
{% macro owner_item(row) %}
    <li{% if row.overdue %} class="cjm-is-overdue"{% endif %}>{{ row.opportunity.text }}{{ link_out(row) }}<br><small>{{ status(row.status, row.status_label) }} · {{ link(row.journey.path, row.stage_anchor, row.journey.title ~ " › " ~ row.stage.name) }}{% if row.opportunity.due %} · {{ t("journey.due", date=due(row)) }}{% endif %}</small></li>
{% endmacro %}
{% for row in rows %}
    <tr id="{{ row.anchor }}" data-owner="{{ row.owner_value }}" data-status="{{ row.status }}" data-map="{{ row.journey.id }}" data-due="{{ row.due }}" data-search="{{ row.search }}"{% if row.overdue %} class="cjm-is-overdue"{% endif %}>
      <td>{{ row.opportunity.text }}{{ link_out(row) }}</td>
      <td>{{ link(row.journey.path, "", row.journey.title) }}</td>
      <td>{{ link(row.journey.path, row.stage_anchor, row.stage.name) }}</td>
      <td>{{ owner_of(row) }}</td>
      <td>{{ status(row.status, row.status_label) }}</td>
      <td class="cjm-backlog__due">{{ due(row) }}</td>
    </tr>
\x00{{ card(row) }}\x00{{ owner_item(row) }}\x00
{%- endfor %}
"""

TODAY = dt.date(2026, 11, 28)
SETTINGS = Settings(
    spine=(SpineStage("awareness", HOSTILE),),
    channels=(Channel("web", HOSTILE),),
    lanes=(CustomLane("rules", "Rules <&>", list=False), CustomLane("asks", "Asks")),
    ticket_url="https://tracker.example/browse/{ticket}?a=1&b=2",
    today=TODAY,
)


def hostile_journey() -> Journey:
    tp = Touchpoint
    stages = (
        Stage(
            HOSTILE,
            phase="awareness",
            goal=HOSTILE,
            actions=(HOSTILE, "plain"),
            touchpoints=(
                tp(HOSTILE, "web", HOSTILE, ("pain", "truth"), "high"),
                tp("Unknown channel", "fax"),
            ),
            thoughts=(HOSTILE,),
            emotion=1.25,
            feeling=HOSTILE,
            aspiration=2,
            pains=(HOSTILE,),
            opportunities=(
                Opportunity(HOSTILE, HOSTILE, TODAY - dt.timedelta(days=3), "planned"),
                Opportunity("Soon", None, TODAY, None, None, "T-1<2>"),
                Opportunity("Later", "Team", TODAY + dt.timedelta(days=9), "done"),
                Opportunity("Linked", link="https://example.org/x?a=1&b=<2>"),
            ),
            metrics=((HOSTILE, HOSTILE),),
            backstage=(HOSTILE,),
            images=(
                Image("pictures/a.png", HOSTILE, HOSTILE),
                Image("../../outside.png", "gone"),
            ),
            lanes=(("rules", HOSTILE), ("asks", (HOSTILE, "b"))),
        ),
        Stage("Second", emotion=None, feeling="only words"),
        Stage(
            "Voices",
            emotion=-1,
            voices=(
                Voice("emotion", "ann", -2.0),
                Voice("feeling", "bob", HOSTILE),
                Voice("thoughts", "ann", (HOSTILE,)),
            ),
            thoughts=("summary",),
        ),
        Stage("Empty"),
    )
    return Journey(
        "hostile",
        "journeys/hostile.md",
        HOSTILE,
        stages,
        personas=(Ref("ann", 1, "personas"), Ref("bob", 1, "personas")),
    )


class Linker:
    def page(self, path: str) -> str | None:
        return None if path.startswith("..") else f"../{path.removesuffix('.md')}/?x=<&>"

    def file(self, path: str) -> str | None:
        return None if "outside" in path else f"../{path}"


def site_and_journey() -> tuple[Any, Journey]:
    journey = hostile_journey()
    pages = [
        CheckedPage(journey.path, "journey", journey=journey),
        *(
            CheckedPage(
                f"personas/{id_}.md", "persona", persona=Persona(id_, f"personas/{id_}.md", name)
            )
            for id_, name in (("ann", "Ann <A>"), ("bob", "Bob & B"))
        ),
    ]
    site = link(pages)
    found = site.journey(journey.id)
    assert found is not None
    return site, found


def test_stage_cells_write_what_the_cell_macro_wrote() -> None:
    site, journey = site_and_journey()
    context = journey_context(
        journey, site, SETTINGS, Linker(), svg="", svg_href=None, soon_days=30
    )
    env = environment([])
    expected = env.from_string(CELL_MACRO).render(context).split("\x00")[:-1]
    cells = context["cells"]
    made = [
        str(cells[index][key])
        for index in range(len(journey.stages))
        for key, _ in context["table_lanes"]
    ]
    assert len(made) == len(expected) > 10
    assert made == expected
    assert "&lt;b&gt;" in "".join(made) and "<b>" not in "".join(made)


@pytest.mark.parametrize("anchors", [True, False])
def test_backlog_pieces_write_what_the_macros_wrote(anchors: bool) -> None:
    site, _journey = site_and_journey()
    options = ViewOptions()
    rows = opportunity_rows(site, SETTINGS, options, owner_names(site, options))

    def href(path: str, anchor: str = "") -> str | None:
        if not anchors and path.startswith("views/"):
            return None  # a page the site does not have: text, no link
        target = f"../../{path.removesuffix('.md')}/?q=<&>"
        return f"{target}#{anchor}" if anchor else target

    env = environment([])
    context = {"rows": rows, "href": href, "settings": SETTINGS}
    expected = env.from_string(BACKLOG_MACROS).render(context).split("\x00")[:-1]
    html = Html(href, SETTINGS.ticket_url)
    made = []
    for row in rows:
        made += [f"    {html.backlog_row(row)}\n", html.card(row), html.owner_item(row)]
    assert len(rows) == 4
    assert made == expected
    assert "&lt;b&gt;" in "".join(made) and "<b>" not in "".join(made)
    assert all(isinstance(piece, Markup) for piece in (html.due(rows[0]), html.card(rows[0])))


OWNER_ROWS = """
{%- macro link(path, anchor, text) %}{% set target = href(path, anchor) %}{% if target %}<a href="{{ target }}">{{ text }}</a>{% else %}{{ text }}{% endif %}{% endmacro %}
{% macro status(key, label) %}<span class="cjm-status cjm-status--{{ key }}">{{ label }}</span>{% endmacro %}
{% for row in opportunities %}
    <tr{% if row.overdue %} class="cjm-is-overdue"{% endif %}>
      <td>{{ row.opportunity.text }}</td>
      <td>{{ link(row.journey.path, "", row.journey.title) }}</td>
      <td>{{ link(row.journey.path, row.stage_anchor, row.stage.name) }}</td>
      <td>{{ status(row.status, row.status_label) }}</td>
      <td class="cjm-backlog__due">{% if row.opportunity.due %}<time datetime="{{ row.opportunity.due.isoformat() }}">{{ row.opportunity.due|date }}</time>{% endif %}{% if row.overdue %} <span class="cjm-badge cjm-badge--overdue">{{ tn("count.days-overdue", -row.days) }}</span>{% elif row.due == "soon" %} <span class="cjm-badge cjm-badge--soon">{{ t("common.today") if row.days == 0 else tn("count.in-days", row.days) }}</span>{% endif %}</td>
    </tr>
\x00
{%- endfor %}
{% for row in touchpoints %}{% set tp = row.touchpoint %}
    <tr>
      <td>{{ tp.name }}</td>
      <td>{{ link(row.journey.path, "", row.journey.title) }}</td>
      <td>{{ link(row.journey.path, row.stage_anchor, row.stage.name) }}</td>
      <td>{{ settings.channel_name(tp.channel) or "" }}</td>
      <td class="cjm-owner__moments">{% for m in tp.moments %}<span class="cjm-moment cjm-moment--{{ m }}">{{ m|moment_label }}</span>{% if not loop.last %} {% endif %}{% endfor %}</td>
      <td>{{ tp.priority|priority_label if tp.priority else "" }}</td>
    </tr>
\x00
{%- endfor %}
"""

HEAT_CELLS = """
{%- for row in rows %}{% set journey = row.journey %}
      {% for cell in row.cells %}
      <td class="cjm-heat cjm-heat--{{ cell.bucket }}{% if cell.column.id is none %} cjm-heat--nophase{% endif %}">
        {% if cell.stages %}
        {% set target = href(journey.path, "stage-" ~ cell.first) %}
        <{{ "a" if target else "span" }} class="cjm-heat__cell"{% if target %} href="{{ target }}"{% endif %}>
          <span class="cjm-heat__mean">{{ cell.mean|emotion if cell.mean is not none else t("common.no-emotion") }}</span>
          <span class="cjm-heat__counts">{{ tn("count.stages", cell.stages|length) }}{% if cell.rated and cell.rated < cell.stages|length %} {{ t("heatmap.rated", n=cell.rated|number) }}{% endif %}</span>
          {% if cell.pains or cell.moments_of_truth %}<span class="cjm-heat__counts">{% if cell.pains %}{{ tn("count.pains", cell.pains) }}{% endif %}{% if cell.pains and cell.moments_of_truth %} · {% endif %}{% if cell.moments_of_truth %}{{ cell.moments_of_truth|number }} {{ abbr(t("heatmap.mot"), tn("count.moments-of-truth-word", cell.moments_of_truth)) }}{% endif %}</span>{% endif %}
        </{{ "a" if target else "span" }}>
        {% else %}
        <span aria-hidden="true">–</span><span class="cjm-sr-only">{{ t("heatmap.no-stages") }}</span>
        {% endif %}
      </td>
\x00
      {%- endfor %}
{%- endfor %}
"""


def href_missing(missing: str) -> Any:
    """The host's ``href``: the page at ``missing`` is not in the site (no link)."""

    def href(path: str, anchor: str = "") -> str | None:
        if path == missing:
            return None
        target = f"../../{path.removesuffix('.md')}/?q=<&>"
        return f"{target}#{anchor}" if anchor else target

    return href


@pytest.mark.parametrize("missing", ["", "journeys/hostile.md"])
def test_owner_rows_write_what_the_owner_template_wrote(missing: str) -> None:
    from cjm_site.views.owners import touchpoint_rows

    site, _journey = site_and_journey()
    options = ViewOptions()
    opportunities = opportunity_rows(site, SETTINGS, options, owner_names(site, options))
    touchpoints = touchpoint_rows(site)
    context = {
        "opportunities": opportunities,
        "touchpoints": touchpoints,
        "href": href_missing(missing),
        "settings": SETTINGS,
    }
    expected = environment([]).from_string(OWNER_ROWS).render(context).split("\x00")[:-1]
    html = Html(href_missing(missing), SETTINGS.ticket_url)
    made = [f"    {html.owner_opportunity_row(row)}\n" for row in opportunities]
    made += [f"    {html.owner_touchpoint_row(row, SETTINGS)}\n" for row in touchpoints]
    assert len(made) == 6
    assert made == expected


@pytest.mark.parametrize("missing", ["", "journeys/hostile.md"])
def test_heat_cells_write_what_the_heatmap_template_wrote(missing: str) -> None:
    from cjm_site.views.heatmap import Row, cells_of, spine_columns

    _site, journey = site_and_journey()
    columns = spine_columns(SETTINGS)
    rows = [Row(journey, cells_of(journey, SETTINGS, columns))]
    rows += [Row(journey, cells_of(journey, SETTINGS, columns, persona)) for persona in ("ann",)]
    context = {"rows": rows, "href": href_missing(missing)}
    expected = environment([]).from_string(HEAT_CELLS).render(context).split("\x00")[:-1]
    html = Html(href_missing(missing))
    made = [f"      {html.heat_cell(row.journey, cell)}\n" for row in rows for cell in row.cells]
    assert len(made) == 2 * len(columns) >= 4
    assert made == expected
