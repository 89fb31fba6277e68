"""Small pieces of HTML the views' templates write many times over, made in Python.

A view's table writes a link, a status badge or a due date on every row; as
Jinja macros each costs a macro call (tens of microseconds), which made most
of a view's render time. Here they are plain functions, writing exactly what
the macros of ``cjm/backlog-macros.html`` write (those stay, for sites' own
templates). A template gets them with ``{% set h = html(href, settings.ticket_url) %}``:
``href`` is the host's link maker for the page being rendered, asked once per
target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from cjm_site.links_out import link_out as opportunity_link
from cjm_site.vocabulary import Vocabulary, current

Href = Callable[..., "str | None"]

_LINK = Markup('<a href="{}">{}</a>')
_STATUS = Markup('<span class="cjm-status cjm-status--{}">{}</span>')
_OVERDUE = Markup(' <span class="cjm-badge cjm-badge--overdue">{}</span>')
_SOON = Markup(' <span class="cjm-badge cjm-badge--soon">{}</span>')


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
        self._targets: dict[tuple[str, str], str | None] = {}
        self._ticket_url = ticket_url
        self._words = current()

    def href(self, path: str, anchor: str = "") -> str | None:
        """``href(path, anchor)``, asked of the host once per target."""
        key = (path, anchor)
        try:
            return self._targets[key]
        except KeyError:
            target = self._targets[key] = self._href(path, anchor)
            return target

    def link(self, path: str, anchor: str, text: Any) -> Markup:
        """``text`` linked to the page at ``path`` (``#anchor``), or just the text."""
        target = self.href(path, anchor)
        return _LINK.format(target, text) if target else escape(text)

    def status(self, key: str, label: Any) -> Markup:
        return _STATUS.format(key, label)

    def due(self, row: Any) -> Markup:
        """An opportunity's due date with its overdue or due-soon badge (see backlog.py)."""
        words = self._words
        parts = []
        due = row.opportunity.due
        if due:
            parts.append(
                Markup('<time datetime="{}">{}</time>').format(due.isoformat(), words.date(due))
            )
        if row.overdue:
            badge = _count(words, "count.days-overdue", -row.days)
            parts.append(_OVERDUE.format(badge))
        elif row.due == "soon":
            soon = (
                _label(words, "common.today", {})
                if row.days == 0
                else _count(words, "count.in-days", row.days)
            )
            parts.append(_SOON.format(soon))
        return Markup("").join(parts)

    def link_out(self, row: Any) -> Markup:
        """Where an opportunity's work is tracked, after its text (or nothing)."""
        out = opportunity_link(row.opportunity, self._ticket_url)
        if not out:
            return Markup("")
        if out.href:
            shown = Markup('<a href="{}" rel="noopener">{}</a>').format(out.href, out.text)
        else:
            shown = escape(out.text)
        return Markup(' <small class="cjm-link-out">· {}</small>').format(shown)

    def owner_of(self, item: Any) -> Markup:
        """An owner linked to their page, or the words for no owner."""
        if item.owner:
            return self.link(item.owner.uri, "", item.owner.name)
        return Markup('<span class="cjm-muted">{}</span>').format(
            _label(self._words, "owner.none", {})
        )
