"""The text search indexes for a journey: each stage's content once, escaped."""

from __future__ import annotations

import dataclasses
import re

from markupsafe import escape

from cjm_site.model import Stage
from cjm_site.rendering import stage_search_text
from tests.unit.test_layout import SETTINGS, rich_journey


def test_every_text_of_every_stage_is_there_once() -> None:
    journey = rich_journey()
    text = str(stage_search_text(journey, SETTINGS))
    paragraphs = re.findall(r"<p>(.*?)</p>", text)
    assert len(paragraphs) == len(journey.stages)
    first = journey.stages[0]
    expected: list[str] = [first.name, SETTINGS.spine_name(first.phase) or ""]
    expected += [first.goal or "", first.feeling or "", *first.actions]
    for touchpoint in first.touchpoints:
        expected.append(touchpoint.name)
        if touchpoint.channel:
            expected.append(SETTINGS.channel_name(touchpoint.channel) or "")
        if touchpoint.owner:
            expected.append(touchpoint.owner)
    expected += [*first.thoughts, *first.pains]
    for opportunity in first.opportunities:
        expected += [opportunity.text, *([opportunity.owner] if opportunity.owner else [])]
    expected += [f"{name}: {value}" for name, value in first.metrics]
    expected += first.backstage
    assert paragraphs[0].split(" · ") == [str(escape(words)) for words in expected]
    assert paragraphs[1].split(" · ") == ["Research", "frustrated", "Menu is a photo"]


def test_author_text_is_escaped() -> None:
    journey = rich_journey()
    hostile = Stage("<script>alert(1)</script> & co", pains=("<b>bold</b>",))
    journey = dataclasses.replace(journey, stages=(hostile,))
    text = str(stage_search_text(journey, SETTINGS))
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
