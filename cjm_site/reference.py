"""The tables of the format reference (``content/guide/format.md``), made from the field tables.

The page is written by hand; the parts that list fields, spellings and
passed-through keys sit between ``<!-- cjm-reference: NAME -->`` and
``<!-- /cjm-reference -->`` and are made here, so the reference cannot drift
from what the build checks. ``python -m cjm_site.reference PAGE`` rewrites
them; with ``--check`` it only says whether they are current (a test runs that).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cjm_site.fields import (
    CHOICE_ALIASES,
    IMAGE,
    JOURNEY_FIELDS,
    OPPORTUNITY,
    PASSTHROUGH,
    PERSONA_FIELDS,
    RECORDS,
    SOURCE,
    STAGE,
    TOUCHPOINT,
    FieldSpec,
)

__all__ = ["BLOCKS", "field_table", "main", "render", "stale_blocks"]

_BLOCK = re.compile(
    r"(<!-- cjm-reference: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /cjm-reference -->)",
    re.DOTALL,
)


def _code(text: str) -> str:
    return f"`{text}`"


def _words(choices: Sequence[str]) -> str:
    return ", ".join(_code(c) for c in choices)


def _written_as(spec: FieldSpec) -> str:
    """How a value of the field is written, in a reader's words."""
    if spec.kind == "link" and spec.name == "link":  # an opportunity's: leads off the site
        return "a full http, https or mailto address"
    item = RECORDS.get(spec.kind)
    if spec.name == "src":
        return "a path relative to the page, to a file of the docs folder"
    if item is not None:
        return (
            f"a list of {item.name} mappings (below); an item may be a string,"
            f" its {_code(item.shorthand)} alone"
        )
    return {
        "text": "text",
        "long-text": "text; line breaks are kept",
        "texts": "a list of text, or one string",
        "emotion": "a number from -2 to 2; decimals allowed",
        "date": "a date, `YYYY-MM-DD`",
        "choice": f"one of {_words(spec.choices)}",
        "choices": f"any of {_words(spec.choices)}: a list, or one",
        "ref": "the id of a page",
        "refs": "ids of pages: a list, or one",
        "pairs": "`name: value` pairs, kept in order",
        "link": "an http, https or mailto address, or a path relative to the page",
        "id": "letters, digits, `-`, `_` and `.`",
        "flag": "`true` or `false`",
    }[spec.kind] + ("; or per persona, `{persona-id: value}`" if spec.per_persona else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(specs: Sequence[FieldSpec], page: str = "") -> str:
    """A Markdown table of the fields: name, whether required, how written, meaning, example."""
    lines = [
        "| Field | Required | Written as | What it holds | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in specs:
        written = f"always {_code(page)}" if spec.name == "type" and page else _written_as(spec)
        example = _code(page if spec.name == "type" and page else spec.example)
        cells = (
            _code(spec.name),
            "yes" if spec.required else "",
            written,
            spec.doc,
            example if example != "``" else "",
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _aliases() -> str:
    lines = ["| Written | Read as |", "| --- | --- |"]
    lines += [f"| {_code(a)} | {_code(w)} |" for a, w in sorted(CHOICE_ALIASES.items())]
    return "\n".join(lines) + "\n"


def _shorthands() -> str:
    lines = ["| A string in | stands for |", "| --- | --- |"]
    for field, item in RECORDS.items():
        article = "an" if item.name[0] in "aeiou" else "a"
        lines.append(
            f"| {_code(field)} | {article} {item.name} with only its {_code(item.shorthand)} |"
        )
    return "\n".join(lines) + "\n"


def _passthrough() -> str:
    return ", ".join(_code(key) for key in PASSTHROUGH) + ".\n"


BLOCKS: dict[str, Callable[[], str]] = {
    "persona": lambda: field_table(PERSONA_FIELDS, "persona"),
    "journey": lambda: field_table(JOURNEY_FIELDS, "journey"),
    "stage": lambda: field_table(STAGE.fields),
    "touchpoint": lambda: field_table(TOUCHPOINT.fields),
    "opportunity": lambda: field_table(OPPORTUNITY.fields),
    "source": lambda: field_table(SOURCE.fields),
    "image": lambda: field_table(IMAGE.fields),
    "shorthands": _shorthands,
    "aliases": _aliases,
    "passthrough": _passthrough,
}
"""What each generated block holds."""


def render(text: str) -> str:
    """The page with every generated block made anew (an unknown block name raises KeyError)."""
    return _BLOCK.sub(lambda m: m.group(1) + "\n" + BLOCKS[m["name"]]() + "\n" + m.group(4), text)


def stale_blocks(text: str) -> list[str]:
    """Names of the blocks whose text is not what :func:`render` makes, and blocks missing."""
    found = {m["name"]: m.group(0) for m in _BLOCK.finditer(text)}
    missing = [name for name in BLOCKS if name not in found]
    stale = [name for name, block in found.items() if render(block) != block]
    return missing + stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cjm_site.reference",
        description="Remake the generated tables of the format reference page.",
    )
    parser.add_argument("page", type=Path, help="the page, e.g. content/guide/format.md")
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    text = args.page.read_text(encoding="utf-8")
    if args.check:
        stale = stale_blocks(text)
        for name in stale:
            print(f"{args.page}: block {name!r} is missing or out of date", file=sys.stderr)
        return 1 if stale else 0
    args.page.write_text(render(text), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
