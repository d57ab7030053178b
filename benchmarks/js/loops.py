"""Python twin of tests/js/programs/loops.js."""

from jsrt import jsmod, log, scale

SCALE = scale()

acc = 0
for _rep in range(SCALE):
    for i in range(200):
        for j in range(200):
            acc = (acc + i * j) % 1000003
            acc ^= (i << 3) | (j & 7)
log("nested", acc)

h = 216613
for _rep in range(SCALE):
    k = 0
    while k < 30000:
        h = ((h ^ (k & 255)) * 31 + k) & 0x3FFFFFFF
        k += 1
log("hash", h)

collatz_max = 0
collatz_arg = 0
for n in range(1, 1500 * SCALE):
    steps = 0
    x = n
    while True:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
        if x == 1:
            break
    if steps > collatz_max:
        collatz_max = steps
        collatz_arg = n
log("collatz", collatz_arg, collatz_max)
down = 0
for rep in range(SCALE):
    i = 100000
    while i > 0:
        down -= (i + rep) >> 2
        i -= 7
log("down", down)
log("checksum", jsmod(acc + h + collatz_max * collatz_arg + down, 1000000007))
