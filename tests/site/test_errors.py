"""Every error kind of FORMAT.md: the exact message, on the plain and the --strict build."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import JOURNEY, PERSONA, build_site, run_mkdocs, write_site

GOOD = JOURNEY.replace("title: Pizza night", "title: Other map").replace("# Pizza night", "# Other")


def journey(front: str) -> str:
    return f"---\n{front}---\n# Broken map\n\nThe author's text stays.\n"


BASE = "type: journey\ntitle: Broken map\npersona: eva-molin\n"
STAGES = "stages:\n  - name: One\n    emotion: 1\n"

CASES = {
    "emotion outside the scale": (
        BASE + "stages:\n  - name: One\n    emotion: 5\n",
        "journeys/broken.md:7: stages[0].emotion: 5 is outside -2..2",
    ),
    "wrong type": (
        BASE + "owner: [a, b]\n" + STAGES,
        "journeys/broken.md:5: owner: expected text, got a list",
    ),
    "unknown kind": (
        BASE + "kind: curent-state\n" + STAGES,
        "journeys/broken.md:5: kind: unknown kind 'curent-state'; expected one of: "
        "current-state, future-state, day-in-the-life, service-blueprint; "
        "did you mean 'current-state'?",
    ),
    "typo of a known key": (
        BASE + "stages:\n  - name: One\n    emotoin: 1\n",
        "journeys/broken.md:7: stages[0].emotoin: unknown key 'emotoin'; did you mean 'emotion'?",
    ),
    "missing persona id": (
        BASE.replace("eva-molin", "eva-molen") + STAGES,
        "journeys/broken.md:4: persona: no persona has the id 'eva-molen'; did you mean 'eva-molin'?",
    ),
    "malformed date": (
        BASE + "review_by: 2026-13-45\n" + STAGES,
        "journeys/broken.md:5: review_by: 2026-13-45 is not a valid date",
    ),
    "date that is not a date": (
        BASE + "updated: last week\n" + STAGES,
        "journeys/broken.md:5: updated: expected a date like 2026-10-01, got 'last week'",
    ),
    "yaml that does not parse": (
        BASE + "owner: [Kitchen\n" + STAGES,
        "journeys/broken.md:6: YAML does not parse: did not find expected ',' or ']'",
    ),
    "missing required stage name": (
        BASE + "stages:\n  - emotion: 1\n",
        "journeys/broken.md:6: stages[0].name: required field is missing",
    ),
    "missing stages": (
        BASE,
        "journeys/broken.md:2: stages: required field is missing from this journey",
    ),
    "unknown moment": (
        BASE
        + "stages:\n  - name: One\n    touchpoints:\n      - name: Menu\n        moments: [truht]\n",
        "journeys/broken.md:9: stages[0].touchpoints[0].moments[0]: unknown moment 'truht'; "
        "expected one of: pain, delight, truth; did you mean 'truth'?",
    ),
    "duplicate key": (
        BASE + "owner: A\nowner: B\n" + STAGES,
        "journeys/broken.md:6: duplicate key 'owner' (first on line 5); "
        "YAML would silently keep only the last one",
    ),
    "unsafe link": (
        BASE + 'sources:\n  - title: Notes\n    url: "java\\tscript:alert(1)"\n' + STAGES,
        "journeys/broken.md:7: sources[0].url: 'java script:alert(1)' is not allowed: "
        "links must be http, https, mailto or relative",
    ),
}


def _site(tmp_path: Path, front: str) -> Path:
    return write_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "personas/eva-molin.md": PERSONA,
            "journeys/good.md": GOOD,
            "journeys/broken.md": journey(front),
        },
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_is_reported_exactly_and_build_goes_on(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    front, expected = CASES[case]
    config = _site(tmp_path, front)

    plain = build_site(config)
    assert plain.ok
    assert plain.cjm_warnings == [expected]
    broken = plain.page("journeys/broken/index.html")
    assert "cjm-errors" in broken
    assert "<svg" not in broken.split("cjm-errors", 1)[1].split("</div>", 1)[0]
    assert "The author&#39;s text stays." in broken or "The author's text stays." in broken
    good = plain.page("journeys/good/index.html")
    assert "cjm-map" in good and "<svg" in good

    strict = build_site(config, strict=True)
    assert not strict.ok
    assert strict.cjm_warnings == [expected]

    assert main(["validate", str(tmp_path / "docs")]) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [expected]


def test_strict_command_line_exits_non_zero_and_prints_the_message(tmp_path: Path) -> None:
    front, expected = CASES["emotion outside the scale"]
    config = _site(tmp_path, front)
    strict = run_mkdocs(config, "--strict")
    assert strict.returncode == 1
    assert f"WARNING -  cjm: {expected}" in strict.stderr
    plain = run_mkdocs(config)
    assert plain.returncode == 0
    assert "Traceback" not in plain.stderr


def test_unknown_key_that_is_no_typo_is_a_notice_kept_in_the_json(tmp_path: Path) -> None:
    config = _site(tmp_path, BASE + "workshop: Stockholm, May\n" + STAGES)
    built = build_site(config, strict=True)
    assert built.ok
    assert built.cjm_warnings == []
    assert (
        "cjm: journeys/broken.md:5: workshop: unknown key 'workshop' is kept in catalogue.json "
        "but not shown" in built.infos
    )
    assert '"workshop": "Stockholm, May"' in built.page("catalogue.json")


def test_source_file_is_never_written(tmp_path: Path) -> None:
    front, _ = CASES["yaml that does not parse"]
    config = _site(tmp_path, front)
    page = tmp_path / "docs" / "journeys" / "broken.md"
    before = page.read_bytes(), page.stat().st_mtime_ns
    build_site(config)
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
