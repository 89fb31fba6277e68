from __future__ import annotations

import datetime as dt
import json

from cjm_site.catalogue import catalogue_document, catalogue_json, review_of
from cjm_site.checking import check_page
from cjm_site.linking import link
from cjm_site.model import Settings
from cjm_site.reading import read_page


def _site():  # type: ignore[no-untyped-def]
    persona = check_page(read_page("p/eva.md", b"---\ntype: persona\nname: Eva\n---\n"))
    journey = check_page(
        read_page(
            "j/a.md",
            b"---\ntype: journey\ntitle: A\npersona: eva\nreview_by: 2026-12-01\nstages:\n"
            b"  - name: One\n    emotion: 1\n    pains: x\n    touchpoints:\n"
            b"      - {name: T, moments: [pain, truth]}\n  - name: Two\n    emotion: -0.5\n---\n",
        )
    )
    return link([persona, journey])


def test_document_holds_summary_and_relations() -> None:
    settings = Settings(today=dt.date(2026, 11, 26))
    doc = catalogue_document(_site(), settings, {"j/a.md": "j/a/", "svg:a": "maps/a.svg"})
    (journey,) = doc["journeys"]
    assert journey["summary"] == {
        "stages": 2,
        "pains": 2,
        "moments_of_truth": 1,
        "average_emotion": 0.25,
    }
    assert (
        journey["review"] == "soon" and journey["url"] == "j/a/" and journey["svg"] == "maps/a.svg"
    )
    assert doc["personas"][0]["journeys"] == ["a"]
    text = catalogue_json(doc)
    assert json.loads(text) == doc
    assert text == catalogue_json(
        catalogue_document(_site(), settings, {"j/a.md": "j/a/", "svg:a": "maps/a.svg"})
    )


def test_review_states() -> None:
    journey = _site().journeys[0]
    assert review_of(journey, dt.date(2026, 11, 1), 30).state == "soon"
    assert review_of(journey, dt.date(2026, 10, 1), 30).state == "ok"
    assert review_of(journey, dt.date(2026, 12, 2), 30).days == -1


def test_streamed_json_is_the_same_text() -> None:
    """write_catalogue_json makes iterators and parts as it goes, and writes json.dumps' bytes."""
    import io

    from cjm_site.catalogue import catalogue_parts, write_catalogue_json

    settings = Settings(today=dt.date(2026, 11, 26))
    urls = {"j/a.md": "j/a/", "svg:a": "maps/a.svg"}
    made: list[str] = []

    def part() -> dict[str, object]:
        made.append("part")
        return {"rows": (row for row in [{"é": "“q”\nx", "n": [1, {}]}, []]), "none": iter(())}

    for chunk in (7, 1 << 16):
        document = catalogue_parts(_site(), settings, urls)
        document.update({"part": part, "empty": {}, "nested": {"a": [{"b": []}]}})
        out = io.BytesIO()
        write_catalogue_json(document, out, chunk)
        expected = {**catalogue_document(_site(), settings, urls)}
        expected.update(
            {
                "part": {"rows": [{"é": "“q”\nx", "n": [1, {}]}, []], "none": []},
                "empty": {},
                "nested": {"a": [{"b": []}]},
            }
        )
        assert (
            out.getvalue().decode("utf-8")
            == json.dumps(expected, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        )
    assert made == ["part", "part"]
