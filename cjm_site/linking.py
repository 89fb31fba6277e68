"""Linking: checked pages -> the site, with every relation indexed once.

Relations are built in one pass over the journeys (no maps x maps work), and
every reference is checked: missing ids (with the closest existing ones),
self-references, duplicate ids and ``improves`` cycles.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from cjm_site.checking import CheckedPage
from cjm_site.escaping import code_points
from cjm_site.model import Finding, Journey, Persona, Ref


def _freeze(index: dict[str, list[Journey]]) -> Mapping[str, tuple[Journey, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in index.items()})


@dataclass(frozen=True)
class Site:
    """Every persona and journey of a handbook, and how they relate."""

    personas: tuple[Persona, ...]
    journeys: tuple[Journey, ...]
    findings: tuple[Finding, ...]
    """Cross-page problems found while linking (page problems stay with the page)."""
    _persona_by_id: Mapping[str, Persona] = field(repr=False)
    _journey_by_id: Mapping[str, Journey] = field(repr=False)
    _journeys_of: Mapping[str, tuple[Journey, ...]] = field(repr=False)
    _improved_by: Mapping[str, tuple[Journey, ...]] = field(repr=False)
    _compared: Mapping[str, tuple[Journey, ...]] = field(repr=False)

    def persona(self, persona_id: str) -> Persona | None:
        return self._persona_by_id.get(persona_id)

    def journey(self, journey_id: str) -> Journey | None:
        return self._journey_by_id.get(journey_id)

    def personas_of(self, journey: Journey) -> tuple[Persona, ...]:
        found = (self._persona_by_id.get(ref.id) for ref in journey.personas)
        return tuple(p for p in found if p is not None)

    def journeys_of(self, persona_id: str) -> tuple[Journey, ...]:
        """Journeys that feature the persona, in title order."""
        return self._journeys_of.get(persona_id, ())

    def improves(self, journey: Journey) -> Journey | None:
        """The current-state map this one improves, if it exists."""
        return self._journey_by_id.get(journey.improves.id) if journey.improves else None

    def improved_by(self, journey_id: str) -> tuple[Journey, ...]:
        """Maps that say they improve this one."""
        return self._improved_by.get(journey_id, ())

    def compared_with(self, journey_id: str) -> tuple[Journey, ...]:
        """Maps compared with this one, whichever of the two named the other."""
        return self._compared.get(journey_id, ())

    def with_findings(self, extra: Iterable[Finding]) -> Site:
        """The same site with more cross-page findings (e.g. from the host's file checks)."""
        return replace(self, findings=(*self.findings, *extra))

    def findings_for(self, path: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.path == path)


def _missing(kind: str, ref: Ref, path: str, known: Sequence[str]) -> Finding:
    close = difflib.get_close_matches(ref.id, list(known), n=3, cutoff=0.6)
    message = f"no {kind} has the id {ref.id!r}"
    if close:
        message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return Finding(path, ref.line, ref.field, message, hint=close[0] if close else None)


def _look_alike(here: str, there: str) -> str:
    """How two names that look the same differ, code point by code point (file
    systems keep 'é' as one code point or as 'e' and a combining accent)."""
    if here == there or unicodedata.normalize("NFC", here) != unicodedata.normalize("NFC", there):
        return ""
    start = 0
    while start < min(len(here), len(there)) and here[start] == there[start]:
        start += 1
    end = 0
    while end < min(len(here), len(there)) - start and here[-1 - end] == there[-1 - end]:
        end += 1
    mine, theirs = here[start : len(here) - end], there[start : len(there) - end]
    return (
        " (the file names differ only in Unicode normalisation: "
        f"{code_points(mine)} here, {code_points(theirs)} there)"
    )


def _unique(
    pages: Iterable[Persona | Journey], kind: str, findings: list[Finding]
) -> dict[str, Persona | Journey]:
    by_id: dict[str, Persona | Journey] = {}
    for page in pages:
        first = by_id.get(page.id)
        if first is not None:
            findings.append(
                Finding(
                    page.path,
                    page.line,
                    "id",
                    f"the {kind} id {page.id!r} is already used by {first.path}; "
                    f"ids must be unique{_look_alike(page.path, first.path)}",
                )
            )
            continue
        by_id[page.id] = page
    return by_id


def link(pages: Sequence[CheckedPage]) -> Site:
    """Build the site from checked pages (in any order; output is sorted by path)."""
    ordered = sorted(pages, key=lambda p: p.path)
    findings: list[Finding] = []
    personas_found = [p.persona for p in ordered if p.persona is not None]
    journeys_found = [p.journey for p in ordered if p.journey is not None]
    persona_by_id: dict[str, Persona] = {}
    for page in _unique(personas_found, "persona", findings).values():
        assert isinstance(page, Persona)
        persona_by_id[page.id] = page
    journey_by_id: dict[str, Journey] = {}
    for page in _unique(journeys_found, "journey", findings).values():
        assert isinstance(page, Journey)
        journey_by_id[page.id] = page
    findings.extend(_case_clashes([*persona_by_id.values(), *journey_by_id.values()]))
    for persona_id in sorted(persona_by_id.keys() & journey_by_id.keys()):
        journey = journey_by_id[persona_id]
        findings.append(
            Finding(
                journey.path,
                journey.line,
                "id",
                f"the id {persona_id!r} is also the id of the persona "
                f"{persona_by_id[persona_id].path}; ids must be unique",
            )
        )

    def others(journey: Journey) -> list[str]:
        return [key for key in journey_by_id if key != journey.id]

    journeys_of: dict[str, list[Journey]] = {}
    improved_by: dict[str, list[Journey]] = {}
    compared: dict[str, list[Journey]] = {}
    for journey in journey_by_id.values():
        seen_personas: set[str] = set()
        for ref in journey.personas:
            if ref.id not in persona_by_id:
                findings.append(_missing("persona", ref, journey.path, list(persona_by_id)))
            elif ref.id not in seen_personas:
                seen_personas.add(ref.id)
                journeys_of.setdefault(ref.id, []).append(journey)
        if journey.improves is not None:
            ref = journey.improves
            target = journey_by_id.get(ref.id)
            if ref.id == journey.id:
                findings.append(
                    Finding(journey.path, ref.line, ref.field, "a map cannot improve itself")
                )
            elif target is None:
                findings.append(_missing("journey", ref, journey.path, others(journey)))
            elif target.kind != "current-state":
                findings.append(
                    Finding(
                        journey.path,
                        ref.line,
                        ref.field,
                        f"{ref.id!r} is a {target.kind} map; a map improves a current-state map",
                    )
                )
            else:
                improved_by.setdefault(target.id, []).append(journey)
        for ref in journey.compare:
            other = journey_by_id.get(ref.id)
            if ref.id == journey.id:
                findings.append(
                    Finding(
                        journey.path, ref.line, ref.field, "a map cannot be compared with itself"
                    )
                )
            elif other is None:
                findings.append(_missing("journey", ref, journey.path, others(journey)))
            else:
                for a, b in ((journey, other), (other, journey)):
                    pairs = compared.setdefault(a.id, [])
                    if b not in pairs:
                        pairs.append(b)
    findings.extend(_improves_cycles(journey_by_id))

    def by_title(index: dict[str, list[Journey]]) -> dict[str, list[Journey]]:
        return {k: sorted(v, key=lambda j: (j.title.casefold(), j.path)) for k, v in index.items()}

    return Site(
        personas=tuple(sorted(persona_by_id.values(), key=lambda p: (p.name.casefold(), p.path))),
        journeys=tuple(sorted(journey_by_id.values(), key=lambda j: (j.title.casefold(), j.path))),
        findings=tuple(findings),
        _persona_by_id=MappingProxyType(persona_by_id),
        _journey_by_id=MappingProxyType(journey_by_id),
        _journeys_of=_freeze(by_title(journeys_of)),
        _improved_by=_freeze(by_title(improved_by)),
        _compared=_freeze(by_title(compared)),
    )


def fold_id(text: str) -> str:
    """An id as slugs and case-insensitive file systems see it: case and accents folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).casefold()


def _case_clashes(pages: Sequence[Persona | Journey]) -> list[Finding]:
    """Ids that differ only in case (or accents: 'Café', 'Cafe') break on
    case-insensitive file systems and in URLs and slugs."""
    findings: list[Finding] = []
    first: dict[str, Persona | Journey] = {}
    for page in sorted(pages, key=lambda p: p.path):
        other = first.setdefault(fold_id(page.id), page)
        if other is page or other.id == page.id:
            continue
        if other.id.casefold() == page.id.casefold():
            how, rule = "in case", "case"
        else:
            how, rule = "in case or accents", "case or accents"
        findings.append(
            Finding(
                page.path,
                page.line,
                "id",
                f"the id {page.id!r} differs only {how} from {other.id!r} ({other.path}); "
                f"ids must differ in more than {rule}",
            )
        )
    return findings


def outside_docs(docs_dir: str, path: str) -> bool:
    """Whether the docs path ``path`` leads outside ``docs_dir`` once symbolic links
    are followed (a link to a file or a folder elsewhere on the machine)."""
    root = os.path.realpath(docs_dir)
    real = os.path.realpath(os.path.join(root, *path.split("/")))
    return os.path.commonpath([root, real]) != root


def linked_out(docs_dir: str, paths: Iterable[str]) -> list[Finding]:
    """An error for each file of the docs folder that is a symbolic link leading out of it.

    The host must then drop these files: neither read nor copied into the site.
    """
    return [leads_out(path) for path in sorted(paths) if outside_docs(docs_dir, path)]


def leads_out(path: str) -> Finding:
    """The error for a file of the docs folder that is a symbolic link leading out of it."""
    message = (
        "is a symbolic link that leads outside the docs folder; "
        "it is neither read nor copied into the site"
    )
    return Finding(path, 0, "", message)


PICTURE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
"""What a storyboard's pictures may be (what browsers show and the standalone map embeds)."""


def check_images(
    site: Site,
    exists: Callable[[str], bool],
    *,
    leaves_docs: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """Persona pictures must be files of the docs folder (``exists`` takes a docs path).

    ``leaves_docs`` (a docs path) tells whether a file is a symbolic link out of
    the docs folder: such a picture is an error too (see :func:`outside_docs`).
    """
    findings: list[Finding] = []
    for persona in site.personas:
        image = persona.image
        if image is None or image.casefold().startswith(("http:", "https:")):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(persona.path), image))
        if target == ".." or target.startswith(("../", "/")):
            message = f"{image!r} is outside the docs folder; put the picture beside the page"
        elif leaves_docs is not None and leaves_docs(target):
            message = (
                f"{image!r} is a symbolic link that leads outside the docs folder; "
                "put the picture itself beside the page"
            )
        elif not exists(target):
            message = f"no file {target!r} in the docs folder"
        else:
            continue
        findings.append(Finding(persona.path, persona.image_line, "image", message))
    for journey in site.journeys:
        findings += _stage_pictures(journey, exists, leaves_docs)
    return findings


