"""Benchmark of the handbook build at organisation scale (issue 6).

    .venv/bin/python -m tests.benchmarks.bench                       # N = 100, 1000, 3000; 3 runs
    .venv/bin/python -m tests.benchmarks.bench --quick               # N = 100, 300; 1 run (smoke)
    .venv/bin/python -m tests.benchmarks.bench --sizes 100,1000 --runs 1 --json out.json
    .venv/bin/python -m tests.benchmarks.bench --profile 1000        # cProfile of one build
    .venv/bin/python -m tests.benchmarks.bench --revision HEAD ...   # the committed code
    .venv/bin/python -m tests.benchmarks.bench --report out.json     # print a saved run again

For each N it generates a handbook (``generate.py``: N journeys of 8 to 12
stages with every lane filled, N/10 personas) twice: with the cjm plugin in
``mkdocs.yml`` and, same Markdown, without it. Then, per repetition, in
alternating order (forwards, then backwards, to cancel drift), one at a time:

* ``mkdocs build`` with the plugin and without it, each a fresh process; the
  whole-process wall time, CPU time and peak memory (max RSS) come from
  ``os.wait4`` on that very child (Linux reports ``ru_maxrss`` in KiB);
* ``cjm validate`` on the same pages (a fresh process too);
* the drawing, in a fresh interpreter (``inprocess.py draw``): the plugin's
  own ``on_files`` and map drawing with ``draw_journey`` wrapped in a timer (the "draw s"
  column: what a build spends drawing), and every checked map drawn once
  directly (the cost of one map).

Peak memory comes from wait4 rather than ``/usr/bin/time -v`` (Debian's
``time`` package), which reports the same ``ru_maxrss`` but needs installing
and adds a process; CPU time (user + system) is reported next to wall time
because a shared machine inflates wall time, not CPU time.

Then, once per N up to 1,000 (``--rebuild-sizes``), ``mkdocs serve``'s rebuild
after editing one map, in-process as serve does it (``inprocess.py serve``),
and once per run the weight of a journey page against a Mermaid page of the
same map. Progress goes to stderr, the table to stdout, everything to
``--json``. Files live under ``--workdir`` (default: cjm-bench in the system temp folder).

Nothing runs in parallel: the timings are only comparable one at a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.generate import generate

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
EPOCH = int(dt.datetime(2026, 10, 15, tzinfo=dt.timezone.utc).timestamp())
"""SOURCE_DATE_EPOCH of every build: the same "today" for review notices, every run."""
DEFAULT_SIZES = (100, 400, 1000)
QUICK_SIZES = (100, 300)
GZIP_LEVEL = 6
"""The usual web server setting (nginx's gzip_comp_level is 1, Apache's default 6)."""
MERMAID_RECORDED = {
    "version": "11.17.2",
    "min_js_bytes": 3_572_661,
    "min_js_gzip": 979_546,
    "source": "recorded from `npm pack mermaid@11` (dist/mermaid.min.js); npm was not available",
}
TARGETS = {
    "cold_over_plain": 1.4,
    "warm_over_plain": 1.10,
    "cold_over_fair": 1.8,
    "warm_over_fair": 1.25,
    "rebuild_over_cold_1000": 0.3,
    "peak_mem_ratio_1000": 1.5,
    "growth_3000_1000": 3.3,
    "peak_mem_ratio_3000": 1.5,
    "validate_over_build_1000": 0.15,
    "page_over_mermaid": 1.0,
}
_started = time.monotonic()
CODE_PATH: list[str] = []
"""Folders put before the repository on the children's PYTHONPATH (--revision)."""


def progress(message: str) -> None:
    elapsed = time.monotonic() - _started
    print(f"[{elapsed:7.1f}s] {message}", file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(EPOCH)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = os.pathsep.join([*CODE_PATH, str(REPO)])
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def snapshot(workdir: Path, revision: str) -> dict[str, str]:
    """``git archive`` a revision and put its packages first on the children's PYTHONPATH.

    The editable install finds cjm_site, cjm_mkdocs and cjm_theme after
    ``sys.path`` (its finder is appended to ``sys.meta_path``), so these win.
    Only the measured code comes from the revision; generate.py and this script
    are the working tree's.
    """
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    src = workdir / f"src-{sha[:12]}"
    if not (src / ".complete").is_file():
        shutil.rmtree(src, ignore_errors=True)
        src.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha], cwd=REPO, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        pkgs = src / ".pkgs"
        pkgs.mkdir()
        for name, folder in (
            ("cjm_site", "cjm_site"),
            ("cjm_mkdocs", "plugins/cjm_mkdocs"),
            ("cjm_theme", "theme"),
        ):
            (pkgs / name).symlink_to(src / folder, target_is_directory=True)
        (src / ".complete").touch()
    CODE_PATH[:] = [str(src / ".pkgs")]
    return {"revision": revision, "commit": sha, "source": str(src)}


