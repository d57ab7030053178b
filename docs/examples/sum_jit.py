"""The sum loop of the quickstart, built with call sites recorded for a listing."""

from a64jit import Assembler, x0, x1, x2


def build() -> Assembler:
    a = Assembler(record_sites=True)
    loop = a.label("loop")
    a.mov(x2, 0)
    a.bind(loop)
    a.add(x2, x2, x1)
    a.subs(x0, x0, 1)
    a.b_ne(loop)
    a.mov(x0, x2)
    a.ret()
    return a
