"""``python -m a64jit``: the ``a64jit`` command (see :mod:`a64jit.cli`)."""

import sys

from .cli import main

sys.exit(main())
