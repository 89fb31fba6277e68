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
    review = (
        today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today
    )
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


def folder_for(existing: Sequence[str], default: str) -> str:
    """Where pages of a type live: the folder most existing ones are in, else ``default``."""
    folders = Counter(str(PurePosixPath(p).parent) for p in existing)
    if not folders:
        return default
    folder, _ = min(folders.items(), key=lambda item: (-item[1], item[0]))
    return "" if folder == "." else folder
