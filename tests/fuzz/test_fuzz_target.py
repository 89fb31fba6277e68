"""The fuzz target replays the hostile corpus and libFuzzer's crash files without error.

A quick check that ``target.one_input`` works (the long runs are ``make fuzz``);
files named ``crash-*`` saved in tests/fuzz/crashes/ are replayed here forever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.target import one_input
from tests.hostile.corpus import CASES
from tests.sitebuild import JOURNEY

CRASHES = sorted((Path(__file__).parent / "crashes").glob("crash-*"))


@pytest.mark.parametrize("name", [case.name for case in CASES])
def test_hostile_corpus_goes_through_the_target(name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    assert case.files, "a case without files replays nothing"
    for content in case.files.values():
        one_input(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize(
    "crash",
    CRASHES
    or [
        pytest.param(
            None, marks=pytest.mark.skip(reason="tests/fuzz/crashes/ holds no crash-* file")
        )
    ],
    ids=lambda crash: crash.name if isinstance(crash, Path) else "none",
)
def test_saved_crashes_stay_fixed(crash: Path) -> None:
    # One test per saved file, so an empty folder shows as a skip, never as a pass.
    one_input(crash.read_bytes())


def test_the_target_draws_a_valid_map() -> None:
    # A target that silently stopped drawing would pass every replay above.
    assert one_input(JOURNEY.encode("utf-8")) == 1


def test_the_corpus_is_not_empty() -> None:
    # The replay above checks nothing if the corpus is lost.
    assert len(CASES) >= 50


def test_the_target_takes_file_names_and_settings() -> None:
    """Issue 11: the fuzzer chooses the file name and the settings too."""
    page = JOURNEY.encode("utf-8")
    assert one_input(b"a b\n::error::x\xe2\x80\xae..\xff\x00awareness,web\x00" + page) == 1
    assert one_input(b"\x00\x00" + page) == 1
