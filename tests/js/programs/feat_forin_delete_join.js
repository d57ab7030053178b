// for-in skips a key the loop body deleted before its turn (a64js visited every key it
// listed at the start), and Array.prototype.join / toString give "" for an array met
// again inside itself (a64js recursed until the stack overflowed).
const o = { a: 1, b: 2, c: 3, d: 4 };
const seen = [];
for (const key in o) {
  seen.push(key);
  delete o.c;
  if (key === "a") delete o.b;
}
console.log(seen, o);
let p = { x: 1, y: 2 };
const s2 = [];
for (const k in p) {
  s2.push(k);
  delete p.y;
  p = { z: 1 };  // the loop goes on over the first object
}
console.log(s2, p);
const proto = { inherited: 1 };
const q = Object.create(proto);
q.own = 1;
const s3 = [];
for (const k in q) {
  s3.push(k);
  delete proto.inherited;
}
console.log(s3);
const arr = [1, 2, 3];
const s4 = [];
for (const i in arr) {
  s4.push(i);
  delete arr[2];
}
console.log(s4, arr);
let total = 0;
for (let r = 0; r < 60; r++) {  // hot: the check in compiled code
  const m = { a: 1, b: 2, c: 3 };
  for (const k in m) {
    total += m[k];
    if (k === "a") delete m.c;
  }
}
console.log(total);

const cyc = [1, 2];
cyc.push(cyc);
console.log(cyc.join("-"), String(cyc), `${cyc}`, cyc + "");
const a = [1];
const b = [a, 2];
a.push(b);
console.log(a.join(), b.join(";"), [a, b].join("|"));
const deep = [[1, [2, [3]]], "x"];
console.log(deep.join("+"), String(deep));
let n = 0;
for (let i = 0; i < 100; i++) {
  const c = [i, i + 1];
  c.push(c);
  n += c.join(",").length;
}
console.log(n);
