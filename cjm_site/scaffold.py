"""New pages for ``cjm new``: valid as written, with every optional field shown as a comment.

The comments come from the field tables (:mod:`cjm_site.fields`), so a new
field shows up in new pages without touching this module.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

import yaml

from cjm_site.escaping import markdown_text
from cjm_site.fields import JOURNEY_FIELDS, PERSONA_FIELDS, STAGE_FIELDS, FieldSpec
from cjm_site.model import KINDS
from cjm_site.slugs import slugify

_EXAMPLES: dict[str, str] = {
    "role": "What they do",
    "quote": "A sentence in their own words.",
    "image": "portrait.jpg",
    "segment": "The customer segment",
    "attributes": "{Age: 35, Tech-savvy: medium}",
    "goals": "[What they want to achieve]",
    "needs": "[What they need from us]",
    "pains": "[What gets in their way]",
    "motivations": "[What drives them]",
    "channels": "[web, phone]",
    "tags": "[b2c]",
    "description": "One line shown in search results",
    "scenario": "The situation this journey covers.",
    "goal": "What the customer wants to achieve",
    "expectations": "[What the customer expects]",
    "owner": "The team that owns this map",
    "evidence": "hypothesis",
    "sources": "[{title: Interviews, url: https://intranet.example/research/1}]",
    "improves": "id-of-a-current-state-map",
    "compare": "[id-of-another-map]",
    "phase": "awareness",
    "actions": "[What the customer does]",
    "touchpoints": "[{name: Website, channel: web, moments: [truth], priority: high}]",
    "thoughts": '["What the customer thinks"]',
    "emotion": "0",
    "feeling": "curious",
    "aspiration": "1",
    "opportunities": "[{text: An idea, owner: A team, status: idea}]",
    "metrics": "{Conversion: 35%}",
    "backstage": "[What happens behind the scenes]",
}
_WRITTEN = {"type", "id", "name", "title", "persona", "personas", "kind", "stages", "updated"}


def slug(text: str) -> str:
    """A file name for a page: lower case, words of any script joined by hyphens."""
    return slugify(text, max_length=60, fallback="page")


def _scalar(value: str) -> str:
    """A value as YAML that reads back as exactly this text."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _comment(spec: FieldSpec, indent: str) -> str:
    example = _EXAMPLES.get(spec.name, "")
    choices = f" ({' | '.join(spec.choices)})" if spec.choices else ""
    return f"{indent}# {spec.name}: {example}".rstrip() + f"   # {spec.doc}{choices}\n"


def persona_page(name: str) -> str:
    lines = ["---\n", "type: persona\n", f"name: {_scalar(name)}\n"]
    lines += [_comment(s, "") for s in PERSONA_FIELDS if s.name not in _WRITTEN]
    lines.append("---\n")
    lines.append(f"# {name}\n\nWho {name} is, in a few paragraphs: background, a typical day, ")
    lines.append("what they expect from us. Base it on research and say which.\n")
    return "".join(lines)


def journey_page(
    title: str,
    personas: Sequence[str],
    *,
    kind: str = "current-state",
    stages: Sequence[str] = (),
    today: dt.date,
) -> str:
    names = list(stages) or ["Awareness", "Consideration", "Purchase"]
    lines = ["---\n", "type: journey\n", f"title: {_scalar(title)}\n"]
    if len(personas) == 1:
        lines.append(f"persona: {_scalar(personas[0])}\n")
    else:
        lines.append(f"personas: [{', '.join(_scalar(p) for p in personas)}]\n")
    lines.append(f"kind: {kind}   # {' | '.join(KINDS)}\n")
    lines.append(f"updated: {today.isoformat()}\n")
    review = review_date(today)
    lines.append(f"review_by: {review.isoformat()}   # after this date the map shows as due\n")
    lines += [
        _comment(s, "") for s in JOURNEY_FIELDS if s.name not in _WRITTEN and s.name != "review_by"
    ]
    lines.append("stages:\n")
    for index, stage in enumerate(names):
        lines.append(f"  - name: {_scalar(stage)}\n")
        if index == 0:
            lines += [_comment(s, "    ") for s in STAGE_FIELDS if s.name != "name"]
    lines.append("---\n")
    lines.append(f"# {title}\n\nWhat this journey is about, who took part in the research, and ")
    lines.append("what the team learned. The map appears under this heading.\n")
    return "".join(lines)


def review_date(today: dt.date) -> dt.date:
    """A year after ``today``: 29 February gives 28 February, and the last date
    there is stays the last date there is (never today for an ordinary day)."""
    if today.year >= dt.MAXYEAR:
        return dt.date.max
    if today.month == 2 and today.day == 29:
        return dt.date(today.year + 1, 2, 28)
    return today.replace(year=today.year + 1)


def folder_for(existing: Sequence[str], default: str) -> str:
    """Where pages of a type live: the folder most existing ones are in, else ``default``."""
    folders = Counter(str(PurePosixPath(p).parent) for p in existing)
    if not folders:
        return default
    folder, _ = min(folders.items(), key=lambda item: (-item[1], item[0]))
    return "" if folder == "." else folder


# -- cjm init --------------------------------------------------------------------

EXAMPLE_PERSONA = "Alex Example"
EXAMPLE_JOURNEY = "First order"


def mkdocs_config(site_name: str) -> str:
    """An mkdocs.yml for a new handbook: Material, no web fonts, search and cjm."""
    return (
        f"site_name: {_scalar(site_name)}\n"
        "docs_dir: docs\n"
        "theme:\n"
        "  name: material\n"
        "  font: false   # closed networks: no Google Fonts\n"
        "markdown_extensions:\n"
        "  - attr_list\n"
        "  - md_in_html\n"
        "  - tables\n"
        "plugins:\n"
        "  - search\n"
        "  - cjm\n"
    )


def home_page(site_name: str, persona: str, journey: str) -> str:
    """The home page: what the handbook is and where its pages are."""
    return (
        f"# {markdown_text(site_name)}\n\n"
        "Customer journey maps, written as Markdown pages and published with cjm-site.\n\n"
        f"- [{EXAMPLE_PERSONA}](personas/{persona}.md), an example persona\n"
        f"- [{EXAMPLE_JOURNEY}](journeys/{journey}.md), an example journey map\n"
        "- [The catalogue](catalogue.md): every persona and map in one place\n\n"
        "Add pages with `cjm new persona NAME` and "
        "`cjm new journey TITLE --persona ID`; check them with `cjm validate`.\n"
    )


def handbook_files(site_name: str, today: dt.date) -> dict[str, str]:
    """Every file of a new handbook, by path relative to its folder.

    Builds into a complete site with ``mkdocs build --strict``: a home page (the
    logo's link), one persona and one journey map that uses it.
    """
    persona, journey = slug(EXAMPLE_PERSONA), slug(EXAMPLE_JOURNEY)
    return {
        "mkdocs.yml": mkdocs_config(site_name),
        "docs/index.md": home_page(site_name, persona, journey),
        f"docs/personas/{persona}.md": persona_page(EXAMPLE_PERSONA),
        f"docs/journeys/{journey}.md": journey_page(
            EXAMPLE_JOURNEY,
            [persona],
            stages=["Find us", "Order", "Receive"],
            today=today,
        ),
    }
