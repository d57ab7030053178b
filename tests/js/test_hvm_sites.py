"""The heap VM's site forms of session 15: a Call site whose callee takes fewer or more
parameters than the site passes builds the frame itself (no ``invoke``); ``===`` of two
string cells and of a string constant compares unit words in blocks (no Python
strings); an ``instanceof`` site remembers its constructor's ``prototype`` slot (no
``instance_of`` after the first); ``typeof`` gives shared name strings (no ``new_str``).
Each spy test fails on the code before these forms; the program
(tests/js/programs/feat_hvm_sites.js) gives node's output under GC stress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.js.hvmrun import heap_module, run_heap

PROGRAMS = Path(__file__).parent / "programs"


def _count(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count the calls of ``module.name`` (a list: its length)."""
    calls: list[int] = []
    real = getattr(module, name)

    def spy(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_feat_hvm_sites_under_gc_stress(monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    proc = run_heap(PROGRAMS / "feat_hvm_sites.js", semispace=1 << 20, stress=True,
                    poison=True)
    want = (PROGRAMS / "feat_hvm_sites.expected").read_text(encoding="utf-8")
    assert (proc.stdout, proc.returncode) == (want, 0), proc.stderr


def test_call_with_other_argument_counts_takes_the_fast_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp

    calls = _count(monkeypatch, interp, "invoke")
    fns = heap_module(
        "class A { m(x) { return x === undefined ? 1 : x; } }\n"
        "class B { m(x, y, z) {\n"
        "  return (z === undefined ? 100 : z) + (x === undefined ? 0 : x); } }\n"
        "const os = [new A(), new B()];\n"
        "let s = 0;\n"
        "for (let i = 0; i < 1000; i++) s += os[i & 1].m(i, 2) + os[i & 1].m();\n"
        "exports.s = s;\n", ["s"])
    assert core.number_of(fns["s"].word) == 600000  # (node)
    assert len(calls) <= 8, len(calls)  # the module, then each callee's first call (2,000 before)


def test_instanceof_site_reads_the_prototype_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp

    calls: list[int] = []  # reads of a constructor's prototype by the handler
    real = core.get_prop  # (interp.get_prop: the name the handler calls)

    def spy(w: int, key: str) -> int:
        if key == "prototype":
            calls.append(1)
        return real(w, key)

    monkeypatch.setattr(interp, "get_prop", spy)
    fns = heap_module(
        "function F() {}\n"
        "class G extends F {}\n"
        "const xs = [new F(), new G(), {}, 3, 's', null];\n"
        "let n = 0;\n"
        "for (let i = 0; i < 600; i++) if (xs[i % 6] instanceof F) n++;\n"
        "F.prototype = {};\n"
        "for (let i = 0; i < 600; i++) if (xs[i % 6] instanceof F) n += 1000;\n"
        "exports.n = n;\n", ["n"])
    assert core.number_of(fns["n"].word) == 200
    assert len(calls) <= 8, len(calls)  # (class and new read it too; 604 before)


def test_string_equality_in_blocks_reads_no_python_strings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp

    monkeypatch.setattr(interp, "_made", {})  # (generated handlers made with the spy)
    monkeypatch.setattr(interp, "_BLOCK_HOT", 3)
    calls: list[int] = []
    real = interp._GEN_SCOPE["str_of"]

    def spy(w: int) -> str:
        calls.append(1)
        return str(real(w))

    monkeypatch.setitem(interp._GEN_SCOPE, "str_of", spy)
    fns = heap_module(
        "const ws = ['ab', 'abcde', 'x', 'abcdefghij'].map((w) => w.split('').join(''));\n"
        "const vs = ws.map((w) => w.split('').join(''));\n"
        "let n = 0;\n"
        "for (let r = 0; r < 300; r++)\n"
        "  for (let i = 0; i < 4; i++) {\n"
        "    if (ws[i] === vs[(i + r) % 4]) n++;\n"
        "    if (ws[i] === 'abcde') n += 10;\n"
        "    if (ws[i] !== 'x') n += 100;\n"
        "  }\n"
        "exports.n = n;\n", ["n"])
    assert core.number_of(fns["n"].word) == 300 + 3000 + 90000
    assert len(calls) <= 40, len(calls)  # (the blocks' first entries: handlers)


def test_typeof_names_are_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from a64js.hvm import core, interp

    calls = _count(monkeypatch, interp, "new_str")
    fns = heap_module(
        "const xs = [1, 'a', null, undefined, {}, () => 0, true];\n"
        "let s = '', u = '';\n"
        "for (let i = 0; i < 700; i++) { s = typeof xs[i % 7]; u = typeof nothingHere; }\n"
        "exports.s = s; exports.u = u;\n", ["s", "u"])
    assert (core.str_of(fns["s"].word), core.str_of(fns["u"].word)) == ("boolean", "undefined")
    assert len(calls) <= 4, len(calls)
