"""What rendering the plugin's templates costs, per template (issue 12, item 3).

    .venv/bin/python -m tests.benchmarks.templates                  # example handbook + N = 100
    .venv/bin/python -m tests.benchmarks.templates --sizes 100,400  # example, N = 100 and 400
    .venv/bin/python -m tests.benchmarks.templates --example-only --repeat 9

For each handbook it runs the plugin's own ``on_config`` and ``on_files`` in this
process (no drawing cache, no build cache), then asks the plugin's ``Blocks`` for
every page's block as a build does (journey pages, persona pages, the views, the
catalogue), ``--repeat`` times over, each time with contexts made afresh by the
plugin's context builders, and times each ``Blocks._render`` (the Jinja render
alone). The table shows, per template (journey.html per part), how many blocks
it renders, the median over those of each block's best time in ms, and their
total for one build, and ("block ms") the median time of making the page's block
whole: the context builder's work and the render (for views and the catalogue,
the part of the context made per page). Times are the CPU time of the thread
(a shared machine inflates wall time far more). Also printed: the time of
making every block and what each view's ``build`` costs (its contexts, made once
a build, whether or not the blocks come from the build cache).

Compile time: each template's source compiled by Jinja (``env.compile``) with the
plugin's environment, the median of ``--repeat`` compiles, in ms.

Nothing is asserted: the figures are for a person to compare.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.generate import generate

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "mkdocs.yml"
MARKERS = "<!-- journey-map --><!-- cjm:catalogue --><!-- cjm:view -->"
"""Where a page's block goes (see ``cjm_mkdocs.pages``): any page may be any kind."""


def _label(template: str, context: dict[str, Any]) -> str:
    name = template.removeprefix("cjm/")
    if name == "journey.html":
        return f"{name} ({context.get('part', 'all')})"
    return name


def load_site(config_file: Path) -> tuple[Any, Any, Any]:
    """The MkDocs config, files and the plugin after ``on_files``, cache off."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    site_dir = tempfile.mkdtemp(prefix="cjm-templates-")
    config = load_config(config_file=str(config_file), site_dir=site_dir)
    plugin = config.plugins["cjm"]
    plugin.config["cache"] = False
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(get_files(config), config=config)
    return config, files, plugin


class Pass:
    """One pass over every page, as a build makes their blocks: each render's time."""

    def __init__(self) -> None:
        self.renders: dict[tuple[str, str], float] = {}
        """Seconds by (page, template label)."""
        self.templates: set[str] = set()
        self.blocks: dict[tuple[str, str], float] = {}
        """Seconds by (page, template label) of making the block: its context and render."""
        self.blocks_s = 0.0
        """Making every block: the contexts and the renders."""


def one_pass(config: Any, files: Any, plugin: Any) -> Pass:
    """Every block of the site made once, with fresh contexts (what the plugin's
    ``Blocks`` makes for each page), each ``Blocks._render`` timed."""
    from cjm_mkdocs import pages as pages_module
    from mkdocs.structure.pages import Page

    done = Pass()
    original = pages_module.Blocks._render
    page_url = [""]

    def timed(blocks: Any, template: str, context: dict[str, Any]) -> str:
        start = time.thread_time()
        try:
            return original(blocks, template, context)
        finally:
            took = time.thread_time() - start
            key = (page_url[0], _label(template, context))
            done.renders[key] = done.renders.get(key, 0.0) + took
            done.templates.add(template)

    pages_module.Blocks._render = timed
    try:
        for file in files.documentation_pages():
            page = Page(None, file, config)
            page_url[0] = page.url
            seen = set(done.renders)
            start = time.thread_time()
            blocks = plugin._blocks()
            made = blocks.with_block(MARKERS, page, files)
            took = time.thread_time() - start
            first = [key for key in done.renders if key not in seen]
            if first:
                done.blocks[first[0]] = took
            if made is not None and blocks.later is not None:
                start = time.thread_time()
                blocks.finish(made, blocks.later)
                later = time.thread_time() - start
                done.blocks[(page.url, "journey.html (later)")] = later
                took += later
            done.blocks_s += took
    finally:
        pages_module.Blocks._render = original
    return done


