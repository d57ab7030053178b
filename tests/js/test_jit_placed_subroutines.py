"""The JIT's shared subroutines (t_ops._subroutine) are placed once per JIT, in its
buffer, and every function reaches them by ``bl`` at their address (runtime.Jit
._place_subroutine; compiler._compile binds their labels with bind_address): no function
carries a copy, each placed subroutine is the recorded words, and the functions'
words are fewer than with a copy each (the way a FunctionCompiler without a placer, as
in the tests that compare words, still compiles)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from a64js.compiler import compile_module, read_source
from a64js.jit import t_ops

from .test_jit_skeleton import _codes

PROGRAMS = Path(__file__).parent / "programs"


def _compiled(name: str, placed: bool) -> tuple[Any, list[tuple[int, bytes]], dict[int, bytes]]:
    """Compile every function of program ``name`` with a fresh JIT: the JIT, each
    function's (address, words) as placed, and the bytes written at each address of the
    subroutine areas (by patch)."""
    from a64js.hvm import vm
    from a64js.jit import Jit

    path = str(PROGRAMS / f"{name}.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    jit._start()
    if not placed:
        jit._place_subroutine = None  # type: ignore[method-assign, assignment]
    functions: list[tuple[int, bytes]] = []
    written: dict[int, bytes] = {}
    place, patch = jit.buffer.place, jit.buffer.patch

    def placing(code: Any, **kw: Any) -> int:
        address = place(code, **kw)
        if kw.get("name", "").startswith("js:") and kw.get("size") is not None:
            functions.append((address, code.finalize(address=address)))
        return address

    def patching(address: Any, offset: int, data: bytes, **kw: Any) -> None:
        patch(address, offset, data, **kw)
        written[int(address) + offset] = bytes(data)

    jit.buffer.place = placing  # type: ignore[method-assign]
    jit.buffer.patch = patching  # type: ignore[method-assign, assignment]
    for c in codes:
        jit.compile(c)
    return jit, functions, written


def _calls_out(address: int, words: bytes) -> list[int]:
    """The targets of the bl words of a function at ``address`` outside it."""
    out = []
    for off in range(0, len(words), 4):
        w = int.from_bytes(words[off:off + 4], "little")
        if w & 0xFC000000 == 0x94000000:
            target = address + off + ((w & 0x3FFFFFF) ^ 0x2000000) * 4 - (0x2000000 * 4)
            if not address <= target < address + len(words):
                out.append(target)
    return out


@pytest.mark.parametrize("name", ["minilang", "json", "fib"])
def test_each_subroutine_placed_once(name: str) -> None:
    jit, functions, written = _compiled(name, placed=True)
    try:
        subs = dict(jit._subs)
        assert subs and jit.stats.subroutines == len(subs)
        addresses = set(subs.values())
        called: set[int] = set()
        for address, words in functions:
            targets = _calls_out(address, words)
            assert set(targets) <= addresses, "a bl out of a function, not to a subroutine"
            called.update(targets)
        # the placed ones are called from their addresses (a template may ask for one
        # on a path it then leaves out, which depends on the process's earlier work)
        assert len(addresses - called) <= len(addresses) // 4, (len(addresses), len(called))
        # the words at each address are the subroutine's, as recorded for the process
        # (each written with the others placed since the last write: in one write's
        # bytes; a JIT whose subroutines pass an area has more than one area)
        for key, address in subs.items():
            recorded = t_ops._SUBROUTINES[key]
            assert isinstance(recorded, bytes)
            start = max(a for a in written if a <= address)
            chunk = written[start]
            assert chunk[address - start:address - start + len(recorded)] == recorded
        assert any(n == "js:subroutines" for _, _, n in jit.buffer.symbols())
    finally:
        jit.close()


@pytest.mark.parametrize("name", ["minilang", "closures"])
def test_fewer_words_than_copies(name: str) -> None:
    """Placed once, the subroutines' words are not in the functions: the functions and
    the subroutines together are fewer words than the functions with a copy each."""
    jit, placed, _ = _compiled(name, placed=True)
    copies, spliced, _ = _compiled(name, placed=False)
    try:
        assert copies.stats.subroutines == 0
        assert all(not _calls_out(a, w) for a, w in spliced)
        with_copies = sum(len(w) for _, w in spliced)
        shared = sum(len(w) for _, w in placed) + jit.stats.subroutine_bytes
        assert shared < 0.85 * with_copies, (shared, with_copies)
        assert jit.stats.code_bytes == sum(len(w) for _, w in placed)
    finally:
        jit.close()
        copies.close()


def test_far_subroutines_fall_back_to_copies() -> None:
    """A subroutine beyond a bl's reach from where the function lands (the buffer grew
    far away), again after a fresh placement: the function is compiled with its own
    copies, and says so."""
    from a64js.hvm import vm
    from a64js.jit import Jit

    path = str(PROGRAMS / "closures.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    far = 1 << 46  # (never run: every function that would call it is compiled again)
    jit._place_subroutine = lambda key, words, name: far  # type: ignore[method-assign]
    try:
        for c in codes:
            assert jit.compile(c) is not None
        assert 0 < jit.stats.far_subroutines <= 2 * len(codes)
        assert "subroutines out of reach" in jit.summary()
    finally:
        jit.close()


def test_far_subroutines_placed_again() -> None:
    """A subroutine out of reach once (an old area far from where code goes now): the
    subroutines are placed again, in a new area, and the function reaches those."""
    from a64js.hvm import vm
    from a64js.jit import Jit

    path = str(PROGRAMS / "closures.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = Jit(0)
    real = jit._place_subroutine
    calls = [0]

    def first_far(key: Any, words: bytes, name: str) -> int:
        calls[0] += 1
        return 1 << 46 if calls[0] == 1 else real(key, words, name)

    jit._place_subroutine = first_far  # type: ignore[method-assign]
    try:
        for c in codes:
            assert jit.compile(c) is not None
        assert jit.stats.far_subroutines == 1
        assert jit._subs and 1 << 46 not in jit._subs.values()
    finally:
        jit.close()
