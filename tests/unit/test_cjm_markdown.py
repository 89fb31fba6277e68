"""The Python-Markdown extension, called the way any tool calls Python-Markdown."""

from __future__ import annotations

import logging
import re
from typing import Any

import markdown
import pytest
from cjm_markdown import fence_format, fence_validator, mermaid_format

from tests.unit.test_mermaid import EXAMPLES

YAML_FENCE = """\
# A blog post

Some text.

```journey
title: Pizza night
persona: Eva Molin
stages:
  - name: Hear about it
    emotion: 1
  - name: Wait for a table
    emotion: -2
```

More text.
"""

MERMAID = """\
journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Do work: 1: Me, Cat
"""


def html(text: str, **config: Any) -> str:
    return markdown.markdown(
        text, extensions=["cjm_markdown"], extension_configs={"cjm_markdown": config}
    )


def maps(page: str) -> list[str]:
    return re.findall(r'<figure class="cjm-map cjm-fence-map"><svg .*?</svg></figure>', page, re.S)


def test_a_yaml_fence_becomes_a_map_in_its_place() -> None:
    page = html(YAML_FENCE)
    [drawn] = maps(page)
    assert page.index("<p>Some text.</p>") < page.index(drawn) < page.index("<p>More text.</p>")
    assert "<title" in drawn and "Pizza night</title>" in drawn
    assert "Hear about it" in drawn and "Wait for a table" in drawn
    assert "Eva Molin" in drawn
    assert "<pre>" not in page and "<code>" not in page


def test_a_mermaid_journey_in_a_journey_fence() -> None:
    [drawn] = maps(html(f"```journey\n{MERMAID}```\n"))
    assert "My working day</title>" in drawn
    assert "Make tea" in drawn and "Me, Cat" in drawn


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_mermaid_example_is_drawn(name: str) -> None:
    page = html(f"```mermaid\n{EXAMPLES[name]}\n```\n", mermaid=True)
    assert len(maps(page)) == 1, page
    assert len(maps(html(f"```journey\n{EXAMPLES[name]}\n```\n"))) == 1


def test_mermaid_fences_only_when_asked_and_only_journeys() -> None:
    text = f"```mermaid\n{MERMAID}```\n\n```mermaid\ngraph TD\n  a --> b\n```\n"
    assert maps(markdown.markdown(text, extensions=["cjm_markdown", "fenced_code"])) == []
    page = markdown.markdown(
        text,
        extensions=["cjm_markdown", "fenced_code"],
        extension_configs={"cjm_markdown": {"mermaid": True}},
    )
    assert len(maps(page)) == 1
    assert '<pre><code class="language-mermaid">graph TD\n  a --&gt; b\n</code></pre>' in page


def test_errors_appear_in_place_and_in_the_log_with_the_pages_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = YAML_FENCE.replace("emotion: -2", "emotion: -5").replace("title: Pizza night\n", "")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.cjm_markdown"):
        page = html(broken)
    assert maps(page) == []
    assert (
        '<div class="admonition failure cjm-fence-error" role="alert">'
        '<p class="admonition-title">This journey map could not be drawn</p><ul>'
        "<li>line 6: title: required field is missing from this journey</li>"
        "<li>line 11: stages[1].emotion: -5 is outside -2..2</li></ul></div>"
    ) in page
    assert "<p>More text.</p>" in page
    assert [r.getMessage() for r in caplog.records] == [
        "Markdown:6: title: required field is missing from this journey",
        "Markdown:11: stages[1].emotion: -5 is outside -2..2",
    ]


def test_later_fences_keep_their_line_numbers() -> None:
    text = YAML_FENCE + "\n```journey\njourney\n  Oops\n```\n"
    assert "<li>line 19: mermaid: expected a task" in html(text)


def test_mermaid_errors_count_lines_in_the_page() -> None:
    page = html("Intro\n\n```journey\njourney\n  title T\n  Make tea: five\n```\n")
    assert (
        "<li>line 6: mermaid: task &#x27;Make tea&#x27;: &#x27;five&#x27; is not a number" in page
    )


def test_user_text_is_escaped_in_maps_and_error_boxes() -> None:
    hostile = (
        "```journey\ntitle: <script>alert(1)</script>\nstages:\n"
        "  - name: <img src=x onerror=alert(1)>\n    emotion: 1\n```\n"
    )
    page = html(hostile)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    broken = "```journey\ntitle: T\nstages:\n  - name: A\n    emotion: <b onclick=x>1</b>\n```\n"
    page = html(broken)
    assert "<b " not in page
    assert "got &#x27;&lt;b onclick=x&gt;1&lt;/b&gt;&#x27;</li>" in page


def test_a_fence_that_is_not_a_journey() -> None:
    page = html("```journey\ntype: persona\nname: Eva\n```\n")
    assert "type: a journey fence holds a journey: `type: journey`, or leave `type` out" in page


