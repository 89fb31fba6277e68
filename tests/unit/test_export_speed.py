"""The standalone file's quick path writes what the tree path writes, byte for byte.

:func:`standalone_svg` rewrites the drawing's markup as text when it is written
as the writer writes it, and otherwise makes the file on an ElementTree tree
(``_standalone_from_tree``: parse, a walk per step, serialise; the implementation
every file was made with before). These tests hold the two to the same bytes on
every example map, on generated maps, on maps of any author text and on markup the
quick path must hand over to the tree; and check that the writer's markup does take
the quick path (a silent fall back would lose the speed and nothing else would
notice). Speed itself only prints: ``python -m tests.benchmarks.exports``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm_site.drawing import draw_journey
from cjm_site.export.palette import LIGHT_PALETTE, light_rules, resolve_stylesheet
from cjm_site.export.paper import MAP_STYLE
from cjm_site.export.pictures import Reader, folder_reader
from cjm_site.export.standalone import (
    MapStyle,
    TitleBlock,
    _standalone_from_markup,
    _standalone_from_tree,
    standalone_svg,
    title_facts,
)
from cjm_site.model import Journey, Settings, Stage
from tests.benchmarks.exports import Case, cases

REPO = Path(__file__).resolve().parents[2]
READ = folder_reader(REPO / "content")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" class="cjm-journey-map" width="300" height="200">'
JOURNEY = Journey(id="j", path="journeys/j.md", title="A map", stages=(Stage("A"),))


@functools.cache
def _maps() -> tuple[list[Case], list[Case]]:
    return cases(12)


def _block(journey: Journey, names: Sequence[str] = (), address: str | None = None) -> TitleBlock:
    return TitleBlock(journey.title, title_facts(journey, names), address)


def _by_tree(
    svg: str,
    journey: Journey = JOURNEY,
    names: Sequence[str] = (),
    address: str | None = None,
    pictures: Reader | None = None,
    palette: dict[str, str] | None = None,
) -> tuple[str, list[str]]:
    """The file as the reference path makes it, and the pictures it left out."""
    rules = light_rules() if palette is None else resolve_stylesheet(palette=palette)
    problems: list[str] = []
    block = _block(journey, names, address)
    colours = LIGHT_PALETTE if palette is None else palette
    text = _standalone_from_tree(block, svg, MapStyle(), colours, rules, pictures, problems)
    return text, problems


def _outcome(make: Callable[[], object]) -> object:
    try:
        return make()
    except ValueError as err:
        return f"ValueError: {err}"


def _same_either_way(svg: str, pictures: Reader | None = None) -> str | None:
    """Both paths give the same file (or the same error); returns the quick path's file,
    None when it handed the markup over to the tree."""
    problems: list[str] = []
    made = _outcome(lambda: standalone_svg(JOURNEY, svg, pictures=pictures, problems=problems))
    expected = _outcome(lambda: _by_tree(svg, pictures=pictures))
    if isinstance(expected, tuple):
        assert (made, problems) == expected
    else:
        assert made == expected
    quick = _outcome(
        lambda: _standalone_from_markup(
            _block(JOURNEY), svg, MapStyle(), LIGHT_PALETTE, light_rules(), pictures
        )
    )
    return quick[0] if isinstance(quick, tuple) else None


@pytest.mark.parametrize("which", range(12), ids=lambda i: f"example-{i}")
def test_each_example_map_takes_the_quick_path_to_the_same_bytes(which: int) -> None:
    examples, _ = _maps()
    assert len(examples) == 12, "the example handbook's journeys changed: adjust the range"
    name, journey, names, svg = examples[which]
    address = f"https://handbook.example/{journey.id}/"
    block = _block(journey, names, address)
    quick = _standalone_from_markup(block, svg, MapStyle(), LIGHT_PALETTE, light_rules(), READ)
    assert quick is not None, f"{name}: the writer's markup fell back to the tree path"
    expected = _by_tree(svg, journey, names, address, READ)
    assert quick == expected
    problems: list[str] = []
    made = standalone_svg(journey, svg, names, address, pictures=READ, problems=problems)
    assert (made, problems) == expected


def test_generated_maps_take_the_quick_path_to_the_same_bytes() -> None:
    _, generated = _maps()
    for name, journey, names, svg in generated:
        quick = _standalone_from_markup(
            _block(journey, names), svg, MapStyle(), LIGHT_PALETTE, light_rules(), None
        )
        assert quick is not None, name
        assert quick == _by_tree(svg, journey, names), name


def test_another_palette_gives_the_same_bytes_either_way() -> None:
    examples, _ = _maps()
    _, journey, names, svg = examples[0]
    dark = dict(LIGHT_PALETTE, **{"--cjm-bg": "#101418", "--cjm-ink": "#f0f0f0"})
    made = standalone_svg(journey, svg, names, palette=dark)
    assert made == _by_tree(svg, journey, names, palette=dark)[0]
    assert 'fill="#101418"' in made


WORDS = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(
        [
            "קריאת התפריט",  # right to left
            "注文を確認する",  # wide characters
            'a class="cjm-bg" b',  # looks like markup, is text
            "x = 'y' & <z> \"q\"",
            "Ünïcödé — “quotes” · −2",
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(title=WORDS, name=WORDS, feeling=WORDS, more=st.one_of(st.none(), WORDS))
def test_maps_of_any_author_text_give_the_same_bytes_either_way(
    title: str, name: str, feeling: str, more: str | None
) -> None:
    journey = Journey(
        id="j",
        path="journeys/j.md",
        title=title,
        owner=more,
        stages=(
            Stage(name=name, goal=more, emotion=-1, feeling=feeling),
            Stage(name=feeling, emotion=1.5, feeling=name, thoughts=(name, title)),
        ),
    )
    svg = draw_journey(journey, Settings(), id_prefix="m", style=MAP_STYLE)
    names = [more] if more else []
    made = standalone_svg(journey, svg, names, f"https://x.example/{more}")
    assert made == _by_tree(svg, journey, names, f"https://x.example/{more}")[0]


def test_a_class_value_replaces_the_elements_own_attribute_wherever_it_is_written() -> None:
    for rect in (
        '<rect class="cjm-bg" fill="red" height="1" width="1" />',
        '<rect fill="red" height="1" class="cjm-bg" width="1" />',  # not sorted
    ):
        made = _same_either_way(SVG + rect + "</svg>")
        assert made is not None, "the quick path reads it"
        assert rect.replace("red", "#ffffff") in made


@pytest.mark.parametrize(
    "svg",
    [
        # what the quick path writes itself
        SVG + '<title>T</title><desc>D</desc><style>.x{}</style><rect class="cjm-bg" /></svg>',
        SVG + '<rect class="cjm-bg" /><title>late</title><g><title>in</title><rect /></g></svg>',
        SVG + '<g class="cjm-lane-a"><style>.x{}</style><rect /></g></svg>',
        SVG + '<text class="cjm-t" x="1">a class="cjm-bg" b<tspan x="1">c</tspan></text></svg>',
        SVG + '<text class="cjm-t cjm-t-feeling"><title>tip</title>glad</text></svg>',
        SVG + '<text class="cjm-t cjm-t-feeling" x="1">glad</text><rect /></svg>',
        SVG + '<text class="cjm-t cjm-t-feeling" />text after<rect /></svg>',
        SVG + '<text direction="rtl" x="9">קריאה<tspan x="9">שנייה</tspan></text></svg>',
        SVG + '<g><text x="1">注文<tspan>を</tspan></text><text>plain</text></g></svg>',
        SVG + '<g><title>注文</title><text x="1">plain</text></g></svg>',
        '<?xml version="1.0" encoding="UTF-8"?>\n' + SVG + '<rect class="cjm-bg" /></svg>\n',
        SVG + "<g><rect /></g>tail at the root<rect /></svg>",
        # what the quick path hands over to the tree
        SVG + "<rect class='cjm-bg' /></svg>",
        SVG + '\n  <g class="cjm-lane-a">\n    <rect />\n  </g>\n</svg>',
        SVG + "<!-- a comment --><rect /></svg>",
        SVG + "<text>&#65;</text></svg>",
        SVG + '<a href="x"><rect class="cjm-bg" /></a></svg>',
        SVG + '<rect onclick="x()" class="cjm-bg" /></svg>',
        SVG + '<rect xml:space="preserve" /></svg>',
        SVG + '<g><image data-cjm-picture="nowhere.png" href="nowhere.png" /></g></svg>',
        SVG + "</svg>",
        SVG.replace("/2000/svg", "/2000/other") + "<rect /></svg>",
        # what neither path takes
        SVG + "<script>alert(1)</script></svg>",
        SVG + "<rect></svg>",
        "<svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><rect /></svg>',
    ],
)
def test_markup_of_any_kind_gives_the_same_file_or_error_either_way(svg: str) -> None:
    _same_either_way(svg)


def test_pictures_are_written_in_or_left_out_the_same_way_either_way() -> None:
    picture = (
        '<g class="cjm-picture"><rect class="cjm-picture-frame" height="9" width="9" />'
        '<image data-cjm-picture="{}" height="8" href="{}" width="8"><title>t</title></image></g>'
    )
    there = "journeys/app-first-use/store-listing.png"
    assert (REPO / "content" / there).is_file()
    for path in (there, "journeys/missing.png", "notes.txt"):
        made = _same_either_way(SVG + picture.format(path, path) + "</svg>", READ)
        assert made is not None
        assert ("data:image/png;base64," in made) == (path == there)


def test_the_quick_path_hands_over_what_it_does_not_read() -> None:
    for svg in (
        SVG + "<rect class='cjm-bg' /></svg>",
        SVG + "<!-- a comment --><rect /></svg>",
        SVG + '<rect onclick="x()" /></svg>',
        SVG + "\n<rect />\n</svg>",
    ):
        assert _same_either_way(svg) is None, svg
