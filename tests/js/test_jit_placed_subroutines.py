"""The JIT's shared subroutines (t_ops._subroutine) are placed once per JIT, in its
buffer, and every function reaches them by ``bl`` at their address (runtime.Jit
._place_subroutine; compiler._compile binds their labels with bind_address): no function
carries a copy, each placed subroutine is the recorded words, and the functions'
words are fewer than with a copy each (the way a FunctionCompiler without a placer, as
in the tests that compare words, still compiles). A function beyond a bl's reach of
them (the buffer grew into a far chunk) has them placed again, a new generation
(``far_subroutines``): the tests count per generation, and so hold wherever the process
maps the buffer's chunks, or force a layout (:data:`LAYOUTS`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from a64js.compiler import compile_module, read_source
from a64js.jit import t_ops

from .test_jit_skeleton import _codes

if TYPE_CHECKING:
    from a64js.jit import Jit

PROGRAMS = Path(__file__).parent / "programs"


#: The layouts a test's JIT buffer may take (:func:`_jit`): ``"default"``, the JIT's own
#: buffer wherever the process maps its chunks (in a process that mapped and freed much
#: memory before, as a pytest-xdist worker that ran other tests, a chunk may land beyond
#: a bl's reach of the one before: the JIT then places the subroutines again, a
#: ``far_subroutines`` event); ``"near"``, one chunk that holds every function (no
#: subroutine ever out of reach); ``"far"``, every chunk after the first mapped
#: :data:`FAR` from it (the growth into a far chunk, in every process).
LAYOUTS = ("default", "near", "far")
FAR = 1 << 30


def _jit(layout: str) -> Jit:
    """A fresh JIT, its entry placed, whose buffer takes ``layout`` (:data:`LAYOUTS`;
    ``"far"`` while :func:`_far_chunks` holds)."""
    from a64jit import JitBuffer
    from a64js.jit import Jit

    assert layout in LAYOUTS, layout
    jit = Jit(0)
    if layout == "near":
        jit.buffer.close()
        jit.buffer = JitBuffer(chunk_size=16 << 20)
    jit._start()
    return jit


@contextmanager
def _far_chunks(jit: Jit, layout: str = "far") -> Iterator[None]:
    """With ``layout`` "far": every chunk ``jit``'s buffer maps from here on, until the
    block ends, is :data:`FAR` below its first chunk (the backend asked to map it near
    there: within half a bl's reach of the others, but out of reach of the first)."""
    if layout != "far":
        yield
        return
    backend: Any = jit.buffer.backend
    near_map = backend.map_code_near
    first = jit.buffer.regions()[0][0]

    def far_map(size: int, mode: str | None, near: int | None) -> Any:
        if near != first:
            return near_map(size, mode, near)
        # (a place FAR away that has room: in a process whose address space is crowded
        # there, the mapping lands anywhere, one CI run 55 MiB from the first chunk)
        for k in (-1, 1, -2, 2, -4, 4, -8, 8):
            target = first + k * FAR
            if target < 1 << 32:
                continue
            region = near_map(size, mode, target)
            if abs(region.address - first) > FAR // 2:
                return region
            region.close()
        raise AssertionError(f"no room {FAR:#x} away from {first:#x} for a chunk")

    backend.map_code_near = far_map
    try:
        yield
    finally:
        del backend.map_code_near
    chunks = jit.buffer.regions()
    assert all(abs(at - first) > FAR // 2 for at, _ in chunks[1:]), chunks


def _compiled(name: str, placed: bool, layout: str = "default"
              ) -> tuple[Jit, list[tuple[int, bytes, dict[Any, int]]], dict[int, bytes]]:
    """Compile every function of program ``name`` with a fresh JIT (its buffer in
    ``layout``): the JIT; each function's (address, words, the subroutines it was
    compiled against: ``jit._subs`` then, a dictionary a far event replaces) as placed;
    and the bytes written at each address of the subroutine areas (by patch)."""
    from a64js.hvm import vm

    path = str(PROGRAMS / f"{name}.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = _jit(layout)
    if not placed:
        jit._place_subroutine = None  # type: ignore[method-assign, assignment]
    functions: list[tuple[int, bytes, dict[Any, int]]] = []
    written: dict[int, bytes] = {}
    place, patch = jit.buffer.place, jit.buffer.patch

    def placing(code: Any, **kw: Any) -> int:
        address = place(code, **kw)
        if kw.get("name", "").startswith("js:") and kw.get("size") is not None:
            functions.append((address, code.finalize(address=address), jit._subs))
        return address

    def patching(address: Any, offset: int, data: bytes, **kw: Any) -> None:
        patch(address, offset, data, **kw)
        written[int(address) + offset] = bytes(data)

    jit.buffer.place = placing  # type: ignore[method-assign]
    jit.buffer.patch = patching  # type: ignore[method-assign, assignment]
    with _far_chunks(jit, layout):
        for c in codes:
            jit.compile(c)
    return jit, functions, written


def _generations(jit: Any, functions: list[tuple[int, bytes, dict[Any, int]]]
                 ) -> list[dict[Any, int]]:
    """The dictionaries of placed subroutines ``jit`` has had (one, and one more after
    each far event that placed them again), the last ``jit._subs``."""
    out: list[dict[Any, int]] = []
    for subs in [f[2] for f in functions] + [jit._subs]:
        if not any(subs is g for g in out):
            out.append(subs)
    return out


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


@pytest.mark.parametrize("layout", ["default", "far"])
@pytest.mark.parametrize("name", ["minilang", "json", "fib"])
def test_each_subroutine_placed_once(name: str, layout: str) -> None:
    """Once per JIT, or rather once per generation of its subroutines: a far event (a
    function beyond a bl's reach of them) places them again, for the functions compiled
    from then on; ``"far"`` makes the events, ``"default"`` has them only where the
    process's address space leaves no room near the first chunk."""
    jit, functions, written = _compiled(name, placed=True, layout=layout)
    try:
        generations = _generations(jit, functions)
        far = jit.stats.far_subroutines
        # (a generation more per far event at most: the event's compile places them
        # again, or, beyond reach again, takes copies)
        assert 1 <= len(generations) <= far + 1, (len(generations), far)
        if layout == "far" and name != "fib":  # (fib fits in the first chunk)
            assert len(jit.buffer.regions()) > 1 and far > 0
        assert generations[0] and all(g for g in generations[1:-1])
        # each placed once in its generation: no placement that is not a live one
        assert jit.stats.subroutines == sum(len(g) for g in generations)
        addresses = {a for g in generations for a in g.values()}
        assert len(addresses) == jit.stats.subroutines
        called: set[int] = set()
        for address, words, subs in functions:
            targets = _calls_out(address, words)
            assert set(targets) <= set(subs.values()), \
                "a bl out of a function, not to a subroutine it was compiled against"
            called.update(targets)
        # the placed ones are called from their addresses (a template may ask for one
        # on a path it then leaves out, which depends on the process's earlier work; and
        # a far event's generation is left at once where the function is beyond its
        # reach too, and the function takes copies: a generation no function calls is
        # one such event's at most, and the others' are called as the first's)
        uncalled = 0
        for subs in generations:
            live = set(subs.values())
            if live & called:
                assert len(live - called) <= len(live) // 4, (len(live), len(live & called))
            else:
                uncalled += 1
        assert uncalled <= far - (len(generations) - 1), (uncalled, len(generations), far)
        if layout == "far" and far:  # (the functions in the far chunks call them too)
            first = jit.buffer.regions()[0][0]
            assert any(_calls_out(a, w) for a, w, _ in functions if abs(a - first) > FAR // 2)
        # the words at each address are the subroutine's, as recorded for the process
        # (each written with the others placed since the last write: in one write's
        # bytes; a JIT whose subroutines pass an area has more than one area)
        for subs in generations:
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
    # (one chunk: no subroutine out of reach, no function with copies of its own nor
    # subroutines placed again, whatever the process mapped before)
    jit, placed, _ = _compiled(name, placed=True, layout="near")
    copies, spliced, _ = _compiled(name, placed=False, layout="near")
    try:
        assert jit.stats.far_subroutines == copies.stats.far_subroutines == 0
        assert copies.stats.subroutines == 0
        assert all(not _calls_out(a, w) for a, w, _ in spliced)
        with_copies = sum(len(w) for _, w, _ in spliced)
        shared = sum(len(w) for _, w, _ in placed) + jit.stats.subroutine_bytes
        assert shared < 0.85 * with_copies, (shared, with_copies)
        assert jit.stats.code_bytes == sum(len(w) for _, w, _ in placed)
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
    subroutines are placed again, in a new area, and the function reaches those (in one
    chunk: the one far event is the test's, whatever the process mapped before)."""
    from a64js.hvm import vm

    path = str(PROGRAMS / "closures.js")
    codes = _codes(compile_module(read_source(path), path))
    vm.HeapVM(["node", path], io.StringIO())
    jit = _jit("near")
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
