"""Python twin of tests/js/programs/nqueens.js."""

from jsrt import log, scale

SCALE = scale()


def solve(n: int) -> tuple[int, list[int]]:
    cols = [False] * n
    diag1 = [False] * (2 * n)
    diag2 = [False] * (2 * n)
    placement: list[int] = []
    solutions = 0
    first: list[int] = []

    def place(row: int) -> None:
        nonlocal solutions, first
        if row == n:
            if solutions == 0:
                first = placement[:]
            solutions += 1
            return
        for c in range(n):
            d1 = row + c
            d2 = row - c + n
            if cols[c] or diag1[d1] or diag2[d2]:
                continue
            cols[c] = diag1[d1] = diag2[d2] = True
            placement.append(c)
            place(row + 1)
            placement.pop()
            cols[c] = diag1[d1] = diag2[d2] = False

    place(0)
    return solutions, first


checksum = 0
for rep in range(SCALE):
    for n in range(4, 9):
        solutions, first = solve(n)
        if rep == 0:
            log(n, solutions, ",".join(str(x) for x in first))
        checksum = (checksum * 100 + solutions) % 1000000007
log("checksum", checksum % 1000000007)
