"""The ``cjm`` command: check pages without building the site.

The command and the MkDocs build print the very same messages: both run
:func:`check_tree`, the read -> check -> link steps of the pipeline.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from cjm_site import __version__
from cjm_site.checking import check_page
from cjm_site.linking import check_images, link
from cjm_site.model import Finding
from cjm_site.reading import read_page

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely, reading MkDocs' own tags (!ENV, !relative) as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


def docs_dir_of(config_file: Path) -> Path:
    """The ``docs_dir`` of an mkdocs.yml (MkDocs' default is ``docs``)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as err:
        raise SystemExit(f"cjm: cannot read {config_file}: {err}") from None
    docs = data.get("docs_dir") if isinstance(data, dict) else None
    return config_file.parent / (docs if isinstance(docs, str) else "docs")


def root_of(page: Path) -> Path:
    """The docs folder a page belongs to (through the nearest mkdocs.yml), else its folder."""
    page = page.resolve()
    for folder in page.parents:
        config = folder / "mkdocs.yml"
        if config.is_file():
            docs = docs_dir_of(config).resolve()
            if docs in page.parents:
                return docs
    return page.parent


def check_tree(root: Path, only: Sequence[Path] = ()) -> tuple[list[Finding], int]:
    """Check every Markdown page under ``root`` (cross-page rules need them all).

    Returns the findings (of ``only`` when given) and the number of pages read.
    """
    root = root.resolve()
    paths = sorted(p for p in root.rglob("*.md") if p.is_file())
    pages = [read_page(p.relative_to(root).as_posix(), p.read_bytes()) for p in paths]
    checked = [check_page(page) for page in pages]
    site = link(checked)
    findings = [f for page in checked for f in page.findings]
    findings += site.findings
    findings += check_images(site, lambda path: (root / path).is_file())
    if only:
        wanted = {p.resolve().relative_to(root.resolve()).as_posix() for p in only}
        findings = [f for f in findings if f.path in wanted]
    findings.sort(key=lambda f: (f.path, f.line, f.field, f.message))
    return findings, len(paths)


def _validate(args: argparse.Namespace) -> int:
    targets = [Path(p) for p in args.paths]
    if not targets:
        config = Path("mkdocs.yml")
        if not config.is_file():
            print("cjm: no PATH given and no mkdocs.yml here", file=sys.stderr)
            return EXIT_USAGE
        targets = [docs_dir_of(config)]
    missing = [str(t) for t in targets if not t.exists()]
    if missing:
        print(f"cjm: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    findings: list[Finding] = []
    pages = 0
    for target in targets:
        root = target if target.is_dir() else root_of(target)
        found, count = check_tree(root, () if target.is_dir() else (target,))
        findings += found
        pages += count if target.is_dir() else 1
    for finding in findings:
        prefix = "" if finding.level == "error" else f"{finding.level}: "
        print(f"{prefix}{finding}")
    errors = sum(1 for f in findings if f.level == "error")
    others = len(findings) - errors
    print(
        f"{pages} page{'s' * (pages != 1)} checked: {errors} error{'s' * (errors != 1)}, "
        f"{others} other finding{'s' * (others != 1)}"
    )
    return EXIT_FINDINGS if errors else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cjm", description="Customer journey maps as code.")
    parser.add_argument("--version", action="version", version=f"cjm-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check persona and journey pages")
    validate.add_argument(
        "paths", nargs="*", help="pages or folders (default: docs_dir of ./mkdocs.yml)"
    )
    validate.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
