"""Packaging metadata, the pinned test tools, and the backlog CSV's byte-order mark."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from cjm_site.views.backlog import CSV_COLUMNS, backlog_csv

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]


def project() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(data["project"])


def pins(name: str) -> dict[str, str]:
    """The constraints file's exact versions, by normalised package name."""
    found: dict[str, str] = {}
    for line in (ROOT / "constraints" / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", line
        found[canonicalize_name(requirement.name)] = spec.version
    return found


def test_metadata_says_what_the_package_is() -> None:
    meta = project()
    classifiers = meta["classifiers"]
    assert isinstance(classifiers, list)
    assert "Framework :: MkDocs" in classifiers
    assert "Typing :: Typed" in classifiers
    assert meta["license"] == "MIT"
    assert meta["license-files"] == ["LICENSE"]
    # PEP 639: a licence expression and a licence classifier together are refused.
    assert not [c for c in classifiers if c.startswith("License ::")]
    keywords = meta["keywords"]
    assert isinstance(keywords, list) and "mkdocs-plugin" in keywords
    urls = meta["urls"]
    assert isinstance(urls, dict)
    assert {"Homepage", "Source", "Issues", "Documentation"} <= set(urls)


def test_runtime_dependencies_stop_before_the_next_major_release() -> None:
    deps = project()["dependencies"]
    assert isinstance(deps, list)
    for line in deps:
        requirement = Requirement(line)
        uppers = [s for s in requirement.specifier if s.operator == "<"]
        assert uppers, f"{line} has no upper bound"
    bounds = {Requirement(d).name: str(Requirement(d).specifier) for d in deps}
    assert "<2" in bounds["mkdocs"]


def test_every_test_tool_and_plugin_is_pinned_exactly() -> None:
    extras = project()["optional-dependencies"]
    assert isinstance(extras, dict)
    pinned = pins("test.txt")
    for line in extras["test"]:
        name = canonicalize_name(Requirement(line).name)
        assert name in pinned, f"{name} is not in constraints/test.txt"
        assert Requirement(line).specifier.contains(pinned[name]), line
    for tool in ("ruff", "mypy", "pytest", "playwright", "hypothesis"):
        assert re.fullmatch(r"[0-9][0-9a-z.]*", pinned[tool])
    techdocs = pins("techdocs.txt")
    (core,) = extras["techdocs"]
    assert Requirement(core).specifier.contains(techdocs["mkdocs-techdocs-core"])


def test_make_installs_with_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "CONSTRAINTS := constraints/test.txt" in makefile
    assert "pip install --quiet -c $(CONSTRAINTS) -e '.[test]'" in makefile
    assert "-c $(TECHDOCS_CONSTRAINTS) -e '.[techdocs]'" in makefile


def test_backlog_csv_starts_with_a_byte_order_mark() -> None:
    data = backlog_csv(()).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(CSV_COLUMNS).encode("ascii"))
    # As Excel reads it: the mark says UTF-8, and the header is the first row.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [list(CSV_COLUMNS)]
