"""Folders of the docs folder that MkDocs cannot list, and files it cannot copy.

MkDocs lists the docs folder with ``os.walk``, which skips a folder it cannot
open without a word, and follows a symbolic link to a folder that holds the
link (``docs/sub/up -> ..``) until the path is forty levels deep, then stops
the build copying a file there. Each such folder is reported once here, and
everything MkDocs listed under a loop is left out of the site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from cjm_site.model import Finding

LOOP = (
    "is a symbolic link to a folder that holds it (a loop); it is left out of the site: "
    "remove the link"
)


def _docs_path(docs: str, path: str) -> str:
    return os.path.relpath(path, docs).replace(os.sep, "/")


def folder_problems(docs_dir: str) -> dict[str, Finding]:
    """Folders that cannot be read, and links that loop, by docs path.

    Links out of the docs folder are not followed (their files are reported one
    by one as leading out), so nothing outside the docs folder is listed here.
    """
    docs = os.path.realpath(docs_dir)
    problems: dict[str, Finding] = {}

    def failed(err: OSError) -> None:
        if err.filename is None:
            return
        path = _docs_path(docs, os.fsdecode(err.filename))
        message = f"cannot be read: {err.strerror or err}; nothing in this folder is in the site"
        problems[path] = Finding(path, 0, "", message)

    chains: dict[str, tuple[str, ...]] = {docs: (docs,)}
    for current, folders, _files in os.walk(docs, onerror=failed, followlinks=True):
        chain = chains.pop(current, (os.path.realpath(current),))
        kept = []
        for name in folders:
            if name.startswith("."):  # MkDocs leaves hidden folders out
                continue
            path = os.path.join(current, name)
            real = os.path.realpath(path)
            if real in chain:
                where = _docs_path(docs, path)
                problems[where] = Finding(where, 0, "", LOOP)
                continue
            if os.path.commonpath([docs, real]) != docs:
                continue  # leads out: reported file by file, never listed
            chains[path] = (*chain, real)
            kept.append(name)
        folders[:] = kept
    return problems


def under(path: str, folders: Iterable[str]) -> str | None:
    """The first of ``folders`` that holds ``path``, if one does."""
    for folder in folders:
        if path.startswith(folder + "/"):
            return folder
    return None
