"""Issue 11, round two, on the plugin's side: settings, output paths, folders,
SOURCE_DATE_EPOCH, log lines and themes, each on the build and ``cjm validate``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cjm_mkdocs import folders

from cjm_site.cli import main
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, build_site, run_mkdocs, write_site


def validate(root: Path, epoch: str = FIXED_EPOCH) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "cjm_site.cli", "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def assert_config_error(root: Path, config: Path, expected: str, epoch: str = FIXED_EPOCH) -> None:
    """Both paths stop with the same plain message: the build (1), validate (2)."""
    built = run_mkdocs(config, epoch=epoch)
    assert built.returncode == 1, built.stderr
    assert "Traceback" not in built.stderr and expected in built.stderr, built.stderr
    done = validate(root, epoch)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.startswith("cjm: mkdocs.yml: ") and expected in done.stderr


# -- 2. Output paths -----------------------------------------------------------------

OUTPUTS: dict[str, tuple[dict[str, Any], dict[str, str], str]] = {
    "catalogue that is a folder of pages": (
        {"catalogue": "journeys"},
        {},
        "catalogue: Expected a Markdown page path such as 'catalogue.md' but received: 'journeys'",
    ),
    "catalogue as HTML": (
        {"catalogue": "catalogue.html"},
        {},
        "but received: 'catalogue.html'",
    ),
    "catalogue as catalogue.json": ({"catalogue": "catalogue.json"}, {}, "'catalogue.json'"),
    "catalogue where a page lands": (
        {"catalogue": "journeys.md"},
        {"journeys/index.md": "# Journeys\n"},
        "catalogue: the generated journeys.md would be written to journeys/index.html, "
        "where the site's file journeys/index.md goes too",
    ),
    "catalogue on a view page": (
        {"catalogue": "views/heatmap.md"},
        {},
        "catalogue: the generated views/heatmap.md would be written to views/heatmap/index.html",
    ),
    "maps inside catalogue.json": (
        {"maps_dir": "catalogue.json"},
        {},
        "maps_dir: the generated catalogue.json/pizza.svg would be written inside "
        "catalogue.json, which is the generated catalogue.json",
    ),
    "maps inside a page": (
        {"maps_dir": "notes.txt"},
        {"notes.txt": "mine\n"},
        "maps_dir: the generated notes.txt/pizza.svg would be written inside notes.txt, "
        "which is the site's file notes.txt",
    ),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_paths_that_meet_another_file_are_a_config_error(tmp_path: Path, name: str) -> None:
    plugin, pages, expected = OUTPUTS[name]
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, "journeys/pizza.md": JOURNEY, **pages},
        plugin=plugin,
    )
    assert_config_error(tmp_path, config, expected)


def test_paths_of_their_own_build(tmp_path: Path) -> None:
    plugin = {"catalogue": "./all/maps.md", "maps_dir": "journeys/", "views_dir": "org"}
    pages = {"p/eva-molin.md": PERSONA, "journeys/pizza.md": JOURNEY}
    built = build_site(write_site(tmp_path, pages, plugin=plugin), strict=True)
    assert built.ok, built.warnings
    assert (built.site / "journeys" / "pizza.svg").is_file()
    assert (built.site / "all" / "maps" / "index.html").is_file()


# -- 7. An author's file where a generated file goes ------------------------------------


def test_authors_files_at_generated_paths_are_kept_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {
        "p/eva-molin.md": PERSONA,
        "j/pizza.md": JOURNEY,
        "maps/pizza.svg": "<svg>mine</svg>\n",
        "catalogue.json": '{"mine": true}\n',
        "views/backlog.csv": "mine\n",
    }
    config = write_site(tmp_path, pages)
    expected = [
        "catalogue.json: cjm-site generates the catalogue's data here; this file takes its place",
        "maps/pizza.svg: cjm-site generates the map of j/pizza.md here; this file takes its place",
        "views/backlog.csv: cjm-site generates an export of the views here; "
        "this file takes its place",
    ]
    plain = build_site(config)
    assert plain.ok and plain.cjm_warnings == expected
    for uri in ("maps/pizza.svg", "catalogue.json", "views/backlog.csv"):
        assert plain.page(uri) == pages[uri]
    assert not build_site(config, strict=True).ok
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    assert all(line in out.splitlines() for line in expected), out


# -- 3. Folders that cannot be read -------------------------------------------------------


def test_a_folder_link_loop_and_a_file_link_loop_are_reported_and_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom chmod does not stop: a symbolic link that loops is a
    # folder (or file) that even root cannot read, and MkDocs stopped at both.
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY})
    docs = tmp_path / "docs"
    os.symlink("..", docs / "j" / "up")  # a folder that holds itself
    os.symlink("self.png", docs / "self.png")  # a file that is a link to itself
    expected = [
        "j/up: " + folders.LOOP,
        "self.png: cannot be read: Too many levels of symbolic links; it is left out of the site",
    ]
    for strict in (False, True):
        built = build_site(config, strict=strict)
        assert built.ok is not strict and built.cjm_warnings == expected
        assert not (built.site / "j" / "up").exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == expected


def test_a_folder_that_cannot_be_opened_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' walk skips it without a word; root can open any folder, so the refusal
    is made by the operating system's call itself (and by chmod for other users)."""
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "closed/j.md": JOURNEY})
    closed = tmp_path / "docs" / "closed"
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if os.fspath(path) == os.fspath(closed):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    built = build_site(config, strict=True)
    assert not built.ok
    assert built.cjm_warnings == [
        "closed: cannot be read: Permission denied; nothing in this folder is in the site"
    ]


