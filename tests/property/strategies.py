"""Front matter for hypothesis: valid journeys and personas as data, invalid ones with a
known fault, and YAML-like text that is mostly nonsense.

Valid pages are built as Python data and dumped with ``yaml.safe_dump`` (which
quotes ``NO`` or ``1:30`` as an author must); invalid ones are a valid page with
one mutation whose error the checker must report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

from cjm_site.escaping import clean_text
from cjm_site.model import EVIDENCE, KINDS, MOMENTS, PRIORITIES, STATUSES

# Every plane people write in, with controls, combining marks, RTL, CJK and emoji;
# no lone surrogates (they cannot be UTF-8 encoded at all).
CHARACTERS = st.characters(blacklist_categories=("Cs",))
TRICKY = st.sampled_from(
    [
        "NO",
        "yes",
        "off",
        "1:30",
        "01234",
        ".nan",
        "~",
        "null",
        "2024-02-30",
        "]]>",
        "<script>",
        '"><img src=x onerror=alert(1)>',
        "{{ 7*7 }}",
        "{% raw %}",
        "&amp;",
        "\u202e",
        "\u2066",
        "\u200f",
        "\u200b",
        "\u2028",
        "\x85",
        "Buy / Pay",
        "支払い",
        "الدفع",
        "👩🏽‍💻",
        "e\u0301",
        "\x0b",
        "*a",
        "&a",
        "!!python/name:x",
        "- ",
        ": ",
        "#",
        "|",
        ">",
        "'",
        '"',
        "\\",
        "%",
        "@",
        "`",
    ]
)


def _visible(text: str) -> bool:
    return bool(clean_text(text))


TEXT = st.one_of(
    st.text(CHARACTERS, min_size=1, max_size=40),
    st.lists(st.one_of(TRICKY, st.text(CHARACTERS, max_size=8)), min_size=1, max_size=6).map(
        " ".join
    ),
    st.text(CHARACTERS, min_size=200, max_size=400),
).filter(_visible)
"""A value that is still text after cleaning (so a required field is really there)."""
TEXTS = st.lists(TEXT, max_size=3)
EMOTION = st.integers(-200, 200).map(lambda n: n / 100)
DATE = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
SAFE_URL = st.sampled_from(
    ["https://intranet.example/r?q=1&a=2", "mailto:cx@example.org", "#stage-1", "HTTP://X.example"]
)


def _optional(
    draw: st.DrawFn, key: str, strategy: st.SearchStrategy[Any], out: dict[str, Any]
) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def touchpoints(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(TEXT)  # the shorthand: a name
    out: dict[str, Any] = {"name": draw(TEXT)}
    _optional(draw, "channel", TEXT, out)
    _optional(draw, "owner", TEXT, out)
    _optional(draw, "moments", st.lists(st.sampled_from(MOMENTS), max_size=3), out)
    _optional(draw, "priority", st.sampled_from(PRIORITIES), out)
    return out


@st.composite
def opportunities(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(TEXT)
    out: dict[str, Any] = {"text": draw(TEXT)}
    _optional(draw, "owner", TEXT, out)
    _optional(draw, "due", DATE, out)
    _optional(draw, "status", st.sampled_from(STATUSES), out)
    return out


@st.composite
def stages(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return draw(TEXT)  # the shorthand: a name
    out: dict[str, Any] = {"name": draw(TEXT)}
    _optional(draw, "goal", TEXT, out)
    _optional(draw, "actions", TEXTS, out)
    _optional(draw, "touchpoints", st.lists(touchpoints(), max_size=3), out)
    _optional(draw, "thoughts", TEXTS, out)
    _optional(draw, "emotion", EMOTION, out)
    _optional(draw, "feeling", TEXT, out)
    _optional(draw, "aspiration", EMOTION, out)
    _optional(draw, "pains", TEXTS, out)
    _optional(draw, "opportunities", st.lists(opportunities(), max_size=2), out)
    _optional(draw, "metrics", st.dictionaries(TEXT, TEXT, max_size=2), out)
    _optional(draw, "backstage", TEXTS, out)
    return out


@st.composite
def journeys(draw: st.DrawFn, max_stages: int = 6) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "journey", "title": draw(TEXT)}
    _optional(draw, "kind", st.sampled_from(KINDS), out)
    _optional(draw, "scenario", st.lists(TEXT, min_size=1, max_size=3).map("\n".join), out)
    _optional(draw, "goal", TEXT, out)
    _optional(draw, "owner", TEXT, out)
    _optional(draw, "expectations", TEXTS, out)
    _optional(draw, "evidence", st.sampled_from(EVIDENCE), out)
    _optional(draw, "updated", DATE, out)
    _optional(draw, "review_by", DATE, out)
    _optional(draw, "tags", TEXTS, out)
    _optional(draw, "description", TEXT, out)
    _optional(
        draw,
        "sources",
        st.lists(st.fixed_dictionaries({"title": TEXT}, optional={"url": SAFE_URL}), max_size=2),
        out,
    )
    out["stages"] = draw(st.lists(stages(), min_size=1, max_size=max_stages))
    return out


@st.composite
def personas(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "persona", "name": draw(TEXT)}
    for key in ("role", "segment", "description"):
        _optional(draw, key, TEXT, out)
    _optional(draw, "quote", st.lists(TEXT, min_size=1, max_size=3).map("\n".join), out)
    _optional(draw, "attributes", st.dictionaries(TEXT, TEXT, max_size=3), out)
    for key in ("goals", "needs", "pains", "motivations", "channels", "tags"):
        _optional(draw, key, TEXTS, out)
    return out


def dump(front: dict[str, Any], body: str = "# Page\n\nText.\n") -> bytes:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{text}---\n{body}".encode()


# -- invalid pages: a valid one with one fault ------------------------------------------


@dataclass(frozen=True)
class Fault:
    name: str
    data: bytes


def _stage_dicts(front: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for index, stage in enumerate(front["stages"]):
        if isinstance(stage, str):
            stage = front["stages"][index] = {"name": stage}
        out.append(stage)
    return out


MUTATIONS = (
    "title-list",
    "no-title",
    "no-stages",
    "empty-stages",
    "emotion-out-of-range",
    "emotion-word",
    "stage-without-name",
    "unknown-kind",
    "bad-date",
    "unsafe-url",
    "bad-id",
    "typo-key",
    "duplicate-key",
    "broken-yaml",
    "alias",
    "bad-tag",
    "non-text-key",
    "too-deep",
)


@st.composite
def invalid_journeys(draw: st.DrawFn) -> Fault:
    front = draw(journeys(max_stages=3))
    mutation = draw(st.sampled_from(MUTATIONS))
    stage = draw(st.sampled_from(_stage_dicts(front)))
    text_suffix = ""
    if mutation == "title-list":
        front["title"] = [draw(TEXT), draw(TEXT)]
    elif mutation == "no-title":
        del front["title"]
    elif mutation == "no-stages":
        del front["stages"]
    elif mutation == "empty-stages":
        front["stages"] = []
    elif mutation == "emotion-out-of-range":
        stage["emotion"] = draw(st.one_of(st.integers(3, 10**6), st.integers(-(10**6), -3)))
    elif mutation == "emotion-word":
        stage["emotion"] = draw(
            st.sampled_from(["yes", "NO", ".nan", ".inf", "1:30", "high", "1e3"])
        )
    elif mutation == "stage-without-name":
        stage.pop("name")
        stage["goal"] = draw(TEXT)
    elif mutation == "unknown-kind":
        front["kind"] = draw(TEXT.filter(lambda t: clean_text(t).casefold() not in KINDS))
    elif mutation == "bad-date":
        front["updated"] = draw(
            st.sampled_from(["2024-02-30", "2026-13-45", "yesterday", "2024-2-3"])
        )
    elif mutation == "unsafe-url":
        url = draw(
            st.sampled_from(
                [
                    "javascript:alert(1)",
                    "JaVa\tScRiPt:x",
                    "data:text/html,x",
                    "//evil.example",
                    "&#106;avascript:x",
                ]
            )
        )
        front["sources"] = [{"title": draw(TEXT), "url": url}]
    elif mutation == "bad-id":
        front["id"] = draw(st.sampled_from(["-x", "a b", "_x", "x/y", "<x>"]))
    elif mutation == "typo-key":
        front["titel"] = front.get("title", "x")
    elif mutation == "duplicate-key":
        text_suffix = "owner: one\nowner: two\n"
    elif mutation == "broken-yaml":
        text_suffix = "owner: [unclosed\n"
    elif mutation == "alias":
        text_suffix = "owner: &a one\ngoal: *a\n"
    elif mutation == "bad-tag":
        text_suffix = "owner: !!python/object/apply:os.system [x]\n"
    elif mutation == "non-text-key":
        text_suffix = "? [a, b]\n: x\n"
    elif mutation == "too-deep":
        text_suffix = "owner: " + "[" * 30 + "]" * 30 + "\n"
    if text_suffix:
        for key in ("owner", "goal"):
            front.pop(key, None)
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100) + text_suffix
    return Fault(mutation, f"---\n{text}---\n# Page\n".encode())


# -- nonsense -------------------------------------------------------------------------------

YAML_TOKENS = st.sampled_from(
    [
        "type: journey\n",
        "type: persona\n",
        "title: ",
        "name: ",
        "stages:\n",
        "  - name: ",
        "    emotion: ",
        "  - ",
        "- ",
        ": ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!str ",
        "!!python/name:os.system ",
        "!x ",
        "'",
        '"',
        "|\n",
        ">\n",
        "#",
        "---\n",
        "...\n",
        "\n",
        "  ",
        "\t",
        "\r\n",
        "\ufeff",
        "\x00",
        "\x0b",
        "%YAML 1.1\n",
        "<<: ",
        "1:30",
        "NO",
        ".nan",
        "2024-02-30",
        "]]>",
        "\\",
        "é",
        "日本",
        "\u202e",
        "\U0001f600",
        "\u2028",
        "\u2029",
        "\x85",
    ]
)
YAML_LIKE = st.lists(st.one_of(YAML_TOKENS, st.text(CHARACTERS, max_size=5)), max_size=60).map(
    lambda parts: "---\n" + "".join(parts) + "\n---\n# Page\n"
)
"""Front matter that is mostly not YAML, around the fence."""

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(CHARACTERS, max_size=20),
    DATE,
    st.datetimes(),
    st.binary(max_size=8),
)
STRUCTURED = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.text(CHARACTERS, max_size=8), st.integers()), children, max_size=4
        ),
    ),
    max_leaves=25,
)
KEYS = st.sampled_from(
    [
        "type",
        "title",
        "name",
        "stages",
        "persona",
        "improves",
        "id",
        "emotion",
        "kind",
        "image",
        "template",
        "status",
        "icon",
    ]
)
ANY_FRONT = st.dictionaries(
    st.one_of(KEYS, st.text(CHARACTERS, max_size=8)), STRUCTURED, max_size=6
)
"""Any data YAML can hold (bytes, dates, NaN, numbers as keys) under the format's keys."""


