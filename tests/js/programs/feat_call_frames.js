// Direct calls of functions with frames of many sizes (templates copied in line, by an
// unrolled copy up to 32 words, by a loop beyond), any argument count, arrows, and
// objects of many inline slots made by `new`.
function make(n) {
  // a function with n locals: its frame template grows with n
  const names = [];
  for (let i = 0; i < n; i++) names.push("v" + i);
  return names.length;
}

function f0() { return 1; }
function f1(a) { let x = a + 1; return x; }
function f3(a, b, c) { let x = a + b; let y = x * c; return y - a; }
function f8(a, b, c, d, e, f, g, h) {
  let s = a + b + c + d + e + f + g + h;
  let t = s * 2; let u = t - a; let v = u + b; let w = v * c;
  return w + (h === undefined ? 100 : h);
}
function big(a, b) {
  let x0 = a, x1 = b, x2 = a + b, x3 = a - b, x4 = a * 2, x5 = b * 2, x6 = 6, x7 = 7;
  let x8 = 8, x9 = 9, x10 = 10, x11 = 11, x12 = 12, x13 = 13, x14 = 14, x15 = 15;
  let x16 = 16, x17 = 17, x18 = 18, x19 = 19, x20 = 20, x21 = 21, x22 = 22, x23 = 23;
  let x24 = 24, x25 = 25, x26 = 26, x27 = 27, x28 = 28, x29 = 29, x30 = 30, x31 = 31;
  let x32 = 32, x33 = 33, x34 = 34, x35 = 35, x36 = 36, x37 = 37, x38 = 38, x39 = 39;
  let u;
  return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 +
    x15 + x16 + x17 + x18 + x19 + x20 + x21 + x22 + x23 + x24 + x25 + x26 + x27 + x28 +
    x29 + x30 + x31 + x32 + x33 + x34 + x35 + x36 + x37 + x38 + x39 + (u === undefined ? 1 : 0);
}
function mid(a) {
  let x0 = a, x1 = 1, x2 = 2, x3 = 3, x4 = 4, x5 = 5, x6 = 6, x7 = 7, x8 = 8, x9 = 9;
  let x10 = 10, x11 = 11, x12 = 12, x13 = 13, x14 = 14, x15 = 15, x16 = 16, x17 = 17;
  let x18 = 18, x19 = 19, x20 = 20, x21 = 21, x22 = 22, x23 = 23, x24 = 24, x25, x26;
  return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 +
    x15 + x16 + x17 + x18 + x19 + x20 + x21 + x22 + x23 + x24 + (x25 === undefined) + (x26 === undefined);
}

function Wide(a) {
  this.a0 = a; this.a1 = a + 1; this.a2 = a + 2; this.a3 = a + 3; this.a4 = a + 4;
  this.a5 = a + 5; this.a6 = a + 6; this.a7 = a + 7;
}
function Empty() {}
function Many(k) {
  for (let i = 0; i < 40; i++) this["p" + i] = k + i;
}

const add = (x) => (y) => x + y;
const obj = { n: 5, get() { const inner = () => this.n; return inner(); } };

let total = 0;
for (let i = 0; i < 300; i++) {
  total += f0() + f1(i) + f3(i, 2, 3) + f8(1, 2, 3, 4, 5, 6, 7, i);
  const nan = f8(1, 2, 3);
  total += nan !== nan ? 1 : 0;
  total += f1() === f1() ? 0 : 1;          // NaN: unequal
  total += f3(1, 2, 3, 4, 5, 6);           // extra arguments dropped
  total += big(i, 2) + mid(i);
  total += add(i)(1) + obj.get();
  const w = new Wide(i);
  total += w.a0 + w.a7 + (w.a8 === undefined ? 1 : 0);
  const e = new Empty();
  total += Object.keys(e).length;
  if (i % 50 === 0) {
    const m = new Many(i);
    total += m.p0 + m.p39;
  }
}
console.log("total", total);
console.log(make(3), f1(41), f8(1, 2, 3, 4, 5, 6, 7, 8), f8(), big(1, 2), mid(0));
console.log(JSON.stringify(new Wide(1)));
console.log(Object.keys(new Many(0)).length);
