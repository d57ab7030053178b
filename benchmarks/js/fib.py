"""Python twin of tests/js/programs/fib.js (same algorithm, sizes and output)."""

from jsrt import log, scale

SCALE = scale()


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def is_even(n: int) -> bool:
    return True if n == 0 else is_odd(n - 1)


def is_odd(n: int) -> bool:
    return False if n == 0 else is_even(n - 1)


total = 0
for _rep in range(SCALE):
    for i in range(23):
        total += fib(i)
log("fib(22) =", fib(22))
parity = 0
for i in range(300):
    if is_even(i):
        parity += i
log("parity", parity)
log("checksum", total + parity)
