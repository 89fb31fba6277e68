"""In-process measurements for ``bench.py``, each run in a fresh interpreter.

    python -m tests.benchmarks.inprocess draw  HANDBOOK
    python -m tests.benchmarks.inprocess serve HANDBOOK --edit journeys/journey-00500.md
    python -m tests.benchmarks.inprocess mermaid HANDBOOK --edit journeys/journey-00000.md

``draw``: first runs the plugin's own ``on_config`` and ``on_files`` events
(no page rendering) and then the plugin's ``map_svg`` for each map, as each
journey page's ``on_post_page`` does, with ``draw_journey`` and
``draw_sparkline`` wrapped in a timer, so the drawing the plugin really does per build is counted, whatever it
caches or skips; then times reading, checking and linking every page (what
``cjm validate`` does, without the process start) and drawing every checked
map once, inline as on its page, directly through
:func:`cjm_site.drawing.draw_journey` (the cost of one drawing).

``serve``: what ``mkdocs serve`` does to build and rebuild, minus the HTTP
server and the file watcher (mirrors ``mkdocs/commands/serve.py`` of MkDocs
1.6): the config is loaded once, ``on_startup(command="serve")`` runs, the first
build gets that config; every rebuild loads the config again (``get_config()``,
so plugins that define ``on_startup``/``on_shutdown`` are the same instances,
MkDocs keeps them in its plugin cache, and the others are new) and calls
``build(config, serve_url=..., dirty=False)``. Between builds one line of one
map is edited. ``on_serve`` gets a stand-in server that records ``watch`` calls.

``mermaid``: the Mermaid ``journey`` diagram of one map, for the page-weight
comparison.

All print one JSON object on stdout; MkDocs' log goes to stderr.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import logging
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

EDIT_MARK = "(edited {n})"


class Meter:
    """Counts calls to, and seconds spent in, the functions it wraps."""

    def __init__(self) -> None:
        self.calls = 0
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def reset(self) -> tuple[int, float, float]:
        seen = (self.calls, self.seconds, self.cpu_seconds)
        self.calls, self.seconds, self.cpu_seconds = 0, 0.0, 0.0
        return seen

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.cpu_seconds += time.process_time() - cpu
                self.calls += 1

        return timed


def instrument() -> dict[str, Meter]:
    """Wrap draw_journey and draw_sparkline wherever our modules imported them by name."""
    import cjm_mkdocs.plugin  # noqa: F401 - loads every module the plugin uses

    from cjm_site import drawing, sparkline

    meters = {"draw_journey": Meter(), "draw_sparkline": Meter()}
    originals = {
        "draw_journey": drawing.draw_journey,
        "draw_sparkline": sparkline.draw_sparkline,
    }
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if not name.startswith(("cjm_site", "cjm_mkdocs")):
            continue
        for attr, original in originals.items():
            if getattr(module, attr, None) is original:
                setattr(module, attr, meters[attr].wrap(original))
    return meters


def _log_to_stderr() -> None:
    """Like the mkdocs command: the mkdocs loggers at INFO, to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- draw ---------------------------------------------------------------------


def measure_draw(root: Path) -> dict[str, Any]:
    from cjm_site.checking import check_page
    from cjm_site.cli import docs_dir_of, settings_of
    from cjm_site.drawing import MapStyle, draw_journey
    from cjm_site.linking import link
    from cjm_site.reading import read_page
    from cjm_site.sparkline import draw_sparkline

    INLINE = MapStyle(show_title=False)  # what the plugin passes
    try:  # fall back to an equivalent if it moved
        from cjm_site.pipeline import map_id_prefix
    except ImportError:  # pragma: no cover

        def map_id_prefix(journey_id: str) -> str:
            return "cjm-" + "".join(c if c.isalnum() else "-" for c in journey_id.lower())

    plugin = measure_plugin_files(root)  # first, as in a fresh build process
    gc.collect()
    config_file = root / "mkdocs.yml"
    settings = settings_of(config_file)
    docs = docs_dir_of(config_file)
    paths = sorted(p for p in docs.rglob("*.md") if p.is_file())
    start = time.perf_counter()
    raws = [read_page(p.relative_to(docs).as_posix(), p.read_bytes()) for p in paths]
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    checked = [check_page(raw, settings) for raw in raws]
    check_s = time.perf_counter() - start
    start = time.perf_counter()
    site = link(checked)
    link_s = time.perf_counter() - start

    broken = {f.path for page in checked for f in page.findings if f.level == "error"}
    broken |= {f.path for f in site.findings if f.level == "error"}
    inline_s = spark_s = 0.0
    inline_times: list[float] = []
    svg_bytes: list[int] = []
    drawn = 0
    for journey in site.journeys:
        start = time.perf_counter()
        draw_sparkline([s.emotion for s in journey.stages], label=journey.title)
        spark_s += time.perf_counter() - start
        if journey.path in broken:
            continue
        names = [p.name for p in site.personas_of(journey)]
        prefix = map_id_prefix(journey.id)
        start = time.perf_counter()
        svg = draw_journey(journey, settings, id_prefix=prefix, style=INLINE, persona_names=names)
        took = time.perf_counter() - start
        inline_s += took
        inline_times.append(took)
        svg_bytes.append(len(svg.encode("utf-8")))
        drawn += 1

    return {
        "pages": len(paths),
        "journeys": len(site.journeys),
        "maps_drawn": drawn,
        "read_s": read_s,
        "check_s": check_s,
        "link_s": link_s,
        "direct_draw_inline_s": inline_s,
        "direct_sparkline_s": spark_s,
        "direct_draw_ms_per_map_median": 1000 * statistics.median(inline_times)
        if inline_times
        else None,
        "inline_svg_bytes_median": statistics.median(svg_bytes) if svg_bytes else None,
        **plugin,
    }


