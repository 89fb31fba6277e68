"""Plugin behaviour on small sites: placement, overrides, settings."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import JOURNEY, PERSONA, build_site, write_site


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
