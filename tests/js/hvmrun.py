"""Running a test program on the heap VM in this process (for tests/js/test_hvm*.py)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from a64js.bytecode import Code
    from a64js.heap import Handle


def heap_module(src: str, names: Iterable[str], out: io.StringIO | None = None
                ) -> dict[str, Handle]:
    """A fresh heap VM realm (1 MiB semispaces, output to ``out``) that has run ``src``
    as module t.js: handles of the exports ``names``."""
    from a64js.compiler import compile_module
    from a64js.hvm import core, interp
    from a64js.hvm.builtins import setup
    from a64js.hvm.core import R

    setup(["node", "t.js"], out or io.StringIO(), semispace=1 << 20)
    info = core.code_info(compile_module(src, "t.js"))
    heap = R.heap
    exports = heap.handle(core.new_object(R.protos["Object"].word))
    interp.call(heap.alloc_closure(R.fn_shape, info.id), exports.word, [exports.word])
    return {name: heap.handle(core.get_prop(exports.word, name)) for name in names}


_REALM_LIVE: list[int] = []


def realm_live_bytes() -> int:
    """The bytes a fresh heap VM realm keeps live after setup (what a full collection
    right after it copies), measured once per process."""
    if not _REALM_LIVE:
        from a64js.hvm.builtins import setup
        from a64js.hvm.core import R

        setup(["node", "t.js"], io.StringIO(), semispace=1 << 20)
        R.heap.collect()
        _REALM_LIVE.append(R.heap.used)
    return _REALM_LIVE[0]


def small_semispace(margin: int) -> int:
    """A semispace ``margin`` bytes past the realm's live set (:func:`realm_live_bytes`),
    for tests that want collections to happen often: sized from the live set, it does
    not stop fitting when the realm grows (a new built-in's natives), as hand-picked
    sizes a few KiB past it did."""
    return realm_live_bytes() + margin


def closure_code(fn: int) -> Code:
    """The bytecode of the heap VM closure ``fn`` (a JavaScript function, not a native)."""
    from a64js.hvm import core

    code = core.closure_code(fn)
    assert code is not None, "a native function has no bytecode"
    return code


def in_vm_thread(body: Callable[[], None]) -> None:
    """Run ``body`` as the CLI runs a program: in a thread with its stack size and
    recursion limit; an exception it raises is raised again here (with its traceback)."""
    from a64js import cli

    raised: list[BaseException] = []

    def target() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(cli.RECURSION_LIMIT)
        try:
            body()
        except BaseException as exc:
            raised.append(exc)
        finally:
            sys.setrecursionlimit(old)

    old_size = threading.stack_size(cli.THREAD_STACK)
    try:
        t = threading.Thread(target=target)
        t.start()
        t.join()
    finally:
        threading.stack_size(old_size)
    if raised:
        raise raised[0]


def run_heap(path: Path, **heap: Any) -> subprocess.CompletedProcess[str]:
    """Run ``path`` as ``a64js --vm heap`` would, in a thread with the CLI's stack and
    recursion budget; ``heap`` goes to the Heap (semispace=, stress=, poison=)."""
    from a64js.hvm import vm

    out, err = io.StringIO(), io.StringIO()
    status = [2]

    def body() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status[0] = vm.run_program(str(path), [], heap=heap)

    in_vm_thread(body)
    return subprocess.CompletedProcess([str(path)], status[0], out.getvalue(), err.getvalue())


def block_sources(monkeypatch: Any) -> list[str]:
    """The source of every heap VM block compiled from now on (a spy on the
    interpreter module's ``compile``, undone by ``monkeypatch``)."""
    from a64js.hvm import interp

    seen: list[str] = []

    def spy(text: str, name: str, mode: str) -> Any:
        if name.startswith("<a64js.hvm block"):
            seen.append(text)
        return compile(text, name, mode)
    monkeypatch.setattr(interp, "compile", spy, raising=False)
    return seen
