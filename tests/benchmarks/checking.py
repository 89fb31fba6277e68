"""Reading and checking micro-benchmark: milliseconds per page, median of many.

    python -m tests.benchmarks.checking [--maps N] [--repeat N] [--profile] [--dump FILE]

Prints, for the example handbook (``content/``) and for a generated handbook of
``--maps`` journeys (``tests/benchmarks/generate.py``): the median CPU time per
page of ``read_page`` and of ``check_page`` (each page timed ``--repeat`` times,
the median of each page's median). Then the start-up: the import time of the
modules this strand owns, from ``python -X importtime`` in a fresh interpreter.

``--dump FILE`` writes every page's findings, model and meta as text, to compare
two trees' output (the figures must change, the messages must not). Timings only
print; no test asserts on them.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from cjm_site.checking import check_page
from cjm_site.cli import settings_of
from cjm_site.model import Settings
from cjm_site.reading import _Loader, decode, read_page, split_front_matter
from tests.benchmarks.generate import generate

ROOT = Path(__file__).resolve().parents[2]
OWNED = (
    "cjm_site.model",
    "cjm_site.reading",
    "cjm_site.checking",
    "cjm_site.fields",
    "cjm_site.inputs",
    "cjm_site.voices",
    "cjm_site.phases",
    "cjm_site.lanes",
)
"""The modules whose import time is reported (each one's own body, not its imports)."""


def pages_of(docs: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(docs).as_posix(), p.read_bytes()) for p in sorted(docs.rglob("*.md"))]


def per_page_ms(
    pages: list[tuple[str, bytes]], settings: Settings, repeat: int
) -> tuple[float, float]:
    """Median over pages of each page's median CPU ms: read_page, check_page."""
    reads: list[float] = []
    checks: list[float] = []
    for path, data in pages:
        raw = read_page(path, data)
        check_page(raw, settings)  # warm: first-use memos, as for every page after the first
        read_times = []
        check_times = []
        for _ in range(repeat):
            start = time.process_time()
            read_page(path, data)
            middle = time.process_time()
            check_page(raw, settings)
            end = time.process_time()
            read_times.append(middle - start)
            check_times.append(end - middle)
        reads.append(statistics.median(read_times))
        checks.append(statistics.median(check_times))
    return 1000 * statistics.median(reads), 1000 * statistics.median(checks)


def compose_ms(pages: list[tuple[str, bytes]], repeat: int) -> float:
    """Median over pages of composing the front matter in libyaml alone (ms): the floor
    under ``read_page``, which copies the composed nodes into its own tree."""
    medians = []
    for path, data in pages:
        text, _ = decode(path, data)
        split = split_front_matter(text)
        if split is None:
            continue
        times = []
        for _ in range(repeat):
            start = time.process_time()
            list(yaml.compose_all(split[0], Loader=_Loader))
            times.append(time.process_time() - start)
        medians.append(statistics.median(times))
    return 1000 * statistics.median(medians) if medians else 0.0


def total_ms(pages: list[tuple[str, bytes]], settings: Settings) -> float:
    """CPU ms to read and check every page once."""
    start = time.process_time()
    for path, data in pages:
        check_page(read_page(path, data), settings)
    return 1000 * (time.process_time() - start)


def import_ms(repeat: int = 5, *, bytecode: bool) -> dict[str, float]:
    """Each module's own import time (ms, best of ``repeat`` fresh interpreters).

    With ``bytecode``, modules load from a bytecode cache (kept in a temporary
    folder, as an installed package has one); without, each is compiled from
    source, as under ``PYTHONDONTWRITEBYTECODE`` with no cache written yet.
    """
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        command = [sys.executable, "-X", "importtime", "-c", "import cjm_mkdocs.plugin"]
        if bytecode:
            command[1:1] = ["-X", f"pycache_prefix={cache}"]
            subprocess.run(command, capture_output=True, cwd=ROOT, env=env, check=True)
        else:
            command[1:1] = ["-B"]
        for _ in range(repeat):
            run = subprocess.run(
                command, capture_output=True, text=True, cwd=ROOT, env=env, check=True
            )
            seen: dict[str, float] = {}
            for line in run.stderr.splitlines():
                if not line.startswith("import time:") or "|" not in line:
                    continue
                parts = line.split("|")
                try:
                    own = int(parts[0].split(":")[1]) / 1000
                except ValueError:
                    continue  # the header line
                seen[parts[2].strip()] = own
            for name, own in seen.items():
                best[name] = min(own, best.get(name, own))
    return best


