"""Python twin of tests/js/programs/sieve.js."""

from jsrt import log, scale

SCALE = scale()


def sieve(n: int) -> list[int]:
    composite = [False] * (n + 1)
    count = 0
    total = 0
    for i in range(2, n + 1):
        if not composite[i]:
            count += 1
            total += i
            for j in range(i * i, n + 1, i):
                composite[j] = True
    return [count, total]


checksum = 0
for rnd in range(4 * SCALE):
    count, total = sieve(30000 + (rnd % 4) * 1000 + (rnd >> 2))
    if rnd < 4:
        log("primes", count, total)
    checksum = (checksum * 31 + count + total) % 1000000007
log("checksum", checksum)