# -- file names, line separators and settings (issue 11, "Done when") ---------------------

NAME_PARTS = st.sampled_from(
    [
        " ",
        "\n",
        "\r",
        "\t",
        "..",
        ".",
        "-",
        "#",
        "?",
        "&",
        "%2e",
        "::error::x",
        "é",
        "e\u0301",
        "日本語",
        "الدفع",
        "\u202e",
        "\u2066",
        "\u200f",
        "\u061c",
        "\u2028",
        "\x85",
        "\ufeff",
        "👩🏽‍💻",
        "a",
        "map",
    ]
)
FILE_NAMES = st.lists(
    st.one_of(NAME_PARTS, st.text(CHARACTERS.filter(lambda c: c not in "/\x00"), max_size=4)),
    min_size=1,
    max_size=6,
).map("".join)
"""One file name (no folder separator, no NUL: a file system allows anything else)."""
PATHS = st.tuples(
    st.sampled_from(["", "journeys/", "a b/", "../", "./", "x/../", "日本/", "\u202e/"]),
    FILE_NAMES,
).map(lambda parts: f"{parts[0]}{parts[1]}.md")
"""A docs path as a host might list it: any name, in odd folders."""

LINE_SEPARATORS = st.sampled_from(["\u2028", "\u2029", "\x85"])
PLAIN_WORDS = st.lists(
    st.one_of(st.sampled_from(["Order", "pay", "é", "日本", "الدفع"]), LINE_SEPARATORS),
    min_size=1,
    max_size=8,
).map(lambda parts: "A " + " ".join(parts))
"""A plain YAML scalar with raw line separators inside it (YAML 1.1 breaks lines there)."""

IDS = st.text(st.sampled_from("abcxyz-_.é0123456789 \u202e"), min_size=1, max_size=8)
ANY_SETTINGS = st.builds(
    lambda spine, channels: (spine, channels),
    st.lists(st.tuples(IDS, TEXT), max_size=4),
    st.lists(st.tuples(IDS, TEXT, st.booleans()), max_size=4),
)
"""A spine (id, name) and channels (id, name, online) as the plugin's settings give them."""
