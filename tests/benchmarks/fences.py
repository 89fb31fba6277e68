"""What reading journey fences with the handbook costs: prints figures, asserts nothing.

    python -m tests.benchmarks.fences [N]    # N journeys (default 1000)

Generates a handbook of N journeys (``tests.benchmarks.generate``), then times
the scan every page goes through (most hold no fence), and reading 100 pages
that hold a fence with an id each (checked, lines counted in the page).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cjm_site.fences import may_hold_fences, read_fences
from cjm_site.model import Settings
from tests.benchmarks.generate import generate

FENCE = (
    "\n```journey\nid: fenced-{0}\ntitle: Fenced {0}\n"
    "stages:\n  - {{name: A, emotion: 1}}\n  - {{name: B, emotion: -1}}\n```\n"
)


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 1000
    with tempfile.TemporaryDirectory() as folder:
        docs = generate(count, Path(folder)).parent / "docs"
        pages = [p.read_bytes() for p in sorted(docs.rglob("*.md"))]
    size = sum(len(page) for page in pages)
    scan = best_of(10, lambda: [may_hold_fences(page) for page in pages])
    fenced = {f"p{i}.md": f"# Page {i}\n{FENCE.format(i)}".encode() for i in range(100)}
    reading = best_of(5, lambda: read_fences(fenced, {}, Settings()))
    print(f"scan of {len(pages)} pages ({size / 1e6:.1f} MB): {scan * 1000:.1f} ms")
    print(f"reading 100 fences with ids: {reading * 1000:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