# -- running one child --------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    """User + system time of the child."""
    peak_mb: float
    """Max RSS of the child, from wait4's rusage (KiB on Linux)."""
    returncode: int
    load: float
    """One-minute load average just before the run (other work on the machine)."""
    reported_s: float | None = None
    """MkDocs' own "Documentation built in" (without start-up and imports)."""


def run_child(cmd: list[str], cwd: Path, log: Path, *, ok: tuple[int, ...] = (0,)) -> Run:
    """Run ``cmd`` alone, wait for it with wait4 and keep its own resource usage."""
    log.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}; see {log}\n{tail}")
    reported = None
    match = re.search(r"Documentation built in ([\d.]+) seconds", log.read_text(errors="replace"))
    if match:
        reported = float(match.group(1))
    return Run(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
        returncode=proc.returncode,
        load=load,
        reported_s=reported,
    )


def run_json(cmd: list[str], cwd: Path, log: Path) -> dict[str, Any]:
    """Run an ``inprocess.py`` child and read the JSON it prints."""
    out_file = log.with_suffix(".json")
    with out_file.open("wb") as out, log.open("wb") as err:
        proc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=err, env=child_env(), check=False)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}; see {log}\n{tail}")
    result: dict[str, Any] = json.loads(out_file.read_text(encoding="utf-8"))
    return result


def mkdocs_build(root: Path, log: Path) -> Run:
    shutil.rmtree(root / "site", ignore_errors=True)  # the same starting point every time
    return run_child([PYTHON, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], root, log)


def cjm_command() -> list[str]:
    script = Path(PYTHON).parent / "cjm"
    return [str(script)] if script.is_file() else [PYTHON, "-m", "cjm_site.cli"]


def validate(root: Path, log: Path) -> Run:
    # Exit 1 means findings were reported: still a complete run.
    return run_child([*cjm_command(), "validate"], root, log, ok=(0, 1))


# -- handbooks ------------------------------------------------------------------


def handbooks(workdir: Path, count: int) -> dict[str, Path]:
    """The handbooks of ``count`` maps (same Markdown), written afresh.

    ``plugin`` has the cjm plugin; ``plain`` is the same Markdown without it,
    every page in Material's navigation (MkDocs' default); ``fair`` is the same
    without the plugin but with the plugin's bounded navigation, so the ratio
    against it is the plugin's own cost.
    """
    base = workdir / f"n{count}"
    roots = {"plugin": base / "plugin", "plain": base / "plain", "fair": base / "fair"}
    for variant, root in roots.items():
        shutil.rmtree(root, ignore_errors=True)
        generate(count, root, plugin=variant == "plugin", bounded_nav=variant == "fair")
    return roots


def clear_cache(root: Path) -> None:
    """A cold build: no drawing cache from an earlier build."""
    shutil.rmtree(root / ".cache", ignore_errors=True)


def page_bytes(html_file: Path) -> dict[str, int]:
    data = html_file.read_bytes()
    svg = re.search(rb"<svg\b[^>]*cjm-journey-map.*?</svg>", data, re.S)
    return {
        "html": len(data),
        "html_gzip": len(gzip.compress(data, GZIP_LEVEL)),
        "inline_svg": len(svg.group(0)) if svg else 0,
    }


# -- one size -------------------------------------------------------------------


