from __future__ import annotations

import pytest

from cjm_site.reading import Limits, YMap, YScalar, YSeq, read_page, split_front_matter


def messages(source: str | bytes) -> list[str]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return [str(f) for f in read_page("p.md", data).findings]


def test_split_keeps_body_and_its_line() -> None:
    split = split_front_matter("---\na: 1\n---\n# Title\n")
    assert split == ("a: 1\n", "# Title\n", 4)
    assert split_front_matter("# No front matter\n---\n") is None
    assert split_front_matter("---\nnever closed\n") is None


def test_tree_keeps_lines_and_the_authors_text() -> None:
    page = read_page("p.md", b"---\nanswer: NO\ntime: 1:30\nzip: 01234\nlist:\n  - x\n---\n")
    assert isinstance(page.front, YMap)
    values = {k.value: v for k, v in page.front.entries}
    assert isinstance(values["answer"], YScalar) and values["answer"].value == "NO"
    assert values["time"].value == "1:30"  # type: ignore[union-attr]
    assert values["zip"].value == "01234"  # type: ignore[union-attr]
    assert isinstance(values["list"], YSeq) and values["list"].items[0].line == 6


def test_bom_and_crlf_are_accepted() -> None:
    page = read_page("p.md", "\ufeff---\r\ntitle: A\r\n---\r\nbody\r\n".encode())
    assert page.findings == ()
    assert page.front is not None and page.front.keys() == ["title"]
    assert page.body == "body\n"


def test_non_utf8_byte_is_reported_with_its_position() -> None:
    assert messages(b"---\ntitle: caf\xe9\n---\n") == [
        "p.md:2: byte 0xe9 at column 11 is not UTF-8; "
        "save the file as UTF-8 (it was read with replacement characters)"
    ]


def test_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    page = read_page("p.md", b"---\nowner: A\nowner: B\nkind: x\n---\n")
    assert [str(f) for f in page.findings] == [
        "p.md:3: duplicate key 'owner' (first on line 2); YAML would silently keep only the last one"
    ]
    assert page.front is not None
    assert [(k.value, v.value) for k, v in page.front.entries] == [("owner", "A"), ("kind", "x")]  # type: ignore[union-attr]


def test_aliases_are_refused_so_billion_laughs_never_expands() -> None:
    lol = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
            for i in range(8)
        )
        + "---\n"
    )
    # How long the refusal takes: python -m tests.benchmarks.hostile (no timed asserts).
    assert messages(lol) == [
        "p.md:3: aliases (*a) are not supported in front matter; write the value out in full"
    ]


@pytest.mark.parametrize("depth", [25, 2000, 30_000])
def test_deep_nesting_is_refused_without_a_crash(depth: int) -> None:
    source = "---\na: " + "[" * depth + "]" * depth + "\n---\n"
    assert messages(source) == ["p.md:2: front matter is nested more than 24 levels deep"]


def test_size_limit() -> None:
    source = "---\na: " + "x" * 300_000 + "\n---\n"
    assert messages(source) == [
        "p.md:1: front matter is 300,004 bytes, more than the limit of 262,144; "
        "split the page or move long text into the body"
    ]
    assert read_page("p.md", source.encode(), Limits(max_bytes=400_000)).findings == ()


def test_non_standard_tags_and_keys_are_refused() -> None:
    assert messages("---\na: !!python/object/apply:os.system [ls]\n---\n") == [
        "p.md:2: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed; "
        "write plain values"
    ]
    assert messages("---\n? [a, b]\n: c\n---\n") == [
        "p.md:2: only text keys are allowed in front matter"
    ]
    assert messages("---\n1: a\n---\n") == []  # a plain 1 is the text key '1'


def test_yaml_errors_give_a_line_not_a_traceback() -> None:
    assert messages("---\ntitle: A\nstages: [\n---\n") == [
        "p.md:4: YAML does not parse: did not find expected node content"
    ]
    assert messages("---\n- a list\n---\n") == [
        "p.md:2: front matter must be a mapping of keys to values"
    ]
    assert messages("---\na: 1\n---\nb: 2\n") == []


def test_several_documents_are_refused() -> None:
    page = read_page("p.md", b"---\na: 1\n--- \n")
    assert page.findings == ()  # the second fence ends the front matter
