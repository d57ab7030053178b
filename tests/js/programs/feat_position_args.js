// Position, count and precision arguments of the Array, String and Number built-ins at
// their edges (negative, NaN, Infinity, past either end, undefined, objects whose
// valueOf allocates or changes the array), as node computes them.
const a = [1, 2, 3, NaN, 2];
for (const p of [undefined, -1, -2, 2, 3, 10, Infinity, -Infinity, NaN, "1", null, 2.9]) {
  console.log(p, a.includes(2, p), a.includes(NaN, p), a.indexOf(2, p), a.lastIndexOf(2, p),
    a.lastIndexOf(1, p), a.at(p), "abcab".includes("b", p), "abcab".indexOf("b", p),
    "abcab".lastIndexOf("b", p), "abcab".lastIndexOf("", p), "abcab".lastIndexOf("cab", p));
}
console.log(a.lastIndexOf(2), [].lastIndexOf(1, 0), [1, , 1].lastIndexOf(undefined), "".lastIndexOf(""));
for (const c of [undefined, NaN, 0, 1, Infinity, -1, -Infinity, 1.5]) {
  const b = [1, 2, 3, 4];
  const r = c === undefined ? b.splice(1) : b.splice(1, c);
  console.log(c, r, b);
}
const e = "a\u{1F600}b\uD800x\uDC00";
const cps = [];
for (let i = -1; i <= e.length; i++) cps.push(e.codePointAt(i));
console.log(cps.join(), "\u{1F600}".codePointAt(), "".codePointAt(0));
for (const x of [0, -0, 1.5, 123.456, -0.000123, 1e21, 1e-7, NaN, -Infinity, 2 ** 53]) {
  const r = [];
  for (const p of [1, 2, 5, 21, 100, undefined, 0, 101, Infinity]) {
    try { r.push(x.toPrecision(p)); } catch (err) { r.push(err.name); }
  }
  for (const d of [0, 2, 20, 100, 101, -1, Infinity, NaN, undefined, 2.7]) {
    try { r.push(x.toFixed(d)); } catch (err) { r.push(err.name); }
  }
  for (const d of [2, 3, 16, 36, 37, 1, Infinity, NaN, undefined, 8.9]) {
    try { r.push(x.toString(d)); } catch (err) { r.push(err.name + ": " + err.message); }
  }
  console.log(r.join(" "));
}
const radix = [];
let m = 0.7;
for (let i = 0; i < 40; i++) {
  m = m * 13.37 % 1000 - 250;
  radix.push((m / 7 ** (i % 9)).toString(2 + i % 35), (m * 2 ** (40 + i)).toString(36 - i % 30));
}
console.log(radix.join(" "));
for (const n of [-1, 0, 3, 5, 2.5, NaN, Infinity]) {
  try { console.log("ab".padStart(n, "xy") + "|" + "ab".padEnd(n) + "|"); } catch (err) { console.log(err.name, err.message); }
}
// positions that run JavaScript: converted (allocating) before any element is read,
// after the length is
function churn() { const junk = []; for (let i = 0; i < 30; i++) junk.push({ i, s: "s" + i }); return junk.length; }
const objs = [{ a: 1 }, { b: 2 }, { c: 3 }, "x" + 1, [4]];
const at = (n) => ({ valueOf() { churn(); return n; } });
console.log(objs.slice(at(1), at(4)), objs.indexOf(objs[2], at(1)), objs.lastIndexOf(objs[0], at(3)),
  objs.includes(objs[1], at(2)), objs.at(at(-1)), [1, 2, 3, 4].fill({ z: 1 }, at(1), at(3)));
const grow = [1, 2, 3];
console.log(grow.slice({ valueOf() { grow.push(4, 5); return 1; } }), grow.length);
console.log([1, 2, 3].splice(at(1), at(1)), "abcdef".slice(at(1), at(3)), "abcabc".lastIndexOf("c", at(4)));
