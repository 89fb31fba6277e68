"""The ``cjm`` command: check pages without building the site.

The command and the MkDocs build print the very same messages: both read the
site through the MkDocs adapter into one :class:`cjm_site.pipeline.Handbook`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import cast

from cjm_site import __version__
from cjm_site.checking import CheckedPage, check_page, closest
from cjm_site.diffing import DiffError, diff_files, diff_revision, to_json, to_markdown
from cjm_site.model import KINDS, Finding, Settings
from cjm_site.pipeline import DateError, HostedHandbook, build_date
from cjm_site.reading import read_page
from cjm_site.scaffold import folder_for, journey_page, persona_page, slug
from cjm_site.schema import SCHEMA_NAMES, schema_json

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with how the command was called or what it could read (exit 2)."""


def _adapter() -> ModuleType:
    """The MkDocs adapter, imported only when a command needs a site's configuration:
    the core never imports MkDocs, and ``cjm diff`` or ``cjm schema`` need none."""
    try:
        from cjm_mkdocs import site
    except ImportError as err:  # pragma: no cover - mkdocs is a dependency
        raise UsageError(f"reading mkdocs.yml needs MkDocs: {err}") from None
    return site


def read_config(config_file: Path | None, docs: Path | None = None) -> HostedHandbook:
    """The site of ``config_file`` (or the folder ``docs`` without one) as the build
    reads it: MkDocs' configuration, its files, and the handbook."""
    site = _adapter()
    try:
        return cast(HostedHandbook, site.read_site(config_file, docs))
    except site.SiteError as err:
        raise UsageError(str(err)) from None


def docs_dir_of(config_file: Path) -> Path:
    """The ``docs_dir`` of an mkdocs.yml, as MkDocs reads it (``INHERIT``, ``!ENV``)."""
    site = _adapter()
    try:
        return _shown(Path(site.docs_dir_of(config_file)))
    except site.SiteError as err:
        raise UsageError(str(err)) from None


def settings_of(config_file: Path | None) -> Settings:
    """The cjm plugin's settings from an mkdocs.yml, as the build reads them."""
    if config_file is None:
        return Settings()
    site = _adapter()
    try:
        return cast(Settings, site.site_settings(config_file))
    except site.SiteError as err:
        raise UsageError(str(err)) from None


def config_of(page: Path) -> Path | None:
    """The nearest mkdocs.yml above ``page`` whose docs folder holds it (or, for a
    folder holding an mkdocs.yml, that one)."""
    page = page.resolve()
    for folder in (page, *page.parents):
        config = folder / "mkdocs.yml"
        if not config.is_file():
            continue
        docs = docs_dir_of(config).resolve()
        if folder == page or docs in (page, *page.parents):
            return config
    return None


def _inside(docs: Path, target: Path) -> str:
    """A target as a docs path ("." for the whole docs folder, or a folder above it)."""
    if target.is_relative_to(docs) and target != docs:
        return target.relative_to(docs).as_posix()
    return "."  # the docs folder, or the folder holding mkdocs.yml (config_of)


def check_tree(
    config_file: Path | None, targets: Sequence[Path]
) -> tuple[list[tuple[Path, Finding]], int]:
    """Read the whole site as the build does, and report on the pages under ``targets``.

    Cross-page rules need every page, so the targets limit what is reported,
    never what is read. Returns the findings with the file each names, and the
    number of pages checked under the targets.
    """
    if config_file is None:
        only = targets[0]
        loaded = read_config(None, only if only.is_dir() else only.parent)
    else:
        loaded = read_config(config_file)
    docs = loaded.docs_dir.resolve()
    wanted = [_inside(docs, t.resolve()) for t in targets] or ["."]

    def reported(path: str) -> bool:
        return any(w == "." or path == w or path.startswith(w + "/") for w in wanted)

    handbook = loaded.handbook
    for warning in loaded.warnings:
        print(f"cjm: {warning}", file=sys.stderr)
    shown = _shown(docs)  # the folder only: a page may be a link that cannot be resolved
    found = [(shown / f.path, f) for f in handbook.findings if reported(f.path)]
    return found, sum(1 for path in handbook.pages if reported(path))


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_findings(findings: Sequence[tuple[Path, Finding]], style: str) -> list[str]:
    """Findings as lines of text, GitHub workflow commands, or one JSON document."""
    if style == "json":
        data = [
            {
                "path": f.path,
                "file": file.as_posix(),
                "line": f.line,
                "field": f.field,
                "level": f.level,
                "message": f.message,
                "hint": f.hint,
                "text": str(f),
            }
            for file, f in findings
        ]
        return [json.dumps(data, ensure_ascii=False, indent=2)]
    lines = []
    for file, f in findings:
        if style == "github":
            command = {"error": "error", "warning": "warning"}.get(f.level, "notice")
            props = [f"file={_github_escape(file.as_posix(), property_value=True)}"]
            if f.line:
                props.append(f"line={f.line}")
            props.append(f"title={_github_escape(f.field or 'page', property_value=True)}")
            lines.append(f"::{command} {','.join(props)}::{_github_escape(str(f))}")
        else:
            prefix = "" if f.level == "error" else f"{f.level}: "
            lines.append(f"{prefix}{f}")
    return lines


