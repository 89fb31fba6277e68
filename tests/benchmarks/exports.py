"""Export micro-benchmark: milliseconds per map of the standalone file and the print pieces.

    python -m tests.benchmarks.exports [--repeat N] [--generated N] [--profile]

Every journey page's build makes the map's standalone ``.svg`` download
(:func:`cjm_site.export.standalone.standalone_svg`) and the print pieces
(:func:`cjm_site.export.printing.print_copies`). This prints, for each example
journey of the handbook and for generated maps (3 to 15 stages, some lanes empty,
as ``tests.benchmarks.generate`` makes them, and the 8-stage map with every lane
filled), the median CPU time of each, then the median over the example maps and
over the generated ones. The maps are drawn once, as the plugin draws them for a
page (inline style, the page's id prefix); only the export is timed. Timings only
print; no test asserts on them.

The column "print" times the print pieces of a map met for the first time, "again"
of a map already cut in this process (a rebuild under ``mkdocs serve``). The
column "tree" times the reference path of the standalone file (parse, a walk
per step, serialise: how every file was made before the quick path), on the same
map in the same run, so the two compare on a machine whose load changes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics

from cjm_site.checking import check_page
from cjm_site.drawing import draw_journey
from cjm_site.export import printing
from cjm_site.export.palette import light_rules
from cjm_site.export.pictures import folder_reader
from cjm_site.export.printing import print_copies
from cjm_site.export.standalone import (
    LIGHT_PALETTE,
    MapStyle,
    TitleBlock,
    _standalone_from_tree,
    standalone_svg,
    title_facts,
)
from cjm_site.linking import link
from cjm_site.model import Journey, Settings
from cjm_site.pipeline import inline_style, map_id_prefix
from cjm_site.reading import read_page
from tests.benchmarks.drawing import ROOT, example_journeys, full_journey, median_ms
from tests.benchmarks.generate import front_matter, stage

Case = tuple[str, Journey, list[str], str]
"""Name, journey, its personas' names, and the map as drawn for its page."""


def generated_journeys(count: int, settings: Settings) -> list[Journey]:
    """``count`` maps as the benchmark handbook has them (3-15 stages, some lanes empty)."""
    rng = random.Random(count)
    journeys = []
    for index in range(count):
        stages = rng.randint(3, 15)
        data = {
            "type": "journey",
            "title": f"Generated {index:03d}",
            "persona": "nobody",
            "kind": "current-state",
            "owner": "Service Design",
            "evidence": "researched",
            "updated": "2026-10-01",
            "review_by": "2027-04-01",
            "stages": [stage(rng, s, stages) for s in range(stages)],
        }
        text = front_matter(data).encode()
        checked = check_page(read_page(f"journeys/generated-{index:03d}.md", text), settings)
        journeys.append(link([checked]).journeys[0])
    return journeys


def forget_pieces() -> None:
    """Empty the print pieces' memo: a map's first build, not a rebuild under serve."""
    printing._pieces.cache_clear()


def draw(journey: Journey, names: list[str], settings: Settings) -> str:
    return draw_journey(
        journey,
        settings,
        id_prefix=map_id_prefix(journey.id),
        style=inline_style(),
        persona_names=names,
    )


def cases(generated: int) -> tuple[list[Case], list[Case]]:
    """The example handbook's maps, and generated ones (the every-lane 8-stage map last)."""
    journeys, settings = example_journeys()
    examples = [(j.id, j, names, draw(j, names, settings)) for j, names in journeys]
    full = full_journey()
    made = [(j.id, j, [], draw(j, [], settings)) for j in generated_journeys(generated, settings)]
    made.append(("generated-8-stages-every-lane", full, [], draw(full, [], settings)))
    return examples, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--generated", type=int, default=12, help="generated maps (and one more)")
    parser.add_argument("--profile", action="store_true", help="profile standalone_svg")
    args = parser.parse_args()
    read = folder_reader(ROOT / "content")
    examples, made = cases(args.generated)
    print("CPU ms per map, median of", args.repeat)
    print(
        f"{'map':34} {'stages':>6} {'standalone':>10} {'tree':>6} {'print':>7} {'again':>7} {'bytes in':>9}"
    )
    summary: list[tuple[str, list[float], list[float], list[float], list[float]]] = []
    for group, rows in (("example maps", examples), ("generated maps", made)):
        alone: list[float] = []
        trees: list[float] = []
        printed: list[float] = []
        printed_again: list[float] = []
        for name, journey, names, svg in rows:
            address = f"https://handbook.example/{journey.id}/"

            def export(j: Journey = journey, n: list[str] = names, s: str = svg) -> str:
                return standalone_svg(j, s, n, f"https://handbook.example/{j.id}/", pictures=read)

            block = TitleBlock(journey.title, title_facts(journey, names), address)

            def reference(s: str = svg, b: TitleBlock = block) -> str:
                rules = light_rules()
                return _standalone_from_tree(b, s, MapStyle(), LIGHT_PALETTE, rules, read, [])

            def pieces(s: str = svg) -> str:
                return print_copies(s)

            ms = median_ms(export, args.repeat)
            tree = median_ms(reference, args.repeat)
            pr = median_ms(pieces, args.repeat, forget_pieces)
            again = median_ms(pieces, args.repeat)
            alone.append(ms)
            trees.append(tree)
            printed.append(pr)
            printed_again.append(again)
            print(
                f"{name[:34]:34} {len(journey.stages):>6} {ms:>10.2f} {tree:>6.2f} {pr:>7.3f} "
                f"{again:>7.3f} {len(svg.encode()):>9}"
            )
        summary.append((group, alone, trees, printed, printed_again))
    for group, alone, trees, printed, printed_again in summary:
        print(
            f"median of the {group} ({len(alone)}): standalone "
            f"{statistics.median(alone):.2f} ms (tree path {statistics.median(trees):.2f} ms), "
            f"print_copies {statistics.median(printed):.3f} ms "
            f"(the same map again {statistics.median(printed_again):.4f} ms)"
        )
    if args.profile:
        name, journey, names, svg = made[-1]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            standalone_svg(journey, svg, names, "https://handbook.example/", pictures=read)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
