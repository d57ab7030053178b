"""Python twin of tests/js/programs/constraints.js."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsrt import log, scale

SCALE = scale()


class Variable:
    def __init__(self, name: str, lo: int, hi: int) -> None:
        self.name = name
        self.domain = list(range(lo, hi + 1))
        self.constraints: list[Constraint] = []

    @property
    def fixed(self) -> bool:
        return len(self.domain) == 1

    @property
    def value(self) -> int:
        return self.domain[0]


class Constraint:
    def __init__(self, vars: list[Variable]) -> None:
        self.vars = vars
        for v in vars:
            v.constraints.append(self)

    def supported(self, v: Variable, x: int) -> bool:
        raise NotImplementedError

    def revise(self) -> list[Variable] | None:
        changed = []
        for v in self.vars:
            keep = [x for x in v.domain if self.supported(v, x)]
            if len(keep) == 0:
                return None
            if len(keep) != len(v.domain):
                v.domain = keep
                changed.append(v)
        return changed


class NotEqual(Constraint):
    def __init__(self, a: Variable, b: Variable) -> None:
        super().__init__([a, b])

    def supported(self, v: Variable, x: int) -> bool:
        other = self.vars[1] if v is self.vars[0] else self.vars[0]
        return not (other.fixed and other.value == x)


class LessThan(Constraint):
    def __init__(self, a: Variable, b: Variable) -> None:
        super().__init__([a, b])

    def supported(self, v: Variable, x: int) -> bool:
        a, b = self.vars
        if v is a:
            return x < b.domain[-1]
        return x > a.domain[0]


class SumEquals(Constraint):
    def __init__(self, vars: list[Variable], total: int) -> None:
        super().__init__(vars)
        self.total = total

    def supported(self, v: Variable, x: int) -> bool:
        lo = hi = x
        for w in self.vars:
            if w is v:
                continue
            lo += w.domain[0]
            hi += w.domain[-1]
        return lo <= self.total <= hi


class Solver:
    def __init__(self, vars: list[Variable]) -> None:
        self.vars = vars
        self.nodes = 0

    def propagate(self, queue: list[Constraint]) -> bool:
        while len(queue) > 0:
            c = queue.pop()
            changed = c.revise()
            if changed is None:
                return False
            for v in changed:
                for d in v.constraints:
                    if d is not c:
                        queue.append(d)
        return True

    def snapshot(self) -> list[list[int]]:
        return [v.domain for v in self.vars]

    def restore(self, saved: list[list[int]]) -> None:
        for i, v in enumerate(self.vars):
            v.domain = saved[i]

    def solve(self, on_solution: Callable[[list[int]], None]) -> None:
        self.nodes += 1
        pick = None
        for v in self.vars:
            if not v.fixed and (pick is None or len(v.domain) < len(pick.domain)):
                pick = v
        if pick is None:
            on_solution([v.value for v in self.vars])
            return
        saved = self.snapshot()
        for x in saved[self.vars.index(pick)]:
            pick.domain = [x]
            if self.propagate(pick.constraints[:]):
                self.solve(on_solution)
            self.restore(saved)


def latin(n: int) -> dict[str, Any]:
    cells = [[Variable("c" + str(r) + str(c), 1, n) for c in range(n)] for r in range(n)]
    all_vars = []
    constraints: list[Constraint] = []
    for r in range(n):
        for c in range(n):
            all_vars.append(cells[r][c])
            for k in range(c + 1, n):
                constraints.append(NotEqual(cells[r][c], cells[r][k]))
            for k in range(r + 1, n):
                constraints.append(NotEqual(cells[r][c], cells[k][c]))
    for c in range(n - 1):
        constraints.append(LessThan(cells[0][c], cells[0][c + 1]))
    for r in range(1, n - 1):
        constraints.append(LessThan(cells[r][0], cells[r + 1][0]))
    return {"all": all_vars, "constraints": constraints}


count = 0
hsh = 0
nodes = 0


def on_latin(values: list[int]) -> None:
    global count, hsh
    count += 1
    for v in values:
        hsh = (hsh * 7 + v) % 1000003


for _rep in range(SCALE):
    puzzle = latin(5)
    solver = Solver(puzzle["all"])
    if solver.propagate(puzzle["constraints"][:]):
        solver.solve(on_latin)
    nodes += solver.nodes
log("latin 5:", count, "solutions,", nodes, "nodes, hash", hsh)

digits = [Variable(n, 0, 9) for n in ["a", "b", "c", "d"]]
cs: list[Constraint] = [SumEquals(digits, 20)]
for i in range(len(digits) - 1):
    cs.append(LessThan(digits[i], digits[i + 1]))
s2 = Solver(digits)
found: list[str] = []
if s2.propagate(cs[:]):
    s2.solve(lambda values: found.append("".join(str(v) for v in values)))
log("sum 20:", len(found), found[0], found[-1], s2.nodes)
log("checksum", (hsh + len(found) * 1000 + nodes + s2.nodes) % 1000000007)