def measure_size(
    workdir: Path, count: int, runs: int, rebuild: bool, rebuilds: int
) -> dict[str, Any]:
    progress(f"N={count}: generating the handbooks")
    roots = handbooks(workdir, count)
    logs = workdir / f"n{count}" / "logs"
    variants = ["cold", "warm", "plain", "fair", "validate", "draw"]
    results: dict[str, list[Any]] = {v: [] for v in variants}
    page: dict[str, int] | None = None
    for rep in range(runs):
        # "warm" stays right after "cold": it is the second build, with the cache it left.
        order = ["cold+warm", "plain", "fair", "validate", "draw"]
        if rep % 2:
            order.reverse()
        for step in order:
            for variant in step.split("+"):
                log = logs / f"{variant}-{rep + 1}.log"
                if variant in ("cold", "warm"):
                    if variant == "cold":
                        clear_cache(roots["plugin"])
                    run = mkdocs_build(roots["plugin"], log)
                    page_file = (
                        roots["plugin"] / "site" / "journeys" / "journey-00000" / "index.html"
                    )
                    if page_file.is_file():
                        page = page_bytes(page_file)
                elif variant in ("plain", "fair"):
                    run = mkdocs_build(roots[variant], log)
                elif variant == "validate":
                    run = validate(roots["plugin"], log)
                else:
                    cmd = [PYTHON, "-m", "tests.benchmarks.inprocess", "draw", str(roots["plugin"])]
                    draw = run_json(cmd, workdir, log)
                    results["draw"].append(draw)
                    progress(
                        f"N={count} run {rep + 1}/{runs}: drawing {draw['plugin_draw_s']:.2f} s "
                        f"({draw['plugin_draw_calls']} maps drawn in a cold build); one map "
                        f"{draw['direct_draw_ms_per_map_median']:.2f} ms (median)"
                    )
                    continue
                results[variant].append(asdict(run))
                progress(
                    f"N={count} run {rep + 1}/{runs}: {variant:8} {run.wall_s:8.2f} s wall, "
                    f"{run.cpu_s:8.2f} s CPU, {run.peak_mb:7.1f} MB peak (load {run.load:.2f})"
                )

    def med(variant: str, key: str) -> float:
        return float(statistics.median(r[key] for r in results[variant]))

    summary: dict[str, Any] = {"n": count, "runs": runs}
    for variant in ("cold", "warm", "plain", "fair", "validate"):
        for measure in ("wall_s", "cpu_s", "peak_mb"):
            summary[f"{variant}_{measure}"] = med(variant, measure)
    summary.update(
        {
            "draw_s": med("draw", "plugin_draw_s"),
            "draw_calls": results["draw"][0]["plugin_draw_calls"],
            "direct_draw_ms_per_map": med("draw", "direct_draw_ms_per_map_median"),
            "read_check_link_s": med("draw", "read_s")
            + med("draw", "check_s")
            + med("draw", "link_s"),
            "journey_page": page,
            "raw": results,
        }
    )
    for build in ("cold", "warm"):
        for base in ("plain", "fair"):
            summary[f"{build}_over_{base}"] = summary[f"{build}_wall_s"] / summary[f"{base}_wall_s"]
            summary[f"{build}_over_{base}_cpu"] = (
                summary[f"{build}_cpu_s"] / summary[f"{base}_cpu_s"]
            )
    summary["validate_over_build"] = summary["validate_wall_s"] / summary["plain_wall_s"]
    summary["peak_ratio"] = summary["cold_peak_mb"] / summary["plain_peak_mb"]
    if rebuild:
        edit = f"journeys/journey-{count // 2:05d}.md"
        progress(
            f"N={count}: mkdocs serve, cold build then {rebuilds} rebuilds after editing {edit}"
        )
        cmd = [
            PYTHON,
            "-m",
            "tests.benchmarks.inprocess",
            "serve",
            str(roots["plugin"]),
            "--edit",
            edit,
            "--rebuilds",
            str(rebuilds),
        ]
        clear_cache(roots["plugin"])  # the first build under serve is a cold one
        serve = run_json(cmd, workdir, logs / "serve.log")
        serve["rebuild_over_whole_process_build"] = serve["rebuild_s"] / summary["cold_wall_s"]
        summary["serve"] = serve
        progress(
            f"N={count}: serve cold {serve['cold_s']:.2f} s, rebuild {serve['rebuild_s']:.2f} s "
            f"({serve['rebuild_over_cold']:.2f}x); draw calls per rebuild "
            f"{[b['draw_calls'] for b in serve['builds'][1:]]}"
        )
    return summary


# -- Mermaid comparison -----------------------------------------------------------


def material_mermaid_major() -> str:
    """The Mermaid major version Material's bundle loads (from unpkg) for ```mermaid blocks."""
    import material

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    for bundle in sorted(scripts.glob("bundle.*.min.js")):
        match = re.search(r"unpkg\.com/mermaid@(\d+)", bundle.read_text(errors="replace"))
        if match:
            return match.group(1)
    return "11"


def mermaid_bundle(workdir: Path) -> dict[str, Any]:
    """Size of mermaid.min.js from the npm registry (npm pack, cached), else a recorded size."""
    major = material_mermaid_major()
    cache = workdir / "npm"
    found = sorted(cache.glob(f"mermaid-{major}.*.tgz"))
    if not found and shutil.which("npm"):
        cache.mkdir(parents=True, exist_ok=True)
        progress(f"npm pack mermaid@{major} (once; cached in {cache})")
        subprocess.run(
            ["npm", "pack", f"mermaid@{major}", "--pack-destination", str(cache)],
            check=False,
            capture_output=True,
            timeout=600,
        )
        found = sorted(cache.glob(f"mermaid-{major}.*.tgz"))
    if not found:
        return {**MERMAID_RECORDED, "material_loads": f"mermaid@{major}"}
    tgz = found[-1]
    with tarfile.open(tgz) as archive:
        member = archive.extractfile("package/dist/mermaid.min.js")
        assert member is not None
        data = member.read()
    return {
        "version": tgz.name.removeprefix("mermaid-").removesuffix(".tgz"),
        "min_js_bytes": len(data),
        "min_js_gzip": len(gzip.compress(data, GZIP_LEVEL)),
        "source": f"npm pack mermaid@{major} -> package/dist/mermaid.min.js",
        "material_loads": f"https://unpkg.com/mermaid@{major}/dist/mermaid.min.js",
    }


