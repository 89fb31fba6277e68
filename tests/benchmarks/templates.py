"""What rendering the plugin's templates costs, per template (issue 12, item 3).

    .venv/bin/python -m tests.benchmarks.templates                  # example handbook + N = 100
    .venv/bin/python -m tests.benchmarks.templates --sizes 100,400  # generated handbooks only
    .venv/bin/python -m tests.benchmarks.templates --example-only --repeat 9

For each handbook it runs the plugin's own ``on_config`` and ``on_files`` in this
process (no drawing cache, no build cache), then asks the plugin's ``Blocks``
for every page's block as a build does (journey pages, persona pages, the views,
the catalogue), recording each ``(template, context)`` the plugin renders: the
contexts are the ones the build makes. Each recorded render is then repeated
``--repeat`` times; the table shows, per template (journey.html per part), how
many contexts it was rendered with, the median over contexts of each context's
fastest render in ms, and the total for one build (sum of those). The
context builders' own time (``with_block`` minus rendering) is printed too.

Compile time: each template's source compiled by Jinja (``env.compile``) with the
plugin's environment, the median of ``--repeat`` compiles, in ms.

Nothing is asserted: the figures are for a person to compare.
"""

from __future__ import annotations

import argparse
import functools
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.generate import generate

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "mkdocs.yml"
MARKERS = "<!-- journey-map --><!-- cjm:catalogue --><!-- cjm:view -->"
"""Where a page's block goes (see ``cjm_mkdocs.pages``): any page may be any kind."""


class Recorder:
    """Wraps ``Blocks._render``: keeps each template and context it is called with."""

    def __init__(self) -> None:
        self.renders: list[tuple[str, dict[str, Any]]] = []

    def wrap(self, render: Callable[..., str]) -> Callable[..., str]:
        def recording(blocks: Any, template: str, context: dict[str, Any]) -> str:
            self.renders.append((template, dict(context)))
            return render(blocks, template, context)

        return recording


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


def record(config_file: Path) -> tuple[list[tuple[str, dict[str, Any]]], Any, float, float]:
    """Every render a build makes, the environment, the time spent making
    blocks (s) and the part of it spent rendering (s)."""
    from cjm_mkdocs import pages as pages_module
    from mkdocs.structure.pages import Page

    config, files, plugin = load_site(config_file)
    recorder = Recorder()
    original = pages_module.Blocks._render
    rendering = [0.0]

    def timed(blocks: Any, template: str, context: dict[str, Any]) -> str:
        start = time.perf_counter()
        try:
            return original(blocks, template, context)
        finally:
            rendering[0] += time.perf_counter() - start

    pages_module.Blocks._render = recorder.wrap(timed)
    total = 0.0
    try:
        for file in files.documentation_pages():
            page = Page(None, file, config)
            start = time.perf_counter()
            blocks = plugin._blocks()
            done = blocks.with_block(MARKERS, page, files)
            if done is not None and blocks.later is not None:
                blocks.finish(done, blocks.later)
            total += time.perf_counter() - start
    finally:
        pages_module.Blocks._render = original
        config.plugins.on_shutdown()
        shutil.rmtree(config.site_dir, ignore_errors=True)
    return recorder.renders, plugin.env, total, rendering[0]


def best_ms(render: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        render()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(config_file: Path, repeat: int) -> dict[str, Any]:
    renders, env, blocks_s, rendering_s = record(config_file)
    per_template: dict[str, list[float]] = {}
    for template, context in renders:
        compiled = env.get_template(template)
        took = best_ms(functools.partial(compiled.render, context), repeat)
        per_template.setdefault(_label(template, context), []).append(took)
    compile_ms: dict[str, float] = {}
    for name in sorted({t for t, _ in renders} | set(_theme_templates(env))):
        source = env.loader.get_source(env, name)[0]
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            env.compile(source, name)
            times.append(time.perf_counter() - start)
        compile_ms[name.removeprefix("cjm/")] = statistics.median(times) * 1000
    return {
        "templates": {
            label: {
                "renders": len(times),
                "median_ms": statistics.median(times),
                "total_ms": sum(times),
            }
            for label, times in sorted(per_template.items())
        },
        "compile_ms": compile_ms,
        "blocks_s": blocks_s,
        "rendering_s": rendering_s,
    }


def _theme_templates(env: Any) -> list[str]:
    return [name for name in env.list_templates() if name.startswith("cjm/")]


def report(title: str, result: dict[str, Any]) -> None:
    print(f"\n## {title}\n")
    print(f"{'template':<28} {'renders':>7} {'median ms':>10} {'total ms':>10}")
    for label, row in result["templates"].items():
        print(f"{label:<28} {row['renders']:>7} {row['median_ms']:>10.3f} {row['total_ms']:>10.1f}")
    print(
        f"\nblocks made in {result['blocks_s'] * 1000:.0f} ms, of which rendering "
        f"{result['rendering_s'] * 1000:.0f} ms (one pass, first renders included)"
    )
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