def view_builders_ms(plugin: Any, repeat: int) -> dict[str, float]:
    """Each view's ``build`` (its contexts, made once per build): best of ``repeat``, ms."""
    from cjm_site.views import builders

    handbook = plugin.handbook
    made: dict[str, float] = {}
    for build in builders():
        best = float("inf")
        for _ in range(repeat):
            start = time.thread_time()
            build(handbook.site, handbook.settings, handbook.options.views)
            best = min(best, time.thread_time() - start)
        made[build.__module__.rsplit(".", 1)[-1]] = best * 1000
    return made


def measure(config_file: Path, repeat: int) -> dict[str, Any]:
    config, files, plugin = load_site(config_file)
    try:
        passes = [one_pass(config, files, plugin) for _ in range(repeat)]
        builders = view_builders_ms(plugin, repeat)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(config.site_dir, ignore_errors=True)
    env = plugin.env
    per_template: dict[str, list[float]] = {}
    for key in passes[0].renders:
        best = min(p.renders[key] for p in passes) * 1000
        per_template.setdefault(key[1], []).append(best)
    per_block: dict[str, list[float]] = {}
    for key in passes[0].blocks:
        best = min(p.blocks[key] for p in passes) * 1000
        per_block.setdefault(key[1], []).append(best)
    compile_ms: dict[str, float] = {}
    for name in sorted(passes[0].templates | set(_theme_templates(env))):
        source = env.loader.get_source(env, name)[0]
        times = []
        for _ in range(repeat):
            start = time.thread_time()
            env.compile(source, name)
            times.append(time.thread_time() - start)
        compile_ms[name.removeprefix("cjm/")] = statistics.median(times) * 1000
    return {
        "templates": {
            label: {
                "renders": len(times),
                "median_ms": statistics.median(times),
                "total_ms": sum(times),
                "block_median_ms": statistics.median(per_block.get(label) or [float("nan")]),
            }
            for label, times in sorted(per_template.items())
        },
        "compile_ms": compile_ms,
        "blocks_s": min(p.blocks_s for p in passes),
        "rendering_s": min(sum(p.renders.values()) for p in passes),
        "view_builders_ms": builders,
    }


def _theme_templates(env: Any) -> list[str]:
    return [name for name in env.list_templates() if name.startswith("cjm/")]


def report(title: str, result: dict[str, Any]) -> None:
    print(f"\n## {title}\n")
    print(f"{'template':<28} {'renders':>7} {'median ms':>10} {'total ms':>10} {'block ms':>10}")
    for label, row in result["templates"].items():
        print(
            f"{label:<28} {row['renders']:>7} {row['median_ms']:>10.3f} {row['total_ms']:>10.1f}"
            f" {row['block_median_ms']:>10.3f}"
        )
    print(
        f"\nevery block made in {result['blocks_s'] * 1000:.0f} ms, of which rendering "
        f"{result['rendering_s'] * 1000:.0f} ms (best pass)"
    )
    print(f"\n{'view build (contexts)':<28} {'ms':>10}")
    for name, ms in result["view_builders_ms"].items():
        print(f"{name:<28} {ms:>10.2f}")
    compile_ms = result["compile_ms"]
    print(f"\n{'compile':<28} {'ms':>10}")
    for name, ms in compile_ms.items():
        print(f"{name:<28} {ms:>10.2f}")
    print(f"{'all':<28} {sum(compile_ms.values()):>10.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100", help="generated handbooks, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="renders of each context")
    parser.add_argument("--example-only", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print(
        f"# Template renders (python {sys.version.split()[0]}, best of {args.repeat} per context)"
    )
    report("example handbook", measure(EXAMPLE, args.repeat))
    if args.example_only:
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cjm-templates-bench-"))
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        root = workdir / f"handbook-{size}"
        if not (root / "mkdocs.yml").is_file():
            generate(size, root)
        report(f"generated handbook, N = {size}", measure(root / "mkdocs.yml", args.repeat))
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
