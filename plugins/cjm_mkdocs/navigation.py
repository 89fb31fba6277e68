"""Pages a site's own navigation names: they stay in it, whatever ``nav_limit`` says.

An explicit navigation is the site's choice. ``nav`` in mkdocs.yml turns
``nav_limit`` off; navigations that end up in ``config.nav`` after the plugin's
``on_files`` (literate-nav's ``SUMMARY.md``, an mkdocs.yml ``nav`` with
awesome-pages' ``...``) name pages MkDocs builds into the navigation whatever their
inclusion. awesome-pages' ``.pages`` files are different: the plugin rearranges
MkDocs' default navigation, from which ``nav_limit`` took the pages. So the pages a
``.pages`` file names one by one are left in it; ``...``, glob patterns and
folders are the rest, which ``nav_limit`` still keeps small.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from cjm_site.inputs import InputError, read_author_file

_PATTERN = re.compile(r"[*?\[]|\.\.\.")


def _named(entry: str, folder: str) -> str | None:
    """A docs path named by a navigation entry written in ``folder``, or None for a
    pattern, a folder, a URL or an anchor."""
    target = entry.strip().split("#", 1)[0]
    if not target or _PATTERN.search(target) or ":" in target or target.endswith("/"):
        return None
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _entries(nav: Any) -> Iterator[str]:
    """Every path string of a YAML navigation (lists of strings and ``{title: ...}``)."""
    todo = [nav]
    seen = 0
    while todo and seen < 100_000:  # bounded: a navigation is an author's file
        seen += 1
        item = todo.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())


def _text(file: File) -> str | None:
    try:
        if file.abs_src_path is not None and file.generated_by is None:
            data = read_author_file(Path(file.abs_src_path))
        else:
            data = file.content_bytes
        return data.decode("utf-8-sig")
    except (InputError, OSError, UnicodeDecodeError):
        return None  # the plugin that reads it reports it


def _yaml_nav(text: str) -> Any:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return data.get("nav") if isinstance(data, dict) else None


def _files_named(files: Files, name: str) -> Iterable[File]:
    return [f for f in files if posixpath.basename(f.src_uri) == name]


def explicit_pages(files: Files, config: MkDocsConfig) -> set[str]:
    """Docs paths of the pages awesome-pages' ``.pages`` files name one by one."""
    found: set[str] = set()
    for name, plugin in config.plugins.items():
        if name.split(" #", 1)[0] != "awesome-pages":
            continue
        filename = str(plugin.config.get("filename") or ".pages")
        for file in _files_named(files, filename):
            text = _text(file)
            folder = posixpath.dirname(file.src_uri)
            nav = _yaml_nav(text) if text is not None else None
            found.update(p for e in _entries(nav) if (p := _named(e, folder)) is not None)
    return found