MERMAID_CONFIG = """\
site_name: Mermaid comparison
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def compare_mermaid(workdir: Path) -> dict[str, Any]:
    """One map's page with our plugin against the same Markdown with a Mermaid journey diagram.

    Both are one-journey Material sites (the journey, its persona, a home page),
    so the navigation is the same size; Material's own CSS and JavaScript are
    the same on both and left out. Our page also loads the plugin's CSS and
    catalogue.js on every page; the Mermaid page needs mermaid.min.js.
    """
    base = workdir / "mermaid"
    shutil.rmtree(base, ignore_errors=True)
    source = workdir / "mermaid-source"
    shutil.rmtree(source, ignore_errors=True)
    generate(10, source)
    journey_md = source / "docs" / "journeys" / "journey-00000.md"
    persona_md = source / "docs" / "personas" / "persona-0000.md"
    ours, theirs = base / "cjm", base / "mermaid"
    for root in (ours, theirs):
        for md in (journey_md, persona_md):
            target = root / "docs" / md.parent.name / md.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(md, target)
        (root / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    shutil.copy(source / "mkdocs.yml", ours / "mkdocs.yml")
    (theirs / "mkdocs.yml").write_text(MERMAID_CONFIG, encoding="utf-8")

    logs = base / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    cmd = [PYTHON, "-m", "tests.benchmarks.inprocess", "mermaid", str(source)]
    cmd += ["--edit", "journeys/journey-00000.md"]
    made = run_json(cmd, workdir, logs / "diagram.log")
    diagram = made["diagram"]
    page = (theirs / "docs" / "journeys" / "journey-00000.md").read_text(encoding="utf-8")
    heading_end = page.index("\n", page.index("\n# ") + 1)
    page = page[:heading_end] + f"\n\n```mermaid\n{diagram}```\n" + page[heading_end:]
    (theirs / "docs" / "journeys" / "journey-00000.md").write_text(page, encoding="utf-8")

    mkdocs_build(ours, logs / "cjm.log")
    mkdocs_build(theirs, logs / "mermaid.log")
    our_page = ours / "site" / "journeys" / "journey-00000" / "index.html"
    their_page = theirs / "site" / "journeys" / "journey-00000" / "index.html"
    our_html, their_html = our_page.read_bytes(), their_page.read_bytes()
    bundle = mermaid_bundle(workdir)

    assets: dict[str, dict[str, int]] = {}
    for link in re.findall(rb'(?:href|src)="([^"]*assets/cjm/[^"?]+)', our_html):
        path = (our_page.parent / link.decode()).resolve()
        if path.is_file():
            data = path.read_bytes()
            assets[path.name] = {
                "bytes": len(data),
                "gzip": len(gzip.compress(data, GZIP_LEVEL)),
            }
    ours_page = page_bytes(our_page)
    ours_total = ours_page["html"] + sum(a["bytes"] for a in assets.values())
    ours_total_gz = ours_page["html_gzip"] + sum(a["gzip"] for a in assets.values())
    their_gz = len(gzip.compress(their_html, GZIP_LEVEL))
    theirs_total = len(their_html) + bundle["min_js_bytes"]
    theirs_total_gz = their_gz + bundle["min_js_gzip"]
    return {
        "journey": made["title"],
        "stages": made["stages"],
        "mermaid_diagram_bytes": len(diagram.encode("utf-8")),
        "mermaid_tasks": sum(1 for line in diagram.splitlines() if line.startswith("      ")),
        "ours": {
            **ours_page,
            "plugin_assets": assets,
            "total": ours_total,
            "total_gzip": ours_total_gz,
            "svg_in_html": b"cjm-journey-map" in our_html and b"<svg" in our_html,
            "javascript_needed_to_show_map": 0,
        },
        "mermaid": {
            "html": len(their_html),
            "html_gzip": their_gz,
            "mermaid_block_in_html": b'class="mermaid"' in their_html,
            "mermaid_min_js": bundle,
            "total": theirs_total,
            "total_gzip": theirs_total_gz,
            "javascript_needed_to_show_map": bundle["min_js_bytes"],
        },
        "ours_over_mermaid": ours_total / theirs_total,
        "ours_over_mermaid_gzip": ours_total_gz / theirs_total_gz,
        "note": "Material's own CSS/JS are the same on both pages and left out. The Mermaid "
        "page shows the map only after its browser runs mermaid.min.js; ours is inline SVG, "
        "drawn with no JavaScript.",
    }


# -- profile ------------------------------------------------------------------------

OWNERS = (
    ("/cjm_site/", "ours"),
    ("/cjm_mkdocs/", "ours"),
    ("/plugins/cjm_mkdocs/", "ours"),
    ("/material/templates/", "Material templates (Jinja)"),
    ("/material/", "Material"),
    ("/mkdocs/", "MkDocs"),
    ("/jinja2/", "Jinja"),
    ("/markupsafe/", "Jinja"),
    ("/markdown/", "Python-Markdown"),
    ("/pymdownx/", "pymdown-extensions"),
    ("/svgwrite/", "svgwrite"),
    ("/yaml/", "PyYAML"),
    ("/babel/", "Babel"),
    ("/lxml/", "lxml"),
)


def owner_of(filename: str) -> str:
    for marker, owner in OWNERS:
        if marker in filename:
            return owner
    if filename.startswith("~") or filename.startswith("<"):
        return "builtin"
    if "/lib/python3" in filename:
        return "stdlib"
    return "other"


def _short(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    parts = Path(filename).parts
    for anchor in ("site-packages", "cjm_site", "cjm_mkdocs", "templates", "lib"):
        if anchor in parts:
            i = parts.index(anchor)
            tail = parts[i + 1 :] if anchor in ("site-packages", "lib") else parts[i:]
            return f"{'/'.join(tail)}:{line}({name})"
    return f"{Path(filename).name}:{line}({name})"


PHASES = (
    ("mkdocs/commands/build.py", "_populate_page", "MkDocs: Markdown to HTML, per page"),
    ("mkdocs/commands/build.py", "_build_page", "MkDocs: page templates (and page events)"),
    ("jinja2/environment.py", "render", "Jinja: template rendering (all)"),
    ("markdown/core.py", "convert", "Python-Markdown: convert"),
    ("cjm_site/drawing.py", "draw_journey", "ours: draw_journey"),
    ("cjm_site/layout.py", "place_journey", "ours: layout (text measuring, wrapping)"),
    ("svgwrite/base.py", "tostring", "svgwrite: SVG serialisation"),
    ("cjm_site/reading.py", "read_page", "ours: read_page (YAML)"),
    ("cjm_site/checking.py", "check_page", "ours: check_page"),
    ("html/parser.py", "goahead", "stdlib HTMLParser (Material's search reads each page)"),
)
"""Functions whose cumulative time tells where a build goes (matched by file and name)."""


def summarise_profile(prof: Path, top: int = 15) -> dict[str, Any]:
    """Top functions by cumulative and own time, own time by owner, and the build's phases.

    The cumulative list leaves out the start-up chain above ``build()`` (runpy,
    click, ``mkdocs.__main__``), which would otherwise fill it with 100% rows.
    """
    stats = pstats.Stats(str(prof))
    entries = stats.stats  # type: ignore[attr-defined]
    rows = []
    total = 0.0
    by_owner: dict[str, float] = {}
    events: list[dict[str, Any]] = []
    phases: dict[str, float] = {}
    build_cum = 0.0
    for func, (_cc, ncalls, tottime, cumtime, _callers) in entries.items():
        filename, _line, name = func
        owner = owner_of(filename)
        by_owner[owner] = by_owner.get(owner, 0.0) + tottime
        total += tottime
        row = {
            "function": _short(func),
            "owner": owner,
            "calls": ncalls,
            "tottime": tottime,
            "cumtime": cumtime,
        }
        rows.append(row)
        if filename.endswith("mkdocs/commands/build.py") and name == "build":
            build_cum = cumtime
        if name.startswith("on_") and not filename.endswith("mkdocs/plugins.py"):
            events.append(row)
        for suffix, phase_name, label in PHASES:
            if filename.endswith(suffix) and name == phase_name:
                phases[label] = phases.get(label, 0.0) + cumtime
    chain = {"builtin", "stdlib"}
    by_cum = [
        r
        for r in sorted(rows, key=lambda r: -r["cumtime"])
        if not (r["cumtime"] > build_cum and (r["owner"] in chain or "__main__" in r["function"]))
    ][:top]
    by_tot = sorted(rows, key=lambda r: -r["tottime"])[:top]
    return {
        "file": str(prof),
        "total_s": total,
        "build_s": build_cum,
        "by_cumulative": by_cum,
        "by_total": by_tot,
        "tottime_by_owner": dict(sorted(by_owner.items(), key=lambda kv: -kv[1])),
        "plugin_events": sorted(
            (e for e in events if e["cumtime"] >= 0.005 * build_cum), key=lambda e: -e["cumtime"]
        ),
        "phases": phases,
    }


def profile(workdir: Path, count: int) -> dict[str, Any]:
    """cProfile of a cold build (no drawing cache) and of the warm build after it."""
    progress(f"profile: generating N={count}")
    root = workdir / f"profile-n{count}"
    shutil.rmtree(root, ignore_errors=True)
    generate(count, root)
    code = CODE_PATH[0].split("src-")[-1].split("/")[0] if CODE_PATH else "worktree"
    results: dict[str, Any] = {"n": count}
    for build in ("cold", "warm"):
        if build == "cold":
            clear_cache(root)
        prof = workdir / f"prof-n{count}-{code}-{build}.out"
        progress(f"profile: python -m cProfile -o {prof} -m mkdocs build ({build})")
        run = run_child(
            [
                PYTHON,
                "-m",
                "cProfile",
                "-o",
                str(prof),
                "-m",
                "mkdocs",
                "build",
                "-f",
                "mkdocs.yml",
            ],
            root,
            root / f"profile-{build}.log",
        )
        result = summarise_profile(prof)
        result["n"] = count
        result["build"] = build
        result["wall_s_under_cprofile"] = run.wall_s
        results[build] = result
    return results


def print_profiles(results: dict[str, Any]) -> None:
    for build in ("cold", "warm"):
        if build in results:
            print_profile(results[build])


def print_profile(result: dict[str, Any]) -> None:
    print(
        f"\nProfile of the N={result['n']} {result.get('build', '')} plugin build "
        f"({result['wall_s_under_cprofile']:.1f} s "
        f"under cProfile; {result['file']})"
    )
    for title, key in (("cumulative", "by_cumulative"), ("total (own) time", "by_total")):
        print(f"\nTop {len(result[key])} by {title}:")
        print(f"  {'cum s':>8} {'own s':>8} {'calls':>10}  {'owner':<28} function")
        for r in result[key]:
            print(
                f"  {r['cumtime']:8.2f} {r['tottime']:8.2f} {r['calls']:10d}  "
                f"{r['owner']:<28} {r['function']}"
            )
    print("\nOwn time by owner (builtin = C functions and methods, called from any of them):")
    for owner, seconds in result["tottime_by_owner"].items():
        share = seconds / result["total_s"] if result["total_s"] else 0
        if share >= 0.001:
            print(f"  {owner:<28} {seconds:8.2f} s  {share:6.1%}")
    build = result["build_s"] or 1.0
    print(f"\nPlugin events (cumulative; build() = {result['build_s']:.1f} s):")
    for e in result["plugin_events"]:
        print(f"  {e['cumtime']:8.2f} s {e['cumtime'] / build:6.1%}  {e['function']}")
    print("\nPhases (cumulative, they overlap):")
    for label, seconds in sorted(result["phases"].items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:8.2f} s {seconds / build:6.1%}  {label}")


# -- report -------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        mem_kb = 0
    import markdown
    import material
    import mkdocs

    revision = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "material": getattr(material, "__version__", "?"),
        "markdown": getattr(markdown, "__version__", "?"),
        "revision": revision,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def print_table(sizes: list[dict[str, Any]]) -> None:
    header = (
        f"{'N':>6} {'cold s':>8} {'warm s':>8} {'plain s':>8} {'fair s':>8} "
        f"{'cold/plain':>10} {'warm/plain':>10} {'cold/fair':>9} {'warm/fair':>9} "
        f"{'validate s':>10} {'val/plain':>9} {'peak MB cold/plain':>19} {'growth':>7}"
    )
    print(header)
    print("-" * len(header))
    previous: dict[str, Any] | None = None
    for s in sizes:
        growth = ""
        if previous is not None:
            growth = f"{s['cold_wall_s'] / previous['cold_wall_s']:.2f}"
        peak = f"{s['cold_peak_mb']:.0f} / {s['plain_peak_mb']:.0f}"
        print(
            f"{s['n']:>6} {s['cold_wall_s']:>8.2f} {s['warm_wall_s']:>8.2f} "
            f"{s['plain_wall_s']:>8.2f} {s['fair_wall_s']:>8.2f} {s['cold_over_plain']:>10.2f} "
            f"{s['warm_over_plain']:>10.2f} {s['cold_over_fair']:>9.2f} "
            f"{s['warm_over_fair']:>9.2f} {s['validate_wall_s']:>10.2f} "
            f"{s['validate_over_build']:>9.3f} {peak:>19} {growth:>7}"
        )
        previous = s
    print(
        "\nWall time of whole processes, medians. cold = with the plugin, no drawing cache;"
        " warm = with the plugin,\nthe cache of the build before; plain = the same Markdown"
        " without the plugin, every page in the navigation;\nfair = without the plugin, with the"
        " plugin's bounded navigation; val/plain = cjm validate / plain build;\ngrowth ="
        " t(N)/t(previous N), cold."
    )
    print("CPU time (user+sys), less sensitive to other work on the machine:")
    for s in sizes:
        print(
            f"  N={s['n']}: cold {s['cold_cpu_s']:.2f} s, warm {s['warm_cpu_s']:.2f} s, plain "
            f"{s['plain_cpu_s']:.2f} s, fair {s['fair_cpu_s']:.2f} s; cold/plain "
            f"{s['cold_over_plain_cpu']:.2f}, warm/plain {s['warm_over_plain_cpu']:.2f}, "
            f"cold/fair {s['cold_over_fair_cpu']:.2f}, warm/fair {s['warm_over_fair_cpu']:.2f}; "
            f"{s['draw_calls']} maps drawn, {s['direct_draw_ms_per_map']:.2f} ms a map; "
            f"read+check+link {s['read_check_link_s']:.2f} s"
        )


def print_serve(sizes: list[dict[str, Any]]) -> None:
    served = [s for s in sizes if "serve" in s]
    if not served:
        return
    print("\nmkdocs serve: rebuild after editing one map (in-process, as serve.py does it)")
    print(
        f"{'N':>6} {'cold s':>8} {'rebuild s':>10} {'rebuild/cold':>13} {'CPU ratio':>10} "
        f"{'draw calls':>16}"
    )
    for s in served:
        v = s["serve"]
        calls = "/".join(str(b["draw_calls"]) for b in v["builds"])
        print(
            f"{s['n']:>6} {v['cold_s']:>8.2f} {v['rebuild_s']:>10.2f} "
            f"{v['rebuild_over_cold']:>13.2f} {v['rebuild_over_cold_cpu']:>10.2f} {calls:>16}"
        )
        last = v["builds"][-1]
        print(
            f"       edit shown after the rebuild: page {last.get('edit_on_page')}, catalogue "
            f"{last.get('edit_in_catalogue')}, catalogue.json {last.get('edit_in_catalogue_json')};"
            f" same plugin instances across rebuilds: {v['same_plugin_instances']}"
        )


def print_mermaid(m: dict[str, Any]) -> None:
    ours, theirs = m["ours"], m["mermaid"]
    js = theirs["mermaid_min_js"]
    print(f"\nJourney page vs a Mermaid page of the same map ({m['stages']} stages)")
    print(
        f"  ours:    HTML with inline SVG {ours['html']:,} B ({ours['html_gzip']:,} gzip), "
        f"of which SVG {ours['inline_svg']:,} B; plugin CSS/JS "
        + ", ".join(f"{k} {v['bytes']:,} B" for k, v in ours["plugin_assets"].items())
        + f"\n           total {ours['total']:,} B ({ours['total_gzip']:,} gzip)."
        " The map shows with no JavaScript."
    )
    print(
        f"  Mermaid: HTML with a ```mermaid block {theirs['html']:,} B ({theirs['html_gzip']:,} "
        f"gzip) + mermaid.min.js {js['version']} {js['min_js_bytes']:,} B "
        f"({js['min_js_gzip']:,} gzip)\n           total {theirs['total']:,} B "
        f"({theirs['total_gzip']:,} gzip). The map shows only once the browser has run "
        "mermaid.min.js."
    )
    print(
        f"  ours / Mermaid: {m['ours_over_mermaid']:.2f} ({m['ours_over_mermaid_gzip']:.2f} gzip);"
        f" the Mermaid diagram: {m['mermaid_tasks']} tasks, {m['mermaid_diagram_bytes']:,} B"
        " of text. Material's own CSS/JS are the same on both and left out."
    )


def targets(sizes: list[dict[str, Any]], mermaid: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The issue's targets, measured on wall time; ``cpu`` is the same ratio on CPU time."""
    by_n = {s["n"]: s for s in sizes}
    checks: list[dict[str, Any]] = []

    def add(key: str, name: str, value: float, cpu: float | None = None) -> None:
        limit = TARGETS[key]
        checks.append(
            {"target": name, "value": value, "cpu": cpu, "limit": limit, "ok": value <= limit}
        )

    for s in sizes:
        n = s["n"]
        for build in ("cold", "warm"):
            for base in ("plain", "fair"):
                add(
                    f"{build}_over_{base}",
                    f"{build} build / {base} build, N={n}",
                    s[f"{build}_over_{base}"],
                    s[f"{build}_over_{base}_cpu"],
                )
    one, three = by_n.get(1000), by_n.get(3000)
    if one:
        add(
            "validate_over_build_1000",
            "cjm validate / plain build, N=1000",
            one["validate_over_build"],
            one["validate_cpu_s"] / one["plain_cpu_s"],
        )
        add("peak_mem_ratio_1000", "peak memory cold / plain, N=1000", one["peak_ratio"])
        if "serve" in one:
            serve = one["serve"]
            add(
                "rebuild_over_cold_1000",
                "serve rebuild after 1 edit / cold, N=1000",
                serve["rebuild_over_cold"],
                serve.get("rebuild_over_cold_cpu"),
            )
    if one and three:
        add(
            "growth_3000_1000",
            "growth t(3000)/t(1000), cold",
            three["cold_wall_s"] / one["cold_wall_s"],
            three["cold_cpu_s"] / one["cold_cpu_s"],
        )
    if three:
        add("peak_mem_ratio_3000", "peak memory cold / plain, N=3000", three["peak_ratio"])
    if mermaid is not None:
        add(
            "page_over_mermaid", "journey page / Mermaid page (bytes)", mermaid["ours_over_mermaid"]
        )
    return checks


