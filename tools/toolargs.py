"""The command lines of the tools: :func:`names` for the generators (gen_*.py: names
of what to regenerate, or none), :func:`whole` for the fuzzers' and the stress runner's
counts. ``--help`` prints the tool's docstring and writes nothing; an option, a name or
a count the tool does not take is one line naming it and what is allowed, exit status 2,
before anything is run or written (a ``--help`` used to regenerate files, or fail with
a traceback, and a misspelt name to do nothing with exit status 0)."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Iterable

EXIT_USAGE = 2


def names(argv: list[str], doc: str | None, known: Iterable[str] | None,
          what: str = "name") -> list[str]:
    """``argv`` checked: the names given (each one of ``known``), in order; ``known``
    None: the tool takes no arguments. Exits after ``--help``/``-h`` (0) or a
    mistake (2)."""
    tool = sys.argv[0].rsplit("/", 1)[-1] if sys.argv and sys.argv[0] else "tool"
    if "--help" in argv or "-h" in argv:
        print((doc or "").strip())
        raise SystemExit(0)
    allowed = sorted(known) if known is not None else None
    for arg in argv:
        if arg.startswith("-"):
            _fail(f"{tool}: unknown option {arg!r} (see --help)")
        if allowed is None:
            _fail(f"{tool}: takes no arguments, got {arg!r} (see --help)")
        elif arg not in allowed:
            close = difflib.get_close_matches(arg, allowed, 3)
            shown = ", ".join(allowed) if len(allowed) <= 12 else \
                ", ".join(allowed[:12]) + f" ... ({len(allowed)} in all)"
            _fail(f"{tool}: unknown {what} {arg!r}; " + (
                f"did you mean {' or '.join(map(repr, close))}?" if close
                else f"allowed: {shown}"))
    return list(argv)


def _fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def whole(low: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number of ``low`` or more (a count, a size)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of {low} or "
                                             "more")
        return value

    return parse
