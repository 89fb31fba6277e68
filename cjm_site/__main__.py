"""``python -m cjm_site``: the ``cjm`` command, for when its script is not on PATH."""

import sys

from cjm_site.cli import main

sys.exit(main())
