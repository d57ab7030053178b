// Hot straight-line code: loops of 1400 iterations, past the point (500 entries) where the
// Python VM compiles a block into one generated function, whose values change kind late
// in the loop (ints, then doubles, strings, objects), so that each inline fast path is
// taken first and left for the general case after the block exists.

function kind(i) {
  if (i < 1300) return i;
  if (i < 1340) return i + 0.5;
  if (i < 1370) return "s" + i;
  return i % 2 ? null : undefined;
}

let arith = 0;
let strs = "";
let cmps = "";
for (let i = 0; i < 1400; i++) {
  const x = kind(i);
  const y = kind(1399 - i);
  const a = x + y;
  const s = x - y;
  const m = x * (i - 1150);
  const k = x + 3;
  let u = x;
  u++;
  let v = y;
  v--;
  if (typeof a === "number") arith += a === a ? a : 0.25;
  else strs += a.length;
  if (m === 0 && 1 / m < 0) cmps += "z";
  if (s !== s) cmps += "n";
  if (x < y) cmps += "<";
  if (x <= y) cmps += "l";
  if (x > y) cmps += ">";
  if (x >= y) cmps += "g";
  if (x === y) cmps += "=";
  if (x !== y) cmps += "!";
  const lt = x < 200;
  const ge = x >= 250;
  cmps += (lt ? "a" : "") + (ge ? "b" : "") + (k === k ? "" : "K") + (u === u ? "" : "U");
  if (i % 150 === 0) cmps += v;
  if (x || y === 3) cmps += "o";
  if (x && y) cmps += "&";
  if ((x ?? "N") === "N") cmps += "q";
  const one = (i % 3 === 0 ? true : 1) === 1;
  if (one) cmps += "T";
  if ((i % 3 === 1 ? 1 : true) === 1) cmps += "V";
  if ((i % 3 === 1 ? 1 : true) !== 1) cmps += "W";
}
console.log(arith, strs);
console.log(cmps.length, cmps.slice(0, 60), cmps.slice(-200));

// integers past 2**53 become doubles; -0 from a product
let big = 9007199254740980;
let bigs = [];
for (let i = 0; i < 1400; i++) {
  big = big + (i > 1380 ? 1 : 0);
  let b2 = big;
  b2++;
  const p = (i - 1390) * 0;
  if (i > 1385) bigs.push(b2, big * 2, Object.is(p, -0));
}
console.log(bigs.join(" "));

// elements: holes, out of range, appends, strings and objects as receivers
const arr = [1, 2, , 4];
const obj = { 0: "zero", 2: "two" };
let elems = [];
for (let i = 0; i < 1400; i++) {
  const r = i < 1300 ? arr : i < 1350 ? "text" : obj;
  const j = i % 6;
  const e = r[j];
  if (i % 37 === 0 || i > 1395) elems.push(String(e));
  const w = i < 1320 ? [] : arr;
  w[j] = i;
  w[w.length] = -i;
}
console.log(elems.join(","), arr.length, arr.slice(0, 8).join("|"));

// properties: own slots, methods on the prototype, then other shapes, getters, setters
class P {
  constructor(n) { this.n = n; }
  get twice() { return this.n * 2; }
  plus(d) { return this.n + d; }
}
class Q extends P {
  plus(d) { return this.n - d; }
}
const plain = { n: 7, plus(d) { return d * 100; } };
let props = 0;
const seen = [];
for (let i = 0; i < 1400; i++) {
  const o = i < 1300 ? new P(i) : i < 1350 ? new Q(i) : plain;
  props += o.n + o.plus(1);
  if (i % 141 === 0) seen.push(o.twice);
  const t = {};
  t.a = i;
  t.b = o.n;
  if (i === 1360) Object.defineProperty(Object.prototype, "zz", { set(v) { seen.push("set " + v); }, configurable: true });
  t.zz = i;
  props += t.a + t.b;
  const str = i < 1390 ? "abc" : [1, 2];
  props += str.length;
}
console.log(props, seen.join(" "));

// captured variables: a let read before its declaration once the block is hot
function closures() {
  const out = [];
  function read() { return late; }
  for (let i = 0; i < 1400; i++) {
    try {
      out.push(read());
    } catch (e) {
      if (i % 300 === 0) out.push(e.name);
    }
  }
  let late = "ready";
  out.push(read());
  return out.join(",");
}
console.log(closures());

// calls from a hot block: a callee that throws sometimes, deep recursion caught
function maybeThrow(i) {
  if (i % 97 === 96) throw new RangeError("bad " + i);
  return i & 7;
}
function down(n) { return n === 0 ? 0 : 1 + down(n - 1); }
let calls = 0;
const caught = [];
for (let i = 0; i < 1400; i++) {
  try {
    calls += maybeThrow(i);
    calls += maybeThrow(i + 1);
  } catch (e) {
    caught.push(e.message + "@" + i);
  }
  if (i === 1390) {
    try {
      down(1e6);
    } catch (e) {
      caught.push(e instanceof RangeError);
    }
  }
}
console.log(calls, caught.join(" "));

// other operators in hot code: division, remainder, bit operations, typeof, in
let misc = [];
for (let i = 0; i < 1400; i++) {
  const x = i < 1300 ? i : i < 1350 ? -i / 4 : "7";
  const q = x / 3;
  const r = x % 5;
  const b = (x | 0) ^ (x & 12) << 2 >>> 1;
  if (i % 145 === 0) misc.push(q.toFixed ? q.toFixed(3) : q, r, b, typeof x, "n" in { n: x });
}
console.log(misc.join(" "));
