"""Maps written in ``journey`` fences of a handbook's pages, read with the handbook.

The pipeline finds every page's fences (with :func:`cjm_site.interchange.fence.fence_blocks`,
the scanner ``cjm_markdown`` draws them with), checks them with the page's line
numbers, and links those that name an ``id`` with the journey pages: they are
maps of the handbook, listed in the catalogue and linked from persona pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from cjm_site.checking import CheckedPage
from cjm_site.interchange.fence import FenceMap, fence_blocks, read_fence
from cjm_site.interchange.pages import Site as FenceSite
from cjm_site.linking import fold_id
from cjm_site.model import Finding, Journey, Settings
from cjm_site.reading import read_page
from cjm_site.slugs import map_file_name

FENCE_LANGUAGE = "journey"
"""The language of a fenced block that holds a map, on any page."""
_FENCE_OPENING = re.compile(
    rb"^ {0,3}(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?journey", re.MULTILINE | re.IGNORECASE
)


def may_hold_fences(data: bytes) -> bool:
    """Whether a page may hold a ``journey`` fence (most pages hold no fence at all:
    looking for three backticks or tildes first is ~20x faster than the pattern)."""
    if b"```" not in data and b"~~~" not in data:
        return False
    return _FENCE_OPENING.search(data) is not None


@dataclass(frozen=True)
class Fence:
    """A map written in a ``journey`` fence of a page (see ``cjm_markdown``)."""

    path: str
    """The page that holds it."""
    first: int
    """The page's line of the opening fence."""
    last: int
    """The page's line of the closing fence."""
    source: str
    read: FenceMap
    """The block, checked; a block that names an ``id`` is a map of the handbook."""
    listed: bool = False
    """A map of the handbook: it names an id no other page or fence has."""

    def holds(self, finding: Finding) -> bool:
        return finding.path == self.path and self.first <= finding.line <= self.last


def _fences_of(path: str, data: bytes, site: FenceSite) -> list[Fence]:
    """The ``journey`` fences of one page, checked, with the page's line numbers."""
    if not may_hold_fences(data):
        return []
    raw = read_page(path, data)
    lines = raw.body.split("\n")
    fences = []
    for block in fence_blocks(lines, (FENCE_LANGUAGE,)):
        first = raw.body_line + block.start
        read = read_fence(block.source, path, first + 1, site)
        fences.append(Fence(path, first, raw.body_line + block.end, block.source, read))
    return fences


def read_fences(
    data: Mapping[str, bytes], pages: Mapping[str, CheckedPage], settings: Settings
) -> list[Fence]:
    """Every page's ``journey`` fences; names in them find the handbook's personas."""
    if not data:
        return []
    personas = tuple(p.persona for p in pages.values() if p.persona is not None)
    site = FenceSite(personas=personas, settings=settings)
    return [fence for path in sorted(data) for fence in _fences_of(path, data[path], site)]


def named_fences(
    fences: Iterable[Fence], pages: Iterable[CheckedPage]
) -> tuple[list[Fence], list[Finding]]:
    """The fences that are maps of the handbook, and why others with an id cannot be.

    A fence's id must be free: a persona's or journey page's id (or one that differs
    only in case or accents, or gives the same map file) stays the page's, and the
    fence is an error at its line; between fences, the first in page order keeps it.
    """
    taken: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.path):
        for item in (page.persona, page.journey):
            if item is not None:
                taken.setdefault(fold_id(item.id), page.path)
                if isinstance(item, Journey):
                    taken.setdefault("file:" + map_file_name(item.id), page.path)
    named: list[Fence] = []
    findings: list[Finding] = []
    for fence in sorted(fences, key=lambda f: (f.path, f.first)):
        journey = fence.read.journey
        if journey is None or not fence.read.named:
            continue
        keys = (fold_id(journey.id), "file:" + map_file_name(journey.id))
        owner = next((taken[key] for key in keys if key in taken), None)
        if owner is not None:
            where = "another fence of this page" if owner == fence.path else owner
            message = (
                f"the id {journey.id!r} is already used by {where}; a fence's map needs "
                "an id of its own (the page keeps it): rename the fence's id"
            )
            findings.append(Finding(fence.path, journey.line, "id", message))
            continue
        for key in keys:
            taken[key] = fence.path
        named.append(replace(fence, listed=True))
    return named, findings
