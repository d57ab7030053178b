// The interpreter's fast paths (direct calls, superinstructions, for-of binding) against
// their slow cases: every loop, load and call here leaves the fast path somewhere.

// loop update + test: ints, then past 2**53, floats, strings, NaN and mixed bounds
let out = [];
for (let i = 2 ** 53 - 3; i < 2 ** 53; i++) out.push(i);
for (let i = 2 ** 53 - 2; i < 2 ** 53 + 10; i += 3) out.push(i);
for (let i = -(2 ** 53) + 2; i > -(2 ** 53) - 6; i += -3) out.push(i);
console.log("past 2^53", out.join(","));
out = [];
for (let x = 0; x < 2; x += 0.5) out.push(x);
console.log("floats", out.join(","));
out = [];
for (let s = "a"; s < "aaaa"; s += "a") out.push(s);
console.log("strings", out.join(","));
let n = 0;
for (let i = 0; i < NaN; i++) n++;
for (let i = 0; i <= 2.5; i++) n += 10;
for (let i = 5; i > 0; i += -2) n += 100;
for (let i = 0; i !== 6; i += 2) n += 1000;
for (let i = 0; i !== 3.5; i += 0.5) n += 10000;
console.log("bounds", n);
let big = 9007199254740990;
let steps = 0;
while (big + 1 <= 9007199254740993 && steps < 10) { big += 1; steps++; }
console.log("capped", steps, big);
let k = 0;
const bound = { valueOf() { k++; return 3; } };
let m = 0;
for (let i = 0; i < bound; i++) m++;
console.log("valueOf bound", m, k);
for (let i = 0; i < "3"; i++) m += 10;
console.log("string bound", m);

// for...of binds the element in place: const, let, var, destructuring, captured
const arr = [1, 2, 3];
let sum = 0;
for (const v of arr) { if (v === 1) arr.push(4); sum += v; }
console.log("grown while iterating", sum, arr.length);
const fns = [];
for (let v of [10, 20, 30]) { fns.push(() => v); v += 1; }
console.log("captured", fns.map((f) => f()).join(","));
for (var w of ["p", "q"]) sum += w.length;
console.log("var", w, sum);
for (const [a, b] of [[1, 2], [3, 4]]) sum += a * b;
console.log("destructured", sum);
for (const h of [1, , 3]) console.log("hole", h);
for (const c of "hi") console.log("char", c);

// two property loads in a row: own slots, then shapes change, getters, prototypes
class P { constructor(x, y) { this.x = x; this.y = y; } get len() { return this.x + this.y; } }
function dist(a, b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }
let total = 0;
const pts = [new P(1, 2), new P(4, 6), { x: 1, y: 1 }, { y: 5, x: 2 }, new P(0.5, 0.25)];
for (let r = 0; r < 3; r++) {
  for (let i = 0; i + 1 < pts.length; i++) total += dist(pts[i], pts[i + 1]);
}
console.log("dist", total);
const odd = { x: 1 };
Object.defineProperty;
odd.y = 2;
delete odd.x;
odd.x = 7;
console.log("after delete", dist(odd, pts[0]));
const proto = { x: 100, y: 200 };
const child = Object.create ? Object.create(proto) : proto;
console.log("proto", dist(child, pts[1]));
console.log("getter", pts[0].len + pts[1].len, pts[2].len);
const arrs = [[1, 2, 3], "abcd", { length: 9 }];
for (const a of arrs) console.log("length", a.length, a.nope);
try {
  const u = { x: undefined };
  console.log(u.x.y);
} catch (e) {
  console.log("caught", e.constructor.name, e.message);
}

// direct calls: argument counts, arguments, rest, defaults, this, recursion, throws
function two(a, b) { return [a, b].join("/"); }
function self() { return this.v; }
console.log(two(1), two(1, 2), two(1, 2, 3));
function args() { return arguments.length; }
function rest(a, ...r) { return a + ":" + r.length; }
function dflt(a, b = a * 2) { return a + b; }
console.log(args(1, 2, 3), rest(1, 2, 3), dflt(5), dflt(5, 1));
const o = { v: 3, get() { return this.v; } };
console.log("method", o.get(), self.call(o), two.call(o, 1, 2));
function thrower(x) { if (x > 2) throw new RangeError("too big " + x); return x; }
function caller(x) {
  try { return thrower(x); } catch (e) { return e.name + ": " + e.message; } finally { sum++; }
}
console.log(caller(1), caller(5), sum);
function down(d) { return d === 0 ? 0 : 1 + down(d - 1); }
console.log("deep", down(3000));
function forever(d) { return forever(d + 1) + 1; }
try { forever(0); } catch (e) { console.log("stack", e instanceof RangeError, e.message); }
class K { constructor() { this.k = 1; } }
try { K(); } catch (e) { console.log(e.constructor.name, e.message); }
let notfn = 3;
try { notfn(); } catch (e) { console.log(e.message); }

