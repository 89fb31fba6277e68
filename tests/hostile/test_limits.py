"""6. Limits with messages: huge maps still build; long labels are cut, never lost.

And 5. robust linking at scale: long ``improves`` chains and big cycles are
walked without recursion.

How long these take is printed by ``python -m tests.benchmarks.hostile``, never
asserted.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjm_site.checking import check_page
from cjm_site.linking import link
from cjm_site.reading import read_page
from tests.hostile.corpus import page
from tests.sitebuild import build_site, write_site

STAGES = 3_000
LABEL = "Label " + "y" * 9_990 + " END"
assert len(LABEL) == 10_000
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    stages = "".join(f"  - name: Stage {i}\n    emotion: {(i % 5) - 2}\n" for i in range(STAGES))
    stages += f"  - name: '{LABEL}'\n    pains: ['{LABEL}']\n"
    root = tmp_path_factory.mktemp("huge")
    config = write_site(
        root,
        {"index.md": "# Home\n", "huge.md": page(f"type: journey\ntitle: Huge\nstages:\n{stages}")},
    )
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    return built.site


def test_thousands_of_stages_build(huge: Path) -> None:
    # How long it takes: python -m tests.benchmarks.hostile (no timed asserts).
    root = ET.parse(huge / "maps" / "huge.svg").getroot()
    headers = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cjm-stage"]
    assert len(headers) == STAGES + 1


def test_a_10000_character_label_is_cut_in_the_map_and_kept_whole(
    huge: Path,
) -> None:
    root = ET.parse(huge / "maps" / "huge.svg").getroot()
    texts = [t for t in root.iter(f"{SVG}text") if LABEL[:40] in "".join(t.itertext())]
    assert len(texts) == 2  # the stage's name and its pain
    for text in texts:
        title = text.find(f"{SVG}title")
        assert title is not None and title.text == LABEL
        shown = "".join(part.text or "" for part in text.iter(f"{SVG}tspan")) or text.text or ""
        assert shown.endswith("…") and len(shown) <= 301
    html = (huge / "huge" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('class="abstract cjm-table"') :]
    assert table.count(LABEL) == 2  # the table keeps the full text


def test_a_long_improves_chain_and_a_big_cycle_are_walked_without_recursion() -> None:
    count = 3 * sys.getrecursionlimit()  # 3,000: deeper than any recursion could go

    def journey(i: int, improves: int) -> str:
        return page(f"type: journey\nid: m{i}\ntitle: M{i}\nimproves: m{improves}\nstages: [A]\n")

    chain = [check_page(read_page(f"c/{i}.md", journey(i, i + 1).encode())) for i in range(count)]
    site = link(chain)
    assert [str(f) for f in site.findings] == [
        "c/2999.md:5: improves: no journey has the id 'm3000'; "
        "did you mean 'm300' or 'm2300' or 'm2000'?"
    ]
    cycle = [
        check_page(read_page(f"c/{i}.md", journey(i, (i + 1) % count).encode()))
        for i in range(count)
    ]
    site = link(cycle)
    assert len(site.findings) == 1
    message = str(site.findings[0])
    assert message.startswith("c/0.md:5: improves: improves forms a cycle: m0 -> ")
    assert message.count(" -> ") == count


def test_the_issue_numbers_hold() -> None:
    """Cross-check the numbers the corpus relies on."""
    from tests.hostile.corpus import BILLION_LAUGHS

    assert len(f"---\n{BILLION_LAUGHS}---\n".encode()) in range(300, 400)
    assert len(re.findall(r"\*[a-z]", BILLION_LAUGHS)) == 72
