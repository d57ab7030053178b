"""Memory tagging (MTE): irg, gmi, subp, subps, cmpp, addg, subg, stg, stzg, st2g, stz2g,
ldg, stgp, dc gva/gzva."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import XSP, XZR

MATTR = "+mte"
TRIPLES = [(0, 1, 2), (30, 29, 28), (31, 31, 31), (5, 31, 17)]


def _x(i: int, sp: bool) -> str:
    return (XSP if sp else XZR)[i]


def lines() -> Iterator[str]:
    for d, n, m in TRIPLES:
        yield f"irg {_x(d, True)}, {_x(n, True)}, {_x(m, False)}"
        yield f"irg {_x(d, True)}, {_x(n, True)}"
        yield f"gmi {_x(d, False)}, {_x(n, True)}, {_x(m, False)}"
        for op in ("subp", "subps"):
            yield f"{op} {_x(d, False)}, {_x(n, True)}, {_x(m, True)}"
        yield f"cmpp {_x(n, True)}, {_x(m, True)}"
        for op in ("addg", "subg"):
            for off, tag in ((0, 0), (16, 1), (1008, 15), (512, 7)):
                yield f"{op} {_x(d, True)}, {_x(n, True)}, #{off}, #{tag}"
    for bad in ("irg w0, w1", "irg x0, xzr", "irg xzr, x1", "irg x0, x1, sp",
                "gmi sp, x1, x2", "gmi x0, x1, sp", "gmi x0, xzr, x1", "subp sp, x1, x2",
                "subp x0, xzr, x1", "subp w0, w1, w2", "cmpp xzr, x1", "cmpp x1, w2",
                "addg x0, x1, #8, #1", "addg x0, x1, #1024, #1", "addg x0, x1, #-16, #1",
                "addg x0, x1, #16, #16", "addg x0, x1, #16, #-1", "addg xzr, x1, #16, #1",
                "addg x0, x1, #16", "subg w0, w1, #16, #1"):
        yield bad
    for op in ("stg", "stzg", "st2g", "stz2g"):
        for t, n in ((0, 1), (31, 31), (30, 2), (17, 31)):
            rt, rn = _x(t, True), _x(n, True)
            for off in (0, 16, -16, 4080, -4096, 2048):
                yield f"{op} {rt}, [{rn}, #{off}]"
                yield f"{op} {rt}, [{rn}, #{off}]!"
                yield f"{op} {rt}, [{rn}], #{off}"
            yield f"{op} {rt}, [{rn}]"
        yield f"{op} x0, [x1, #8]"
        yield f"{op} x0, [x1, #4096]"
        yield f"{op} x0, [x1, #-4112]!"
        yield f"{op} x0, [x1], #4"
        yield f"{op} xzr, [x1]"
        yield f"{op} w0, [x1]"
        yield f"{op} x0, [x1, x2]"
        yield f"{op} x0, [xzr]"
    for t, n in ((0, 1), (30, 31), (31, 2)):
        rt, rn = _x(t, False), _x(n, True)
        for off in (0, 16, -16, 4080, -4096):
            yield f"ldg {rt}, [{rn}, #{off}]"
        yield f"ldg {rt}, [{rn}]"
        yield f"ldg {rt}, [{rn}, #16]!"
        yield f"ldg {rt}, [{rn}], #16"
    yield "ldg sp, [x1]"
    yield "ldg x0, [x1, #8]"
    yield "ldg x0, [x1, #4096]"
    for t1, t2, n in ((0, 1, 2), (30, 31, 31), (31, 0, 5)):
        a, b, rn = _x(t1, False), _x(t2, False), _x(n, True)
        for off in (0, 16, -16, 1008, -1024, 512):
            yield f"stgp {a}, {b}, [{rn}, #{off}]"
            yield f"stgp {a}, {b}, [{rn}, #{off}]!"
            yield f"stgp {a}, {b}, [{rn}], #{off}"
        yield f"stgp {a}, {b}, [{rn}]"
    for bad in ("stgp x0, x1, [x2, #8]", "stgp x0, x1, [x2, #1024]", "stgp x0, x1, [x2, #-1040]!",
                "stgp sp, x1, [x2]", "stgp x0, sp, [x2]", "stgp w0, w1, [x2]",
                "stgp x0, x1, [x2, x3]"):
        yield bad
    for op in ("gva", "gzva"):
        for r in ("x0", "x30", "xzr"):
            yield f"dc {op}, {r}"
