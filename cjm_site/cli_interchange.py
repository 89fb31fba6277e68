"""``cjm import`` and ``cjm export``: maps in from Mermaid and spreadsheets, out to Mermaid.

Wired into the ``cjm`` command by :func:`register`. Imports never overwrite a
file; they print what they wrote and what they could not carry over. Exit
codes are those of ``cjm validate``: 0 all written, 1 something in the input
could not be imported (nothing is written for that map), 2 the command could
not run (a missing file, an unknown option value, a missing extra).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cjm_site import cli_export
from cjm_site.checking import closest
from cjm_site.interchange import grid, mermaid
from cjm_site.interchange.pages import Draft, Site, check_draft, free_name, journey_front, read_site
from cjm_site.model import KINDS, Settings
from cjm_site.scaffold import slug

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_MARKDOWN = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}


class UsageError(Exception):
    """How the command was called, or a file it could not read (exit 2)."""


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A handler that prints usage problems as ``cjm: ...`` and exits 2, never a traceback."""

    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except UsageError as err:
            print(f"cjm: {err}", file=sys.stderr)
            return EXIT_USAGE

    guarded.__name__ = run.__name__
    guarded.__doc__ = run.__doc__
    return guarded


# -- the handbook ------------------------------------------------------------------


def _config_near(path: Path) -> Path | None:
    # Imported here: cli.py imports this module to register the commands.
    from cjm_site import cli

    return cli.config_of(path)


def _settings(config: Path | None) -> Settings:
    from cjm_site import cli

    try:
        return cli.settings_of(config)
    except cli.UsageError as err:
        raise UsageError(str(err)) from None


def _docs(args: argparse.Namespace) -> tuple[Path, Settings]:
    """The docs folder (``--docs``, else ``docs_dir`` of ./mkdocs.yml) and the site's settings."""
    from cjm_site import cli

    if args.docs:
        docs = Path(args.docs)
        if not docs.is_dir():
            raise UsageError(f"no such folder: {docs}")
        config = _config_near(docs / "_")
        return docs, _settings(config)
    here = Path("mkdocs.yml")
    if not here.is_file():
        raise UsageError("no mkdocs.yml here; say where the pages live with --docs DIR")
    try:
        return cli.docs_dir_of(here), _settings(here)
    except cli.UsageError as err:
        raise UsageError(str(err)) from None


def _site(docs: Path, settings: Settings) -> Site:
    pages = (
        (p.relative_to(docs).as_posix(), p.read_bytes())
        for p in sorted(docs.rglob("*"))
        if p.suffix in _MARKDOWN and p.is_file()
    )
    return read_site(pages, settings) if docs.is_dir() else Site(settings=settings)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    return kind


def _title_from(path: str) -> str:
    words = Path(path).stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Imported journey"


# -- writing -----------------------------------------------------------------------


def _write(drafts: Sequence[Draft], docs: Path, site: Site) -> bool:
    """Write each draft as a new page; True when every one was written."""
    folder = site.journeys_folder()
    taken: set[str] = set()
    written_all = True
    for draft in drafts:
        name = free_name(folder, draft.name, taken)
        relative = f"{folder}/{name}.md" if folder else f"{name}.md"
        target = docs / relative
        owner = site.page_with_id(name)
        if owner is not None and not target.exists():
            written_all = False
            print(f"{target}: its id {name!r} is taken by {owner}; not writing it (give --title)")
            continue
        text = draft.text()
        problems = check_draft(relative, text, site.settings)
        if problems:
            written_all = False
            for problem in problems:
                print(f"{draft.source}: the page would not pass cjm validate: {problem}")
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except FileExistsError:
            written_all = False
            print(f"{target}: already exists; not overwriting it (move it, or give --title)")
            continue
        except OSError as err:
            raise UsageError(f"cannot write {target}: {err.strerror or err}") from None
        count = len(draft.data["stages"])
        print(f"wrote {target} ({count} stage{'s' * (count != 1)}) from {draft.source}")
        for note in draft.unmapped:
            print(f"  not mapped: {note}")
    return written_all


# -- import mermaid ----------------------------------------------------------------


