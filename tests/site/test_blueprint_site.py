"""Blueprints, storyboards and the site's own lanes in a real Material build and `cjm validate`."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import build_site, write_site

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
LANES = [
    {"id": "questions", "name": "Questions customers ask", "after": "thoughts"},
    {"id": "rule", "name": "Rule", "type": "text"},
]
GOOD = """---
type: journey
title: Returning a parcel
kind: service-blueprint
stages:
  - name: At the counter
    images:
      - {src: counter/desk.png, alt: The post office counter, caption: Queue at 9:00}
    physical_evidence: [Receipt]
    actions: [Hands over the parcel]
    questions: [How long will the refund take?]
    rule: Refunds within 14 days
    frontstage: [Clerk scans the label]
    backstage: [Parcel sorted into the return bin]
    support: [Tracking system]
---
# Returning a parcel

<!-- journey-map -->
"""
BAD = """---
type: journey
title: Broken
stages:
  - name: Booking
    images: [counter/desk.png]
    questoins: [Why?]
    rule: [a, b]
---
"""


def _site(root: Path, pages: dict[str, str | bytes]) -> Path:
    return write_site(root, pages, plugin={"lanes": LANES})


def test_a_blueprint_with_a_storyboard_and_own_lanes_builds_and_exports(tmp_path: Path) -> None:
    config = _site(tmp_path, {"index.md": "# Home\n", "parcel.md": GOOD, "counter/desk.png": PNG})
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    page = built.page("parcel/index.html")
    assert 'href="../counter/desk.png"' in page  # the thumbnail links to the picture
    for words in ("Line of interaction", "Questions customers ask", "Refunds within 14 days"):
        assert words in page
    standalone = built.page("maps/parcel.svg")
    assert "data:image/png;base64," in standalone and "counter/desk.png" not in standalone
    catalogue = json.loads(built.page("catalogue.json"))
    stage = catalogue["journeys"][0]["stages"][0]
    assert stage["questions"] == ["How long will the refund take?"]
    assert stage["rule"] == "Refunds within 14 days"
    assert stage["images"] == [
        {"src": "counter/desk.png", "alt": "The post office counter", "caption": "Queue at 9:00"}
    ]
    index = built.page("search/search_index.json")
    assert "How long will the refund take?" in index


def test_bad_pictures_and_lanes_are_reported_with_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _site(tmp_path, {"index.md": "# Home\n", "broken.md": BAD, "counter/desk.png": PNG})
    expected = [
        "broken.md:6: stages[0].images[0].alt: required field is missing",
        "broken.md:7: stages[0].questoins: unknown key 'questoins'; did you mean 'questions'?",
        "broken.md:8: stages[0].rule: expected text, got a list",
    ]
    plain = build_site(config)
    assert plain.ok
    for line in expected:
        assert any(w.startswith(line) for w in plain.cjm_warnings), (line, plain.cjm_warnings)
    assert not build_site(config, strict=True).ok
    assert main(["validate", str(config.parent / "docs")]) == 1
    out = capsys.readouterr().out
    for line in expected:
        assert line in out