def measure_plugin_files(root: Path) -> dict[str, Any]:
    """The plugin's config and files events alone, as a build runs them, with timers."""
    meters = instrument()
    _log_to_stderr()
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    start = time.perf_counter()
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=tempfile.mkdtemp())
    # What a cold build draws: no drawing cache (the benchmark's builds leave one).
    config.plugins["cjm"].config["cache"] = False
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    setup_s = time.perf_counter() - start
    start = time.perf_counter()
    files = config.plugins.on_files(files, config=config)
    # The maps themselves are drawn as their pages are written (and their .svg
    # files with them): draw each one as the plugin does for its page.
    handbook = config.plugins["cjm"].handbook
    for journey_id in list(handbook.maps):
        handbook.map_svg(journey_id)
    files_s = time.perf_counter() - start
    config.plugins.on_shutdown()
    shutil.rmtree(config.site_dir, ignore_errors=True)
    return {
        "plugin_setup_s": setup_s,
        "plugin_on_files_s": files_s,
        "plugin_draw_calls": meters["draw_journey"].calls,
        "plugin_draw_s": meters["draw_journey"].seconds,
        "plugin_draw_cpu_s": meters["draw_journey"].cpu_seconds,
        "plugin_sparkline_calls": meters["draw_sparkline"].calls,
        "plugin_sparkline_s": meters["draw_sparkline"].seconds,
        "files_after_on_files": len(files),
    }


# -- serve ----------------------------------------------------------------------


class _StandInServer:
    """What plugins' on_serve may use of the LiveReloadServer: watch()."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.watched.append(str(path))


def edit_title(path: Path, n: int) -> str:
    """Change the map's title (shown in the map, the page and the catalogue)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    mark = EDIT_MARK.format(n=n)
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            title = str(yaml.safe_load(line[len("title:") :]))
            title = re.sub(r" \(edited \d+\)$", "", title)
            lines[i] = f"title: {json.dumps(f'{title} {mark}')}"  # JSON strings are YAML
            break
    else:
        raise SystemExit(f"{path}: no title: line to edit")
    path.write_text("\n".join(lines), encoding="utf-8")
    return mark


def _contains(site_dir: Path, relative: str, needle: str) -> bool | None:
    page = site_dir / relative
    if not page.is_file():
        return None
    return needle in page.read_text(encoding="utf-8", errors="replace")


