from __future__ import annotations

import pytest

from cjm_site import fields, model, rendering
from cjm_site.views import backlog, channels
from cjm_site.vocabulary import (
    ENGLISH,
    LANE_KEYS,
    MAP_PAGE_META,
    PAGE_META,
    TEXT_META,
    WORDS,
    Vocabulary,
    label,
)


@pytest.mark.parametrize(
    ("group", "values"),
    [
        ("kind", model.KINDS),
        ("evidence", model.EVIDENCE),
        ("moment", model.MOMENTS),
        ("priority", model.PRIORITIES),
        ("status", model.STATUSES),
        ("icon", model.MOMENTS),
    ],
)
def test_every_value_of_the_model_has_a_label(group: str, values: tuple[str, ...]) -> None:
    for value in values:
        assert f"{group}.{value}" in ENGLISH, f"{group}.{value}"
        assert WORDS.of(group, value) not in ("", value)


def test_every_lane_is_a_stage_field_with_a_label() -> None:
    stage_fields = {spec.name for spec in fields.STAGE_FIELDS}
    for key in LANE_KEYS:
        assert key in stage_fields
        assert f"lane.{key}" in ENGLISH


def test_free_words_are_shown_as_written() -> None:
    assert WORDS.of("kind", "odyssey") == "odyssey"
    assert WORDS.of("status", None, default=label("status.none")) == "No status"


def test_a_translation_is_one_mapping_and_falls_back_to_english() -> None:
    words = Vocabulary({"status.done": "Erledigt"})
    assert words.of("status", "done") == "Erledigt"
    assert words.of("status", "idea") == "Idea"
    assert words.label("lane.goal") == "Goal"


def test_old_tables_are_the_vocabulary() -> None:
    # One home: the modules that kept copies now hand out the same words.
    assert dict(rendering.KIND_LABELS) == WORDS.table("kind", model.KINDS)
    assert dict(backlog.STATUS_LABELS) == WORDS.table("status", model.STATUSES)
    assert channels.GROUPS[0] == ("online", "Online channels")


def test_page_meta_declares_what_checking_hands_on() -> None:
    names = [k.name for k in PAGE_META]
    assert len(names) == len(set(names))
    assert TEXT_META == ("title", "description", "tags")
    assert tuple(k for k in MAP_PAGE_META if k not in TEXT_META) == fields.PASSTHROUGH
