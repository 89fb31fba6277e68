"""One fuzz input through the reader, the checker, linking and drawing.

Shared by the atheris target (``fuzz_reader.py``) and the quick replay in
``test_fuzz_target.py``. Anything raised here is a bug: the pipeline must turn
every input into a page or findings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cjm_site.checking import check_page
from cjm_site.drawing import draw_journey
from cjm_site.linking import link
from cjm_site.model import Settings, SpineStage
from cjm_site.reading import Limits, read_page

SETTINGS = Settings(spine=(SpineStage("awareness", "Awareness"),))
LIMITS = Limits()


def one_input(data: bytes) -> int:
    """Read ``data`` as a journey page (and as a persona page), link, draw.

    Returns how many maps were drawn, so a test can tell the target did work.
    """
    raw = read_page("j/fuzz.md", data, LIMITS)
    page = check_page(raw, SETTINGS)
    for finding in page.findings:
        if finding.line < 1:
            raise AssertionError(f"finding without a line: {finding}")
    site = link([page])
    for journey in site.journeys:
        svg = draw_journey(journey, SETTINGS, id_prefix="cjm-fuzz", standalone=True)
        ET.fromstring(svg.encode("utf-8"))
    return len(site.journeys)
