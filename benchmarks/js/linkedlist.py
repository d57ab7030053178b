"""Python twin of tests/js/programs/linkedlist.js."""

from __future__ import annotations

from collections.abc import Callable

from jsrt import log, scale

SCALE = scale()


class Node:
    def __init__(self, value: int, nxt: Node | None) -> None:
        self.value = value
        self.next = nxt


def build(n: int, seed: int) -> Node | None:
    head = None
    x = seed
    for _ in range(n):
        x = (x * 48271) % 2147483647
        head = Node(x % 1000, head)
    return head


def reverse(lst: Node | None) -> Node | None:
    prev = None
    while lst is not None:
        nxt = lst.next
        lst.next = prev
        prev = lst
        lst = nxt
    return prev


def length(lst: Node | None) -> int:
    n = 0
    p = lst
    while p is not None:
        n += 1
        p = p.next
    return n


def insert_sorted(srt: Node | None, value: int) -> Node:
    if srt is None or value <= srt.value:
        return Node(value, srt)
    p = srt
    while p.next is not None and p.next.value < value:
        p = p.next
    p.next = Node(value, p.next)
    return srt


def copy_map(lst: Node | None, f: Callable[[int], int]) -> Node | None:
    if lst is None:
        return None
    head = Node(f(lst.value), None)
    tail = head
    p = lst.next
    while p is not None:
        tail.next = Node(f(p.value), None)
        tail = tail.next
        p = p.next
    return head


checksum = 0
for rnd in range(30 * SCALE):
    lst = build(400, rnd + 1)
    lst = reverse(lst)
    lst = copy_map(lst, lambda v: v * 2 + 1)
    total = 0
    idx = 0
    p = lst
    while p is not None:
        total += p.value * (idx % 7)
        idx += 1
        p = p.next
    checksum = (checksum + total + length(lst)) % 1000000007
log("rounds", checksum)

srt: Node | None = None
for i in range(300):
    srt = insert_sorted(srt, (i * 7919) % 1009)
assert srt is not None
ok = True
count = 0
q = srt
while q.next is not None:
    if q.value > q.next.value:
        ok = False
    count += 1
    q = q.next
log("sorted", ok, count + 1, srt.value)
log("checksum", (checksum + count) % 1000000007)
