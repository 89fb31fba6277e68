"""Pieces of HTML the views' templates write many times over, made in Python.

A view's table writes a link, a status badge or a due date on every row; as
Jinja macros each cost a macro call (tens of microseconds), which made most of
a view's render time. Here they are plain methods that write exactly what the
templates and the macros of ``cjm/backlog-macros.html`` wrote (that file stays
in the theme for sites' own templates; the theme's own templates no longer
import it): links, badges and due dates, and whole rows where a table has
hundreds (the backlog's rows, cards and owner items, an owner page's rows, the
heat-map's cells). A template gets them with
``{% set h = html(href, settings.ticket_url) %}``: ``href`` is the host's link
maker for the page being rendered, asked once per page linked to; ``h.t`` and
``h.tn`` are the templates' ``t()`` and ``tn()``, each label made once a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from cjm_site.links_out import link_out as opportunity_link
from cjm_site.vocabulary import Vocabulary, current

Href = Callable[..., "str | None"]


def esc(value: Any) -> str:
    """``markupsafe.escape(value)`` as text, faster for the plain strings most values are."""
    if type(value) is str:
        return (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&#34;")
            .replace("'", "&#39;")
        )
    return str(escape(value))


def _label(words: Vocabulary, key: str, values: dict[str, Any]) -> Markup:
    """What the templates' ``t(key, **values)`` writes."""
    text = Markup(escape(words.label(key)))
    return text.format(**values) if values else text


def _count(words: Vocabulary, key: str, count: int, values: dict[str, Any] | None = None) -> Markup:
    """What the templates' ``tn(key, count, **values)`` writes."""
    return _label(words, words.plural_key(key, count), {"n": words.number(count), **(values or {})})


