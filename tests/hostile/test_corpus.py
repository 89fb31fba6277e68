"""Every case of the hostile corpus: its exact messages on the plain and the --strict build.

One site holds every case (see ``conftest.py``), so the whole corpus costs three
builds; each case still gets its own test on each build. A message logged as a
WARNING fails ``mkdocs build --strict`` on its own; notices are logged at INFO.
"""

from __future__ import annotations

import pytest

from cjm_site.output import shown_path
from tests.hostile.conftest import CorpusSite
from tests.hostile.corpus import CASES, SYMLINKS, Case
from tests.sitebuild import Built

IDS = [case.name for case in CASES]


def path_of(message: str) -> str:
    return message.split(":", 1)[0]


def messages_of(case: Case, messages: list[str]) -> list[str]:
    """The messages about the case's files (or files inside its linked folders)."""

    # The build logs a path as it can be shown safely (a bidi control as \u202e).
    paths = [shown_path(p) for p in case.paths]

    def about(message: str) -> bool:
        where = path_of(message)
        return any(where == p or where.startswith(p + "/") for p in paths)

    return [m for m in messages if about(m)]


def cjm_infos(built: Built) -> list[str]:
    return [i.removeprefix("cjm: ") for i in built.infos if i.startswith("cjm: ")]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_plain_build_reports_exactly(corpus_site: CorpusSite, case: Case) -> None:
    assert corpus_site.plain.ok
    assert messages_of(case, corpus_site.plain.cjm_warnings) == list(case.warnings)
    assert messages_of(case, cjm_infos(corpus_site.plain)) == list(case.notices)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_strict_build_reports_exactly_and_fails(corpus_site: CorpusSite, case: Case) -> None:
    assert not corpus_site.strict.ok
    assert messages_of(case, corpus_site.strict.cjm_warnings) == list(case.warnings)
    assert messages_of(case, cjm_infos(corpus_site.strict)) == list(case.notices)


@pytest.mark.parametrize("case", SYMLINKS, ids=[c.name for c in SYMLINKS])
def test_symbolic_links_out_of_the_docs_folder_are_errors(
    corpus_site: CorpusSite, case: Case
) -> None:
    for built in (corpus_site.plain, corpus_site.strict):
        assert messages_of(case, built.cjm_warnings) == list(case.warnings)


def test_nothing_else_is_reported(corpus_site: CorpusSite) -> None:
    """The corpus explains every message of the build: no stray warning from anyone."""
    expected = {m for case in [*CASES, *SYMLINKS] for m in case.warnings}
    for built in (corpus_site.plain, corpus_site.strict):
        assert [w for w in built.cjm_warnings if w not in expected] == []
        assert [w for w in built.warnings if not w.startswith("cjm: ")] == []
        assert built.cjm_warnings == [m for m in built.cjm_warnings if m in expected]


def test_every_numbered_item_of_the_issue_has_cases() -> None:
    items = {case.item for case in [*CASES, *SYMLINKS] if case.issue == 5}
    assert sorted(items) == [1, 2, 3, 4, 5, 6]
    # 7 (determinism) is a property of the whole build: test_outputs.py.
