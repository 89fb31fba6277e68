"""Run the hypothesis properties long: 10,000 examples each (``make fuzz``).

    .venv/bin/python tests/fuzz/run_properties.py [examples]

Sets ``CJM_HYPOTHESIS_PROFILE=fuzz`` and ``CJM_FUZZ_EXAMPLES`` (default 10,000)
for tests/property and prints hypothesis' statistics (examples run per
property, time, how the run ended).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    examples = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CJM_FUZZ_EXAMPLES", "10000")
    env = {**os.environ, "CJM_HYPOTHESIS_PROFILE": "fuzz", "CJM_FUZZ_EXAMPLES": examples}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        "--hypothesis-show-statistics",
        str(REPO / "tests" / "property"),
    ]
    return subprocess.call(command, cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main())
