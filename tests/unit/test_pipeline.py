"""The core's front door without any host: pages as bytes, the host's checks as functions."""

from __future__ import annotations

import io
import json

from cjm_site.model import Settings
from cjm_site.pipeline import Handbook, Host, Options, Source, Urls
from tests.sitebuild import JOURNEY, PERSONA


def _unreadable() -> bytes:
    raise PermissionError(13, "Permission denied")


def test_a_handbook_from_bytes_and_host_functions() -> None:
    broken = JOURNEY.replace("emotion: 1", "emotion: 9").replace("Pizza night", "Broken")
    sources = [
        Source.of("p/eva-molin.md", PERSONA.encode()),
        Source.of("j/pizza.md", JOURNEY.encode()),
        Source.of("j/broken.md", broken.encode()),
        Source("j/closed.md", _unreadable),
        Source.of("j/away.md", JOURNEY.encode()),
        Source.of("j/caf\udce9.md", JOURNEY.encode()),
        Source("pics/x.png", bytes, page=False),
    ]
    host = Host(
        exists=lambda path: path == "pics/x.png", leaves_docs=lambda path: path == "j/away.md"
    )
    handbook = Handbook.read(sources, Settings(), Options(), host)
    assert [str(f) for f in handbook.findings] == [
        "j/away.md: is a symbolic link that leads outside the docs folder; it is neither read nor copied into the site",
        "j/broken.md:7: stages[0].emotion: 9 is outside -2..2",
        "j/caf\\xe9.md: the file name is not UTF-8; rename the file (it is left out of the site)",
        "j/closed.md: cannot be read: Permission denied; it is left out of the site",
    ]
    assert sorted(handbook.dropped) == ["j/away.md", "j/caf\udce9.md", "j/closed.md"]
    assert sorted(handbook.pages) == ["j/broken.md", "j/pizza.md", "p/eva-molin.md"]
    assert list(handbook.maps) == ["pizza"]  # a page with errors shows them, not a map
    assert handbook.maps["pizza"].uri == "maps/pizza.svg"
    assert handbook.map_svg("pizza").startswith("<svg")
    out = io.BytesIO()
    handbook.write_catalogue(
        Urls(pages={"j/pizza.md": "j/pizza/"}, maps={"pizza": "maps/pizza.svg"}), out
    )
    journeys = {j["id"]: j for j in json.loads(out.getvalue())["journeys"]}
    assert (journeys["pizza"]["url"], journeys["pizza"]["svg"]) == ("j/pizza/", "maps/pizza.svg")
    assert journeys["broken"]["svg"] is None