// double arithmetic in pairs: -0, infinities, NaN, overflow, then ints, strings, objects
const ds = [1.5, -0.5, 0.1, -0, 1e308, Infinity, NaN, 3, "2", null, { valueOf() { return 0.25; } }];
const res = [];
for (const x of ds) {
  for (const y of ds) {
    const z = x * y + y;
    const w = x - y * y;
    const u = (x + y) * (x - y);
    res.push(z, w, u, z === 0 && 1 / z < 0 ? "-0" : "", 1 / (x * y));
  }
}
console.log("double pairs", res.length, res.slice(0, 12).join(" "));
console.log(res.join(","), res.filter((v) => v !== v).length);
let acc = 0.5;
for (let i = 0; i < 50; i++) acc = acc * 1.5 - acc * 0.25;
console.log("acc", acc);

// new with the frame built directly: return values, prototypes replaced, fields, errors
function Pt(x, y) { this.x = x; this.y = y; }
function Boxed(v) { this.v = v; return { boxed: v }; }
function Prim(v) { this.v = v; return 42; }
class F { a = 1; constructor(b) { this.b = b; this.c = this.a + b; } }
const made = [];
for (let i = 0; i < 3; i++) {
  made.push(new Pt(i, i * 2), new Boxed(i), new Prim(i), new F(i));
  if (i === 1) Pt.prototype = { sum() { return this.x + this.y; } };
}
console.log(made.map((o) => JSON.stringify(o)).join(" "));
console.log(typeof made[0].sum, made[8].sum(), made[8] instanceof Pt, made[0] instanceof Pt);
function Thrower(x) { this.x = x; if (x > 1) throw new Error("ctor " + x); }
for (let i = 0; i < 3; i++) {
  try { console.log("made", new Thrower(i).x); } catch (e) { console.log(e.message); }
}
// two stores in a row, then a setter appears on the prototype: it must run
class S { constructor(a, b) { this.a = a; this.b = b; } }
const ss = [new S(1, 2), new S(3, 4)];
let setterRuns = 0;
Object.defineProperty(S.prototype, "c", { set(v) { setterRuns += v; } });
function fill(o, a, c) { o.a = a; o.c = c; }
fill(ss[0], 5, 6);
fill(ss[1], 7, 8);
console.log(ss[0].a, ss[1].a, setterRuns, Object.keys(ss[0]).join(","));
const plain = { p: 1 };
function setTwo(o) { o.p = 2; o.q = 3; }
setTwo(plain);
setTwo(plain);
setTwo([]);
setTwo("str");
try { setTwo(null); } catch (e) { console.log(e.constructor.name, e.message); }
console.log(JSON.stringify(plain));

// int pairs: -0 from Mul, past 2**53, then captured arrays read by index, jump chains
const ints = [0, -1, 3, -7, 94906267, 2 ** 52, -(2 ** 53)];
const ir = [];
for (const x of ints) {
  for (const y of ints) {
    const p1 = x * y + 1;
    const p2 = x * y - y;
    const p3 = (x + y) * (x - y);
    const p4 = x * y;
    ir.push(p1, p2, p3, 1 / (p4 * 1) === -Infinity ? "-0" : p4);
  }
}
console.log(ir.join(","));
function grid() {
  const row = [1, , 3];
  let seen = "";
  function read(i) { return row[i]; }
  function early() { return later[0]; }
  try { early(); } catch (e) { seen += e.name + ";"; }
  const later = [9];
  seen += early() + ";";
  for (let i = -1; i < 5; i++) seen += read(i) + ",";
  return seen;
}
console.log(grid());
let chain = "";
for (let i = 0; i < 12; i++) {
  const a = i % 2 === 0, b = i % 3 === 0, c = i > 9 ? "yes" : "";
  if (a || b || c) continue;
  if (!(a && b) && !c) chain += i;
  if (c || b) break;
}
console.log("chain", chain);
const limit = 4;
function under(v) { let k = 0; for (let i = v; i < limit; i++) k++; return k; }
console.log(under(0), under(3.5), under("1"), under(NaN), under(10));

