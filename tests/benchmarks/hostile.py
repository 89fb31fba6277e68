"""How long hostile input takes to refuse or to build: figures printed, never asserted.

    python -m tests.benchmarks.hostile

The hostile tests (tests/hostile) check what happens; this prints how long it
takes, as the project's rule is: speed is measured by scripts, not by timed asserts.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cjm_site.checking import check_page
from cjm_site.linking import link
from cjm_site.reading import read_page
from tests.sitebuild import build_site, write_site

NESTING = {
    "open": "[" * 250_000,
    "balanced": "[" * 125_000 + "]" * 125_000,
    "flow-mapping": "{a: " * 60_000,
    "block-sequence": "- " * 120_000,
}
LAUGHS = (
    "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "---\n"
)


def _median_ms(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _journey(i: int, improves: int) -> bytes:
    text = f"---\ntype: journey\nid: m{i}\ntitle: M{i}\nimproves: m{improves}\nstages: [A]\n---\n"
    return text.encode()


def main() -> None:
    rows: list[tuple[str, str]] = []
    for name, front in NESTING.items():
        data = f"---\n{front}\n---\n".encode()
        ms = _median_ms(lambda data=data: read_page("p.md", data))
        rows.append((f"refuse deep nesting ({name})", f"{ms:.1f} ms"))
    laughs = LAUGHS.encode()
    rows.append(
        (
            "refuse aliases (billion laughs)",
            f"{_median_ms(lambda: read_page('p.md', laughs)):.2f} ms",
        )
    )
    count = 3 * sys.getrecursionlimit()
    chain = [check_page(read_page(f"c/{i}.md", _journey(i, i + 1))) for i in range(count)]
    cycle = [check_page(read_page(f"c/{i}.md", _journey(i, (i + 1) % count))) for i in range(count)]
    rows.append(
        (f"link a {count:,}-map improves chain", f"{_median_ms(lambda: link(chain), 3):.0f} ms")
    )
    rows.append(
        (f"link a {count:,}-map improves cycle", f"{_median_ms(lambda: link(cycle), 3):.0f} ms")
    )
    stages = "".join(f"  - name: Stage {i}\n    emotion: {(i % 5) - 2}\n" for i in range(5000))
    with tempfile.TemporaryDirectory() as folder:
        page = f"---\ntype: journey\ntitle: Huge\nstages:\n{stages}---\n"
        config = write_site(Path(folder), {"index.md": "# Home\n", "huge.md": page})
        started = time.perf_counter()
        built = build_site(config, strict=True)
        seconds = time.perf_counter() - started
        rows.append(
            ("build a 5,000-stage map (mkdocs build --strict)", f"{seconds:.1f} s, ok={built.ok}")
        )
    width = max(len(what) for what, _ in rows)
    for what, figure in rows:
        print(f"{what:<{width}}  {figure}")


if __name__ == "__main__":
    main()