def import_mermaid(args: argparse.Namespace) -> int:
    """``cjm import mermaid FILE``: a .mmd file, or every journey diagram in a Markdown file."""
    kind = _kind(args.kind)
    data = _read(args.file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError(
            f"{args.file} is not UTF-8 text ({err.reason} at byte {err.start})"
        ) from None
    docs, settings = _docs(args)
    site = _site(docs, settings)
    markdown = Path(args.file).suffix.lower() in _MARKDOWN
    blocks = mermaid.journey_blocks(text) if markdown else [(1, text)]
    if not blocks:
        print(f"{args.file}: no ```mermaid block holding a journey diagram")
        return EXIT_FINDINGS
    ok = True
    drafts: list[Draft] = []
    for number, (line, block) in enumerate(blocks, start=1):
        diagram, findings = mermaid.parse(block, args.file, line)
        for finding in findings:
            prefix = "" if finding.level == "error" else f"{finding.level}: "
            print(f"{prefix}{finding}")
        if diagram is None or any(f.level == "error" for f in findings):
            ok = False
            continue
        if not diagram.tasks:
            print(f"{args.file}:{diagram.line}: mermaid: the diagram has no tasks, so no stages")
            ok = False
            continue
        fallback = _title_from(args.file) + (f" {number}" if len(blocks) > 1 else "")
        source = f"{Path(args.file).name}, line {line}" if markdown else Path(args.file).name
        draft = mermaid.draft(diagram, site, kind=kind, title=fallback, source=source)
        if args.title:  # several diagrams: "Title", "Title 2", ...
            title = args.title + (f" {number}" if number > 1 else "")
            draft = Draft(slug(title), {**draft.data, "title": title}, source, draft.unmapped)
        drafts.append(draft)
    ok = _write(drafts, docs, site) and ok
    return EXIT_CLEAN if ok else EXIT_FINDINGS


# -- import csv / xlsx ---------------------------------------------------------------


def _personas(wanted: Sequence[str], site: Site) -> list[str]:
    ids: list[str] = []
    known = sorted(p.id for p in site.personas)
    for persona in wanted:
        found = site.persona_id(persona)
        if found is None:
            hint = closest(persona, known, cutoff=0.6)
            did = f"; did you mean {hint!r}?" if hint else ""
            raise UsageError(
                f"no persona has the id or name {persona!r}{did} "
                f'(create it with: cjm new persona "{persona}")'
            )
        if found not in ids:
            ids.append(found)
    return ids


def import_grid(args: argparse.Namespace) -> int:
    """``cjm import csv|xlsx FILE``: a grid with stages across and lanes down."""
    kind = _kind(args.kind)
    data = _read(args.file)
    docs, settings = _docs(args)
    site = _site(docs, settings)
    personas = _personas(args.persona, site)
    try:
        rows = grid.read_xlsx(data, args.sheet) if args.source == "xlsx" else grid.read_csv(data)
    except grid.GridError as err:
        raise UsageError(f"{args.file}: {err}") from None
    stages, findings, unmapped = grid.read_grid(rows, args.file, site)
    for finding in findings:
        print(finding)
    if findings or not stages:
        return EXIT_FINDINGS
    title = args.title or _title_from(args.file)
    front = journey_front(title, personas, kind, stages)
    draft = Draft(slug(title), front, Path(args.file).name, tuple(unmapped))
    return EXIT_CLEAN if _write([draft], docs, site) else EXIT_FINDINGS


# -- export ------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the file to import")
    parser.add_argument("--docs", help="the docs folder (default: docs_dir of ./mkdocs.yml)")
    parser.add_argument("--kind", default="current-state", help=f"one of: {', '.join(KINDS)}")
    parser.add_argument("--title", help="the journey's title (default: the diagram's or file's)")


def register(commands: Any) -> None:
    """Add ``import`` to the ``cjm`` command's subparsers (``export`` is cli_export's)."""
    importing = commands.add_parser(
        "import", help="write journey pages from Mermaid diagrams or spreadsheet grids"
    )
    sources = importing.add_subparsers(dest="source", required=True)
    from_mermaid = sources.add_parser(
        "mermaid", help="a .mmd file, or every ```mermaid journey block of a Markdown file"
    )
    _common(from_mermaid)
    from_mermaid.set_defaults(run=_guarded(import_mermaid))
    for source, what in (("csv", "a CSV file"), ("xlsx", "an Excel workbook")):
        sheet = sources.add_parser(
            source, help=f"{what}: stage names across the first row, a lane per further row"
        )
        _common(sheet)
        sheet.add_argument(
            "--persona", action="append", default=[], help="the persona's id or name (repeatable)"
        )
        if source == "xlsx":
            sheet.add_argument("--sheet", help="the sheet to read (default: the first)")
        sheet.set_defaults(run=_guarded(import_grid))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``import`` or ``export`` on their own (``cjm`` runs them the same way)."""
    parser = argparse.ArgumentParser(prog="cjm", description="Customer journey maps as code.")
    commands = parser.add_subparsers(dest="command", required=True)
    register(commands)
    cli_export.register(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
