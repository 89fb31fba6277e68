"""Links out of the handbook: an opportunity's ``link``, or its ``ticket`` made a link
through the site's ``ticket_url`` (``https://tracker.example/browse/{ticket}``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from cjm_site.escaping import is_external, safe_url
from cjm_site.model import Opportunity

TICKET = "{ticket}"
"""Where a ticket's id goes in ``ticket_url``."""


def ticket_url_problem(value: str) -> str | None:
    """Why ``ticket_url`` cannot be used, if it cannot (for the setting's message)."""
    if value.count(TICKET) != 1:
        return f"expected an address with {TICKET} once, such as 'https://tracker.example/browse/{TICKET}'"
    probe = value.replace(TICKET, "ID")
    scheme = urlsplit(probe).scheme.lower() if safe_url(probe) is not None else ""
    if scheme not in ("http", "https") or not urlsplit(probe).netloc:
        return "expected a full http or https address"
    return None


def ticket_href(ticket: str, ticket_url: str | None) -> str | None:
    """The tracker's address of a ticket; the id is percent-encoded, so it stays one
    path segment or query value whatever it holds."""
    if not ticket_url or TICKET not in ticket_url:
        return None
    return ticket_url.replace(TICKET, quote(ticket.strip(), safe=""))


def opportunity_href(opportunity: Opportunity, ticket_url: str | None) -> str | None:
    """Where an opportunity's work is followed: its own link first, else its ticket's."""
    if opportunity.link and is_external(opportunity.link) and safe_url(opportunity.link):
        return opportunity.link.strip()
    if opportunity.ticket:
        return ticket_href(opportunity.ticket, ticket_url)
    return None


@dataclass(frozen=True, slots=True)
class LinkOut:
    """An opportunity's way out, as shown: the ticket's id, else the address's host."""

    text: str
    href: str | None
    """None: a ticket without a ``ticket_url`` (shown, not linked)."""


def link_out(opportunity: Opportunity, ticket_url: str | None) -> LinkOut | None:
    """What the map's table, the backlog and the map card show of the link, if any."""
    href = opportunity_href(opportunity, ticket_url)
    if opportunity.ticket:
        return LinkOut(opportunity.ticket.strip(), href)
    if href is None:
        return None
    split = urlsplit(href)
    return LinkOut(split.netloc or split.path, href)
