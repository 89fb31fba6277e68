"""The repository stands on its own: nothing reads outside it, and a copy anywhere passes.

The copy is made of the files git knows (as they are in the working tree, so
uncommitted changes count) plus new files not yet added, in an empty temporary
folder with nothing beside it. Its tests run with this interpreter and the
copy's code first on the path: this checkout is installed in editable mode,
and without that the copy's tests would quietly import this checkout's code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = {"cjm_site": "cjm_site", "cjm_mkdocs": "plugins/cjm_mkdocs", "cjm_theme": "theme"}
"""Import name -> folder in the repository (pyproject.toml's package-dir)."""


def _git(*args: str) -> list[str]:
    done = subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, check=True, env={**os.environ}
    )
    return [os.fsdecode(p) for p in done.stdout.split(b"\0") if p]


def _repository_files() -> list[str]:
    tracked = _git("ls-files", "-z", "--cached")
    new = _git("ls-files", "-z", "--others", "--exclude-standard")
    return sorted({p for p in [*tracked, *new] if (REPO / p).is_file()})


def _in_git() -> bool:
    return (REPO / ".git").exists() and shutil.which("git") is not None


# -- nothing in the repository reaches outside it ------------------------------------

# Written in pieces so that this file does not match its own patterns.
_OUTSIDE = [
    re.compile(r"\.\./" + "shared"),
    re.compile(r"[\"']" + "shared" + r"[\"']\s*/"),
    re.compile(r"\bREPO\.parent\b"),
    re.compile(r"(?<![\w.])/" + r"(?:work|root|home)/[\w.-]+/"),
]
_FILE_PARENTS = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")


def _outside_references(path: str, text: str) -> list[str]:
    found = [f"{path}: {m.group(0)!r}" for rule in _OUTSIDE for m in rule.finditer(text)]
    top = len(Path(path).parts) - 1  # parents[top] is the repository's folder
    found += [
        f"{path}: {m.group(0)!r} is above the repository"
        for m in _FILE_PARENTS.finditer(text)
        if int(m.group(1)) > top
    ]
    return found


@pytest.mark.skipif(not _in_git(), reason="needs a git checkout")
def test_no_test_script_or_ci_step_refers_outside_the_repository() -> None:
    scanned = [
        p
        for p in _repository_files()
        if p.startswith(("tests/", ".ci/", "cjm_site/", "plugins/")) or p == "Makefile"
    ]
    assert any(p.startswith("tests/unit/") for p in scanned)
    problems = []
    for path in scanned:
        try:
            text = (REPO / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and other binary files
        problems += _outside_references(path, text)
    assert problems == []


def test_the_outside_check_finds_what_it_looks_for() -> None:
    bad = (
        (
            'FORMAT = Path(__file__).resolve().^s[3] / "@" / "FORMAT.md"\n'
            "x = REPO.^ / 'notes'\n"
            "y = open('../@/FORMAT.md')\n"
        )
        .replace("@", "shared")
        .replace("^", "parent")
    )  # so that this file does not match
    assert len(_outside_references("tests/unit/test_x.py", bad)) == 4
    fine = 'REPO = Path(__file__).resolve().parents[2]\nurl = "../research/interviews.md"\n'
    assert _outside_references("tests/unit/test_x.py", fine) == []


# -- a copy on its own passes ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not _in_git(), reason="needs a git checkout")
def test_a_copy_in_an_empty_folder_passes_the_tests_that_read_files(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    copy = tmp_path_factory.mktemp("alone") / "cjm-site"
    for name in _repository_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    # The theme is imported as cjm_theme but lives in theme/: a folder that maps the
    # name, outside the copy so that nothing stands beside it.
    names = tmp_path_factory.mktemp("import-names")
    (names / "cjm_theme").symlink_to(copy / "theme", target_is_directory=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(copy), str(copy / "plugins"), str(names)]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cjm_site, cjm_mkdocs, cjm_theme\n"
            "for m in (cjm_site, cjm_mkdocs, cjm_theme): print(m.__name__, m.__file__)",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for line in where:
        name, file = line.split(" ", 1)
        assert Path(file).resolve().is_relative_to((copy / PACKAGES[name]).resolve()), (
            f"{name} came from {file}, not the copy"
        )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/unit", "-p", "no:cacheprovider", "-q"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and " failed" not in done.stdout
