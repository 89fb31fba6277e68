"""Plugin behaviour on small sites: placement, overrides, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sitebuild import JOURNEY, PERSONA, build_site, run_mkdocs, write_site


def test_map_goes_where_the_author_puts_the_marker(tmp_path: Path) -> None:
    marked = JOURNEY.replace("Story.", "Before.\n\n<!-- journey-map -->\n\nAfter.")
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": marked})
    html = build_site(config, strict=True).page("j/pizza/index.html")
    assert html.index("Before.") < html.index('class="cjm-map"') < html.index("After.")


def test_map_goes_under_the_first_heading_by_default(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY})
    html = build_site(config, strict=True).page("j/pizza/index.html")
    assert html.index("</h1>") < html.index('class="cjm-journey"') < html.index("Story.")


def test_templates_can_be_overridden_from_custom_dir(tmp_path: Path) -> None:
    (tmp_path / "overrides" / "cjm").mkdir(parents=True)
    (tmp_path / "overrides" / "cjm" / "persona.html").write_text(
        '<p class="house-card">{{ persona.name }} works as {{ persona.role }}</p>', encoding="utf-8"
    )
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY},
        extra={"theme": {"name": "material", "font": False, "custom_dir": "overrides"}},
    )
    html = build_site(config, strict=True).page("p/eva-molin/index.html")
    assert '<p class="house-card">Eva Molin works as Journalist</p>' in html
    assert 'class="cjm-persona"' not in html


def test_plain_plugin_setting_works(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY}, plugin={})
    built = build_site(config, strict=True)
    assert built.ok and built.warnings == []
    assert "cjm-map" in built.page("j/pizza/index.html")


def test_disabled_plugin_leaves_pages_alone(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY}, plugin={"enabled": False}
    )
    built = build_site(config, strict=True)
    assert built.ok
    assert "cjm-map" not in built.page("j/pizza/index.html")
    assert not (built.site / "catalogue.json").exists()


def test_review_date_comes_from_source_date_epoch(tmp_path: Path) -> None:
    page = JOURNEY.replace("stages:", "review_by: 2026-12-01\nstages:")
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": page})
    before = build_site(config, epoch="1795651200").page("j/pizza/index.html")  # 2026-11-26
    assert "Review coming up" in before and "in 5 days" in before
    after = build_site(config, epoch="1798761600").page("j/pizza/index.html")  # 2027-01-01
    assert "Due for review" in after and "31 days ago" in after


def test_broken_persona_image_is_reported(tmp_path: Path) -> None:
    persona = PERSONA.replace("role: Journalist", "role: Journalist\nimage: ../../secret.png")
    config = write_site(tmp_path, {"p/eva-molin.md": persona, "j/pizza.md": JOURNEY})
    built = build_site(config)
    assert built.cjm_warnings == [
        "p/eva-molin.md:5: image: '../../secret.png' is outside the docs folder; put the picture beside the page"
    ]


def test_rebuild_like_serve_redraws_only_the_edited_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import cjm_site.pipeline as adapter

    pages = {
        "p/eva-molin.md": PERSONA,
        **{f"j/map{i}.md": JOURNEY.replace("Pizza night", f"Map {i}") for i in range(5)},
    }
    config_file = write_site(tmp_path, pages)
    drawn: list[str] = []
    real = adapter.draw_journey

    def counting(journey, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(journey.id)
        return real(journey, *args, **kwargs)

    monkeypatch.setattr(adapter, "draw_journey", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    # `mkdocs serve` loads the config again for every rebuild; MkDocs keeps a
    # plugin that has on_startup, so the caches survive.
    first = load_config(str(config_file))
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    assert sorted(set(drawn)) == [f"map{i}" for i in range(5)]
    drawn.clear()

    edited = tmp_path / "docs" / "j" / "map3.md"
    edited.write_text(
        JOURNEY.replace("Pizza night", "Map 3, renamed").replace("emotion: 1", "emotion: 2"),
        encoding="utf-8",
    )
    second = load_config(str(config_file))
    assert second.plugins["cjm"] is first.plugins["cjm"]
    build(second)
    assert drawn == ["map3"]  # one drawing serves the page and the file; nothing else
    catalogue = (tmp_path / "site" / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert "Map 3, renamed" in catalogue and "Map 3</a>" not in catalogue
    data = json.loads((tmp_path / "site" / "catalogue.json").read_text(encoding="utf-8"))
    assert [s["emotion"] for s in data["journeys"][3]["stages"]] == [2.0, -1.0]

    drawn.clear()
    third = load_config(str(config_file))
    third["plugins"]["cjm"].config["spine"] = []  # a settings change invalidates every drawing
    build(third)
    assert sorted(set(drawn)) == [f"map{i}" for i in range(5)]


def test_many_maps_leave_the_navigation_but_stay_reachable(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "p/eva-molin.md": PERSONA,
        **{f"j/map{i}.md": JOURNEY.replace("Pizza night", f"Map {i}") for i in range(4)},
    }
    small = build_site(write_site(tmp_path / "small", pages, plugin={"nav_limit": 10}), strict=True)
    home = small.page("index.html")
    assert all(f'href="j/map{i}/"' in home for i in range(4))

    big = build_site(write_site(tmp_path / "big", pages, plugin={"nav_limit": 3}), strict=True)
    assert big.ok and big.warnings == []
    assert (
        "cjm: 4 journeys are reached through the catalogue and views, not the navigation (more than nav_limit: 3)"
        in big.infos
    )
    home = big.page("index.html")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "map0" not in nav and 'href="catalogue/"' in nav and 'href="p/eva-molin/"' in nav
    map_page = big.page("j/map2/index.html")
    assert "cjm-map" in map_page
    assert all(f'href="../j/map{i}/"' in big.page("catalogue/index.html") for i in range(4))


def test_an_explicit_nav_is_left_alone(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "p/eva-molin.md": PERSONA,
        "j/a.md": JOURNEY,
        "j/b.md": JOURNEY.replace("Pizza night", "B"),
    }
    config = write_site(
        tmp_path, pages, plugin={"nav_limit": 1}, extra={"nav": ["index.md", "j/a.md", "j/b.md"]}
    )
    built = build_site(config)
    nav = (
        built.page("index.html").split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    )
    assert 'href="j/a/"' in nav and 'href="j/b/"' in nav


def test_view_templates_can_be_overridden_from_custom_dir(tmp_path: Path) -> None:
    (tmp_path / "overrides" / "cjm").mkdir(parents=True)
    (tmp_path / "overrides" / "cjm" / "reviews.html").write_text(
        '<ol class="house-reviews">{% for row in due %}<li><a href="{{ href(row.journey.path) }}">'
        "{{ row.journey.title }}</a> by {{ row.journey.review_by }}</li>{% endfor %}</ol>",
        encoding="utf-8",
    )
    due = JOURNEY.replace("stages:", "review_by: 2026-01-01\nstages:")
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, "j/pizza.md": due},
        extra={"theme": {"name": "material", "font": False, "custom_dir": "overrides"}},
    )
    html = build_site(config, strict=True).page("views/reviews/index.html")
    assert (
        '<ol class="house-reviews"><li><a href="../../j/pizza/">Pizza night</a> by 2026-01-01</li></ol>'
        in html
    )


@pytest.mark.parametrize("option", ["maps_dir", "views_dir", "catalogue"])
@pytest.mark.parametrize("value", ["../outside", "/etc/cjm", "..", "C:/x", ""])
def test_output_paths_must_stay_inside_the_site(tmp_path: Path, option: str, value: str) -> None:
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA}, plugin={option: value})
    done = run_mkdocs(config)
    assert done.returncode == 1
    assert f"cjm: {option}: {value!r} must be a relative path inside the site" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml"]


def test_titles_from_front_matter_are_escaped_in_navigation_and_head(tmp_path: Path) -> None:
    hostile = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    journey = JOURNEY.replace(
        "title: Pizza night",
        f"title: '{hostile}'\ndescription: '\"><script>alert(4)</script>'\ntags: ['<b onmouseover=alert(5)>x</b>']",
    )
    persona = PERSONA.replace("name: Eva Molin", "name: '\"><svg onload=alert(3)>'")
    config = write_site(
        tmp_path, {"index.md": "# Home\n", "p/eva-molin.md": persona, "j/pizza.md": journey}
    )
    built = build_site(config, strict=True)
    assert built.ok
    for page in (
        "index.html",
        "j/pizza/index.html",
        "p/eva-molin/index.html",
        "catalogue/index.html",
    ):
        html = built.page(page)
        assert (
            "<script>alert(1)" not in html
            and "<img src=x" not in html
            and "<svg onload" not in html
        ), page
    head = built.page("j/pizza/index.html").split("</head>", 1)[0]
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in head


def test_an_authors_copy_of_the_block_markers_gets_nothing(tmp_path: Path) -> None:
    # The stage cards, the table and the map go in after search at these markers;
    # an author's copy of them must stay an inert comment.
    copies = "<!-- cjm:stack --> <!-- cjm:stack-end --> <!-- cjm:svg -->"
    marked = JOURNEY.replace("Story.", f"Story.\n\n{copies}\n\nAfter.")
    config = write_site(tmp_path, {"p/eva-molin.md": PERSONA, "j/pizza.md": marked})
    html = build_site(config, strict=True).page("j/pizza/index.html")
    assert html.count('<figure class="cjm-map">') == 1
    assert html.count('<details class="abstract cjm-table">') == 1
    assert html.count('<section class="cjm-stack"') == 1
    assert html.index('<details class="abstract cjm-table">') < html.index("After.")
    assert "<!-- cjm:" not in html and html.count("<!-- cjm : ") == 3


def test_a_custom_journey_template_without_the_later_parts_still_builds(tmp_path: Path) -> None:
    (tmp_path / "overrides" / "cjm").mkdir(parents=True)
    (tmp_path / "overrides" / "cjm" / "journey.html").write_text(
        '<div class="house-map">{{ journey.title }}{{ svg }}</div>', encoding="utf-8"
    )
    config = write_site(
        tmp_path,
        {"p/eva-molin.md": PERSONA, "j/pizza.md": JOURNEY},
        extra={"theme": {"name": "material", "font": False, "custom_dir": "overrides"}},
    )
    html = build_site(config, strict=True).page("j/pizza/index.html")
    assert '<div class="house-map">' in html and "<svg" in html
    assert "cjm-table" not in html and "<!-- cjm:" not in html
