"""The on-disk drawing cache: reuse, keys, pruning, damage and concurrent writers."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest

from cjm_site import cache as cache_module
from cjm_site.cache import BuildCache, cache_key
from cjm_site.model import Journey, Settings, SpineStage, Stage

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>Ünïcode − map</text></svg>'


def _journey(title: str = "Pizza night", emotion: float = 1.0) -> Journey:
    return Journey(
        id="pizza-night",
        path="journeys/pizza-night.md",
        title=title,
        stages=(Stage(name="Order", line=5, emotion=emotion),),
        review_by=dt.date(2027, 1, 1),
    )


def test_a_stored_drawing_is_read_back(tmp_path: Path) -> None:
    first = BuildCache(tmp_path)
    key = cache_key(_journey(), ("Eva",), Settings())
    assert first.get(key) is None
    first.put(key, SVG)
    second = BuildCache(tmp_path)
    assert second.get(key) == SVG
    assert (second.hits, second.misses) == (1, 0)


@pytest.mark.parametrize(
    "changed",
    [
        (_journey(title="Pizza night!"), ("Eva",), Settings()),
        (_journey(emotion=-1.0), ("Eva",), Settings()),
        (_journey(), ("Eva Molin",), Settings()),
        (_journey(), ("Eva",), Settings(spine=(SpineStage("buy", "Buy"),))),
    ],
    ids=["title", "emotion", "persona-name", "settings"],
)
def test_every_input_is_part_of_the_key(changed: tuple[object, ...]) -> None:
    assert cache_key(*changed) != cache_key(_journey(), ("Eva",), Settings())


def test_keys_are_stable_within_and_across_processes() -> None:
    parts = (_journey(), ("Eva",), Settings())
    assert cache_key(*parts) == cache_key(*parts)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(cache_key, parts) == cache_key(*parts)


def test_the_code_that_draws_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(_journey())
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version")
    assert cache_key(_journey()) != before


def test_prune_removes_what_the_build_did_not_use(tmp_path: Path) -> None:
    old = BuildCache(tmp_path)
    old.put(cache_key("a"), "A")
    old.put(cache_key("b"), "B")
    build = BuildCache(tmp_path)
    assert build.get(cache_key("a")) == "A"
    build.put(cache_key("c"), "C")
    assert build.prune() == 1
    after = BuildCache(tmp_path)
    assert after.get(cache_key("a")) == "A"
    assert after.get(cache_key("b")) is None
    assert after.get(cache_key("c")) == "C"


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a cache entry", b"cjm-drawing-1\nwrong key\n", None],
    ids=["empty", "garbage", "header-only", "truncated"],
)
def test_a_damaged_entry_is_reported_and_drawn_again(tmp_path: Path, damage: bytes | None) -> None:
    key = cache_key("map")
    BuildCache(tmp_path).put(key, SVG * 50)
    (entry,) = tmp_path.glob("*/*.svgz")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage is None else damage)
    build = BuildCache(tmp_path)
    assert build.get(key) is None
    assert len(build.problems) == 1
    assert "damaged cache entry" in build.problems[0]
    assert not entry.exists()
    build.put(key, SVG)
    assert BuildCache(tmp_path).get(key) == SVG


def test_a_folder_that_cannot_be_written_is_reported_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    build = BuildCache(blocker)
    build.put(cache_key("map"), SVG)
    assert build.problems and "cannot write the cache" in build.problems[0]
    assert not build.enabled
    assert build.get(cache_key("map")) is None


def test_no_folder_keeps_nothing(tmp_path: Path) -> None:
    build = BuildCache(None)
    build.put("k", SVG)
    assert build.get("k") is None
    assert build.prune() == 0


def _writer(folder: str, worker: int) -> None:
    build = BuildCache(Path(folder))
    for round_ in range(60):
        key = cache_key("shared", round_ % 6)
        build.put(key, f"{SVG}{round_ % 6}" * 40)
        got = build.get(key)
        assert got is None or got == f"{SVG}{round_ % 6}" * 40
        assert not build.problems, build.problems


def test_concurrent_writers_never_see_half_an_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert not list(tmp_path.glob("*/.tmp-*")), "temporary files left behind"
    reader = BuildCache(tmp_path)
    for index in range(6):
        assert reader.get(cache_key("shared", index)) == f"{SVG}{index}" * 40
