"""``python -m a64js FILE.js``."""

from .cli import main

raise SystemExit(main())