def print_targets(checks: list[dict[str, Any]]) -> None:
    if not checks:
        return
    print("\nTargets (issue 12), on wall time; the same ratio on CPU time in brackets")
    for c in checks:
        verdict = "ok  " if c["ok"] else "MISS"
        cpu = f"  (CPU {c['cpu']:.3f})" if c.get("cpu") is not None else ""
        print(f"  {verdict} {c['target']:<40} {c['value']:8.3f} <= {c['limit']:<4}{cpu}")


# -- main -------------------------------------------------------------------------


def print_report(report: dict[str, Any]) -> None:
    results = report.get("sizes", [])
    runs = report.get("settings", {}).get("runs", "?")
    mermaid = report.get("mermaid")
    print(
        f"\ncjm-site benchmark, {report['machine']['cores']} cores "
        f"({report['machine']['cpu']}), {report['machine']['memory_gb']} GB; "
        f"Python {report['machine']['python']}, MkDocs {report['machine']['mkdocs']}, "
        f"Material {report['machine']['material']}; code: {report['code']['revision']} "
        f"({report['code']['commit'][:12]}); "
        f"{runs} run(s), medians\n"
    )
    print_table(results)
    print_serve(results)
    if mermaid is not None:
        print_mermaid(mermaid)
    print_targets(targets(results, mermaid))


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes are numbers separated by commas: {text!r}"
        ) from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be positive: {text!r}")
    return sorted(set(sizes))


