"""The build cache beyond drawings: checked pages, rendered blocks and catalogue.json.

Each invalidation test changes one input that cached things depend on, then builds
twice: once with the cache the build before left (warm), once with no cache at
all (cold). The two sites must be byte-identical: an input missing from a key
shows up as a stale page in the warm site.
"""

from __future__ import annotations

import filecmp
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from cjm_mkdocs import pages as blocks_module
from mkdocs.config.defaults import MkDocsConfig

import cjm_site.pipeline as pipeline
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, Built, write_site
from tests.sitebuild import build_site as build_in_this_process


def build_site(config: Path, **kwargs: object) -> Built:
    """Build as a new ``mkdocs build`` would: MkDocs keeps a plugin that has
    ``on_startup`` (and its in-memory memo) across builds of one process, which
    would hide the cache on disk."""
    option = MkDocsConfig.__dict__["plugins"]
    option.plugin_cache.clear()
    return build_in_this_process(config, **kwargs)  # type: ignore[arg-type]


SECOND_JOURNEY = JOURNEY.replace("Pizza night", "Sushi night").replace(
    "stages:",
    "owner: Kitchen\nopportunities:\n  - title: Faster ovens\n    owner: Kitchen\nstages:",
)


def _pages() -> dict[str, str]:
    return {
        "index.md": "# Home\n",
        "p/eva-molin.md": PERSONA,
        "j/pizza-night.md": JOURNEY,
        "j/sushi-night.md": SECOND_JOURNEY,
    }


def _same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ between two sites (empty: the same bytes everywhere)."""
    different: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        different.extend(prefix + name for name in compared.left_only + compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        different.extend(prefix + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return different


Change = Callable[[Path], dict[str, object]]
"""Changes a site folder; returns keyword arguments for the build after it."""


def _edit(path: str, old: str, new: str) -> Change:
    def change(root: Path) -> dict[str, object]:
        file = root / "docs" / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return {}

    return change


def _config(**plugin: object) -> Change:
    def change(root: Path) -> dict[str, object]:
        write_site(root, {}, plugin={**_plugin(), **plugin})
        return {}

    return change


def _plugin() -> dict[str, object]:
    return {"spine": [{"id": "awareness", "name": "Awareness"}]}


def _new_page(root: Path) -> dict[str, object]:
    (root / "docs" / "j" / "taco-night.md").write_text(
        JOURNEY.replace("Pizza night", "Taco night"), encoding="utf-8"
    )
    return {}


def _another_day(root: Path) -> dict[str, object]:
    return {"epoch": str(int(FIXED_EPOCH) + 400 * 86400)}  # past the maps' review dates


def _template(root: Path) -> dict[str, object]:
    override = root / "overrides" / "cjm" / "persona.html"
    override.write_text(override.read_text(encoding="utf-8") + "<p>changed</p>\n")
    return {}


def _language(root: Path) -> dict[str, object]:
    write_site(root, {}, plugin=_plugin(), extra={"theme": {"name": "material", "language": "de"}})
    return {}


CHANGES: dict[str, Change] = {
    "a-stage": _edit("j/pizza-night.md", "name: Order", "name: Ordering"),
    "persona-name": _edit("p/eva-molin.md", "name: Eva Molin", "name: Eva M. Molin"),
    "settings": _config(spine=[{"id": "awareness", "name": "Hearing of it"}]),
    "labels": _config(labels={"page.kind": "Sort of map"}),
    "new-page": _new_page,
    "build-date": _another_day,
    "template-override": _template,
    "language": _language,
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_warm_build_after_a_change_is_the_cold_build(tmp_path: Path, name: str) -> None:
    sites: list[Path] = []
    for variant in ("warm", "cold"):
        root = tmp_path / variant
        config = write_site(root, _pages(), plugin=_plugin())
        theme = root / "overrides" / "cjm"
        theme.mkdir(parents=True)
        theme.joinpath("persona.html").write_text(
            (Path(blocks_module.__file__).parents[2] / "theme" / "cjm" / "persona.html").read_text(
                encoding="utf-8"
            ),
            encoding="utf-8",
        )
        _with_overrides(config)
        if variant == "warm":
            assert build_site(config).ok
        kwargs = CHANGES[name](root)
        _with_overrides(config)
        if variant == "cold":
            text = config.read_text(encoding="utf-8")
            config.write_text(text.replace("- cjm:\n", "- cjm:\n    cache: false\n"))
        built = build_site(config, **kwargs)  # type: ignore[arg-type]
        assert built.ok
        sites.append(built.site)
    assert (tmp_path / "warm" / ".cache" / "cjm").is_dir()
    assert not (tmp_path / "cold" / ".cache").exists()
    assert _same_tree(*sites) == []


def _with_overrides(config: Path) -> None:
    """Give the site a custom_dir (overrides/), as write_site writes none."""
    text = config.read_text(encoding="utf-8")
    if "custom_dir" not in text:
        config.write_text(
            text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
        )


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the build checks and renders (not taken from the cache) while the test runs."""
    calls: list[str] = []
    check = pipeline.check_page
    render = blocks_module.Blocks._render

    def checking(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(f"check {page.path}")
        return check(page, *args, **kwargs)

    def rendering(self, template, context):  # type: ignore[no-untyped-def]
        calls.append(f"render {template}")
        return render(self, template, context)

    monkeypatch.setattr(pipeline, "check_page", checking)
    monkeypatch.setattr(blocks_module.Blocks, "_render", rendering)
    return calls


def test_a_second_build_checks_and_renders_nothing(tmp_path: Path, made: list[str]) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config, strict=True).ok
    first = tmp_path / "first-site"
    (tmp_path / "site").rename(first)
    assert any(call.startswith("check ") for call in made)
    assert any(call == "render cjm/journey.html" for call in made)
    assert any(call == "render cjm/catalogue.html" for call in made)
    made.clear()
    assert build_site(config, strict=True).ok
    assert made == []
    assert _same_tree(first, tmp_path / "site") == []


