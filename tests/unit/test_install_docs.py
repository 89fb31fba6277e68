"""The install and pre-commit instructions work as written (issue 11, items 17 and 18)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "content").rglob("*.md"))]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_install_line_names_a_package_on_pypi(doc: Path) -> None:
    # cjm-site is not on PyPI, and "cjm" there is a stranger's package.
    for line in doc.read_text(encoding="utf-8").splitlines():
        if "pip install" not in line:
            continue
        words = shlex.split(line.split("pip install", 1)[1], comments=True)
        # "cjm-site @ git+https://..." (a direct reference) is fine; a bare name is not.
        names = {re.split(r"[=<>~!\[ ]", w, maxsplit=1)[0] for w in words if "@" not in w}
        assert not names & {"cjm", "cjm-site", "cjm_site"}, line


def _yaml_blocks(text: str) -> list[object]:
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    return [yaml.safe_load(b) for b in blocks if re.search(r"^repos:", b, re.MULTILINE)]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_pre_commit_snippets_pin_what_exists(doc: Path) -> None:
    # The repository has no tags: a `rev:` must be a commit id (or the hook local).
    for block in _yaml_blocks(doc.read_text(encoding="utf-8")):
        if not isinstance(block, dict) or "repos" not in block:
            continue
        for repo in block["repos"]:
            if repo["repo"] == "local":
                assert all(hook["language"] == "system" for hook in repo["hooks"])
            else:
                assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"])), repo["rev"]
                hook_ids = {
                    h["id"]
                    for h in yaml.safe_load(
                        (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
                    )
                }
                assert {h["id"] for h in repo["hooks"]} <= hook_ids


def test_readme_names_the_supported_theme() -> None:
    install = (REPO / "README.md").read_text(encoding="utf-8").split("### Install", 1)[1]
    install = install.split("\n## ", 1)[0]
    assert "**Themes:**" in install and "material" in install


def test_the_readme_has_both_pre_commit_snippets() -> None:
    # The check above passes on a file with no snippet: make sure there is one.
    blocks = _yaml_blocks((REPO / "README.md").read_text(encoding="utf-8"))
    repos = [repo["repo"] for block in blocks if isinstance(block, dict) for repo in block["repos"]]
    assert "local" in repos and any(r.startswith("https://") for r in repos)
