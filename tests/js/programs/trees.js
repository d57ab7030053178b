// Binary trees: many short-lived trees (garbage) next to one long-lived tree.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
class TreeNode {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }
}

function make(depth) {
  if (depth === 0) return new TreeNode(null, null);
  return new TreeNode(make(depth - 1), make(depth - 1));
}

function check(node) {
  if (node.left === null) return 1;
  return 1 + check(node.left) + check(node.right);
}

// A search tree with keys, to exercise mutation of a long-lived structure.
function insert(root, key) {
  if (root === null) return { key, count: 1, left: null, right: null };
  let p = root;
  for (;;) {
    if (key === p.key) {
      p.count++;
      return root;
    }
    const side = key < p.key ? "left" : "right";
    if (p[side] === null) {
      p[side] = { key, count: 1, left: null, right: null };
      return root;
    }
    p = p[side];
  }
}

function inorder(node, visit) {
  if (node === null) return;
  inorder(node.left, visit);
  visit(node);
  inorder(node.right, visit);
}

const longLived = make(10);
let checksum = 0;
for (let depth = 4; depth <= 10; depth += 2) {
  const iterations = (1 << (10 - depth + 2)) * SCALE;
  let total = 0;
  for (let i = 0; i < iterations; i++) total += check(make(depth));
  console.log(iterations, "trees of depth", depth, "check", total);
  checksum += total;
}
console.log("long lived", check(longLived));

let bst = null;
let x = 42;
for (let i = 0; i < 2000; i++) {
  x = (x * 75 + 74) % 65537;
  bst = insert(bst, x % 500);
}
let distinct = 0;
let weighted = 0;
inorder(bst, (n) => {
  distinct++;
  weighted = (weighted * 3 + n.key * n.count) % 1000003;
});
console.log("bst", distinct, weighted);
console.log("checksum", checksum + check(longLived) + weighted);
