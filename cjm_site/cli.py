"""The ``cjm`` command: check pages without building the site, start a handbook,
write new pages, compare versions, print the schema.

The command and the MkDocs build print the very same messages: both read the
site through the MkDocs adapter into one :class:`cjm_site.pipeline.Handbook`.
Whatever the command prints goes through :mod:`cjm_site.output`, so no author's
path or value can forge a line; no input ends in a traceback (exit 2 with a message).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn, cast

from cjm_site import __version__, cli_export, cli_interchange
from cjm_site.checking import CheckedPage, check_page, closest
from cjm_site.diffing import DiffError, diff_files, diff_revision, to_json, to_markdown
from cjm_site.inputs import InputError, read_author_file
from cjm_site.model import KINDS, Finding, Settings
from cjm_site.output import format_findings as format_findings  # the validate command's printer
from cjm_site.output import is_unsafe, json_text, shown, shown_line, shown_path
from cjm_site.pipeline import DateError, HostedHandbook, build_date
from cjm_site.reading import read_page
from cjm_site.scaffold import folder_for, handbook_files, journey_page, persona_page, slug
from cjm_site.schema import SCHEMA_NAMES, schema_json

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
"""As a shell reports a command stopped by SIGPIPE (``cjm validate | head``)."""
EXIT_CODES = """exit codes:
  0    no errors (warnings and notices may have been printed)
  1    at least one page has an error
  2    the command could not run: bad arguments, a missing or unreadable file
       or folder, a broken mkdocs.yml
  141  the output was cut off: whoever read it stopped (as with | head)"""


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
        raise UsageError(
            "no mkdocs.yml here; say where the pages live with --docs DIR, "
            "or start a handbook with: cjm init"
        )
    return docs_dir_of(here)


def _scan(docs: Path) -> list[CheckedPage]:
    """The pages already there, read within bounds; unreadable ones are left out
    here (``cjm validate`` reports them)."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        try:
            data = read_author_file(path)
        except InputError:
            continue
        pages.append(check_page(read_page(path.relative_to(docs).as_posix(), data)))
    return pages


