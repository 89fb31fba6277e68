"""The format reference (content/guide/format.md) and the code agree: fields, settings, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from cjm_mkdocs.config import CjmConfig

from cjm_site import reference
from cjm_site.checking import check_page
from cjm_site.fields import JOURNEY_FIELDS, OPPORTUNITY, PERSONA_FIELDS, SOURCE, STAGE, TOUCHPOINT
from cjm_site.linking import link
from cjm_site.reading import read_page

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "content" / "guide" / "format.md"
TEXT = PAGE.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of the ``## title`` section."""
    start = TEXT.index(f"\n## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end >= 0 else len(TEXT)]


def test_generated_tables_are_current() -> None:
    assert reference.stale_blocks(TEXT) == [], "run: python -m cjm_site.reference " + str(
        PAGE.relative_to(REPO)
    )


TABLES = {
    "persona": PERSONA_FIELDS,
    "journey": JOURNEY_FIELDS,
    "stage": STAGE.fields,
    "touchpoint": TOUCHPOINT.fields,
    "opportunity": OPPORTUNITY.fields,
    "source": SOURCE.fields,
}


@pytest.mark.parametrize("name", list(TABLES))
def test_every_field_has_a_row_and_every_row_is_a_field(name: str) -> None:
    block = TEXT.split(f"<!-- cjm-reference: {name} -->", 1)[1].split("<!-- /", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \|", block, re.MULTILINE)
    assert rows == [spec.name for spec in TABLES[name]]


def test_the_check_command_finds_a_stale_page(tmp_path: Path) -> None:
    page = tmp_path / "format.md"
    page.write_text(TEXT.replace("| `feeling` |", "| `mood` |"), encoding="utf-8")
    assert reference.main(["--check", str(page)]) == 1
    assert reference.main([str(page)]) == 0
    assert page.read_text(encoding="utf-8") == reference.render(TEXT)
    assert reference.main(["--check", str(page)]) == 0


def test_every_plugin_setting_is_documented_and_nothing_else() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \|", section("Site settings"), re.MULTILINE)
    assert sorted(rows) == sorted(name for name, _ in CjmConfig._schema)


def test_the_settings_example_is_a_valid_configuration() -> None:
    block = section("Site settings").split("```yaml\n", 1)[1].split("```", 1)[0]
    options = next(p for p in yaml.safe_load(block)["plugins"] if isinstance(p, dict))["cjm"]
    config = CjmConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    assert (failed, warnings) == ([], [])


EXAMPLES = re.findall(r"```yaml\n(.*?)```\s*```text\n(.*?)```", section("Errors"), re.DOTALL)
# The persona that the examples' references look for.
PERSONA = TEXT.split("```yaml\n", 2)[1].split("```", 1)[0]


def test_there_is_an_example_of_each_kind_of_error() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("source", "messages"), EXAMPLES, ids=range(len(EXAMPLES)))
def test_error_example_gives_the_message_shown(source: str, messages: str) -> None:
    path = messages.split(":", 1)[0]
    pages = [
        check_page(read_page(path, source.encode("utf-8"))),
        check_page(read_page("personas/eva-molin.md", PERSONA.encode("utf-8"))),
    ]
    found = [str(f) for p in pages for f in p.findings] + [str(f) for f in link(pages).findings]
    assert found == messages.strip().splitlines()
