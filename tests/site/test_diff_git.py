"""`cjm diff REV`: pages edited, renamed, removed and added in a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cjm_site.diffing import (
    DiffError,
    FieldChange,
    JourneyDiff,
    PersonaDiff,
    StageDiff,
    diff_revision,
    to_json,
    to_markdown,
)

CONTENT = Path(__file__).resolve().parents[2] / "content"
PAGES = (
    "journeys/pizza-night.md",
    "journeys/hotel-stay.md",
    "journeys/b2b-supplies.md",
    "personas/eva-molin.md",
    "index.md",
)
ORDERING_EMOTION = (
    "    emotion: 0\n    feeling: cautious\n",
    "    emotion: 1\n    feeling: cautious\n",
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(autouse=True)
def _hermetic_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's and the system's git settings must not change what the tests see."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            *("-c", "user.name=Test Author", "-c", "user.email=author@example.com"),
            *("-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"),
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    for page in PAGES:
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CONTENT / page, root / page)
    (root / "notes.txt").write_text("not a page\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Handbook")
    return root


def test_edits_renames_removals_and_additions(repo: Path) -> None:
    edit(repo / "journeys/pizza-night.md", *ORDERING_EMOTION)
    git(repo, "mv", "journeys/hotel-stay.md", "journeys/family-weekend.md")
    (repo / "journeys/b2b-supplies.md").unlink()
    shutil.copyfile(CONTENT / "journeys/app-first-use.md", repo / "journeys/app-first-use.md")
    shutil.copyfile(CONTENT / "journeys/bank-account-in-app.md", repo / "journeys/account.md")
    git(repo, "add", "journeys/account.md")  # staged; app-first-use.md stays untracked
    edit(repo / "personas/eva-molin.md", "role: Journalist at", "role: Editor at")
    with (repo / "index.md").open("a", encoding="utf-8") as index:  # an ordinary page
        index.write("\nOne more line.\n")
    (repo / "notes.txt").write_text("still not a page\n", encoding="utf-8")

    diffs = diff_revision("HEAD", repo=repo)

    assert [(type(d).__name__, d.status, d.path, d.old_path) for d in diffs] == [
        ("JourneyDiff", "added", "journeys/account.md", None),
        ("JourneyDiff", "added", "journeys/app-first-use.md", None),
        ("JourneyDiff", "removed", "journeys/b2b-supplies.md", "journeys/b2b-supplies.md"),
        ("JourneyDiff", "changed", "journeys/family-weekend.md", "journeys/hotel-stay.md"),
        ("JourneyDiff", "changed", "journeys/pizza-night.md", "journeys/pizza-night.md"),
        ("PersonaDiff", "changed", "personas/eva-molin.md", "personas/eva-molin.md"),
    ]
    pizza, eva = diffs[4], diffs[5]
    assert isinstance(pizza, JourneyDiff) and isinstance(eva, PersonaDiff)
    assert pizza.stages == (
        StageDiff("Ordering", "Ordering", 5, 5, fields=(FieldChange("emotion", "0", "1"),)),
    )
    assert eva.fields == (
        FieldChange("role", "Journalist at a city news site", "Editor at a city news site"),
    )
    renamed = diffs[3]
    assert renamed.fields == (FieldChange("id", "hotel-stay", "family-weekend"),)

    text = to_markdown(diffs)
    assert text.splitlines()[0] == "2 maps changed, 2 added, 1 removed; 1 persona changed"
    assert (
        "### Pizza night at Forno today (journeys/pizza-night.md)\n\n"
        "- Ordering: emotion 0 → 1\n" in text
    )
    assert (
        "### Family weekend at the Harbour Hotel (journeys/family-weekend.md)\n\n"
        "- File renamed from journeys/hotel-stay.md\n"
        "- ID: hotel-stay → family-weekend\n" in text
    )
    assert (
        "### Buying supplies from Northwind Supply (journeys/b2b-supplies.md)\n\n- Map removed\n"
        in text
    )
    assert "### Eva Molin (personas/eva-molin.md)\n\n- Role: " in text
    assert to_json(diffs) == to_json(diff_revision("HEAD", repo=repo))


def test_nothing_changed(repo: Path) -> None:
    assert diff_revision("HEAD", repo=repo) == []
    assert to_markdown(diff_revision("HEAD", repo=repo)) == "No map changes.\n"
    edit(repo / "journeys/pizza-night.md", "six pizzerias", "seven pizzerias")  # body only
    (d,) = diff_revision("HEAD", repo=repo)
    assert d.status == "unchanged"
    assert to_markdown([d]) == "No map changes.\n"


def test_paths_and_subfolders_limit_the_diff(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / "journeys/pizza-night.md", *ORDERING_EMOTION)
    edit(repo / "personas/eva-molin.md", "role: Journalist at", "role: Editor at")
    only = diff_revision("HEAD", ["personas"], repo=repo)
    assert [d.path for d in only] == ["personas/eva-molin.md"]
    only = diff_revision("HEAD", ["journeys/pizza-night.md"], repo=repo)
    assert [d.path for d in only] == ["journeys/pizza-night.md"]
    inside = diff_revision("HEAD", repo=repo / "journeys")
    assert [d.path for d in inside] == ["journeys/pizza-night.md"]
    monkeypatch.chdir(repo / "personas")
    assert [d.path for d in diff_revision("HEAD")] == ["personas/eva-molin.md"]
    assert [d.path for d in diff_revision("HEAD", ["../journeys"])] == ["journeys/pizza-night.md"]


def test_older_revisions_and_renames_with_edits(repo: Path) -> None:
    edit(repo / "journeys/pizza-night.md", *ORDERING_EMOTION)
    git(repo, "commit", "-q", "-am", "Ordering feels better")
    git(repo, "mv", "journeys/pizza-night.md", "journeys/friday-pizza.md")
    edit(
        repo / "journeys/friday-pizza.md",
        "    emotion: 1.5\n    feeling: happy",
        "    emotion: 2\n    feeling: happy",
    )
    (d,) = diff_revision("HEAD~1", repo=repo)
    assert isinstance(d, JourneyDiff)
    assert (d.path, d.old_path, d.id, d.fields) == (
        "journeys/friday-pizza.md",
        "journeys/pizza-night.md",
        "pizza-night-today",  # the page has an id: of its own
        (),
    )
    assert [(s.name, s.fields) for s in d.stages] == [
        ("Ordering", (FieldChange("emotion", "0", "1"),)),
        ("Eating", (FieldChange("emotion", "1.5", "2"),)),
    ]
    (d,) = diff_revision("HEAD", repo=repo)
    assert [s.name for s in d.stages] == ["Eating"]


def test_a_deleted_path_can_still_be_named(repo: Path) -> None:
    (repo / "journeys/b2b-supplies.md").unlink()
    (d,) = diff_revision("HEAD", ["journeys/b2b-supplies.md"], repo=repo)
    assert (d.status, d.path) == ("removed", "journeys/b2b-supplies.md")


def test_problems_in_either_version_are_listed_not_raised(repo: Path) -> None:
    page = repo / "journeys/pizza-night.md"
    edit(page, "    emotion: -1\n", "    emotion: 5\n")
    (d,) = diff_revision("HEAD", repo=repo)
    assert d.new_errors == ("journeys/pizza-night.md:75: stages[1].emotion: 5 is outside -2..2",)
    git(repo, "commit", "-q", "-am", "Broken emotion")
    edit(page, "    emotion: 5\n", "    emotion: -1\n")
    (d,) = diff_revision("HEAD", repo=repo)
    assert d.old_errors == ("journeys/pizza-night.md:75: stages[1].emotion: 5 is outside -2..2",)
    assert d.new_errors == ()
    assert "- Problems in the old version:" in to_markdown([d])
    page.write_text("---\ntype: journey\ntitle: [unclosed\n---\n", encoding="utf-8")
    (d,) = diff_revision("HEAD", repo=repo)
    assert (d.status, d.title) == ("unreadable", "Pizza night at Forno today")
    assert any("YAML does not parse" in e for e in d.new_errors)
    assert to_markdown([d]).startswith("1 map could not be read\n")


def test_bad_revision_is_a_clear_error(repo: Path) -> None:
    with pytest.raises(DiffError) as caught:
        diff_revision("no-such-branch", repo=repo)
    assert str(caught.value).startswith(
        "unknown revision 'no-such-branch': no commit, branch or tag by that name in "
    )
    with pytest.raises(DiffError, match="is not a revision"):
        diff_revision("--output=/tmp/x", repo=repo)
    with pytest.raises(DiffError, match="is not a revision"):
        diff_revision("", repo=repo)


def test_other_bad_input_is_a_clear_error(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(DiffError, match=r"plain is not in a git repo \(git: not a git repo"):
        diff_revision("HEAD", repo=plain)
    with pytest.raises(DiffError, match="no such folder"):
        diff_revision("HEAD", repo=tmp_path / "missing")
    with pytest.raises(DiffError, match=r"no such file or folder, now or in HEAD: nope\.md"):
        diff_revision("HEAD", ["nope.md"], repo=repo)
    with pytest.raises(DiffError, match="is outside the git repo"):
        diff_revision("HEAD", [str(tmp_path / "elsewhere.md")], repo=repo)


def test_patterns_and_unusual_file_names(repo: Path) -> None:
    git(repo, "mv", "journeys/pizza-night.md", "journeys/pizza night – café.md")
    edit(repo / "journeys/pizza night – café.md", *ORDERING_EMOTION)
    edit(repo / "personas/eva-molin.md", "role: Journalist at", "role: Editor at")
    (d,) = diff_revision("HEAD", ["journeys/*.md"], repo=repo)
    assert (d.path, d.old_path) == ("journeys/pizza night – café.md", "journeys/pizza-night.md")
    assert [s.name for s in d.stages if isinstance(d, JourneyDiff)] == ["Ordering"]


def test_git_missing_is_a_clear_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo))
    with pytest.raises(DiffError, match=r"^git is not installed \(or not on PATH\)$"):
        diff_revision("HEAD", repo=repo)