def _write_new(target: Path, text: str) -> None:
    """Write ``text`` to a new file ``target``, never over anything (a dangling
    symbolic link included); the folders are made as needed."""
    if target.is_symlink() or target.exists():
        raise UsageError(f"{target} already exists; not overwriting it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"cannot make the folder {target.parent}: a file has that name") from None
    except OSError as err:
        raise UsageError(f"cannot make the folder {target.parent}: {err.strerror or err}") from None
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise UsageError(f"{target} already exists; not overwriting it") from None
    except OSError as err:
        raise UsageError(f"cannot write {target}: {err.strerror or err}") from None


def _name(value: str, what: str) -> str:
    """A persona's name or a journey's title as given, if it can be one."""
    name = value.strip()
    if not name:
        raise UsageError(f"{what} cannot be empty")
    if is_unsafe(name):
        raise UsageError(f"{what} {shown(name)!r} holds line breaks or control characters")
    return name


def _build_date() -> dt.date:
    try:
        return _today()
    except (ValueError, OverflowError, OSError):
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        raise UsageError(
            f"SOURCE_DATE_EPOCH={shown(epoch)!r} is not a date this command can use "
            "(seconds since 1970, up to 253402300799: the end of year 9999)"
        ) from None


def _new(args: argparse.Namespace) -> int:
    what = "a persona's name" if args.type == "persona" else "a journey's title"
    name = _name(args.name, what)
    docs = _docs_for_new(args)
    if docs.exists() and not docs.is_dir():
        raise UsageError(f"{docs} is a file, not a docs folder")
    pages = _scan(docs) if docs.is_dir() else []
    if args.type == "persona":
        folder = folder_for([p.path for p in pages if p.type == "persona"], "personas")
        target = docs / folder / f"{slug(name)}.md"
        _write_new(target, persona_page(name))
        print(shown_path(target))
        return EXIT_CLEAN
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
    text = journey_page(name, args.persona, kind=kind, stages=stages, today=_build_date())
    target = docs / folder / f"{slug(name)}.md"
    _write_new(target, text)
    print(shown_path(target))
    return EXIT_CLEAN


def _init(args: argparse.Namespace) -> int:
    root = Path(args.folder)
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder")
    name = args.name or root.resolve().name.replace("-", " ").replace("_", " ").strip()
    files = handbook_files(_name(name or "Journey handbook", "the site's name"), _build_date())
    taken = [p for p in files if (root / p).is_symlink() or (root / p).exists()]
    if (root / "mkdocs.yaml").exists():  # MkDocs reads either name
        taken.insert(0, "mkdocs.yaml")
    if taken:
        listed = ", ".join(shown_path(root / p) for p in taken)
        raise UsageError(f"not overwriting what is there: {listed}")
    for path, text in files.items():
        _write_new(root / path, text)
        print(shown_path(root / path))
    return EXIT_CLEAN


def _today() -> dt.date:
    try:
        return build_date()
    except DateError as err:
        raise UsageError(str(err)) from None


def _schema(args: argparse.Namespace) -> int:
    # The site's own lanes are stage keys too: read them from ./mkdocs.yml when there is one.
    here = Path("mkdocs.yml")
    lanes = settings_of(here).lanes if here.is_file() else ()
    sys.stdout.flush()
    sys.stdout.buffer.write(schema_json(args.which, lanes).encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_CLEAN


def _diff(args: argparse.Namespace) -> int:
    try:
        if args.files:
            if len(args.paths) != 1:
                raise UsageError("with --files, give exactly two files: OLD NEW")
            for path in (args.rev, args.paths[0]):
                read_author_file(Path(path))  # within bounds: /dev/zero is not a page
            diffs = diff_files(args.rev, args.paths[0], name=args.paths[0])
        else:
            diffs = diff_revision(args.rev, args.paths)
    except (DiffError, InputError) as err:
        raise UsageError(str(err)) from None
    if args.format == "json":
        # Re-written by our JSON printer: line separators and bidi controls escaped.
        text = json_text(json.loads(to_json(diffs)))
    else:
        # Every line of the summary starts with its own Markdown; this keeps author
        # text from ending one (U+2028, CR) or hiding in bidi controls.
        text = "\n".join(shown_line(line) for line in to_markdown(diffs).split("\n"))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_CLEAN


def _shown(path: Path) -> Path:
    """A path as a person in this folder would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it quotes back in errors shown on one line
    (``unrecognized arguments: x\\n::error ...`` must not forge a line)."""

    def error(self, message: str) -> NoReturn:
        super().error(shown(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cjm", description="Customer journey maps as code.")
    parser.add_argument("-V", "--version", action="version", version=f"cjm-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check persona and journey pages",
        description="Check persona and journey pages as the build does, without building.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    _add_init(commands)
    _add_new(commands)

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
    cli_interchange.register(commands)  # import mermaid|csv|xlsx
    cli_export.register(commands)  # export --format svg|png|pdf|mermaid|csv
    return parser


def _add_init(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="start a handbook: mkdocs.yml, a home page, a persona and a journey",
        description="Write a handbook that builds into a complete site with mkdocs build: "
        "mkdocs.yml (Material, search, cjm), docs/index.md, and one example persona "
        "and journey. Nothing that exists is overwritten.",
    )
    init.add_argument("folder", nargs="?", default=".", help="where (default: here)")
    init.add_argument("--name", help="the site's name (default: from the folder's name)")
    init.set_defaults(run=_init)


def _add_new(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="write a new persona or journey page",
        description="Write a new page, valid as written, with every optional field "
        "shown as a comment. See: cjm new persona --help, cjm new journey --help.",
    )
    kinds = new.add_subparsers(dest="type", required=True, metavar="TYPE")
    docs_help = "the docs folder (default: docs_dir of ./mkdocs.yml)"
    persona = kinds.add_parser(
        "persona",
        help="a persona page",
        description="Write personas/NAME.md (or where most personas are).",
    )
    persona.add_argument("name", help="the persona's name")
    persona.add_argument("--docs", help=docs_help)
    persona.set_defaults(run=_new)
    journey = kinds.add_parser(
        "journey",
        help="a journey page",
        description="Write journeys/TITLE.md (or where most journeys are).",
    )
    journey.add_argument("name", metavar="title", help="the journey's title")
    journey.add_argument(
        "--persona", action="append", default=[], help="a persona id (repeatable; at least one)"
    )
    journey.add_argument("--kind", default="current-state", help=f"one of: {', '.join(KINDS)}")
    journey.add_argument("--stages", help='stage names, comma separated: "Awareness, Order, Pay"')
    journey.add_argument("--docs", help=docs_help)
    journey.set_defaults(run=_new)


def _quiet_stdout() -> None:
    """After the reader of our output went away (``cjm ... | head``): send the rest
    nowhere, so the exit's flush raises nothing either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show a character gets an escape, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # here, so a closed pipe is caught below and not at exit
        return code
    except UsageError as err:
        print(f"cjm: {shown(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
