"""One fuzz input through the reader, the checker, linking and drawing.

Shared by the atheris target (``fuzz_reader.py``) and the quick replay in
``test_fuzz_target.py``. Anything raised here is a bug: the pipeline must turn
every input into a page or findings.

An input is a page's bytes; or, with two NUL bytes in it, ``name NUL settings NUL
page``: the fuzzer then also chooses the file name (any bytes: spaces, newlines,
``..``, bidirectional controls, bytes that are not UTF-8) and the site's settings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cjm_site.checking import check_page
from cjm_site.drawing import draw_journey
from cjm_site.escaping import bidi_controls
from cjm_site.linking import link
from cjm_site.model import Channel, Settings, SpineStage
from cjm_site.output import finding_text, is_unsafe
from cjm_site.reading import Limits, read_page

SETTINGS = Settings(spine=(SpineStage("awareness", "Awareness"),))
LIMITS = Limits()


def _settings(choice: bytes) -> Settings:
    """Settings from the fuzzer's bytes: a spine and channels whose ids and names it wrote."""
    if not choice:
        return SETTINGS
    words = choice.decode("utf-8", "replace").split(",")
    spine = tuple(SpineStage(w, w.title()) for w in words[: len(words) // 2])
    channels = tuple(Channel(w, w.upper(), len(w) % 2 == 0) for w in words[len(words) // 2 :])
    return Settings(spine=spine, channels=channels)


def one_input(data: bytes) -> int:
    """Read ``data`` as a page (named and configured by the input, see above), link, draw.

    Returns how many maps were drawn, so a test can tell the target did work.
    """
    path, settings = "j/fuzz.md", SETTINGS
    if data.count(b"\x00") >= 2:
        name, choice, data = data.split(b"\x00", 2)
        # As a host lists a file whose name is not UTF-8 (os.fsdecode).
        path = f"j/{name.decode('utf-8', 'surrogateescape')}.md"
        settings = _settings(choice)
    raw = read_page(path, data, LIMITS)
    page = check_page(raw, settings)
    site = link([page])
    for finding in (*page.findings, *site.findings):
        if finding.line < 1 and not finding.message.startswith("the file name"):
            raise AssertionError(f"finding without a line: {finding}")
        if bidi_controls(finding.message + finding.field):
            raise AssertionError(f"a raw bidirectional control in a message: {finding}")
        printed = finding_text(finding)
        if is_unsafe(printed) or printed.startswith(("::", "-")):
            raise AssertionError(f"printed unsafely: {printed!r}")
    for journey in site.journeys:
        svg = draw_journey(journey, settings, id_prefix="cjm-fuzz", standalone=True)
        ET.fromstring(svg.encode("utf-8"))
    return len(site.journeys)
