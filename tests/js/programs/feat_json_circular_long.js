// JSON.stringify of a circle longer than three steps: node's message keeps the first two
// steps and the last, with "|     ..." between (a64js listed every step).
function t(f) { try { console.log(f()); } catch (e) { console.log(e.constructor.name + ': ' + e.message); console.log('---'); } }
for (let len = 1; len <= 7; len++) {
  const root = {};
  let cur = root;
  for (let i = 0; i < len; i++) { cur['k' + i] = {}; cur = cur['k' + i]; }
  if (len % 2) cur.back = root; else cur.list = [1, root];
  t(() => JSON.stringify(root));
}
class Tree { constructor(kids) { this.kids = kids; } }
const leaf = { up: null };
const tree = new Tree([new Tree([new Tree([new Tree([leaf])])])]);
leaf.up = tree.kids[0];
t(() => JSON.stringify(tree));
const arr = [0, [1, [2, [3, [4]]]]];
arr[1][1][1][1].push(arr[1]);
t(() => JSON.stringify(arr, null, 2));