def shown(value: object, seen: set[int]) -> str:
    """``repr`` of a meta value, a list or mapping met before (an alias) named, not expanded."""
    if isinstance(value, list | dict):
        if id(value) in seen:
            return "<shared>"
        seen.add(id(value))
        if isinstance(value, list):
            return "[" + ", ".join(shown(v, seen) for v in value) + "]"
        return "{" + ", ".join(f"{k!r}: {shown(v, seen)}" for k, v in value.items()) + "}"
    return repr(value)


def dump(pages: list[tuple[str, bytes]], settings: Settings, out: Path) -> None:
    """Every page's findings, model and meta, one block a page."""
    lines = []
    for path, data in pages:
        page = check_page(read_page(path, data), settings)
        lines.append(f"== {path}")
        lines.extend(repr(f) for f in page.findings)
        lines.append(repr(page.persona))
        lines.append(repr(page.journey))
        lines.append(shown(page.meta, set()))
        lines.append(repr((page.type, page.body, page.untouched)))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def hostile_pages() -> list[tuple[str, bytes]]:
    """The test fixtures and the hostile corpus's pages, for ``--dump``."""
    from tests.hostile import corpus

    pages = [
        (p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in sorted(ROOT.glob("tests/**/*.md"))
    ]
    for value in vars(corpus).values():
        if isinstance(value, list):
            for case in value:
                files = getattr(case, "files", None)
                if isinstance(files, dict):
                    pages.extend(
                        (name, text if isinstance(text, bytes) else str(text).encode("utf-8"))
                        for name, text in files.items()
                        if name.endswith(".md")
                    )
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--maps", type=int, default=200, help="journeys in the generated handbook")
    parser.add_argument("--repeat", type=int, default=15, help="timings of each page")
    parser.add_argument("--profile", action="store_true", help="profile the generated handbook")
    parser.add_argument("--dump", type=Path, help="write every page's result to this file")
    args = parser.parse_args()

    example = pages_of(ROOT / "content")
    example_settings = settings_of(ROOT / "mkdocs.yml")
    with tempfile.TemporaryDirectory() as tmp:
        config = generate(args.maps, Path(tmp))
        generated = pages_of(Path(tmp) / "docs")
        generated_settings = settings_of(config)
    journeys = [(p, d) for p, d in generated if p.startswith("journeys/")]

    if args.dump:
        dump(example + generated + hostile_pages(), generated_settings, args.dump)
        print(f"wrote {args.dump}")
        return
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(3):
            total_ms(journeys, generated_settings)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return

    print(f"{'pages':<34} {'count':>5} {'read ms':>8} {'check ms':>9} {'all, s':>7}")
    for name, pages, settings in (
        ("example handbook (content/)", example, example_settings),
        (f"generated, {args.maps} maps: journeys", journeys, generated_settings),
        (f"generated, {args.maps} maps: every page", generated, generated_settings),
    ):
        read, check = per_page_ms(pages, settings, args.repeat)
        whole = total_ms(pages, settings) / 1000
        print(f"{name:<34} {len(pages):>5} {read:>8.3f} {check:>9.3f} {whole:>7.3f}")
    floor = compose_ms(journeys, args.repeat)
    print(f"of read ms, composing the YAML in libyaml alone (journeys): {floor:.3f}")

    print("\nimport time of each module's own body (ms, best of 5, -X importtime)")
    from_source = import_ms(bytecode=False)
    cached = import_ms(bytecode=True)
    print(f"  {'module':<22} {'source':>7} {'bytecode':>9}")
    totals = [0.0, 0.0]
    for module in OWNED:
        pair = (from_source.get(module, 0.0), cached.get(module, 0.0))
        totals = [totals[0] + pair[0], totals[1] + pair[1]]
        print(f"  {module:<22} {pair[0]:>7.1f} {pair[1]:>9.1f}")
    print(f"  {'owned modules':<22} {totals[0]:>7.1f} {totals[1]:>9.1f}")
    ours = ("cjm_site", "cjm_mkdocs")
    everything = [sum(v for k, v in t.items() if k.startswith(ours)) for t in (from_source, cached)]
    print(f"  {'all of cjm_site':<22} {everything[0]:>7.1f} {everything[1]:>9.1f}")


if __name__ == "__main__":
    main()
