"""The fuzz target replays the hostile corpus and libFuzzer's crash files without error.

A quick check that ``target.one_input`` works (the long runs are ``make fuzz``);
files named ``crash-*`` saved in tests/fuzz/crashes/ are replayed here forever.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.target import one_input
from tests.hostile.corpus import CASES

CRASHES = sorted((Path(__file__).parent / "crashes").glob("crash-*"))


@pytest.mark.parametrize("name", [case.name for case in CASES])
def test_hostile_corpus_goes_through_the_target(name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    for content in case.files.values():
        one_input(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_saved_crashes_stay_fixed() -> None:
    for crash in CRASHES:
        one_input(crash.read_bytes())
