"""Shared subroutines the on-disk cache cannot keep (a helper's host function is this
process's, or the body holds a value with no stable ``repr``) are recorded per JIT, as
their key holds the JIT's addresses; t_ops.OpTemplates._kept reuses a recording in later
JITs of the process once a second JIT found the words independent of those addresses
(recorded again with each address moved). A body that embeds an address keeps a
recording per JIT."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from a64jit import x0
from a64js.jit import hostcalls, subcache, t_ops

from .test_jit_placed_subroutines import _compiled


def _counting(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count ``_record`` calls by the body's name (t_ops' cache emptied first)."""
    monkeypatch.setattr(t_ops, "_SUBROUTINES", {})
    monkeypatch.setattr(subcache, "cache", lambda: None)  # (no disk entry to take)
    seen: Counter[str] = Counter()
    record = t_ops.OpTemplates._record

    def counted(self: Any, emit: Any, spans: Any = None) -> bytes:
        seen[getattr(emit, "__name__", "?")] += 1
        return record(self, emit, spans)

    monkeypatch.setattr(t_ops.OpTemplates, "_record", counted)
    return seen


def _body(fc: Any, reg: Any) -> Any:
    """A body over the compiler and a register (which _sub_key holds in the key, and
    _stable_key cannot name): ``mov reg, <context address>; ret``."""
    def body() -> None:
        fc.m.mov(reg, fc.ctx_address)
        fc.m.ret()
    return body


def test_a_helper_body_is_recorded_by_two_jits_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dictionary access subroutine (a helper call: the disk keeps no words of it)
    is recorded by the first JIT, by the second (and once more with its addresses
    moved), and by no later JIT, whose placed words are the same."""
    seen = _counting(monkeypatch)
    placed: list[bytes] = []
    for n in range(4):
        before = seen["_emit_dict_access"]
        jit, _, written = _compiled("feat_dictionary", placed=True)
        try:
            keys = [k for k in jit._subs if k[0].code.co_name == "_emit_dict_access"]
            assert len(keys) == 1
            words = t_ops._SUBROUTINES[keys[0]]
            assert isinstance(words, bytes)
            at = jit._subs[keys[0]]
            area = b"".join(written[a] for a in sorted(written))
            start = min(written)
            assert area[at - start:at - start + len(words)] == words
            placed.append(words)
        finally:
            jit.close()
        assert seen["_emit_dict_access"] - before == (1, 2, 0, 0)[n], (n, seen)
    assert len(set(placed)) == 1


def test_a_body_of_the_jit_s_address_is_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body that moves the JIT's context address into a register, holding a value
    the disk cache cannot name (a register), gets each JIT's own words: the second
    JIT's moved recording differs, so nothing is shared."""
    seen = _counting(monkeypatch)
    jit, _, _ = _compiled("feat_dictionary", placed=True)  # (a realm, a backend)
    jit.close()
    assert hostcalls.backend is not None
    from .test_jit_subroutines import _fc

    got = []
    for n in range(4):
        fc = _fc()
        fc.ctx_address = 0x5400_0000_1000 + 0x10_0000 * n
        body = _body(fc, x0)
        key = t_ops._sub_key(fc, body)
        assert key is not None and t_ops._stable_key(key) is None
        words = fc._recorded(body, key)
        got.append(words)
        assert words == fc._record(body)
    assert len(set(got)) == 4
    assert seen["body"] == 4 + 1 + 4  # each JIT's, the second's moved one, the checks


def _num_runs() -> list[Any]:
    """t_num's runs: the module's, and one per key of its load-and-test, double
    operation and operation-and-box runs."""
    from a64js.jit import t_num
    from a64js.jit.runs import Run

    found = [obj for obj in vars(t_num).values() if isinstance(obj, Run)]
    flags = (False, True)
    ops = ("fadd", "fsub", "fmul", "fdiv")
    found += [t_num._load_test((p, q, d)) for p in flags for q in flags for d in flags]
    found += [t_num._dbl_op((p, q, op)) for p in flags for q in flags for op in ops]
    found += [t_num._fop(op) for op in ops]
    return found


def test_number_runs_match_their_builds() -> None:
    """Each of t_num's runs (the in-line and out-of-line number paths, the slots their
    holes) at zeros, at each limit's last value, past it (a slot the MacroAssembler
    expands) and at random values: its build's words."""
    import random

    from .test_jit_runs import _built, _emitted

    rng = random.Random(20)
    found = _num_runs()
    assert len(found) >= 4 + 8 + 16 + 4
    for run in found:
        cases = [[0] * len(run.limits), [lim - 1 for lim in run.limits],
                 [lim for lim in run.limits], [lim + 77 for lim in run.limits]]
        cases += [[rng.randrange(lim) for lim in run.limits] for _ in range(5)]
        for params in cases:
            assert _emitted(run, *params) == _built(run, *params), (run.name, params)


@pytest.mark.parametrize("name", ["nbody", "mandelbrot", "scheduler", "feat_numbers"])
def test_number_templates_emit_the_words_of_their_builds(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function of the program, plain and under stress, the same bytes with
    t_num's runs as with each run's build emitted instruction by instruction (the
    paths the templates took past slot 4095 before their fold into the runs)."""
    from a64js.jit import runs, t_num

    from .test_jit_runs import PROGRAMS
    from .test_jit_skeleton import same_words_with

    path = PROGRAMS / f"{name}.js"
    if not path.exists():
        pytest.skip(f"no {path.name}")

    def builds(mp: pytest.MonkeyPatch) -> None:
        mp.setattr(runs, "_emitter", lambda name, build, *rest: build)
        for run in _num_runs():
            mp.setattr(run, "emit", run.build)
        for table in ("_LOAD_TEST", "_DBL_OP", "_FOP"):
            mp.setattr(t_num, table, {})

    same_words_with(path, monkeypatch, builds)