# -- 6. SOURCE_DATE_EPOCH that MkDocs cannot use ------------------------------------------


@pytest.mark.parametrize("epoch", ["-1", "", "253402300799", "99999999999999", "1e9"])
def test_a_source_date_epoch_mkdocs_cannot_use_is_a_clean_error(tmp_path: Path, epoch: str) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY})
    # Values no date can be made of keep the core's words (build_date); the others
    # say what MkDocs can use.
    expected = f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time"
    assert_config_error(tmp_path, config, expected, epoch=epoch)


def test_the_last_source_date_epoch_mkdocs_can_write_builds(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY})
    assert build_site(config, strict=True, epoch="4294967295").ok


# -- 13. Log lines that cannot be forged ----------------------------------------------------

FORGED = "x\n::error file=README.md,line=1::Forged\n.md"


def test_a_file_name_cannot_forge_a_line_of_the_build_log(tmp_path: Path) -> None:
    broken = JOURNEY.replace("emotion: 1", "emotion: 9")
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, FORGED: broken, "::bad.md": broken, "\u202e.md": broken},
    )
    built = run_mkdocs(config)
    assert built.returncode == 0 and "Traceback" not in built.stderr
    lines = built.stderr.splitlines()
    assert not [line for line in lines if line.lstrip().startswith(("::", "##["))]
    cjm = [line.split("cjm: ", 1)[1] for line in lines if "cjm: " in line]
    assert cjm == [
        "./::bad.md:7: stages[0].emotion: 9 is outside -2..2",
        "x\\n::error file=README.md,line=1::Forged\\n.md:7: stages[0].emotion: 9 is outside -2..2",
        # Issue 11 item 14: a bidi control in a file name is refused as well.
        "\\u202e.md: the file name holds U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional "
        "control that makes text read differently from what it is; rename the file",
        "\\u202e.md:7: stages[0].emotion: 9 is outside -2..2",
    ]


# -- 22. MkDocs' own themes ------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_mkdocs_own_themes_warn_until_acknowledged(tmp_path: Path, theme: str) -> None:
    pages = {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY}
    config = write_site(tmp_path / "warned", pages, extra={"theme": {"name": theme}})
    built = build_site(config, strict=True)
    assert not built.ok
    assert built.cjm_warnings == [
        f"the theme is {theme!r}; cjm-site is made for Material (theme: name: material); "
        "maps work here with a plainer look: set the plugin's theme_warning: false to keep "
        "this theme without this warning"
    ]
    config = write_site(
        tmp_path / "chosen",
        pages,
        plugin={"theme_warning": False},
        extra={"theme": {"name": theme}},
    )
    built = build_site(config, strict=True)
    assert built.ok and built.warnings == []
    # The blocks' styles hang off Material's content class: the page carries it.
    html = built.page("j/pizza/index.html")
    assert '<div class="md-typeset cjm-plain-theme">' in html and 'class="cjm-map' in html


# -- 1. Templates a page may name -------------------------------------------------------------


def test_a_page_template_of_custom_dir_is_fine_and_a_piece_of_one_is_not(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "bits").mkdir(parents=True)
    (overrides / "wide.html").write_text('{% extends "main.html" %}\n', encoding="utf-8")
    (overrides / "bits" / "note.html").write_text("<p>{{ lang.t('x') }}</p>\n", encoding="utf-8")
    pages = {
        "p/eva-molin.md": PERSONA,
        "j/wide.md": JOURNEY.replace("type: journey", "type: journey\ntemplate: wide.html"),
        "j/bit.md": JOURNEY.replace("type: journey", "type: journey\ntemplate: bits/note.html"),
    }
    theme = {"name": "material", "font": False, "custom_dir": "overrides"}
    config = write_site(tmp_path, pages, extra={"theme": theme})
    for strict in (False, True):
        built = build_site(config, strict=strict)
        assert built.ok is not strict
        assert built.cjm_warnings == [
            "j/bit.md: template: 'bits/note.html' is a part of a page, not a page template; "
            "name a page template such as 'main.html', or one of your custom_dir that extends "
            "it; the page is built with the theme's main template"
        ]
    assert "cjm-map" in built.page("j/wide/index.html")
