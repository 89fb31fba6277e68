"""``python -m cjm_site``: the ``cjm`` command, for when its script is not on PATH."""

import sys

from cjm_site.cli import main

if __name__ == "__main__":  # imported (by tools walking the package), it does nothing
    sys.exit(main())
