// Values forwarded from one bytecode's store to the next one's load (the JIT's
// "forwarding", session 21): chains of results, a result that turns from int32 to
// double mid-run (guards fail right after a forwarded load and go on at the next
// bytecode through the runtime), loop headers and joins right after a store (branch
// targets: never forwarded), exception handlers, on-stack replacement.

function chain(x) {
  const a = x + 1;
  const b = a * 3;
  const c = b - a;
  const d = c ^ b;
  return d + a;
}

function mixed(x) {
  // x is an int32, then a double, then past int32: Add/Mul's guards fail
  const a = x + 1;
  const b = a * 2;
  const c = b + a;
  return c - 1;
}

function header(n) {
  let s = 0;
  let i = n - 1;           // i stored, then the loop header loads it (a branch target)
  while (i >= 0) {
    s = s + i;
    i = i - 1;
  }
  return s;
}

function join(c, v) {
  let r = c ? v + 1 : v - 1;  // the join after ?: is a branch target
  r = r * 2;
  return r + 1;
}

function props(o) {
  const p = o.a;
  const q = p.b;
  const r = q.c;
  return r + p.k;
}

function thrower(x) {
  const a = x + 1;
  if (a > 5) throw new Error("big " + a);
  return a;
}

function handler(x) {
  let got = 0;
  try {
    got = thrower(x);
  } catch (e) {
    const m = e.message;
    got = m.length;
  }
  return got + 1;
}

function strs(s) {
  const a = s + "x";
  const b = a.length;
  const c = b * 2;
  return c;
}

function cmp(a, b) {
  const c = a < b;
  const d = !c;
  return d === true ? 1 : 0;
}

let total = 0;
for (let i = 0; i < 300; i++) {
  total = total + chain(i);
  total = total + header(i % 17);
  total = total + join(i & 1, i);
  total = total + props({ a: { b: { c: i }, k: 2 } });
  total = total + handler(i % 8);
  total = total + strs("ab" + i);
  total = total + cmp(i, 150);
}
console.log("total", total);

let m = 0;
for (let i = 0; i < 400; i++) {
  const x = i < 200 ? i : i + 0.25;
  m = m + mixed(x);
}
console.log("mixed", m);
console.log("big", mixed(2147483646), mixed(1e300), mixed(-0.5));

// a long loop in the module code (entered by on-stack replacement at its header)
let acc = 0;
let k = 7;
for (let j = 0; j < 5000; j++) {
  k = (k * 31 + j) % 1000003;
  acc = acc + k;
  acc = acc % 99991;
}
console.log("acc", acc, k);

// the same value forwarded into a second operand, and a slot read twice
function twice(a) {
  const b = a + a;
  const c = a - b;
  const d = c * c;
  return d + c;
}
let t = 0;
for (let i = 0; i < 100; i++) t = t + twice(i);
console.log("twice", t, twice(0.5), twice("1"));
