"""A `journey` fence on any page of a handbook built with the cjm plugin.

The plugin reads fences with the handbook (through the same pipeline as journey
pages): a fence draws its map where it stands, its errors carry the page's line
numbers, and a fence that names an ``id`` is a map of the handbook, listed in the
catalogue, catalogue.json and the views, and linked from its persona's page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cjm_site.cli import main
from tests.sitebuild import FIXED_EPOCH, JOURNEY, PERSONA, build_site, write_site

GUIDE = """\
---
title: Weekend trips
---

# Weekend trips

A map drawn straight in this page, listed in the catalogue:

```journey
id: weekend-brunch
title: Weekend brunch
persona: eva-molin
owner: Brunch Team
stages:
  - {name: Find a table, phase: awareness, emotion: 1}
  - {name: Wait for eggs, phase: service, emotion: -2, pains: [Slow kitchen]}
```

A sketch, not listed (no id), its persona named by name:

```journey
title: Late snack
persona: Eva Molin
stages:
  - {name: Order, emotion: 2}
```

How to write one (an example, not a map):

````markdown
```journey
title: Not drawn
```
````
"""

BROKEN = """\
# Broken sketches

Text.

```journey
id: bad-map
title: Bad map
persona: eva-molin
stages:
  - {name: Order, emotion: 7}
```

```journey
id: typo-map
title: Persona typo
persona: eva-molen
stages:
  - {name: Order}
```

```journey
id: pizza-night
title: Clashes with the journey page
stages:
  - {name: Order}
```
"""


def maps(html: str) -> list[str]:
    return re.findall(r'<figure class="cjm-map cjm-fence-map"><svg .*?</svg></figure>', html, re.S)


def site(tmp_path: Path, broken: bool = False) -> Path:
    pages = {
        "index.md": "# Home\n",
        "personas/eva-molin.md": PERSONA,
        "journeys/pizza-night.md": JOURNEY,
        "guide/trips.md": GUIDE,
    }
    if broken:
        pages["guide/broken.md"] = BROKEN
    return write_site(tmp_path, pages)


def test_fences_draw_and_named_ones_join_the_catalogue(tmp_path: Path) -> None:
    built = build_site(site(tmp_path), strict=True)
    assert built.ok, built.warnings
    assert built.cjm_warnings == []
    page = built.page("guide/trips/index.html")
    drawn = maps(page)
    assert len(drawn) == 2
    assert "Weekend brunch</title>" in drawn[0] and "Eva Molin" in drawn[0]
    assert 'id="cjm-weekend-brunch-' in drawn[0]  # drawn from the handbook, not on its own
    assert "Late snack</title>" in drawn[1] and "Eva Molin" in drawn[1]
    assert "Not drawn" in page and "title: Not drawn" in page  # the example stays code
    data = json.loads(built.page("catalogue.json"))
    journeys = {j["id"]: j for j in data["journeys"]}
    assert set(journeys) == {"pizza-night", "weekend-brunch"}
    assert journeys["weekend-brunch"]["url"] == "guide/trips/"
    catalogue = built.page("catalogue/index.html")
    assert "Weekend brunch" in catalogue and "Late snack" not in catalogue
    persona = built.page("personas/eva-molin/index.html")
    assert re.search(r'href="\.\./\.\./guide/trips/"[^>]*>\s*Weekend brunch', persona), persona
    assert (built.site / "maps" / "weekend-brunch.svg").is_file()
    backlog = built.page("views/owners/index.html")
    assert "Brunch Team" in backlog


def test_fence_errors_carry_the_pages_lines_and_fail_strict(tmp_path: Path) -> None:
    config = site(tmp_path, broken=True)
    strict = build_site(config, strict=True)
    assert not strict.ok
    assert "guide/broken.md:10: stages[0].emotion: 7 is outside -2..2" in strict.cjm_warnings
    assert any(
        w.startswith("guide/broken.md:16: persona: no persona has the id 'eva-molen'")
        for w in strict.cjm_warnings
    ), strict.cjm_warnings
    assert any(
        w.startswith(
            "guide/broken.md:22: id: the id 'pizza-night' is already used by "
            "journeys/pizza-night.md"
        )
        for w in strict.cjm_warnings
    ), strict.cjm_warnings
    lenient = build_site(config)
    assert lenient.ok
    page = lenient.page("guide/broken/index.html")
    assert maps(page) == []
    assert page.count("cjm-fence-error") == 3
    assert "line 10: stages[0].emotion: 7 is outside -2..2" in page
    assert "line 16: persona: no persona has the id" in page
    assert "line 22: id: the id &#x27;pizza-night&#x27; is already used" in page
    # The journey page keeps its id and its map; a fence with errors of its own, or
    # whose id is taken, is not listed; one whose persona is missing is, as a journey
    # page with a missing persona is (flagged in the catalogue, without a map file).
    data = json.loads(lenient.page("catalogue.json"))
    assert {j["id"] for j in data["journeys"]} == {"pizza-night", "typo-map", "weekend-brunch"}
    assert not (lenient.site / "maps" / "typo-map.svg").exists()
    assert not (lenient.site / "maps" / "bad-map.svg").exists()
    assert [j["url"] for j in data["journeys"] if j["id"] == "pizza-night"] == [
        "journeys/pizza-night/"
    ]
    journey = lenient.page("journeys/pizza-night/index.html")
    assert "cjm-journey-map" in journey


def test_cjm_validate_reports_fences_as_the_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, broken=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    code = main(["validate"])
    out = capsys.readouterr().out
    assert code == 1
    assert "guide/broken.md:10: stages[0].emotion: 7 is outside -2..2" in out
    assert "guide/broken.md:22: id: the id 'pizza-night' is already used by" in out
    assert "guide/trips.md" not in out


def test_a_fence_in_a_journey_page_is_drawn_beside_the_pages_own_map(tmp_path: Path) -> None:
    page = JOURNEY + (
        "\nThe same evening, as the kitchen sees it:\n\n"
        "```journey\nid: kitchen-view\ntitle: Kitchen view\n"
        "stages:\n  - {name: Fire the oven,\temotion: 1}\n  - {name: Serve, emotion: 2}\n```\n"
    )
    config = write_site(
        tmp_path, {"personas/eva-molin.md": PERSONA, "journeys/pizza-night.md": page}
    )
    built = build_site(config, strict=True)
    assert built.ok, built.warnings
    html = built.page("journeys/pizza-night/index.html")
    [drawn] = maps(html)
    assert "Kitchen view</title>" in drawn
    assert 'id="cjm-kitchen-view-' in drawn  # drawn from the handbook, not on its own
    assert html.count('class="cjm-journey-map"') == 2  # the page's map, and the fence's
    assert {j["id"] for j in json.loads(built.page("catalogue.json"))["journeys"]} == {
        "pizza-night",
        "kitchen-view",
    }
