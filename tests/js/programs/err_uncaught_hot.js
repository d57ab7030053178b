// An uncaught TypeError from the middle of hot code (a block compiled by then): the
// report names this line, not the block's first.
function pick(list, i) {
  const a = list[i % 3];
  const b = a + i;
  const c = b * 2;
  return c + a.size.length;
}
const list = [{ size: "ab" }, { size: "abc" }, { size: "a" }];
let total = 0;
for (let i = 0; i < 1500; i++) {
  if (i === 1450) list[1] = {};
  total += pick(list, i);
}
console.log(total);