def parse_rebuild_sizes(text: str) -> list[int]:
    return [] if text.strip().lower() in ("", "none") else parse_sizes(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench",
        description="Benchmark the handbook build with and without the cjm plugin.",
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, help="N values (default 100,400,1000; add 3000 for growth)"
    )
    parser.add_argument("--runs", type=int, help="repetitions per N; medians (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke test: N=100,300, one run")
    parser.add_argument("--json", type=Path, help="also write everything to this JSON file")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cjm-bench")
    parser.add_argument(
        "--rebuild-sizes",
        type=parse_rebuild_sizes,
        help="N values for the mkdocs serve rebuild, or none (default: the sizes up to 1000)",
    )
    parser.add_argument("--rebuilds", type=int, default=2, help="edits and rebuilds (default 2)")
    parser.add_argument("--no-mermaid", action="store_true", help="skip the page-weight part")
    parser.add_argument(
        "--revision",
        help="measure the plugin as of this git revision (git archive into the workdir) "
        "instead of the working tree",
    )
    parser.add_argument(
        "--report", type=Path, metavar="JSON", help="print the tables of a saved --json file"
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="only profile one plugin build of N maps with cProfile and summarise it",
    )
    args = parser.parse_args(argv)
    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        if "profile" in saved:
            print_profiles(saved["profile"])
        if "sizes" in saved:
            print_report(saved)
        return 0
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "source_date_epoch": EPOCH}
    if args.revision:
        report["code"] = snapshot(workdir, args.revision)
        progress(f"measuring {args.revision} ({report['code']['commit'][:12]})")
    else:
        report["code"] = {"revision": "working tree", "commit": report["machine"]["revision"]}

    if args.profile:
        result = profile(workdir, args.profile)
        report["profile"] = result
        print_profiles(result)
        if args.json:
            args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return 0

    sizes = args.sizes or (list(QUICK_SIZES) if args.quick else list(DEFAULT_SIZES))
    runs = args.runs or (1 if args.quick else 3)
    if args.rebuild_sizes is not None:
        rebuild_sizes = set(args.rebuild_sizes)
    else:
        rebuild_sizes = {n for n in sizes if n <= 1000}
    rebuilds = 1 if args.quick and args.rebuilds == 2 else args.rebuilds
    report["settings"] = {
        "sizes": sizes,
        "runs": runs,
        "rebuild_sizes": sorted(rebuild_sizes),
        "rebuilds": rebuilds,
        "workdir": str(workdir),
        "command": "python -m tests.benchmarks.bench " + " ".join(sys.argv[1:] or []),
    }
    progress(f"sizes {sizes}, {runs} run(s) each, rebuilds at {sorted(rebuild_sizes)}")
    results = []
    for count in sizes:
        results.append(measure_size(workdir, count, runs, count in rebuild_sizes, rebuilds))
        report["sizes"] = results
        if args.json:  # keep what is done so far, in case a long run is stopped
            args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    by_n = {s["n"]: s for s in results}
    growth = {}
    for a, b in itertools.pairwise(sizes):
        growth[f"{b}/{a}"] = by_n[b]["cold_wall_s"] / by_n[a]["cold_wall_s"]
    report["growth"] = growth
    mermaid = None
    if not args.no_mermaid:
        progress("page weight: a one-map site with the plugin and with Mermaid")
        mermaid = compare_mermaid(workdir)
        report["mermaid"] = mermaid
    report["targets"] = targets(results, mermaid)

    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        progress(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
