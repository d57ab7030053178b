"""Python twin of tests/js/programs/hanoi.js."""

from jsrt import log, scale

SCALE = scale()


class Tower:
    def __init__(self, name: str) -> None:
        self.name = name
        self.discs: list[int] = []

    def push(self, d: int) -> None:
        n = len(self.discs)
        if n > 0 and self.discs[n - 1] < d:
            raise ValueError("bigger disc on smaller one")
        self.discs.append(d)

    def pop(self) -> int:
        return self.discs.pop()


moves = 0
trace = 0


def move(n: int, frm: Tower, to: Tower, via: Tower) -> None:
    global moves, trace
    if n == 0:
        return
    move(n - 1, frm, via, to)
    d = frm.pop()
    to.push(d)
    moves += 1
    trace = (trace * 3 + d * (ord(to.name[0]) - 64)) % 1000003
    move(n - 1, via, to, frm)


discs = 13
for _rep in range(SCALE):
    a = Tower("A")
    b = Tower("B")
    c = Tower("C")
    for d in range(discs, 0, -1):
        a.push(d)
    move(discs, a, c, b)
log("moves", moves, "expected", SCALE * (2**discs - 1))
log("pegs", len(a.discs), len(b.discs), len(c.discs))
log("top", c.discs[-1], "bottom", c.discs[0])
log("checksum", trace)
