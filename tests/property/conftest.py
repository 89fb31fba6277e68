"""Hypothesis profiles: a quick default run, and a long one for `make fuzz`.

``CJM_HYPOTHESIS_PROFILE=fuzz`` (tests/fuzz/run_properties.py sets it) runs every
property with ``CJM_FUZZ_EXAMPLES`` examples (10,000 by default). No example
database is written into the tree; a failure prints its example to reproduce.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches in ./.hypothesis; keep the working tree clean.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "cjm-hypothesis"))

_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "default", max_examples=60, deadline=None, database=None, suppress_health_check=_CHECKS
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("CJM_FUZZ_EXAMPLES", "10000")),
    deadline=None,
    database=None,
    suppress_health_check=_CHECKS,
    print_blob=True,
)
settings.load_profile(os.environ.get("CJM_HYPOTHESIS_PROFILE", "default"))
