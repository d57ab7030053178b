"""Running a function as the user nobody, for tests of read-only places (the tests run
as root, and root writes anywhere)."""

from __future__ import annotations

import contextlib
import os
from typing import Any


def as_nobody(fn: Any, *args: Any) -> str:
    """``str(fn(*args))`` computed in a forked child whose user and group are nobody (a
    fork, not a new interpreter: the interpreter may sit where nobody cannot exec it);
    an exception in the child fails the caller's assertion with its text."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.write(w, str(fn(*args)).encode())
            code = 0
        except BaseException as e:  # reported through the pipe
            with contextlib.suppress(BaseException):
                os.write(w, f"error {e!r}".encode())
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        out = f.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out
    return out
