"""``python -m a64js FILE.js``: the process ends with :func:`a64js.cli.end_process` (the
atexit handlers run, the interpreter's finalization skipped)."""

from .cli import end_process, main

end_process(main())
