"""Python twin of tests/js/programs/permutations.js."""

from collections.abc import Callable

from jsrt import log, scale

SCALE = scale()


def heap_permute(arr: list[int], visit: Callable[[list[int]], None]) -> None:
    n = len(arr)
    c = [0] * n
    visit(arr)
    i = 0
    while i < n:
        if c[i] < i:
            j = 0 if i % 2 == 0 else c[i]
            arr[j], arr[i] = arr[i], arr[j]
            visit(arr)
            c[i] += 1
            i = 0
        else:
            c[i] = 0
            i += 1


count = 0
weighted = 0


def visit(p: list[int]) -> None:
    global count, weighted
    count += 1
    w = 0
    for k in range(len(p)):
        w += p[k] * (k + 1)
    weighted = (weighted + w * count) % 1000000007


for _rep in range(SCALE):
    heap_permute([1, 2, 3, 4, 5, 6, 7], visit)
log("heap", count, weighted)


def permute_into(prefix: list[str], rest: list[str], out: list[str]) -> None:
    if len(rest) == 0:
        out.append("".join(prefix))
        return
    for i in range(len(rest)):
        nxt = [*rest[0:i], *rest[i + 1 :]]
        prefix.append(rest[i])
        permute_into(prefix, nxt, out)
        prefix.pop()


words: list[str] = []
permute_into([], ["a", "b", "c", "d", "e"], words)
log("words", len(words), words[0], words[-1], words[57])
code = 0
for w in words:
    code = (code * 7 + ord(w[2])) % 1000003
log("checksum", (weighted + code) % 1000000007)