def _stage_pictures(
    journey: Journey, exists: Callable[[str], bool], leaves_docs: Callable[[str], bool] | None
) -> list[Finding]:
    """A storyboard's pictures: files of the docs folder, of a type a browser shows."""
    findings = []
    for index, stage in enumerate(journey.stages):
        for image in stage.images:
            where = f"stages[{index}].images"
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(journey.path), image.src.split("#")[0])
            )
            on = f" (on the stage {stage.name!r})"
            if leaves_docs is not None and leaves_docs(target):
                message = (
                    f"{image.src!r} is a symbolic link that leads outside the docs folder; "
                    "put the picture itself beside the page"
                )
            elif not exists(target):
                message = f"{image.src!r}: no file {target!r} in the docs folder{on}"
            elif posixpath.splitext(target)[1].casefold() not in PICTURE_SUFFIXES:
                message = (
                    f"{image.src!r} is not a picture a browser shows; "
                    f"use {', '.join(PICTURE_SUFFIXES)}{on}"
                )
            else:
                continue
            findings.append(Finding(journey.path, image.line, where, message))
    return findings


def _improves_cycles(journey_by_id: Mapping[str, Journey]) -> list[Finding]:
    """Report each ``improves`` cycle once, at the map where it is first entered."""
    findings: list[Finding] = []
    done: set[str] = set()
    for start in sorted(journey_by_id):
        trail: list[str] = []
        on_trail: set[str] = set()
        current: str | None = start
        while current is not None and current not in done and current not in on_trail:
            trail.append(current)
            on_trail.add(current)
            journey = journey_by_id.get(current)
            nxt = journey.improves.id if journey and journey.improves else None
            current = nxt if nxt != current else None
        if current is not None and current in on_trail:
            cycle = [*trail[trail.index(current) :], current]
            first = journey_by_id[cycle[0]]
            assert first.improves is not None
            findings.append(
                Finding(
                    first.path,
                    first.improves.line,
                    first.improves.field,
                    "improves forms a cycle: " + " -> ".join(cycle),
                )
            )
        done.update(trail)
    return findings


THEME_FILES: dict[str, tuple[str, str, str]] = {
    "template": ("{}", "a template", "the page is built with the theme's main template"),
    "icon": (".icons/{}.svg", "an icon", "the page is shown without it"),
}
"""Front-matter keys that name a file of the theme: the file's path, what it is, what happens."""


def check_theme_files(pages: Iterable[CheckedPage], exists: Callable[[str], bool]) -> list[Finding]:
    """``template:`` and ``icon:`` name files of the theme (``exists`` takes a path in
    the theme), and MkDocs stops the whole build at one it cannot find. Each missing
    one is an error; the host then leaves the key out of what MkDocs sees.
    """
    findings: list[Finding] = []
    for page in sorted(pages, key=lambda p: p.path):
        for key, (pattern, noun, outcome) in THEME_FILES.items():
            name = page.meta.get(key)
            if isinstance(name, str) and not exists(pattern.format(name)):
                message = f"{name!r} is not {noun} of the theme; {outcome}"
                findings.append(Finding(page.path, 0, key, message))
    return findings