def measure_serve(root: Path, edit: str, rebuilds: int) -> dict[str, Any]:
    meters = instrument()
    _log_to_stderr()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import _serve_url

    config_file = str(root / "mkdocs.yml")
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    edited = root / "docs" / edit
    original = edited.read_text(encoding="utf-8")

    # -- as mkdocs/commands/serve.py (build_type None: neither clean nor dirty) --
    def get_config() -> MkDocsConfig:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.watch.extend([])
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    plugin_ids: list[list[int]] = []

    def builder(config: MkDocsConfig | None = None) -> None:
        if config is None:
            config = get_config()
            config.site_url = serve_url
        plugin_ids.append([id(p) for p in config.plugins.values()])
        build(config, serve_url=serve_url, dirty=False)

    # -----------------------------------------------------------------------------
    builds: list[dict[str, Any]] = []
    try:
        start, cpu = time.perf_counter(), time.process_time()
        builder(config)
        calls, seconds, _ = meters["draw_journey"].reset()
        builds.append(
            {
                "kind": "cold",
                "s": time.perf_counter() - start,
                "cpu_s": time.process_time() - cpu,
                "draw_calls": calls,
                "draw_s": seconds,
            }
        )
        server = _StandInServer()
        config.plugins.on_serve(server, config=config, builder=builder)  # type: ignore[arg-type]
        page = "journeys/" + Path(edit).stem + "/index.html"
        for n in range(1, rebuilds + 1):
            mark = edit_title(edited, n)
            start, cpu = time.perf_counter(), time.process_time()
            builder()
            took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
            calls, seconds, _ = meters["draw_journey"].reset()
            builds.append(
                {
                    "kind": "rebuild",
                    "s": took,
                    "cpu_s": took_cpu,
                    "draw_calls": calls,
                    "draw_s": seconds,
                    "edit_on_page": _contains(Path(site_dir), page, mark),
                    "edit_in_catalogue": _contains(Path(site_dir), "catalogue/index.html", mark),
                    "edit_in_catalogue_json": _contains(Path(site_dir), "catalogue.json", mark),
                }
            )
    finally:
        config.plugins.on_shutdown()
        edited.write_text(original, encoding="utf-8")
        shutil.rmtree(site_dir, ignore_errors=True)
    rebuild_times = [b["s"] for b in builds if b["kind"] == "rebuild"]
    cold = builds[0]["s"]
    return {
        "edited": edit,
        "cold_s": cold,
        "rebuild_s": statistics.median(rebuild_times) if rebuild_times else None,
        "rebuild_over_cold": statistics.median(rebuild_times) / cold if rebuild_times else None,
        "rebuild_over_cold_cpu": statistics.median(b["cpu_s"] for b in builds[1:])
        / builds[0]["cpu_s"]
        if rebuild_times
        else None,
        "builds": builds,
        "same_plugin_instances": all(ids == plugin_ids[0] for ids in plugin_ids),
        "watched": len(server.watched),
        "peak_mb": _peak_mb(),
    }


# -- mermaid ----------------------------------------------------------------------


def _mermaid_text(value: str) -> str:
    """Text Mermaid's journey grammar accepts in a title, section or task."""
    return re.sub(r"\s+", " ", re.sub(r"[:;#\n\r]", " -", value)).strip()


def mermaid_journey(journey: Any, actors: list[str]) -> str:
    """A Mermaid ``journey`` diagram with the map's content.

    One section per stage; every text of every lane is a task, scored from
    the stage's emotion (-2..2 -> 1..5), done by the map's personas. Mermaid
    has no lanes, so the lane is the task's prefix.
    """
    who = ", ".join(_mermaid_text(a) for a in actors) or "Customer"
    lines = ["journey", f"    title {_mermaid_text(journey.title)}"]
    for stage in journey.stages:
        score = 3 if stage.emotion is None else max(1, min(5, round(stage.emotion + 3)))
        lines.append(f"    section {_mermaid_text(stage.name)}")
        texts = [f"Goal {stage.goal}"] if stage.goal else []
        texts += [f"Do {a}" for a in stage.actions]
        texts += [f"At {t.name}" for t in stage.touchpoints]
        texts += [f"Think {t}" for t in stage.thoughts]
        texts += [f"Pain {p}" for p in stage.pains]
        texts += [f"Idea {o.text}" for o in stage.opportunities]
        texts += [f"Backstage {b}" for b in stage.backstage]
        for text in texts:
            lines.append(f"      {_mermaid_text(text)}: {score}: {who}")
    return "\n".join(lines) + "\n"


def mermaid_of(root: Path, page: str) -> dict[str, Any]:
    """The Mermaid journey diagram of one generated map, with its personas as actors."""
    from cjm_site.checking import check_page
    from cjm_site.linking import link
    from cjm_site.reading import read_page

    docs = root / "docs"
    paths = sorted(p for p in docs.rglob("*.md") if p.is_file())
    checked = [check_page(read_page(p.relative_to(docs).as_posix(), p.read_bytes())) for p in paths]
    site = link(checked)
    journey = next(j for j in site.journeys if j.path == page)
    actors = [p.name for p in site.personas_of(journey)]
    return {
        "title": journey.title,
        "stages": len(journey.stages),
        "diagram": mermaid_journey(journey, actors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("mode", choices=("draw", "serve", "mermaid"))
    parser.add_argument("root", type=Path, help="a handbook written by generate.py")
    parser.add_argument("--edit", default="journeys/journey-00000.md")
    parser.add_argument("--rebuilds", type=int, default=2)
    args = parser.parse_args(argv)
    if args.mode == "draw":
        result = measure_draw(args.root)
    elif args.mode == "mermaid":
        result = mermaid_of(args.root, args.edit)
    else:
        result = measure_serve(args.root, args.edit, args.rebuilds)
    result["peak_mb"] = _peak_mb()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
