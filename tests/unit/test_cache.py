"""The on-disk drawing cache: reuse, keys, pruning, damage and concurrent writers."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable
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


# -- checked pages, rendered blocks, streamed files -------------------------------------


def test_a_checked_page_comes_back_equal(tmp_path: Path) -> None:
    key = cache_key("checked", "j/pizza-night.md")
    BuildCache(tmp_path).put_object(key, _journey())
    assert BuildCache(tmp_path).get_object(key) == _journey()
    assert list(tmp_path.glob("*/*.pagez"))


class _Call:
    """Unpickled by a plain unpickler, it makes a folder: a stand-in for any call."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.mkdir, (self.path,))


@pytest.mark.parametrize(
    "hostile",
    [
        lambda path: _Call(path),
        lambda path: [_journey(), _Call(path)],  # hidden inside a value of the model
    ],
    ids=["call", "nested-call"],
)
def test_an_entry_naming_anything_but_the_model_is_refused(
    tmp_path: Path, hostile: Callable[[Path], object]
) -> None:
    import pickle

    made = tmp_path / "made-by-unpickling"
    key = cache_key("checked", "x")
    BuildCache(tmp_path).put_bytes(key, pickle.dumps(hostile(made)), ".pagez")
    build = BuildCache(tmp_path)
    assert build.get_object(key) is None
    assert not made.exists()
    assert build.problems == [f"{build._path(key, '.pagez')}: damaged cache entry; checked again"]


def test_background_writes_are_readable_at_once_and_on_disk_after_close(tmp_path: Path) -> None:
    build = BuildCache(tmp_path, background=True)
    keys = [cache_key("block", n) for n in range(200)]
    for n, key in enumerate(keys):
        build.put(key, f"<p>{n}</p>" * 100, ".htmlz")
        assert build.get(key, ".htmlz") == f"<p>{n}</p>" * 100  # written or not yet
    build.close()
    assert not list(tmp_path.glob("*/.tmp-*"))
    again = BuildCache(tmp_path)
    assert [again.get(key, ".htmlz") for key in keys] == [f"<p>{n}</p>" * 100 for n in range(200)]


def test_a_background_writer_that_cannot_write_stops_without_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    build = BuildCache(blocker, background=True)
    for n in range(100):
        build.put(cache_key("block", n), "text", ".htmlz")
    build.close()
    assert build.problems == [f"{blocker}: cannot write the cache (Not a directory)"]
    assert not build.enabled


def test_a_streamed_file_is_copied_back_whole(tmp_path: Path) -> None:
    import io

    key = cache_key("catalogue.json")
    content = b'{"maps": [' + b",".join(b'{"id": "m%d"}' % n for n in range(20000)) + b"]}\n"
    first = io.BytesIO()
    build = BuildCache(tmp_path)
    assert not build.copy_to(key, first)
    with build.writing(key, first) as both:
        for start in range(0, len(content), 1000):
            both.write(content[start : start + 1000])
    assert first.getvalue() == content
    second = io.BytesIO()
    assert BuildCache(tmp_path).copy_to(key, second)
    assert second.getvalue() == content


def test_a_damaged_streamed_entry_writes_nothing(tmp_path: Path) -> None:
    import io

    key = cache_key("catalogue.json")
    build = BuildCache(tmp_path)
    with build.writing(key, io.BytesIO()) as both:
        both.write(bytes(range(256)) * 4000)
    (entry,) = tmp_path.glob("*/*.htmlz")
    entry.write_bytes(entry.read_bytes()[:-100])
    out = io.BytesIO(b"before")
    out.seek(6)
    reader = BuildCache(tmp_path)
    assert not reader.copy_to(key, out)
    assert out.getvalue() == b"before"
    assert "damaged cache entry" in reader.problems[0]
    assert not entry.exists()


def test_a_failure_while_streaming_leaves_no_entry(tmp_path: Path) -> None:
    import io

    key = cache_key("catalogue.json")
    build = BuildCache(tmp_path)
    with pytest.raises(RuntimeError), build.writing(key, io.BytesIO()) as both:
        both.write(b"half")
        raise RuntimeError("the document could not be made")
    assert not list(tmp_path.rglob("*.htmlz"))
    assert not list(tmp_path.rglob(".tmp-*"))


def test_stable_text_spells_content_not_identity() -> None:
    from markupsafe import Markup

    from cjm_site.cache import Unstable, context_key, stable_text

    def context(order: list[str]) -> dict[str, object]:
        return {
            "journey": _journey(),
            "names": set(order),
            "html": Markup("<b>x</b>"),
            "format": str.upper,
            "lambda": lambda value: value,
        }

    assert stable_text(context(["b", "a", "c"])) == stable_text(context(["c", "b", "a"]))
    assert context_key(context(["a"])) != context_key(context(["b"]))
    assert context_key({"x": Markup("<b>")}) != context_key({"x": "<b>"})
    assert context_key([1]) != context_key((1,))

    class Opaque:
        pass

    with pytest.raises(Unstable):
        stable_text({"thing": Opaque()})
    assert context_key({"thing": Opaque()}) is None  # rendered, never cached


def test_context_keys_are_stable_across_processes() -> None:
    from cjm_site.cache import context_key

    parts = ({"journey": _journey(), "names": frozenset({"a", "b", "c", "d"})},)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(context_key, parts) == context_key(*parts)


def test_compiled_templates_of_older_code_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = BuildCache(tmp_path).templates_folder()
    assert old is not None
    old.mkdir()
    (old / "compiled").write_text("x")
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "f" * 64)
    build = BuildCache(tmp_path)
    current = build.templates_folder()
    assert current is not None and current != old
    current.mkdir()
    (current / "compiled").write_text("x")
    build.prune()
    assert (current / "compiled").is_file()
    assert not old.exists()
