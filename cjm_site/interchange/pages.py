"""What imports share: the handbook they write into, and the pages they write.

An import turns foreign data into the format's front-matter data, writes it
as a page's text, and checks that text with the same read -> check steps as
the build before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from cjm_site.checking import check_page
from cjm_site.escaping import clean_text
from cjm_site.model import Finding, Persona, Settings
from cjm_site.reading import read_page
from cjm_site.scaffold import folder_for, slug


@dataclass(frozen=True, slots=True)
class Site:
    """What an import needs to know about the handbook it writes into."""

    personas: tuple[Persona, ...] = ()
    journey_paths: tuple[str, ...] = ()
    """Paths of the journey pages, relative to the docs folder."""
    settings: Settings = field(default_factory=Settings)
    ids: tuple[tuple[str, str], ...] = ()
    """Every persona's and journey's id, with its page's path: ids are unique per site."""

    def page_with_id(self, page_id: str) -> str | None:
        """The path of the page that has this id, if any."""
        return next((path for known, path in self.ids if known == page_id), None)

    def persona_id(self, actor: str) -> str | None:
        """The id of the persona an actor names, by name or id, ignoring case."""
        wanted = clean_text(actor).casefold()
        for persona in self.personas:
            if wanted in (persona.name.casefold(), persona.id.casefold()):
                return persona.id
        return None

    def phase_id(self, section: str) -> str | None:
        """The spine stage a section or phase names (by id or name); any text without a spine."""
        if not self.settings.spine:
            return section
        wanted = section.casefold()
        for stage in self.settings.spine:
            if wanted in (stage.id.casefold(), stage.name.casefold()) or slug(section) == stage.id:
                return stage.id
        return None

    @property
    def persona_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.personas}

    def journeys_folder(self) -> str:
        """Where new journey pages go: the folder most journeys are in, else ``journeys``."""
        return folder_for(list(self.journey_paths), "journeys")


def read_site(pages: Iterable[tuple[str, bytes]], settings: Settings | None = None) -> Site:
    """The personas and journey paths of a handbook's pages, given as ``(path, bytes)``."""
    personas: list[Persona] = []
    journeys: list[str] = []
    ids: list[tuple[str, str]] = []
    for path, data in pages:
        checked = check_page(read_page(path, data), settings)
        if checked.persona is not None:
            personas.append(checked.persona)
            ids.append((checked.persona.id, path))
        elif checked.type == "journey":
            journeys.append(path)
            if checked.journey is not None:
                ids.append((checked.journey.id, path))
    return Site(tuple(personas), tuple(journeys), settings or Settings(), tuple(ids))


@dataclass(frozen=True, slots=True)
class Draft:
    """A journey page an import means to write."""

    name: str
    """File name without ``.md``."""
    data: dict[str, Any]
    """The front matter, in the format's shape."""
    source: str
    """Where it came from, as shown in the page body and messages (a file name, a line)."""
    unmapped: tuple[str, ...] = ()
    """What could not be carried over, one message each."""

    def text(self) -> str:
        """The page: front matter, then a heading and a line saying where it came from."""
        front = yaml.safe_dump(
            self.data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        title = str(self.data.get("title", self.name))
        return (
            f"---\n{front}---\n# {title}\n\n"
            f"Imported from {self.source}. Add the scenario, research and notes here; "
            "the map appears under this heading.\n"
        )


def check_draft(path: str, text: str, settings: Settings) -> list[Finding]:
    """The errors the build would report on the page (cross-page rules aside)."""
    checked = check_page(read_page(path, text.encode("utf-8")), settings)
    return [f for f in checked.findings if f.level == "error"]


def journey_front(
    title: str,
    personas: Sequence[str],
    kind: str,
    stages: Sequence[Mapping[str, Any]],
    description: str | None = None,
) -> dict[str, Any]:
    """Front matter in the order authors write it."""
    data: dict[str, Any] = {"type": "journey", "title": title}
    if description:
        data["description"] = description
    if len(personas) == 1:
        data["persona"] = personas[0]
    elif personas:
        data["personas"] = list(personas)
    data["kind"] = kind
    data["stages"] = [dict(stage) for stage in stages]
    return data


def number(value: float) -> int | float:
    """A whole number as an int, so the YAML reads ``-1`` rather than ``-1.0``."""
    return int(value) if float(value).is_integer() else value


def free_name(folder: str, name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... when an earlier draft of this import took it."""
    candidate, count = name, 1
    while str(PurePosixPath(folder) / f"{candidate}.md") in taken:
        count += 1
        candidate = f"{name}-{count}"
    taken.add(str(PurePosixPath(folder) / f"{candidate}.md"))
    return candidate
