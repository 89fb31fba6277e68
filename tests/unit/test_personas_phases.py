"""Several personas on one map, phases as bands, hypotheses (issue 14): checking and drawing."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cjm_site.checking import check_page
from cjm_site.drawing import draw_journey
from cjm_site.model import Finding, Journey, Settings, SpineStage
from cjm_site.phases import phase_bands
from cjm_site.reading import read_page
from cjm_site.svg.phases import hatch_path
from cjm_site.voices import initials, persona_average, voiced_personas

SVG = "{http://www.w3.org/2000/svg}"
SETTINGS = Settings(
    spine=(
        SpineStage("awareness", "Awareness"),
        SpineStage("purchase", "Purchase"),
        SpineStage("service", "Service"),
    )
)


def checked(front: str, settings: Settings = SETTINGS) -> tuple[Journey | None, list[Finding]]:
    text = f"---\ntype: journey\ntitle: T\n{front}---\n# T\n"
    page = check_page(read_page("journeys/t.md", text.encode("utf-8")), settings)
    return page.journey, list(page.findings)


TWO = "personas: [marek-novak, sofia-costa]\n"


def test_a_plain_value_still_means_every_persona() -> None:
    journey, findings = checked(TWO + "stages:\n  - {name: A, emotion: 1, feeling: calm}\n")
    assert findings == [] and journey is not None
    stage = journey.stages[0]
    assert stage.value_for("emotion", "sofia-costa") == 1.0
    assert stage.value_for("feeling", "marek-novak") == "calm"
    assert voiced_personas(journey) == ()


def test_per_persona_values_keep_a_summary_for_the_views() -> None:
    journey, findings = checked(
        TWO
        + "stages:\n  - name: A\n    emotion: {marek-novak: 1, sofia-costa: -2}\n"
        + "    thoughts: {marek-novak: [One, Two], sofia-costa: Three}\n"
        + "  - {name: B, emotion: {marek-novak: 2}}\n"
    )
    assert findings == [] and journey is not None
    first, second = journey.stages
    assert first.emotion == -0.5  # the mean: the heat-map and averages read it
    assert first.thoughts == ("One", "Two", "Three")
    assert second.value_for("emotion", "sofia-costa") is None  # not given for her
    assert voiced_personas(journey) == ("marek-novak", "sofia-costa")
    assert persona_average(journey, "marek-novak") == 1.5
    assert persona_average(journey, "sofia-costa") == -2.0


def test_an_unknown_persona_key_names_file_line_field_and_a_suggestion() -> None:
    journey, findings = checked(
        TWO + "stages:\n  - name: A\n    emotion:\n      marek-novak: 1\n      sofia-costta: -1\n"
    )
    (finding,) = findings
    assert finding.level == "error"
    assert (finding.path, finding.line, finding.field) == (
        "journeys/t.md",
        9,
        "stages[0].emotion.sofia-costta",
    )
    assert "did you mean 'sofia-costa'?" in finding.message and finding.hint == "sofia-costa"
    assert journey is not None
    assert [v.persona for v in journey.stages[0].voices] == ["marek-novak"]  # the rest is kept


def test_a_per_persona_value_on_a_map_without_personas_says_what_to_do() -> None:
    _, findings = checked("stages:\n  - {name: A, feeling: {eva: calm}}\n")
    (finding,) = findings
    assert finding.field == "stages[0].feeling.eva"
    assert "write one value for everyone" in finding.message


def test_a_bad_value_for_one_persona_is_reported_at_its_key() -> None:
    _, findings = checked(TWO + "stages:\n  - {name: A, emotion: {marek-novak: 3}}\n")
    assert [(f.field, f.message) for f in findings] == [
        ("stages[0].emotion.marek-novak", "3 is outside -2..2")
    ]


PHASES = "stages:\n" + "".join(
    f"  - {{name: S{i}, phase: {phase}{extra}}}\n"
    for i, (phase, extra) in enumerate(
        [
            ("awareness", ""),
            ("service", ""),
            ("service", ""),
            ("purchase", ""),
            ("service", ""),
        ]
    )
)


def test_phases_that_come_back_or_run_backwards_are_warned_about() -> None:
    journey, findings = checked(PHASES)
    assert journey is not None
    assert [(f.level, f.line, f.field) for f in findings] == [
        ("warning", 8, "stages[3].phase"),
        ("warning", 9, "stages[4].phase"),
    ]
    assert "'Purchase' comes before 'Service'" in findings[0].message
    assert "comes back after another phase (it began at stage 2)" in findings[1].message
    assert "loop: true" in findings[1].message


def test_loop_true_acknowledges_a_deliberate_loop() -> None:
    looped = PHASES.replace("phase: purchase}", "phase: purchase, loop: true}").replace(
        "{name: S4, phase: service}", "{name: S4, phase: service, loop: yes}"
    )
    journey, findings = checked(looped)
    assert findings == [] and journey is not None
    assert [s.loop for s in journey.stages] == [False, False, False, True, True]


def test_consecutive_stages_of_a_phase_make_one_band() -> None:
    journey, _ = checked(PHASES + "  - {name: S5}\n  - {name: S6, phase: service}\n")
    assert journey is not None
    bands = [(b.name, b.first, b.last) for b in phase_bands(journey, SETTINGS)]
    assert bands == [
        ("Awareness", 0, 0),
        ("Service", 1, 2),
        ("Purchase", 3, 3),
        ("Service", 4, 4),
        ("Service", 6, 6),  # a stage without a phase ends a band
    ]


def _svg(journey: Journey, names: tuple[str, ...] = ()) -> ET.Element:
    return ET.fromstring(draw_journey(journey, SETTINGS, id_prefix="m", persona_names=names))


def _classes(root: ET.Element) -> list[str]:
    return [e.get("class", "") for e in root.iter()]


def test_the_map_draws_bands_numbers_every_header_alike_and_hatches_a_hypothesis() -> None:
    journey, _ = checked("evidence: hypothesis\n" + PHASES)
    assert journey is not None
    root = _svg(journey)
    headers = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cjm-stage"]
    kickers = [next(g.iter(f"{SVG}text")).text for g in headers]
    assert kickers == [f"Stage {n}" for n in range(1, 6)]
    bands = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "cjm-phases")
    assert [t.text for t in bands.iter(f"{SVG}text")] == [
        "Awareness",
        "Service",
        "Purchase",
        "Service",
    ]
    assert "cjm-hatch" in _classes(root)
    assert any("Hatched: a hypothesis" in (t.text or "") for t in root.iter(f"{SVG}text"))
    researched, _ = checked("evidence: researched\n" + PHASES)
    assert researched is not None
    assert "cjm-hatch" not in _classes(_svg(researched))


def test_a_curve_per_persona_with_initials_on_their_cards() -> None:
    journey, _ = checked(
        TWO
        + "stages:\n"
        + "  - {name: A, emotion: {marek-novak: 1, sofia-costa: -1}, thoughts: {sofia-costa: Hm}}\n"
        + "  - {name: B, emotion: {marek-novak: 2, sofia-costa: -2}, feeling: {marek-novak: glad}}\n"
    )
    assert journey is not None
    root = _svg(journey, ("Marek Novak", "Sofia Costa"))
    curves = [e for e in root.iter(f"{SVG}path") if "cjm-persona-curve" in e.get("class", "")]
    in_lane = [c for c in curves if c.get("d", "").count("C")]
    assert len(in_lane) == 2
    assert {c.get("stroke-dasharray") for c in in_lane} == {None, "9 5"}
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "SC" in texts  # the chip on Sofia's thought
    assert "MN: glad" in texts
    assert any((t or "").startswith("Marek Novak (MN)") for t in texts)
    desc = "".join(next(root.iter(f"{SVG}desc")).itertext())
    assert "Sofia Costa (SC, square markers): A −1, B −2." in desc


@pytest.mark.parametrize(
    ("names", "chips"),
    [
        (("Marek Novak", "Sofia Costa"), ("MN", "SC")),
        (("Ann Lee", "Al Lu", "Ann Lind"), ("AL", "AL2", "AL3")),
        (("Cher", "marek-novak"), ("Ch", "MN")),
    ],
)
def test_initials_are_short_and_unique(names: tuple[str, ...], chips: tuple[str, ...]) -> None:
    assert initials(names) == chips


def test_the_hatching_stays_inside_its_area() -> None:
    d = hatch_path(10, 20, 100, 50)
    numbers = [float(n) for n in d.replace("M", " ").replace("L", " ").replace(",", " ").split()]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) >= 10 and max(xs) <= 110 and min(ys) >= 20 and max(ys) <= 70
    assert d.count("M") > 5
