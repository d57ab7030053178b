// strict equality in a hot block: objects, strings built at run time, constants, numbers
const a = { k: 1 };
const b = { k: 1 };
const vals = [a, b, null, undefined, true, false, "ab", 1, 1.5, -0, 0, NaN];
let hits = 0;
let seen = 0;
for (let i = 0; i < 3000; i++) {
  const s = "a" + (i % 2 === 0 ? "b" : "c");
  const x = vals[i % vals.length];
  const y = vals[(i * 7) % vals.length];
  if (x === y) hits++;
  if (s === "ab") seen++;
  if (s === vals[6]) seen += 2;
  if (x !== a) hits += 3;
  if (y === b) hits += 5;
}
console.log(hits, seen);