// strict equality by type: NaN, -0, strings, objects, mixed int/double; methods on a
// prototype that changes under a cached load; an own array read by index
const eqs = [NaN, -0, 0, 1, 1.5, "1", "a", true, null, undefined, {}, []];
let eqOut = "";
for (const x of eqs) {
  for (const y of eqs) {
    eqOut += (x === y ? "1" : "0") + (x !== y ? "1" : "0");
    if (x === y) eqOut += "e"; else eqOut += "n";
  }
}
console.log(eqOut);
const same = {};
console.log(same === same, [1] === [1], 2 === 2.0, 0.1 + 0.2 === 0.3, "ab" === "a" + "b");
class M { who() { return "M"; } }
const ms = [new M(), new M()];
let whoOut = "";
for (let i = 0; i < 4; i++) {
  for (const m of ms) whoOut += m.who();
  if (i === 1) M.prototype.who = function () { return "N"; };
  if (i === 2) ms[1].who = () => "own";
}
console.log(whoOut);
const holder = { list: [4, , 6] };
let lo = "";
for (let i = -1; i < 4; i++) lo += holder.list[i] + ";";
console.log(lo);

// method calls: own and inherited methods, getters returning functions, arrays' natives,
// methods replaced, a property that is not a function, argument moves
class Acc {
  constructor() { this.n = 0; this.own = function (k) { return k * 2; }; }
  add(k, j) { this.n += k + (j === undefined ? 0 : j); return this; }
  get fn() { return (k) => k + 100; }
}
const ac = new Acc();
let mo = [];
for (let i = 0; i < 4; i++) {
  const k = i, j = i * 10;
  mo.push(ac.add(k, j).n, ac.own(k), ac.fn(k), ac.add(k).n);
  if (i === 2) Acc.prototype.add = function (k) { this.n -= k; return this; };
}
console.log(mo.join(","));
const stack = [];
for (let i = 0; i < 3; i++) { const v = i * i; stack.push(v); }
console.log(stack.pop(), stack.length);
ac.notfn = 5;
try { const v = 1; ac.notfn(v); } catch (e) { console.log(e.message); }
try { const v = 1; ac.missing(v); } catch (e) { console.log(e.message); }
try { const s = "x"; [1].reduce(s); } catch (e) { console.log(e.constructor.name); }

// ++/-- on properties, elements and captured variables, result used or not: one
// conversion of the old value (valueOf runs once), strings and undefined converted
let conversions = 0;
const vo = { valueOf() { conversions++; return 7; } };
const cell = { a: vo, b: "5", c: undefined, d: 2 ** 53 };
cell.a++;
const postB = cell.b++;
++cell.c;
cell.d++;
const elems = [vo, "x", 1.5];
elems[0]--;
const pre = ++elems[1];
elems[2]++;
let captured = vo;
function bump() { captured++; return captured--; }
console.log(cell.a, postB, cell.b, cell.c, cell.d, elems.join("|"), pre, bump(), captured,
  conversions);

// element tests and stores in loops: booleans, other values, holes, appends, non-arrays
const flags = [true, false, 0, 1, "", "s", null, undefined, , NaN, {}];
let ft = "";
for (let i = 0; i < flags.length + 2; i++) {
  if (flags[i]) ft += "T"; else ft += "F";
  if (!flags[i]) ft += "!";
}
console.log(ft);
const marks = new Array(5);
for (let j = 0; j <= 8; j += 2) marks[j] = j;
const strObj = { length: 3 };
for (let j = 0; j < 3; j++) strObj[j] = j * j;
const grow = [];
for (let j = 0; j < 4; j++) grow[j] = j;
let fl = [0, 0, 0];
for (let j = 0.5; j < 3; j += 1) fl[j] = 1;
console.log(marks.length, JSON.stringify(marks), JSON.stringify(strObj), grow.join(), fl.length,
  JSON.stringify(Object.keys(fl)));