class Html:
    """The pieces, for one page (``href`` links from it) in the current vocabulary."""

    def __init__(self, href: Href, ticket_url: str | None = None) -> None:
        self._href = href
        self._targets: dict[str, str | None] = {}
        self._ticket_url = ticket_url
        self._words = current()
        self._said: dict[tuple[Any, ...], Markup] = {}

    def href(self, path: str, anchor: str = "") -> str | None:
        """``href(path, anchor)``: the host is asked once per page linked to; the
        anchor goes after its answer, as the host's ``href`` puts it (``page/#anchor``)."""
        try:
            target = self._targets[path]
        except KeyError:
            target = self._targets[path] = self._href(path)
        if target is None or not anchor:
            return target
        return f"{target}#{anchor}"

    def t(self, key: str, /, **values: Any) -> Markup:
        """The templates' ``t()``, each label with the same values made once."""
        memo = ("t", key, *((name, type(v), v) for name, v in values.items()))
        try:
            return self._said[memo]
        except KeyError:
            made = self._said[memo] = _label(self._words, key, values)
            return made

    def tn(self, key: str, count: int, /, **values: Any) -> Markup:
        """The templates' ``tn()``, each label with the same values made once."""
        memo = ("tn", key, count, *((name, type(v), v) for name, v in values.items()))
        try:
            return self._said[memo]
        except KeyError:
            made = self._said[memo] = _count(self._words, key, count, values)
            return made

    def link(self, path: str, anchor: str, text: Any) -> Markup:
        """``text`` linked to the page at ``path`` (``#anchor``), or just the text."""
        target = self.href(path, anchor)
        if target:
            return Markup(f'<a href="{esc(target)}">{esc(text)}</a>')
        return escape(text)

    def journey_link(self, journey: Any, anchor: str = "") -> Markup:
        """A map's title linked to its page (``#anchor``)."""
        return self.link(journey.path, anchor, journey.title)

    def status(self, key: str, label: Any) -> Markup:
        return Markup(f'<span class="cjm-status cjm-status--{esc(key)}">{esc(label)}</span>')

    def due(self, row: Any) -> Markup:
        """An opportunity's due date with its overdue or due-soon badge (see backlog.py)."""
        parts = []
        due = row.opportunity.due
        if due:
            when = escape(self._words.date(due))
            parts.append(f'<time datetime="{esc(due.isoformat())}">{when}</time>')
        if row.overdue:
            badge = self.tn("count.days-overdue", -row.days)
            parts.append(f' <span class="cjm-badge cjm-badge--overdue">{badge}</span>')
        elif row.due == "soon":
            soon = self.t("common.today") if row.days == 0 else self.tn("count.in-days", row.days)
            parts.append(f' <span class="cjm-badge cjm-badge--soon">{soon}</span>')
        return Markup("".join(parts))

    def link_out(self, row: Any) -> Markup:
        """Where an opportunity's work is tracked, after its text (or nothing)."""
        out = opportunity_link(row.opportunity, self._ticket_url)
        if not out:
            return Markup("")
        shown = escape(out.text)
        if out.href:
            shown = Markup(f'<a href="{esc(out.href)}" rel="noopener">{shown}</a>')
        return Markup(f' <small class="cjm-link-out">· {shown}</small>')

    def owner_of(self, item: Any) -> Markup:
        """An owner linked to their page, or the words for no owner."""
        if item.owner:
            return self.link(item.owner.uri, "", item.owner.name)
        return Markup(f'<span class="cjm-muted">{self.t("owner.none")}</span>')

    # -- whole rows and cards, each exactly as the templates wrote it -------------

    def _where(self, row: Any) -> Markup:
        """``Map › Stage``, linked to the stage in the map's table."""
        where = f"{esc(row.journey.title)} › {esc(row.stage.name)}"
        return self.link(row.journey.path, row.stage_anchor, Markup(where))

    def _due_note(self, row: Any) -> str:
        return f" · {self.t('journey.due', date=self.due(row))}" if row.opportunity.due else ""

    def backlog_row(self, row: Any) -> Markup:
        """A row of the backlog's table (``cjm/backlog-table.html``)."""
        journey = row.journey
        overdue = ' class="cjm-is-overdue"' if row.overdue else ""
        return Markup(
            f'<tr id="{esc(row.anchor)}" data-owner="{esc(row.owner_value)}"'
            f' data-status="{esc(row.status)}" data-map="{esc(journey.id)}"'
            f' data-due="{esc(row.due)}" data-search="{esc(row.search)}"{overdue}>\n'
            f"      <td>{esc(row.opportunity.text)}{self.link_out(row)}</td>\n"
            f"      <td>{self.link(journey.path, '', journey.title)}</td>\n"
            f"      <td>{self.link(journey.path, row.stage_anchor, row.stage.name)}</td>\n"
            f"      <td>{self.owner_of(row)}</td>\n"
            f"      <td>{self.status(row.status, row.status_label)}</td>\n"
            f'      <td class="cjm-backlog__due">{self.due(row)}</td>\n'
            "    </tr>"
        )

    def card(self, row: Any) -> Markup:
        """An opportunity's card on the backlog's board (``cjm/backlog.html``)."""
        overdue = " cjm-is-overdue" if row.overdue else ""
        owner = (
            f'<span class="cjm-card__owner">{esc(row.owner.name)}</span>'
            if row.owner
            else self.t("owner.none")
        )
        return Markup(
            f'    <li class="cjm-card{overdue}">\n'
            f'      <p class="cjm-card__text">{esc(row.opportunity.text)}'
            f"{self.link_out(row)}</p>\n"
            f'      <p class="cjm-card__where">{self._where(row)}</p>\n'
            f'      <p class="cjm-card__meta">{owner}{self._due_note(row)}</p>\n'
            "    </li>\n"
        )

    def owner_item(self, row: Any) -> Markup:
        """An opportunity in its owner's list on the backlog page (``cjm/backlog.html``)."""
        overdue = ' class="cjm-is-overdue"' if row.overdue else ""
        return Markup(
            f"    <li{overdue}>{esc(row.opportunity.text)}{self.link_out(row)}<br><small>"
            f"{self.status(row.status, row.status_label)} · {self._where(row)}"
            f"{self._due_note(row)}</small></li>\n"
        )

    def owner_opportunity_row(self, row: Any) -> Markup:
        """A row of an owner page's opportunities (``cjm/owner.html``)."""
        journey = row.journey
        overdue = ' class="cjm-is-overdue"' if row.overdue else ""
        return Markup(
            f"<tr{overdue}>\n"
            f"      <td>{esc(row.opportunity.text)}</td>\n"
            f"      <td>{self.link(journey.path, '', journey.title)}</td>\n"
            f"      <td>{self.link(journey.path, row.stage_anchor, row.stage.name)}</td>\n"
            f"      <td>{self.status(row.status, row.status_label)}</td>\n"
            f'      <td class="cjm-backlog__due">{self.due(row)}</td>\n'
            "    </tr>"
        )

    def owner_touchpoint_row(self, row: Any, settings: Any) -> Markup:
        """A row of an owner page's touchpoints (``cjm/owner.html``)."""
        journey = row.journey
        tp = row.touchpoint
        words = self._words
        moments = " ".join(
            f'<span class="cjm-moment cjm-moment--{esc(m)}">{esc(words.of("moment", m))}</span>'
            for m in tp.moments
        )
        priority = escape(words.of("priority", tp.priority)) if tp.priority else ""
        return Markup(
            "<tr>\n"
            f"      <td>{esc(tp.name)}</td>\n"
            f"      <td>{self.link(journey.path, '', journey.title)}</td>\n"
            f"      <td>{self.link(journey.path, row.stage_anchor, row.stage.name)}</td>\n"
            f"      <td>{esc(settings.channel_name(tp.channel) or '')}</td>\n"
            f'      <td class="cjm-owner__moments">{moments}</td>\n'
            f"      <td>{priority}</td>\n"
            "    </tr>"
        )

    def heat_cell(self, journey: Any, cell: Any) -> Markup:
        """A cell of the spine heat-map (``cjm/heatmap.html``): a map's stages in a column."""
        from cjm_site.rendering import format_emotion  # the one way a value is written

        nophase = " cjm-heat--nophase" if cell.column.id is None else ""
        opening = f'<td class="cjm-heat cjm-heat--{esc(cell.bucket)}{nophase}">\n'
        if not cell.stages:
            none = self.t("heatmap.no-stages")
            return Markup(
                f'{opening}        <span aria-hidden="true">–</span>'
                f'<span class="cjm-sr-only">{none}</span>\n      </td>'
            )
        target = self.href(journey.path, f"stage-{cell.first}")
        tag = "a" if target else "span"
        link = f' href="{esc(target)}"' if target else ""
        mean = (
            esc(format_emotion(cell.mean)) if cell.mean is not None else self.t("common.no-emotion")
        )
        counts = str(self.tn("count.stages", len(cell.stages)))
        if cell.rated and cell.rated < len(cell.stages):
            counts += f" {self.t('heatmap.rated', n=self._words.number(cell.rated))}"
        more = ""
        if cell.pains or cell.moments_of_truth:
            said = []
            if cell.pains:
                said.append(str(self.tn("count.pains", cell.pains)))
            if cell.moments_of_truth:
                n = cell.moments_of_truth
                short = self.t("heatmap.mot")
                long = self.tn("count.moments-of-truth-word", n)
                said.append(f'{esc(self._words.number(n))} <abbr title="{long}">{short}</abbr>')
            more = f'<span class="cjm-heat__counts">{" · ".join(said)}</span>'
        return Markup(
            f'{opening}        <{tag} class="cjm-heat__cell"{link}>\n'
            f'          <span class="cjm-heat__mean">{mean}</span>\n'
            f'          <span class="cjm-heat__counts">{counts}</span>\n'
            f"{more}        </{tag}>\n      </td>"
        )
