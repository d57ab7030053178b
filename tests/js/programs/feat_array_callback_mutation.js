// Array callbacks that change their array: each method visits the indexes below the
// length at its start, reads each element when it gets there (seeing writes, holes
// filled, truncation) and skips holes, as node's (the Python VM iterated a copy, or
// the live length, or the holes found at the start).
function run(name, result) {
  const a = [1, 2, 3, 4];
  const seen = [];
  const r = a[name]((x, i, arr) => {
    seen.push(x);
    if (i === 0) { arr[2] = 30; arr.push(5); }
    if (i === 1) arr.length = 3;
    return result(x);
  });
  console.log(name, seen, r, a);
}
run("some", () => false);
run("every", () => true);
run("find", () => false);
run("findIndex", () => false);
run("findLast", () => false);
run("findLastIndex", () => false);
run("forEach", () => 0);
run("map", (x) => x * 2);
run("filter", () => true);
run("flatMap", (x) => [x, -x]);

const holes = [1, , 3, , 5];
const idx = [];
console.log(holes.reduce((acc, x, i, arr) => {
  idx.push(i);
  if (i === 2) { arr[3] = 4; arr.length = 4; }
  return acc + x;
}), idx);
const idx2 = [];
console.log([1, , 3].reduceRight((acc, x, i, arr) => { idx2.push(i); arr[1] = 9; return acc + x; }, 0), idx2);
const idx3 = [];
console.log([, , 7, , 8].reduce((acc, x, i) => { idx3.push(i); return acc * x; }), idx3);
try { [, ,].reduce((a, b) => a + b); } catch (e) { console.log(e.name, e.message); }
console.log([, , 6].reduce((a, b) => a + b), [6, , ,].reduceRight((a, b) => a + b));

const filled = [];
const r3 = [5, , 7];
r3.some((x, i) => { filled.push(i); r3[1] = 6; return false; });
console.log(filled);
const found = [];
[1, , 3].find((x, i) => { found.push([i, x]); return false; });
console.log(found);
const shifted = [];
const a5 = [1, 2, 3];
a5.every((x) => { shifted.push(x); a5.shift(); return true; });
console.log(shifted, a5);
const grown = [];
const a6 = [1, 2, 3];
a6.forEach((x) => { grown.push(x); a6.unshift(0); });
console.log(grown, a6);
const a7 = [1, 2, 3];
a7.forEach((x, i) => { if (i === 0) a7.push(99); console.log("visit", x); });
console.log(a7);
