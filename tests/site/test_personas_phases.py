"""Several personas on one map, phase order and hypotheses in a real Material build (issue 14).

The same findings on the build and on ``cjm validate``; ``--strict`` fails on them;
the journey page's table, the persona pages' sparklines, the heat-map and the
catalogue show each persona and can be filtered by evidence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.site.test_parity import assert_parity
from tests.sitebuild import build_site, write_site

MAREK = "---\ntype: persona\nname: Marek Novak\n---\n# Marek\n"
SOFIA = "---\ntype: persona\nname: Sofia Costa\n---\n# Sofia\n"

GOOD = """---
type: journey
title: Buying supplies
personas: [marek-novak, sofia-costa]
evidence: researched
stages:
  - name: Tender
    phase: awareness
    actions: {marek-novak: Sends the tender pack}
    thoughts: {sofia-costa: "Will they ask the kitchen?"}
    emotion: {marek-novak: 1, sofia-costa: -1}
    feeling: {marek-novak: hopeful, sofia-costa: ignored}
  - name: Deliveries
    phase: service
    emotion: {marek-novak: 0.5, sofia-costa: 1.5}
---
# Buying supplies
"""

GUESS = """---
type: journey
title: A guess
persona: marek-novak
evidence: hypothesis
stages:
  - {name: A, phase: awareness, emotion: 1}
---
# A guess
"""

BAD = """---
type: journey
title: Mistakes
personas: [marek-novak, sofia-costa]
stages:
  - name: A
    phase: service
    emotion: {marek-novak: 1, sofia-cost: -1}
  - name: B
    phase: purchase
  - name: C
    phase: service
---
# Mistakes
"""


def test_the_build_and_validate_report_the_same_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {"p/marek-novak.md": MAREK, "p/sofia-costa.md": SOFIA, "j/bad.md": BAD}
    config = write_site(tmp_path, pages)
    found = assert_parity(tmp_path, config, capsys, monkeypatch)
    texts = sorted((text for _, text in found), key=lambda t: int(t.split(":")[1]))
    assert texts[0].startswith("j/bad.md:8: stages[0].emotion.sofia-cost: 'sofia-cost' is not")
    assert "did you mean 'sofia-costa'?" in texts[0]
    assert texts[1].startswith("j/bad.md:9: stages[1].phase: phase 'Purchase' comes before")
    assert texts[2].startswith("j/bad.md:11: stages[2].phase: phase 'Service' comes back")
    assert not build_site(config, strict=True).ok


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("personas")
    pages = {
        "p/marek-novak.md": MAREK,
        "p/sofia-costa.md": SOFIA,
        "j/supplies.md": GOOD,
        "j/guess.md": GUESS,
    }
    result = build_site(write_site(root, pages), strict=True)
    assert result.ok, result.warnings
    return result.site


def test_the_table_under_the_map_names_each_persona(built: Path) -> None:
    page = (built / "j" / "supplies" / "index.html").read_text(encoding="utf-8")
    table = page[page.index("<table>") :]
    assert '<abbr class="cjm-voice" title="Marek Novak">MN</abbr> +1 (hopeful)' in table
    assert (
        '<abbr class="cjm-voice" title="Sofia Costa">SC</abbr> Will they ask the kitchen?' in table
    )
    assert "cjm-persona-curve" in page


def test_each_persona_page_shows_their_own_curve(built: Path) -> None:
    marek = (built / "p" / "marek-novak" / "index.html").read_text(encoding="utf-8")
    sofia = (built / "p" / "sofia-costa" / "index.html").read_text(encoding="utf-8")
    assert "Emotion of Marek Novak along Buying supplies: +1, +0.5" in marek
    assert "Emotion of Sofia Costa along Buying supplies: −1, +1.5" in sofia
    assert "Marek Novak’s average emotion +0.75" in marek


def test_the_heatmap_has_a_row_per_persona_and_filters_by_evidence(built: Path) -> None:
    page = (built / "views" / "heatmap" / "index.html").read_text(encoding="utf-8")
    assert 'id="heat-supplies--sofia-costa"' in page
    assert '<option value="hypothesis">Hypothesis</option>' in page
    assert re.search(r'<tr id="heat-guess" data-evidence="hypothesis"', page)
    catalogue = json.loads((built / "catalogue.json").read_text(encoding="utf-8"))
    rows = {row["id"]: row for row in catalogue["heatmap"]["journeys"]}
    assert rows["supplies"]["phases"]["awareness"]["mean"] == 0
    assert rows["supplies"]["by_persona"]["sofia-costa"]["phases"]["awareness"]["mean"] == -1
    journey = next(j for j in catalogue["journeys"] if j["id"] == "supplies")
    assert journey["stages"][0]["emotion"] == {"marek-novak": 1.0, "sofia-costa": -1.0}
    assert journey["summary"]["average_emotion_by_persona"] == {
        "marek-novak": 0.75,
        "sofia-costa": 0.25,
    }


def test_the_catalogue_filters_by_evidence_and_a_hypothesis_shows(built: Path) -> None:
    page = (built / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert '<select name="evidence">' in page
    assert 'data-evidence="hypothesis"' in page
    guess = (built / "j" / "guess" / "index.html").read_text(encoding="utf-8")
    assert "cjm-hypothesis" in guess and 'class="cjm-hatch"' in guess
