"""The build and ``cjm validate`` are one pipeline: on the same tree, the same findings.

Each tree is built as a real MkDocs + Material site and checked with
``cjm validate --format json``; the two must report the same set of findings
(file, line, field, message). Where the configuration itself is wrong, both
stop with a clean message: the build's own error, and exit 2 from validate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjm_site.cli import main
from cjm_site.model import Finding as CoreFinding
from cjm_site.output import finding_text
from tests.hostile.conftest import write_corpus
from tests.sitebuild import (
    FIXED_EPOCH,
    JOURNEY,
    PERSONA,
    REPO,
    Built,
    build_site,
    run_mkdocs,
    write_site,
)

Finding = tuple[bool, str]
"""(a notice?, ``path:line: field: message``)."""


def built_findings(built: Built) -> set[Finding]:
    """What the build logged about pages (not its notes about the navigation)."""
    infos = [i.removeprefix("cjm: ") for i in built.infos if i.startswith("cjm: ")]
    return {(False, w) for w in built.cjm_warnings if not w.startswith("the theme is")} | {
        (True, i) for i in infos if "are reached through the catalogue" not in i
    }


def validated(
    root: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *paths: str,
) -> tuple[int, set[Finding]]:
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    code = main(["validate", "--format", "json", *paths])
    data = json.loads(capsys.readouterr().out)
    found = set()
    for item in data:
        where = f"{item['path']}:{item['line']}" if item["line"] else item["path"]
        text = f"{where}: {item['field']}: " if item["field"] else f"{where}: "
        assert item["text"] == text + item["message"]
        # The build logs each finding as cjm validate prints it (one line, no command).
        finding = CoreFinding(item["path"], item["line"], item["field"], item["message"])
        found.add((item["level"] == "notice", finding_text(finding)))
    return code, found


def assert_parity(
    root: Path,
    config: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> set[Finding]:
    built = build_site(config)
    assert built.ok
    code, found = validated(root, capsys, monkeypatch)
    assert found == built_findings(built)
    assert code == (1 if any(not notice for notice, _ in found) else 0)
    return found


def test_broken_fixtures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = REPO / "tests" / "fixtures" / "broken"
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(fixtures.glob("*.md"))}
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, **pages})
    found = assert_parity(tmp_path, config, capsys, monkeypatch)
    assert {text.split(":", 1)[0] for _, text in found} == set(pages)


def test_hostile_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_corpus(tmp_path)
    found = assert_parity(tmp_path, config, capsys, monkeypatch)
    assert len(found) > 40


def _paths_tree(root: Path) -> Path:
    """Pages MkDocs reads under every extension, links out, files nobody can read,
    a file name that is not UTF-8, and files MkDocs excludes."""
    broken = JOURNEY.replace("emotion: 1", "emotion: 7")
    pages: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "p/eva-molin.md": PERSONA,
        **{f"j/{ext}.{ext}": broken for ext in ("markdown", "mdown", "mkd", "mkdn")},
        ".hidden/secret.md": broken,  # excluded by MkDocs' defaults
        "templates/t.md": broken,  # so is /templates/
        "drafts/d.md": broken,  # draft_docs: left out of a build
        "skip/s.md": broken,  # exclude_docs
    }
    config = write_site(root, pages, extra={"exclude_docs": "skip/\n", "draft_docs": "drafts/\n"})
    docs = root / "docs"
    (root / "outside.md").write_text(broken, encoding="utf-8")
    os.symlink(root / "outside.md", docs / "j" / "linked-out.md")
    # Files whose read raises even for root (tests may run as root, for whom
    # chmod 000 changes nothing): a link to itself, and a link to nothing.
    os.symlink("loop.md", docs / "j" / "loop.md")
    os.symlink("nowhere.md", docs / "j" / "dangling.md")
    if os.geteuid() != 0:
        (docs / "j" / "closed.md").write_text(JOURNEY, encoding="utf-8")
        (docs / "j" / "closed.md").chmod(0)
    with open(os.fsencode(docs / "j") + b"/caf\xe9.md", "wb") as out:
        out.write(broken.encode("utf-8"))
    with open(os.fsencode(docs) + b"/caf\xe9.png", "wb") as out:
        out.write(b"not a page: copied as it is")
    return config


def test_extensions_links_unreadable_files_and_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _paths_tree(tmp_path)
    found = assert_parity(tmp_path, config, capsys, monkeypatch)
    texts = sorted(text for _, text in found)
    for ext in ("markdown", "mdown", "mkd", "mkdn"):
        assert f"j/{ext}.{ext}:7: stages[0].emotion: 7 is outside -2..2" in texts
    assert (
        "j/linked-out.md: is a symbolic link that leads outside the docs folder; "
        "it is neither read nor copied into the site"
    ) in texts
    assert (
        "j/caf\\xe9.md: the file name is not UTF-8; rename the file (it is left out of the site)"
        in texts
    )
    unreadable = [t for t in texts if "cannot be read" in t]
    assert [t.split(":", 1)[0] for t in unreadable] == sorted(
        ["j/dangling.md", "j/loop.md", *(["j/closed.md"] if os.geteuid() else [])]
    )
    assert not [t for t in texts if t.startswith((".hidden", "templates", "drafts", "skip"))]
    site = tmp_path / "site"
    assert not (site / "j" / "linked-out").exists() and not (site / "j" / "loop").exists()


def test_a_path_limits_what_is_reported_not_what_is_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY})
    assert build_site(config, strict=True).ok
    assert validated(tmp_path, capsys, monkeypatch, "docs/j") == (0, set())
    monkeypatch.chdir(tmp_path / "docs" / "j")
    assert main(["validate", "."]) == 0
    assert capsys.readouterr().out == "1 page checked: 0 errors, 0 other findings\n"


def test_inherit_and_env_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = JOURNEY.replace("persona: eva-molin", "persona: eva-molen")
    write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": broken})
    base = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    base.pop("docs_dir")
    base["plugins"][1]["cjm"]["spine"] = [{"id": "awareness", "name": "Awareness"}]
    (tmp_path / "base.yml").write_text(yaml.safe_dump(base), encoding="utf-8")
    shutil.move(tmp_path / "docs", tmp_path / "pages")
    config = tmp_path / "mkdocs.yml"
    config.write_text("INHERIT: base.yml\ndocs_dir: !ENV [CJM_DOCS, docs]\n", encoding="utf-8")
    monkeypatch.setenv("CJM_DOCS", "pages")
    found = assert_parity(tmp_path, config, capsys, monkeypatch)
    assert found == {
        (
            False,
            "j/pizza.md:4: persona: no persona has the id 'eva-molen'; did you mean 'eva-molin'?",
        )
    }
    assert validated(tmp_path, capsys, monkeypatch, "pages/j")[1] == found


def test_example_handbook_journeys_report_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    assert main(["validate", "content/journeys"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(" checked: 0 errors, 0 other findings\n") and out.count("\n") == 1


BAD_CONFIGS = {
    "channels as a list": ({"channels": ["web"]}, None, "channels"),
    "spine as a number": ({"spine": 5}, None, "spine"),
    "unknown option type": ({"review_soon_days": "soon"}, None, "review_soon_days"),
    "output path outside the site": ({"maps_dir": "../outside"}, None, "maps_dir"),
    "inherit of a missing file": ({}, "INHERIT: missing.yml\n", "missing.yml"),
    "env variable not set": ({}, "site_name: !ENV CJM_NOT_SET_ANYWHERE\n", "site_name"),
    # Issue 11, item 12: settings get messages as exact as pages get.
    "a spine id twice": (
        {"spine": [{"id": "buy", "name": "Buy"}, {"id": "buy", "name": "Pay"}]},
        None,
        "option 'spine': Expected each stage id once but received 'buy' twice (stage 2); "
        "give each stage its own id",
    ),
    "an empty spine id": (
        {"spine": [{"id": " ", "name": "Buy"}]},
        None,
        "option 'spine': Expected a stage id that is not empty but received: ' ' (stage 1)",
    ),
    "true as a number of days": (
        {"review_soon_days": True},
        None,
        "option 'review_soon_days': Expected a whole number of at least 0 but received: True",
    ),
    "a negative number of days": (
        {"review_soon_days": -1},
        None,
        "option 'review_soon_days': Expected a whole number of at least 0 but received: -1",
    ),
    "no rows per page": (
        {"page_rows": 0},
        None,
        "option 'page_rows': Expected a whole number of at least 1 but received: 0",
    ),
    "a negative navigation limit": (
        {"nav_limit": -5},
        None,
        "option 'nav_limit': Expected a whole number of at least 0 but received: -5",
    ),
    "a fraction as a limit": (
        {"nav_limit": 2.5},
        None,
        "option 'nav_limit': Expected a whole number of at least 0 but received: 2.5",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_a_bad_configuration_is_a_clean_error_on_both_paths(tmp_path: Path, name: str) -> None:
    plugin, head, expected = BAD_CONFIGS[name]
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA}, plugin=plugin)
    if head is not None:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data.pop("site_name")
        config.write_text(head + yaml.safe_dump(data), encoding="utf-8")
    built = run_mkdocs(config)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    env = {**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH}
    env.pop("CJM_NOT_SET_ANYWHERE", None)
    done = subprocess.run(
        [sys.executable, "-m", "cjm_site.cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.startswith("cjm: mkdocs.yml: ") and expected in done.stderr


def test_the_core_never_imports_mkdocs() -> None:
    """``cjm_site`` runs without MkDocs; only ``cjm validate`` reaches the adapter, lazily."""
    code = (
        "import sys, pkgutil, importlib, cjm_site\n"
        "for m in pkgutil.walk_packages(cjm_site.__path__, 'cjm_site.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'mkdocs' or n.startswith('mkdocs.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
