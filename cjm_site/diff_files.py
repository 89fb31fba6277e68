"""Diffs of files on disk and of the working tree against a git revision."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cjm_site.checking import CheckedPage, check_page, default_id
from cjm_site.diff_compare import (
    DiffError,
    JourneyDiff,
    PageDiff,
    PersonaDiff,
    diff_journeys,
    diff_personas,
)
from cjm_site.inputs import MAX_FILE_BYTES, InputError, read_author_file
from cjm_site.model import Journey, Persona
from cjm_site.reading import read_page


def _problems(page: CheckedPage | None) -> tuple[str, ...]:
    """The page's findings as ``cjm validate`` prints them (notices left out)."""
    if page is None:
        return ()
    return tuple(
        f"{'' if f.level == 'error' else f.level + ': '}{f}"
        for f in page.findings
        if f.level != "notice"
    )


def _diff_pages(old: CheckedPage | None, new: CheckedPage | None) -> list[PageDiff]:
    """Diffs of two checked versions of one file: one per page type found in either."""
    out: list[PageDiff] = []
    for kind in ("journey", "persona"):
        before = old if old is not None and old.type == kind else None
        after = new if new is not None and new.type == kind else None
        if before is None and after is None:
            continue
        errors = _problems(before), _problems(after)
        diff: PageDiff | None = None
        model: Journey | Persona | None
        if kind == "journey":
            old_j, new_j = (p.journey if p else None for p in (before, after))
            if (before is None or old_j) and (after is None or new_j):
                diff = diff_journeys(old_j, new_j)
            model = new_j or old_j
        else:
            old_p, new_p = (p.persona if p else None for p in (before, after))
            if (before is None or old_p) and (after is None or new_p):
                diff = diff_personas(old_p, new_p)
            model = new_p or old_p
        if diff is None:  # a version whose model could not be built: compare nothing
            path = after.path if after else before.path if before else ""
            page_id = model.id if model else default_id(path)
            title = model.title if isinstance(model, Journey) else model.name if model else page_id
            old_path = before.path if before else None
            cls = JourneyDiff if kind == "journey" else PersonaDiff
            diff = cls(page_id, title, path, old_path, "unreadable")
        out.append(replace(diff, old_errors=errors[0], new_errors=errors[1]))
    return out


def _check_file(path: str | Path, name: str | None) -> CheckedPage:
    file = Path(path)
    try:
        data = read_author_file(file)  # the commands' bounds: never /dev/zero without end
    except InputError as err:
        raise DiffError(str(err)) from None
    return check_page(read_page(name or file.as_posix(), data))


def diff_files(
    old: str | Path | None, new: str | Path | None, *, name: str | None = None
) -> list[PageDiff]:
    """Compare two files (``None`` for a page added or removed).

    Each version is known by its own path unless ``name`` (the page's path in
    the site) is given for both. Only persona and journey pages give diffs.
    """
    if old is None and new is None:
        raise DiffError("nothing to compare: give an old file, a new file or both")
    before = _check_file(old, name) if old is not None else None
    after = _check_file(new, name) if new is not None else None
    return _diff_pages(before, after)


# -- git -----------------------------------------------------------------------