def _validate(args: argparse.Namespace) -> int:
    targets = [Path(p) for p in args.paths]
    sites: dict[Path, list[Path]] = {}
    if not targets:
        here = Path("mkdocs.yml")
        if not here.is_file():
            raise UsageError("no PATH given and no mkdocs.yml here")
        sites[here] = []  # the whole site
    missing = [str(t) for t in targets if not t.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    found: list[tuple[Path, Finding]] = []
    pages = 0
    for target in targets:
        config = config_of(target)
        if config is None:
            # No mkdocs.yml above it: the folder given (or the page's) is the docs folder.
            more, count = check_tree(None, [target])
            found, pages = found + more, pages + count
        else:
            sites.setdefault(config, []).append(target)
    for config, group in sites.items():
        more, count = check_tree(config, group)
        found, pages = found + more, pages + count
    for line in format_findings(found, args.format):
        print(line)
    errors = sum(1 for _, f in found if f.level == "error")
    others = len(found) - errors
    if args.format != "json":
        print(
            f"{pages} page{'s' * (pages != 1)} checked: {errors} error{'s' * (errors != 1)}, "
            f"{others} other finding{'s' * (others != 1)}",
            file=sys.stderr if args.format == "github" else sys.stdout,
        )
    return EXIT_FINDINGS if errors else EXIT_CLEAN


def _docs_for_new(args: argparse.Namespace) -> Path:
    if args.docs:
        return Path(args.docs)
    here = Path("mkdocs.yml")
    if not here.is_file():
        raise UsageError("no mkdocs.yml here; say where the pages live with --docs DIR")
    return docs_dir_of(here)


def _scan(docs: Path) -> list[CheckedPage]:
    return [
        check_page(read_page(p.relative_to(docs).as_posix(), p.read_bytes()))
        for p in sorted(docs.rglob("*.md"))
        if p.is_file()
    ]


def _write_new(docs: Path, folder: str, name: str, text: str) -> int:
    target = docs / folder / f"{name}.md"
    if target.exists():
        raise UsageError(f"{target} already exists; not overwriting it")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:
        out.write(text)
    print(target)
    return EXIT_CLEAN


def _new(args: argparse.Namespace) -> int:
    docs = _docs_for_new(args)
    pages = _scan(docs) if docs.is_dir() else []
    if args.type == "persona":
        folder = folder_for([p.path for p in pages if p.type == "persona"], "personas")
        return _write_new(docs, folder, slug(args.name), persona_page(args.name))
    known = {p.persona.id for p in pages if p.persona is not None}
    if not args.persona:
        raise UsageError("a journey needs a persona: --persona ID (see cjm new persona)")
    for persona in args.persona:
        if persona not in known:
            hint = closest(persona, sorted(known), cutoff=0.6)
            did = f"; did you mean {hint!r}?" if hint else ""
            raise UsageError(
                f"no persona has the id {persona!r}{did} (create it with cjm new persona)"
            )
    kind = args.kind
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    stages = [s.strip() for s in (args.stages or "").split(",") if s.strip()]
    folder = folder_for([p.path for p in pages if p.type == "journey"], "journeys")
    text = journey_page(args.name, args.persona, kind=kind, stages=stages, today=_today())
    return _write_new(docs, folder, slug(args.name), text)


def _today() -> dt.date:
    try:
        return build_date()
    except DateError as err:
        raise UsageError(str(err)) from None


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.buffer.write(schema_json(args.which).encode("utf-8"))
    sys.stdout.flush()
    return EXIT_CLEAN


def _diff(args: argparse.Namespace) -> int:
    try:
        if args.files:
            if len(args.paths) != 1:
                raise UsageError("with --files, give exactly two files: OLD NEW")
            diffs = diff_files(args.rev, args.paths[0], name=args.paths[0])
        else:
            diffs = diff_revision(args.rev, args.paths)
    except DiffError as err:
        raise UsageError(str(err)) from None
    text = to_json(diffs) if args.format == "json" else to_markdown(diffs)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_CLEAN


def _shown(path: Path) -> Path:
    """A path as a person in this folder would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cjm", description="Customer journey maps as code.")
    parser.add_argument("--version", action="version", version=f"cjm-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check persona and journey pages")
    validate.add_argument(
        "paths", nargs="*", help="pages or folders (default: docs_dir of ./mkdocs.yml)"
    )
    validate.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (default), GitHub workflow annotations, or JSON for tools",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="write a new persona or journey page")
    new.add_argument("type", choices=("persona", "journey"))
    new.add_argument("name", help="the persona's name or the journey's title")
    new.add_argument(
        "--persona", action="append", default=[], help="a journey's persona id (repeatable)"
    )
    new.add_argument("--kind", default="current-state", help=f"one of: {', '.join(KINDS)}")
    new.add_argument("--stages", help='stage names, comma separated: "Awareness, Order, Pay"')
    new.add_argument("--docs", help="the docs folder (default: docs_dir of ./mkdocs.yml)")
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="print the JSON Schema of the front matter")
    schema.add_argument("which", nargs="?", default="page", choices=SCHEMA_NAMES)
    schema.set_defaults(run=_schema)

    diff = commands.add_parser(
        "diff",
        help="summarise what changed in the maps",
        description="cjm diff REV [PATH ...] compares the working tree with a git revision; "
        "cjm diff --files OLD NEW compares two files.",
    )
    diff.add_argument("rev", help="a git revision (e.g. origin/main), or OLD with --files")
    diff.add_argument("paths", nargs="*", help="pages or folders to limit the diff to")
    diff.add_argument("--files", action="store_true", help="compare two files: OLD NEW")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.set_defaults(run=_diff)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as err:
        print(f"cjm: {err}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
