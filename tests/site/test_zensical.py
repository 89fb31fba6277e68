"""Zensical runs Python-Markdown extensions: journey fences become maps there too.

Skipped where Zensical is not installed beside cjm-site (it is no dependency
of this package; `pip install zensical==0.0.73` in the same environment runs it).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="zensical is not installed in this environment (pip install zensical==0.0.73)",
)

PAGE = """\
---
title: Notes
---

# Notes

```journey
title: Pizza night
persona: eva-molin
stages:
  - {name: Hear, emotion: 1}
  - {name: Wait, emotion: -2}
```

```journey
title: Broken
stages:
  - {name: Hear, emotion: 7}
```
"""


def test_zensical_build_draws_fences_with_the_pages_lines(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "eva-molin.md").write_text(
        "---\ntype: persona\nname: Eva Molin\n---\n# Eva Molin\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Zensical test\nmarkdown_extensions:\n  - cjm_markdown\n", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "index.md:18: stages[0].emotion: 7 is outside -2..2" in run.stdout + run.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    drawn = re.findall(r'<figure class="cjm-map cjm-fence-map"><svg .*?</svg></figure>', page, re.S)
    assert len(drawn) == 1
    assert "Pizza night</title>" in drawn[0] and "Eva Molin" in drawn[0]
    assert "<li>line 18: stages[0].emotion: 7 is outside -2..2</li>" in page