def test_personas_by_id_when_a_docs_folder_knows_them(tmp_path: Any) -> None:
    (tmp_path / "eva.md").write_text("---\ntype: persona\nname: Eva Molin\n---\n", "utf-8")
    text = "```journey\ntitle: T\npersona: eva\nstages: [{name: A, emotion: 1}]\n```\n"
    assert "Eva Molin" in html(text, docs_dir=str(tmp_path))
    assert "Eva Molin" not in html(text)


def test_output_is_deterministic() -> None:
    assert html(YAML_FENCE) == html(YAML_FENCE)


SUPERFENCES = {
    "custom_fences": [
        {
            "name": "journey",
            "class": "journey",
            "format": fence_format,
            "validator": fence_validator,
        },
        {"name": "mermaid", "class": "mermaid", "format": mermaid_format},
    ]
}


def test_as_superfences_custom_fences() -> None:
    text = YAML_FENCE + f"\n```mermaid\n{MERMAID}```\n\n```mermaid\ngraph TD\n  a --> b\n```\n"
    page = markdown.markdown(
        text,
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": SUPERFENCES},
    )
    assert len(maps(page)) == 2
    assert '<pre class="mermaid"><code>graph TD\n  a --&gt; b</code></pre>' in page
    broken = YAML_FENCE.replace("emotion: -2", "emotion: -5")
    page = markdown.markdown(
        broken,
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": SUPERFENCES},
    )
    assert "<li>line 12: stages[1].emotion: -5 is outside -2..2</li>" in page


def test_superfences_journey_fences_take_no_options() -> None:
    assert fence_validator("journey", {}, {}, {}, markdown.Markdown())
    assert not fence_validator("journey", {"linenums": "1"}, {}, {}, markdown.Markdown())


def test_registered_as_a_markdown_extension_entry_point() -> None:
    from importlib.metadata import entry_points

    [entry] = [e for e in entry_points(group="markdown.extensions") if e.name == "cjm_markdown"]
    assert entry.value == "cjm_markdown:JourneyExtension"
    assert maps(markdown.markdown(YAML_FENCE, extensions=[entry.load()()]))


def test_zensical_settings_are_checked_and_said(caplog: pytest.LogCaptureFixture) -> None:
    from cjm_markdown.hosts import settings_of

    with caplog.at_level(logging.WARNING):
        settings = settings_of(
            [{"id": "awareness", "name": "Awareness"}, "purchase", {"id": "awareness"}],
            {"web": {"name": "Website"}, "store": {"name": "Store", "online": "no"}, "x": 3},
        )
    assert [s.id for s in settings.spine] == ["awareness"]
    assert [(c.id, c.online) for c in settings.channels] == [("web", True)]
    assert caplog.messages == [
        "cjm_markdown: spine[1]: expected {id, name} but received 'purchase'",
        "cjm_markdown: spine[2]: the id 'awareness' comes twice",
        "cjm_markdown: channels.store: expected {name, online} but received "
        "{'name': 'Store', 'online': 'no'}",
        "cjm_markdown: channels.x: expected {name, online} but received 3",
    ]


def test_zensical_pages_get_their_blocks_under_the_first_heading() -> None:
    from cjm_markdown.hosts import Page
    from cjm_markdown.pages import SiteLinker, with_blocks

    from cjm_site.model import Settings
    from cjm_site.pipeline import Handbook, Source

    persona = b"---\ntype: persona\nname: Eva Molin\n---\n# Eva\n\nText.\n"
    journey = (
        b"---\ntype: journey\ntitle: Trip\npersona: eva-molin\n"
        b"stages: [{name: Arrive, emotion: 1}]\n---\n"
        b"```sh\n# not a heading\n```\n\n# Trip\n\nStory.\n"
    )
    handbook = Handbook.read(
        [Source.of("people/eva-molin.md", persona), Source.of("maps/trip.md", journey)],
        Settings(),
    )
    stash: list[str] = []

    def store(html: str) -> str:
        stash.append(html)
        return f"@@{len(stash)}@@"

    lines = ["```sh", "# not a heading", "```", "", "# Trip", "", "Story."]
    page = Page("maps/trip.md", None, "docs", zensical=True)
    out = with_blocks(lines, page, handbook, store)
    assert out[:7] == ["```sh", "# not a heading", "```", "", "# Trip", "", "@@1@@"]
    assert 'class="cjm-journey-map"' in stash[0]
    assert 'href="../people/eva-molin.md"' in stash[0]  # Zensical makes it the page's URL
    stash.clear()
    page = Page("people/eva-molin.md", None, "docs", zensical=True)
    out = with_blocks(["# Eva", "", "Text."], page, handbook, store)
    assert out == ["# Eva", "", "@@1@@", "", "", "Text.", "", "@@2@@", ""]
    assert 'href="../maps/trip.md"' in stash[1] and "Trip" in stash[1]
    assert SiteLinker("index.md").page("maps/trip.md") == "maps/trip.md"
