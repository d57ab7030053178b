"""Python twin of tests/js/programs/trees.js (the search tree uses dicts, as JS uses literals)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsrt import log, scale

SCALE = scale()


class TreeNode:
    def __init__(self, left: TreeNode | None, right: TreeNode | None) -> None:
        self.left = left
        self.right = right


def make(depth: int) -> TreeNode:
    if depth == 0:
        return TreeNode(None, None)
    return TreeNode(make(depth - 1), make(depth - 1))


def check(node: TreeNode) -> int:
    if node.left is None:
        return 1
    assert node.right is not None
    return 1 + check(node.left) + check(node.right)


def insert(root: dict[str, Any] | None, key: int) -> dict[str, Any]:
    if root is None:
        return {"key": key, "count": 1, "left": None, "right": None}
    p = root
    while True:
        if key == p["key"]:
            p["count"] += 1
            return root
        side = "left" if key < p["key"] else "right"
        if p[side] is None:
            p[side] = {"key": key, "count": 1, "left": None, "right": None}
            return root
        p = p[side]


def inorder(node: dict[str, Any] | None, visit: Callable[[dict[str, Any]], None]) -> None:
    if node is None:
        return
    inorder(node["left"], visit)
    visit(node)
    inorder(node["right"], visit)


long_lived = make(10)
checksum = 0
for depth in range(4, 11, 2):
    iterations = (1 << (10 - depth + 2)) * SCALE
    total = 0
    for _ in range(iterations):
        total += check(make(depth))
    log(iterations, "trees of depth", depth, "check", total)
    checksum += total
log("long lived", check(long_lived))

bst = None
x = 42
for _ in range(2000):
    x = (x * 75 + 74) % 65537
    bst = insert(bst, x % 500)
distinct = 0
weighted = 0


def visit(n: dict[str, Any]) -> None:
    global distinct, weighted
    distinct += 1
    weighted = (weighted * 3 + n["key"] * n["count"]) % 1000003


inorder(bst, visit)
log("bst", distinct, weighted)
log("checksum", checksum + check(long_lived) + weighted)
