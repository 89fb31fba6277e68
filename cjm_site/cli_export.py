"""``cjm export PAGE.md --format svg|png|pdf``: a journey map as a file to take away.

The page and the personas it names are read through the core (read, check,
link), from the docs folder of the nearest ``mkdocs.yml`` above the page.
Formats are a table (:data:`cjm_site.export.formats.FORMATS`): another format is
one more entry there, and the command offers it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cjm_site import i18n
from cjm_site.export.formats import FORMATS, ExportFormat, ExportOptions, MapSource
from cjm_site.export.pictures import folder_reader
from cjm_site.vocabulary import speaking

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportFormat",
    "ExportOptions",
    "MapSource",
    "load_map",
    "main",
    "register",
]

EXIT_CLEAN, EXIT_USAGE = 0, 2


class ExportError(Exception):
    """A problem with the command's input or what it can write (exit 2)."""


def _created() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as the PDF's date, when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return None


def page_address(site_url: str | None, path: str, *, directory_urls: bool = True) -> str | None:
    """The address MkDocs gives the page at ``path`` (relative to the docs folder)."""
    if not site_url:
        return None
    stem = path.rsplit(".", 1)[0]
    if directory_urls:
        folder, _, name = stem.rpartition("/")
        stem = folder if name in ("index", "README") else stem
        tail = f"{stem}/" if stem else ""
    else:
        tail = f"{stem}.html"
    return site_url.rstrip("/") + "/" + tail


def load_map(page: Path) -> MapSource:
    """The journey on ``page``, read with the whole site through the pipeline (as the build)."""
    from cjm_site.cli import UsageError, config_of, read_config

    if not page.is_file():
        raise ExportError(f"no such page: {page}")
    try:
        config = config_of(page)
        hosted = read_config(config, None if config else page.parent)
    except UsageError as err:
        raise ExportError(str(err)) from None
    try:
        target = page.resolve().relative_to(hosted.docs_dir.resolve()).as_posix()
    except ValueError:
        raise ExportError(f"{page} is not inside the docs folder {hosted.docs_dir}") from None
    handbook = hosted.handbook
    mine = handbook.pages.get(target)
    if mine is None:
        raise ExportError(f"{page} is not a page of the site (cjm validate says why)")
    errors = handbook.errors_of(target)
    if errors:
        listed = "\n".join(f"  {f}" for f in errors)
        raise ExportError(f"{page} has errors; fix them first (cjm validate):\n{listed}")
    if mine.journey is None:
        raise ExportError(f"{page} is not a journey page (its front matter needs type: journey)")
    journey = handbook.site.journey(mine.journey.id) or mine.journey
    names = tuple(p.name for p in handbook.site.personas_of(journey))
    address = page_address(hosted.site_url, target, directory_urls=hosted.directory_urls)
    return MapSource(
        journey,
        handbook.settings,
        names,
        address,
        pictures=folder_reader(hosted.docs_dir),
        problems=[],
    )


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0.1 <= value <= 8:
        raise argparse.ArgumentTypeError(f"expected a number from 0.1 to 8, got {text!r}")
    return value


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``export`` to the ``cjm`` command's subcommands."""
    from cjm_site.export.formats import PAPERS

    export: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write a journey map as SVG, PNG, PDF, Mermaid or a CSV grid",
        description="Write the map of a journey page as a file that works outside the site.",
    )
    export.add_argument("page", help="the journey's Markdown page")
    export.add_argument(
        "--format",
        required=True,
        choices=tuple(FORMATS),
        help="; ".join(f"{name}: {fmt.help}" for name, fmt in FORMATS.items()),
    )
    export.add_argument(
        "--paper", choices=tuple(PAPERS), default="A4", help="PDF sheet, landscape (default A4)"
    )
    export.add_argument(
        "--scale",
        type=_positive,
        default=2.0,
        help="PNG pixels per CSS pixel of the map (default 2)",
    )
    export.add_argument(
        "-o", "--output", help="the file to write, or - for standard output (default: ID.FORMAT)"
    )
    export.add_argument(
        "--force", action="store_true", help="replace OUTPUT if it exists (never by default)"
    )
    export.set_defaults(run=run)
    return export


def run(args: argparse.Namespace) -> int:
    """Carry out ``cjm export``; problems are a message and exit status 2."""
    from cjm_site.export.render import ExportUnavailable

    fmt = FORMATS[args.format]
    try:
        source = load_map(Path(args.page))
        # The exported map speaks the site's language, as its page does.
        words = i18n.vocabulary(source.settings.language, dict(source.settings.labels))
        with speaking(words):
            data = fmt.write(source, ExportOptions(args.paper, args.scale, _created()))
        target = args.output or f"{_file_name(source.journey.id)}{fmt.suffix}"
        if target == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            for problem in source.problems or ():
                print(f"cjm export: warning: {problem}", file=sys.stderr)
            return EXIT_CLEAN
        _write(Path(target), data, force=args.force)
        for problem in source.problems or ():
            print(f"cjm export: warning: {problem}", file=sys.stderr)
    except (ExportError, ExportUnavailable, ValueError) as err:
        print(f"cjm export: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(target)
    return EXIT_CLEAN


def _file_name(journey_id: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in journey_id).strip("-.")
    return cleaned or "map"


def _write(target: Path, data: bytes, *, force: bool = False) -> None:
    if not target.parent.is_dir():
        raise ExportError(f"no such folder: {target.parent}")
    try:
        with target.open("wb" if force else "xb") as out:
            out.write(data)
    except FileExistsError:
        raise ExportError(
            f"{target}: already exists; not overwriting it (give --force to replace it)"
        ) from None
    except OSError as err:
        raise ExportError(f"cannot write {target}: {err.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """``cjm export`` on its own (for tests and ``python -m cjm_site.cli_export``)."""
    parser = argparse.ArgumentParser(prog="cjm")
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["export", *(sys.argv[1:] if argv is None else argv)])
    except SystemExit as stop:  # argparse has printed its message
        return int(stop.code or 0)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