def test_editing_one_map_checks_and_renders_that_map_again(tmp_path: Path, made: list[str]) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    made.clear()
    _edit("j/sushi-night.md", "name: Order", "name: Ordering")(tmp_path)
    assert build_site(config).ok
    assert [c for c in made if c.startswith("check ")] == ["check j/sushi-night.md"]
    # Its two parts, not the other map's; the handbook-wide blocks (views, the
    # catalogue) and the pages of its persona are made again too.
    assert made.count("render cjm/journey.html") == 2


def test_warnings_of_a_page_come_again_from_the_cache(tmp_path: Path) -> None:
    pages = {**_pages(), "j/pizza-night.md": JOURNEY.replace("emotion: -1", "emotion: -9")}
    config = write_site(tmp_path, pages)
    first = build_site(config)
    second = build_site(config)
    assert any("emotion" in w for w in first.cjm_warnings)
    assert first.cjm_warnings == second.cjm_warnings


@pytest.mark.parametrize(("suffix", "again"), [(".pagez", "checked"), (".htmlz", "rendered")])
def test_a_damaged_entry_is_made_again(tmp_path: Path, suffix: str, again: str) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    first = tmp_path / "first-site"
    (tmp_path / "site").rename(first)
    entries = sorted((tmp_path / ".cache" / "cjm").glob(f"*/*{suffix}"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:50])
    built = build_site(config)
    assert built.ok
    damaged = [w for w in built.cjm_warnings if f"damaged cache entry; {again} again" in w]
    assert len(damaged) == len(entries)
    assert _same_tree(first, tmp_path / "site") == []
    assert build_site(config, strict=True).ok  # mended


def test_a_page_entry_naming_anything_but_the_model_is_refused(tmp_path: Path) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    first = tmp_path / "first-site"
    (tmp_path / "site").rename(first)
    # What a tampered entry would hold: a call of something that is not the model.
    hostile = pickle.dumps(_Boom(tmp_path / "boom"))
    from cjm_site.cache import BuildCache

    cache = BuildCache(tmp_path / ".cache" / "cjm")
    entries = sorted((tmp_path / ".cache" / "cjm").glob("*/*.pagez"))
    for entry in entries:
        cache.put_bytes(entry.parent.name + entry.stem, hostile, ".pagez")
    built = build_site(config)
    assert built.ok
    assert not (tmp_path / "boom").exists()
    assert len([w for w in built.cjm_warnings if "checked again" in w]) == len(entries)
    assert _same_tree(first, tmp_path / "site") == []


class _Boom:
    """Unpickled by a plain unpickler, it makes a folder: a stand-in for any call."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.mkdir, (self.path,))


def test_entries_of_a_removed_page_are_pruned(tmp_path: Path) -> None:
    config = write_site(tmp_path, _pages())
    assert build_site(config).ok
    folder = tmp_path / ".cache" / "cjm"
    before = {suffix: len(list(folder.glob(f"*/*{suffix}"))) for suffix in (".pagez", ".htmlz")}
    (tmp_path / "docs" / "j" / "sushi-night.md").unlink()
    assert build_site(config).ok
    after = {suffix: len(list(folder.glob(f"*/*{suffix}"))) for suffix in (".pagez", ".htmlz")}
    assert after[".pagez"] == before[".pagez"] - 1
    assert after[".htmlz"] < before[".htmlz"]
    assert not list(folder.rglob(".tmp-*"))
