"""Python twin of tests/js/programs/textproc.js."""

import functools
import sys

from jsrt import log, scale

SCALE = scale()

LETTERS = "etaoinshrdlucmfwypvbgkjqxz"
seed = 7


def rand(n: int) -> int:
    global seed
    seed = (seed * 16807) % 2147483647
    return seed % n


def word() -> str:
    length = 2 + rand(5)
    w = ""
    for _ in range(length):
        w += LETTERS[rand(26 if rand(3) == 0 else 8)]
    return w


text = [word() for _ in range(3000 * SCALE)]
joined = " ".join(text)
log("chars", len(joined))

freq: dict[str, int] = {}
distinct = 0
for w in text:
    if w not in freq:
        freq[w] = 0
        distinct += 1
    freq[w] += 1


def order(a: str, b: str) -> int:
    return freq[b] - freq[a] or (-1 if a < b else 1 if a > b else 0)


top = sorted(freq, key=functools.cmp_to_key(order))
log("distinct", distinct, "top", ",".join(top[:5]), freq[top[0]])


def is_palindrome(s: str) -> bool:
    i, j = 0, len(s) - 1
    while i < j:
        if s[i] != s[j]:
            return False
        i += 1
        j -= 1
    return True


pals = [w for w in top if len(w) > 2 and is_palindrome(w)]
log("palindromes", len(pals), " ".join(pals[:4]))


def caesar(s: str, k: int) -> str:
    out = ""
    for ch in s:
        c = ord(ch)
        out += chr((c - 97 + k) % 26 + 97) if 97 <= c <= 122 else ch
    return out


secret = caesar(joined[:2000], 3)
back = caesar(secret, 23)
log("caesar", secret[:24], back == joined[:2000])

report = ""
for i in range(40):
    w = top[i]
    report += f"{w}:{freq[w]}" + ("\n" if i % 10 == 9 else ",")
sys.stdout.write(report)
h = 0
for ch in joined:
    h = (h * 131 + ord(ch)) % 1000000007
log("checksum", h)
