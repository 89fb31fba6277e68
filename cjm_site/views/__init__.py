"""Organisation-wide views: pages generated from all maps at once.

Each view module has a ``build(site, settings, options) -> ViewSet`` function.
A :class:`ViewSet` says which pages to generate (each rendered from a template
a site can override), which other files to write (a CSV export), which links
each journey page shows back to the views that draw on it, and what the view
adds to ``catalogue.json``. Files and catalogue parts are functions, called
only when the file is written. The host (the MkDocs adapter) does the rest,
the same way for every view.

Links inside contexts are docs paths (``journeys/pizza-night.md``); templates
turn them into relative URLs with ``href(path, anchor)``, which the host gives
them at render time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cjm_site.linking import Site
from cjm_site.model import Journey, Settings


@dataclass(frozen=True)
class ViewOptions:
    """Settings of the views (from the plugin's options)."""

    folder: str = "views"
    """Folder (docs-relative) of the generated pages."""
    soon_days: int = 30
    """A review date this close counts as due soon."""
    page_rows: int = 500
    """Rows of a long table per page: past this, the table goes on over numbered pages,
    so no generated page grows with the whole handbook."""


@dataclass(frozen=True)
class ViewPage:
    """A generated page: where it lives, its title, its template and what the template gets."""

    uri: str
    title: str
    template: str
    context: Mapping[str, Any]
    description: str = ""
    """One sentence shown under the title (plain text)."""
    in_index: bool = True
    """Listed among the views on the catalogue page (owner pages are reached via their index)."""
    searchable: bool = False
    """In the search index. Views repeat the maps' text, which search finds on the maps."""


@dataclass(frozen=True)
class ViewFile:
    """Another generated file, such as a CSV export."""

    uri: str
    make: Callable[[], str]
    """Makes the text when the file is written (exports grow with the handbook)."""


@dataclass(frozen=True)
class ViewLink:
    """A link from a journey page to a view (or a place in one)."""

    text: str
    uri: str
    anchor: str = ""


def _links() -> Mapping[str, tuple[ViewLink, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True)
class ViewSet:
    pages: tuple[ViewPage, ...] = ()
    files: tuple[ViewFile, ...] = ()
    journey_links: Mapping[str, tuple[ViewLink, ...]] = field(default_factory=_links)
    """Links shown on each journey page, by journey id."""
    json: Mapping[str, Callable[[], Any]] = field(default_factory=dict)
    """Top-level keys this view adds to catalogue.json, each with the function that
    makes its value when catalogue.json is written (not before: at thousands of
    maps these parts are tens of megabytes nobody needs while pages are built)."""

    def links_for(self, journey: Journey) -> tuple[ViewLink, ...]:
        return self.journey_links.get(journey.id, ())


Builder = Callable[[Site, Settings, ViewOptions], ViewSet]


def merge(sets: list[ViewSet]) -> ViewSet:
    """One view set out of several, in the given order."""
    links: dict[str, list[ViewLink]] = {}
    document: dict[str, Callable[[], Any]] = {}
    for view_set in sets:
        for journey_id, items in view_set.journey_links.items():
            links.setdefault(journey_id, []).extend(items)
        for key, value in view_set.json.items():
            if key in document:
                raise ValueError(f"two views add {key!r} to catalogue.json")
            document[key] = value
    return ViewSet(
        pages=tuple(p for s in sets for p in s.pages),
        files=tuple(f for s in sets for f in s.files),
        journey_links=MappingProxyType({k: tuple(v) for k, v in links.items()}),
        json=document,
    )


def builders() -> list[Builder]:
    """Every view, in the order their links appear on a journey page."""
    from cjm_site.views import registry

    return list(registry.BUILDERS)


def build_views(site: Site, settings: Settings, options: ViewOptions | None = None) -> ViewSet:
    options = options or ViewOptions()
    return merge([build(site, settings, options) for build in builders()])
