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
        assert called == addresses  # every placed one is called, from its address
        # the words at each address are the subroutine's, as recorded for the process
        area = b"".join(written[a] for a in sorted(written))
        start = min(written)
        for key, address in subs.items():
            recorded = t_ops._SUBROUTINES[key]
            assert isinstance(recorded, bytes)
            assert area[address - start:address - start + len(recorded)] == recorded
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
        assert shared < 0.8 * with_copies
        assert jit.stats.code_bytes == sum(len(w) for _, w in placed)
    finally:
        jit.close()
        copies.close()


def test_far_subroutines_fall_back_to_copies() -> None:
    """A subroutine beyond a bl's reach from where the function lands (the buffer grew
    far away): the function is compiled again with its own copies, and says so."""
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
        assert 0 < jit.stats.far_subroutines <= len(codes)
        assert "functions with their own copies" in jit.summary()
    finally:
        jit.close()