def _git(cwd: Path, *args: str, error: str | None = None) -> bytes:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # only read: never take the index lock
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env=env, timeout=120, check=False
        )
    except FileNotFoundError:
        raise DiffError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise DiffError("git took longer than two minutes") from None
    except OSError as err:
        raise DiffError(f"cannot run git: {err.strerror or err}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = said[-1].removeprefix("fatal: ").removeprefix("error: ") if said else ""
        command = next((a for a in args if a[:1] != "-" and "=" not in a), "")
        message = error or f"git {command} failed"
        raise DiffError(f"{message} (git: {detail})" if detail else message)
    return done.stdout


def _is_page(path: str | None) -> bool:
    return path is not None and path.casefold().endswith(".md")


def diff_revision(
    rev: str, paths: Sequence[str | Path] = (), repo: str | Path | None = None
) -> list[PageDiff]:
    """Compare the working tree with ``rev`` (pages added, removed, renamed or edited).

    ``paths`` (files, folders or git pathspecs, relative to ``repo``) limit the
    diff; by default every ``*.md`` under ``repo`` (default: the current
    folder). Files not yet added to git count as added. Paths in the result are
    relative to the repository's top folder.
    """
    where = Path(repo) if repo is not None else Path.cwd()
    if not where.is_dir():
        raise DiffError(f"no such folder: {where}")
    top_text = _git(where, "rev-parse", "--show-toplevel", error=f"{where} is not in a git repo")
    top = Path(os.fsdecode(top_text.rstrip(b"\n")))
    if not rev.strip() or rev.startswith("-"):
        raise DiffError(f"{rev!r} is not a revision")
    commit = (
        _git(
            where,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{rev}^{{commit}}",
            error=f"unknown revision {rev!r}: no commit, branch or tag by that name in {top}",
        )
        .decode()
        .strip()
    )
    for path in paths:
        if any(c in os.fspath(path) for c in "*?[") or (where / path).exists():
            continue  # a git pattern, or there now
        if not _in_commit(where, top, commit, Path(path)):
            raise DiffError(f"no such file or folder, now or in {rev}: {path}")
    specs = [os.fspath(p) for p in paths] or ["*.md"]
    listing = _git(
        where,
        *("-c", "diff.relative=false", "diff", "--name-status", "-M", "-z", "--no-color"),
        *("--no-ext-diff", commit, "--", *specs),
    )
    changes = _name_status(listing)
    untracked = _git(
        where, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", *specs
    )
    changes += [(None, os.fsdecode(p)) for p in untracked.split(b"\0") if p]
    out: list[PageDiff] = []
    for old_path, new_path in dict.fromkeys(changes):  # once each, in git's order
        old_page = new_page = None
        if _is_page(old_path) and old_path is not None:
            size = int(_git(top, "cat-file", "-s", f"{commit}:{old_path}") or b"0")
            if size > MAX_FILE_BYTES:  # the same bound as a file on disk
                raise DiffError(
                    f"{old_path} at {commit[:12]} is larger than {MAX_FILE_BYTES:,} bytes"
                )
            blob = _git(top, "cat-file", "blob", f"{commit}:{old_path}")
            old_page = check_page(read_page(old_path, blob))
        if _is_page(new_path) and new_path is not None and (top / new_path).is_file():
            new_page = _check_file(top / new_path, new_path)
        out += _diff_pages(old_page, new_page)
    return sorted(out, key=lambda d: (d.path, d.old_path or "", type(d).__name__))


def _name_status(listing: bytes) -> list[tuple[str | None, str | None]]:
    """(old path, new path) of each change in ``git diff --name-status -z`` output;
    None for the side where the file does not exist (a copy's source is not removed)."""
    fields = [os.fsdecode(f) for f in listing.split(b"\0")]
    changes: list[tuple[str | None, str | None]] = []
    k = 0
    while k < len(fields) and fields[k]:
        status = fields[k][:1]
        if status in ("R", "C"):
            source, target = fields[k + 1], fields[k + 2]
            changes.append((source if status == "R" else None, target))
            k += 3
            continue
        path = fields[k + 1]
        changes.append((None if status == "A" else path, None if status == "D" else path))
        k += 2
    return changes


def _in_commit(where: Path, top: Path, commit: str, path: Path) -> bool:
    """Whether ``path`` (relative to ``where``) names a file or folder in ``commit``."""
    try:
        inside = (where / path).resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"{path} is outside the git repo {top}") from None
    try:
        _git(top, "cat-file", "-e", f"{commit}:{'' if inside == '.' else inside}")
    except DiffError:
        return False
    return True
