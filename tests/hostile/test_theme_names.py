"""``template:`` and ``icon:`` name files of the theme: one that is missing must not stop the build.

MkDocs raises TemplateNotFound for the whole build when a page's template (or
Material the icon of a navigation item) is not in the theme. The checker
refuses names with ``..`` or other characters (``test_corpus.py``); files that
simply do not exist need the theme, so the plugin must check them
(``check_theme_files`` in cjm_site.linking).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import JOURNEY, PERSONA, build_site, write_site

MISSING = {
    "template": (
        "nothere.html",
        "notes.md: template: 'nothere.html' is not a template of the theme; "
        "the page is built with the theme's main template",
    ),
    "icon": (
        "material/nothere",
        "notes.md: icon: 'material/nothere' is not an icon of the theme; "
        "the page is shown without it",
    ),
}


@pytest.mark.parametrize("key", sorted(MISSING))
def test_a_missing_theme_file_is_an_error_not_a_crash(tmp_path: Path, key: str) -> None:
    name, message = MISSING[key]
    config = write_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "p/eva-molin.md": PERSONA,
            "j/pizza.md": JOURNEY,
            "notes.md": f"---\n{key}: {name}\n---\n# Notes\n",
        },
    )
    plain = build_site(config)
    assert plain.ok and plain.cjm_warnings == [message]
    assert "Notes" in plain.page("notes/index.html")
    strict = build_site(config, strict=True)
    assert not strict.ok and strict.cjm_warnings == [message]


@pytest.mark.parametrize(
    ("key", "name"), [("template", "main.html"), ("icon", "material/emoticon-happy")]
)
def test_a_theme_file_that_exists_is_used(tmp_path: Path, key: str, name: str) -> None:
    config = write_site(
        tmp_path, {"index.md": "# Home\n", "notes.md": f"---\n{key}: {name}\n---\n# Notes\n"}
    )
    built = build_site(config, strict=True)
    assert built.ok and built.warnings == []
