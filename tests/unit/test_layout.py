"""Measuring, wrapping and placing a journey map (no SVG here)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cjm_site.layout import (
    LANES,
    Card,
    Label,
    MapLayout,
    MapStyle,
    clusters,
    is_rtl,
    measure,
    monotone_curve,
    place_journey,
    truncate,
    wrap_text,
)
from cjm_site.metrics import EMOJI_EM, UNKNOWN_EM, WIDE_EM, char_em, text_width
from cjm_site.model import (
    Channel,
    Journey,
    Opportunity,
    Ref,
    Settings,
    SpineStage,
    Stage,
    Touchpoint,
)

STYLE = MapStyle()
SETTINGS = Settings(
    spine=(SpineStage("awareness", "Awareness"), SpineStage("purchase", "Purchase")),
    channels=(Channel("web", "Website"), Channel("store", "Store", online=False)),
)
LONG_WORD = "Donaudampfschiffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
LONG_LABEL = (
    "Waits at the counter while the card reader restarts twice, the queue grows behind her, "
    "and nobody says how long the new terminal will take to work"
)


def rich_journey() -> Journey:
    """Six stages with every lane filled somewhere."""
    tp = Touchpoint
    stages = (
        Stage(
            "Awareness",
            phase="awareness",
            goal="Find a pizza place nearby",
            actions=("Asks friends", "Searches the map app"),
            touchpoints=(
                tp("Map app search"),
                tp("Friends' advice", "web", "Marketing", ("truth",), "high"),
            ),
            thoughts=("Is there a place with healthy options?",),
            emotion=1,
            feeling="curious",
            aspiration=2,
            pains=("Few reviews online",),
            opportunities=(
                Opportunity("Ask guests for a review"),
                Opportunity("Show allergens online", "Kitchen", dt.date(2027, 1, 31), "planned"),
            ),
            metrics=(("Conversion", "35%"), ("Time spent", "2 days")),
            backstage=("Local ads run by Marketing",),
        ),
        Stage(
            "Research", emotion=-1, feeling="frustrated", aspiration=1, pains=("Menu is a photo",)
        ),
        Stage(
            "Booking",
            phase="purchase",
            touchpoints=(
                tp("Booking form", "web", "Digital", ("pain", "delight", "truth"), "medium"),
            ),
            emotion=-0.5,
        ),
        Stage("Arrival", emotion=1.5, feeling="relieved"),
        Stage("Dinner", emotion=2, feeling="delighted", thoughts=("Exactly what we needed.",)),
        Stage("Payment", emotion=-2, feeling="impatient", backstage=("Terminal updates",)),
    )
    return Journey(
        "pizza-night",
        "journeys/pizza-night.md",
        "Pizza night at Molin's",
        stages,
        personas=(Ref("eva-molin", 1, "persona"),),
        scenario="Eva picks a place for dinner with two friends.",
    )


def sparse_journey() -> Journey:
    """Two stages and nothing but emotion."""
    return Journey(
        "two-moods",
        "two-moods.md",
        "Two moods",
        (Stage("Before", emotion=-1), Stage("After", emotion=1.5, feeling="calm")),
    )


# --- metrics ----------------------------------------------------------------


def test_widths_follow_dejavu_sans_and_the_fallback_rules() -> None:
    assert char_em("W") == pytest.approx(0.99, abs=0.005)  # DejaVu Sans 'W' is 0.989 em
    assert char_em("W", bold=True) > char_em("W")
    assert char_em("i") < char_em("m")
    assert char_em("中") == WIDE_EM
    assert char_em("あ") == WIDE_EM
    assert char_em("😀") == EMOJI_EM
    assert char_em("\u0301") == 0  # combining acute accent
    assert char_em("\u200d") == 0  # zero width joiner
    assert char_em("ก") == UNKNOWN_EM  # Thai: not in the table
    assert text_width("abc", 10) == pytest.approx(sum(char_em(c) for c in "abc") * 10)


def test_widths_are_never_below_liberation_sans_for_latin_text() -> None:
    # Liberation Sans (Arial metrics) advances in em, measured from the font.
    arial = {"a": 0.556, "m": 0.833, "W": 0.944, " ": 0.278, "i": 0.222, "M": 0.833}
    for char, width in arial.items():
        assert char_em(char) >= width


# --- wrapping ---------------------------------------------------------------


def test_wrapping_breaks_at_spaces_and_keeps_every_word() -> None:
    lines = wrap_text(LONG_LABEL, 180, 13)
    assert len(lines) > 2
    assert " ".join(lines) == LONG_LABEL
    for line in lines:
        assert line == line.strip()
        assert text_width(line, 13) <= 180


def test_a_long_word_without_spaces_is_broken_across_lines() -> None:
    lines = wrap_text(LONG_WORD, 150, 13)
    assert len(lines) > 3
    assert "".join(lines) == LONG_WORD
    assert all(text_width(line, 13) <= 150 for line in lines)


def test_cjk_text_without_spaces_wraps_between_characters() -> None:
    text = "金曜日の19時に6人のテーブルを予約したいのですが、フォームは4人までしか受け付けません。"
    lines = wrap_text(text, 120, 13)
    assert len(lines) > 2
    assert "".join(lines) == text
    assert all(text_width(line, 13) <= 120 for line in lines)
    # Closing punctuation never starts a line.
    assert not any(line[0] in "、。" for line in lines)


def test_wrapping_never_separates_combining_marks_or_emoji_sequences() -> None:
    accented = "e\u0301" * 60
    family = "👨\u200d👩\u200d👧" * 20
    for text in (accented, family, "🇸🇪" * 30):
        lines = wrap_text(text, 100, 13)
        assert "".join(lines) == text
        assert len(lines) > 1
        for line in lines:
            assert line[0] not in "\u0301\u200d"
            assert not line.endswith("\u200d")
    assert clusters("🇸🇪🇳🇴") == ["🇸🇪", "🇳🇴"]


def test_dates_and_numbers_are_not_broken_at_their_hyphens() -> None:
    lines = wrap_text("Owner: Kitchen · Due 2027-01-31", 150, 12)
    assert any("2027-01-31" in line for line in lines)


def test_right_to_left_is_decided_by_the_first_strong_character() -> None:
    assert is_rtl("مرحبا بالعالم")
    assert is_rtl("שלום עולם")
    assert is_rtl("2027 שלום")
    assert not is_rtl("Owner: המטבח")
    assert not is_rtl("12345")


def test_long_labels_are_cut_with_an_ellipsis_and_keep_the_full_text() -> None:
    text = "word " * 100
    assert truncate(text, 300).endswith("…")
    assert len(truncate(text, 300)) <= 301
    block = measure(text.strip(), 200, 13, STYLE)
    assert block.full_text == text.strip()
    assert "".join(block.lines).endswith("…")
    assert measure("short", 200, 13, STYLE).full_text is None
    assert not truncate("e\u0301" * 200, 300).startswith("\u0301")
    assert "\u0301…" in truncate("e\u0301" * 200, 300)


def test_style_refuses_text_below_twelve_pixels() -> None:
    with pytest.raises(ValueError):
        MapStyle(small_size=10)
    with pytest.raises(ValueError):
        MapStyle(column_width=100)


# --- placing ----------------------------------------------------------------


def _lane_keys(layout: MapLayout) -> list[str]:
    return [lane.key for lane in layout.lanes]


def test_all_lanes_in_order_when_all_have_content() -> None:
    layout = place_journey(rich_journey(), SETTINGS, STYLE)
    # Every lane the rich journey fills (it has no storyboard or blueprint layers).
    new = {"images", "physical_evidence", "frontstage", "support"}
    assert _lane_keys(layout) == [key for key, _ in LANES if key not in new]
    assert layout.visibility is not None
    backstage = layout.lanes[-1]
    assert layout.visibility[0] < backstage.y
    assert layout.visibility[0] > layout.lanes[-2].y + layout.lanes[-2].height


def test_empty_lanes_are_left_out() -> None:
    layout = place_journey(sparse_journey(), SETTINGS, STYLE)
    assert _lane_keys(layout) == ["emotion"]
    assert layout.visibility is None
    assert layout.cards == ()


def test_no_backstage_means_no_line_of_visibility() -> None:
    journey = rich_journey()
    stages = tuple(
        Stage(s.name, goal=s.goal, emotion=s.emotion, actions=s.actions) for s in journey.stages
    )
    layout = place_journey(Journey("j", "j.md", "J", stages), SETTINGS, STYLE)
    assert _lane_keys(layout) == ["goal", "actions", "emotion"]
    assert layout.visibility is None


def test_twelve_stages_make_twelve_columns() -> None:
    stages = tuple(Stage(f"Stage {n}", goal="Something") for n in range(1, 13))
    layout = place_journey(Journey("j", "j.md", "J", stages), SETTINGS, STYLE)
    assert len(layout.columns) == 12
    assert [h.index for h in layout.headers] == list(range(1, 13))
    assert layout.width == 2 * STYLE.margin + STYLE.label_width + 12 * STYLE.column_width


def _inside(label: Label, width: float, height: float) -> bool:
    block = label.block
    return (
        label.x >= 0
        and label.x + label.width <= width + 0.01
        and block.width <= label.width + 0.01
        and label.y >= 0
        and label.bottom <= height + 0.01
    )


def _overlap(a: Card, b: Card) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def test_cards_stay_in_their_lane_and_column_and_never_overlap() -> None:
    stages = tuple(
        Stage(
            f"Stage {n}",
            actions=(LONG_LABEL, LONG_WORD, "日本語のテキストはスペースなしで折り返されます" * 3),
            touchpoints=(
                Touchpoint(LONG_WORD, "web", LONG_LABEL, ("pain", "delight", "truth"), "high"),
            ),
            pains=("שלום עולם " * 10,),
            opportunities=(Opportunity(LONG_LABEL, LONG_WORD, dt.date(2027, 1, 1), "in-progress"),),
            metrics=((LONG_WORD, LONG_LABEL),),
        )
        for n in range(3)
    )
    layout = place_journey(Journey("j", "j.md", "J", stages), SETTINGS, STYLE)
    lanes = {lane.key: lane for lane in layout.lanes}
    for card in layout.cards:
        column = min(range(3), key=lambda i: abs(layout.columns[i] - card.x))
        assert layout.columns[column] <= card.x
        assert card.x + card.width <= layout.columns[column] + STYLE.column_width
        lane = next(lane for lane in lanes.values() if lane.y <= card.y < lane.y + lane.height)
        assert card.y + card.height <= lane.y + lane.height
        for label in card.labels:
            assert _inside(label, card.width, card.height), label.block.lines
        for icon in card.icons:
            assert icon.x >= 0 and icon.x + icon.width <= card.width
    for i, a in enumerate(layout.cards):
        for b in layout.cards[i + 1 :]:
            assert not _overlap(a, b)


def test_chips_in_a_touchpoint_card_do_not_overlap() -> None:
    layout = place_journey(rich_journey(), SETTINGS, STYLE)
    card = next(c for c in layout.cards if c.kind == "touchpoint" and len(c.icons) == 4)
    boxes = [(lab.x, lab.y, lab.x + lab.width, lab.bottom) for lab in card.labels]
    boxes += [(i.x, i.y, i.x + i.width, i.y + i.height) for i in card.icons]
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_faces_only_where_there_is_an_emotion_and_feelings_stay_in_the_lane() -> None:
    journey = Journey(
        "j",
        "j.md",
        "J",
        (
            Stage("A", emotion=2, feeling="on top of the world, really, truly happy"),
            Stage("B", feeling="no value"),
            Stage("C", emotion=-2, feeling="at the very bottom of the scale today"),
            Stage("D", aspiration=1),
        ),
    )
    layout = place_journey(journey, SETTINGS, STYLE)
    emotion = layout.emotion
    assert emotion is not None
    assert [p.stage for p in emotion.points] == [0, 2]
    assert [p.stage for p in emotion.aspirations] == [3]
    assert len(emotion.loose_feelings) == 1
    lane = layout.lanes[0]
    radius = emotion.face_radius
    for point in emotion.points:
        assert point.feeling is not None
        feeling = point.feeling
        assert lane.y <= feeling.y and feeling.bottom <= lane.y + lane.height
        # Above or below the face, never on it.
        assert feeling.bottom <= point.y - radius or feeling.y >= point.y + radius
    assert emotion.y_of(2) == emotion.top and emotion.y_of(-2) == emotion.bottom


def test_the_emotion_curve_never_overshoots_its_points() -> None:
    points = [
        (0.0, 10.0),
        (100.0, 90.0),
        (200.0, 85.0),
        (300.0, 10.0),
        (400.0, 10.0),
        (500.0, 50.0),
    ]
    path = monotone_curve(points)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    segments = [numbers[2 + 6 * i : 8 + 6 * i] for i in range(len(points) - 1)]
    for (_, y0), (x1, y1), segment in zip(points[:-1], points[1:], segments, strict=True):
        low, high = min(y0, y1), max(y0, y1)
        for y in segment[1::2]:
            assert low - 0.01 <= y <= high + 0.01
        assert segment[4:] == [x1, y1]
    assert monotone_curve([(5.0, 5.0)]) == "M5,5"
    assert monotone_curve([]) == ""


def test_every_label_fits_the_map() -> None:
    layout = place_journey(rich_journey(), SETTINGS, STYLE)
    labels = list(layout.heading) + [lane.title for lane in layout.lanes]
    for header in layout.headers:
        labels.append(header.name)
        assert header.x + header.width <= layout.width
    assert layout.emotion is not None
    labels += [label for _, _, label in layout.emotion.scale]
    labels += [p.feeling for p in layout.emotion.points if p.feeling]
    labels += [item.label for item in layout.legend]
    for label in labels:
        assert _inside(label, layout.width, layout.height), label.block.lines


def test_layout_is_a_pure_function_of_its_input() -> None:
    assert place_journey(rich_journey(), SETTINGS, STYLE) == place_journey(
        rich_journey(), SETTINGS, STYLE
    )


def test_emotion_values_outside_the_scale_are_clamped_and_nan_is_skipped() -> None:
    stages = (
        Stage("A", emotion=float("nan"), feeling="lost"),
        Stage("B", emotion=7),
        Stage("C", emotion=-1, aspiration=0),
    )
    layout = place_journey(Journey("j", "j.md", "J", stages), SETTINGS, STYLE)
    emotion = layout.emotion
    assert emotion is not None
    assert [p.stage for p in emotion.points] == [1, 2]
    assert emotion.points[0].y == emotion.top
    assert len(emotion.loose_feelings) == 1


def test_title_and_legend_can_be_left_out() -> None:
    style = MapStyle(show_title=False, show_legend=False)
    layout = place_journey(rich_journey(), SETTINGS, style)
    assert layout.heading == ()
    assert layout.legend == () and layout.legend_title is None
    # The phase bands come first, then the stage headers.
    top = layout.bands[0].y if layout.bands else layout.headers[0].y
    assert top == style.margin
    full = place_journey(rich_journey(), SETTINGS, STYLE)
    assert layout.height < full.height


def _reference_wrap(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    """The first version's character-by-character line breaking, kept as the yardstick
    of the faster one (same lines for every input)."""
    from cjm_site.svg.text import _LATIN, _can_break_before, _can_break_in_latin

    latin = _LATIN.fullmatch(text) is not None
    pieces = list(text) if latin else clusters(text)
    can_break = _can_break_in_latin if latin else _can_break_before
    ends = [0.0]
    for piece in pieces:
        ends.append(ends[-1] + text_width(piece, size, bold=bold))
    lines: list[str] = []
    start, count = 0, len(pieces)
    while start < count:
        while start < count and pieces[start] == " ":
            start += 1
        if start == count:
            break
        last_break, cut = -1, count
        for i in range(start + 1, count):
            if can_break(pieces[i - 1], pieces[i]):
                last_break = i
            if pieces[i] != " " and ends[i + 1] - ends[start] > width:
                cut = last_break if last_break > start else i
                break
        lines.append("".join(pieces[start:cut]).rstrip(" "))
        start = cut
    return tuple(lines)


def test_fast_wrapping_breaks_exactly_where_the_character_by_character_one_does() -> None:
    import random

    rng = random.Random(12)
    alphabet = [*"abcdefghij klmnop qrstuvw xyz-/–— ([{)]}.,;!?0123456789 ", *"中文。、😀"]
    alphabet += ["\u0301", "ש", "ل", "W", "i", "“", "‘"]
    cases = [
        "2027-01-31 check-in and/or drop-off",
        "a" * 80,
        "  leading and trailing  ",
        "",
        " ",
    ]
    for _ in range(600):
        cases.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90))))
    for text in cases:
        for width, size, bold in ((60, 13, False), (150, 12, True), (9, 15, False)):
            expected = _reference_wrap(text, width, size, bold)
            assert wrap_text(text, width, size, bold=bold) == expected, (text, width)
