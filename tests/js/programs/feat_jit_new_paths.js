// New in compiled code: the prototype read in line or through the cache's other entries,
// the root shape and the heap's room checked in one go, objects of few and many slots,
// constructors returning objects or primitives, throwing, built-in and not-yet-compiled
// callees, a prototype replaced, more and fewer arguments than parameters.
class P2 { constructor(a, b) { this.a = a; this.b = b; } }
class S1 { static tag = "s1"; constructor(v) { this.v = v; } }
class S2 { static tag = "s2"; static more = 2; constructor(v) { this.v = v + 1; } }
class S3 { static tag = "s3"; static x = 1; static y = 2; constructor(v) { this.v = v * 2; } }
function Plain(x) { this.x = x; }
function Wide(n) {
  this.f0 = n; this.f1 = n + 1; this.f2 = n + 2; this.f3 = n + 3; this.f4 = n + 4;
  this.f5 = n + 5; this.f6 = n + 6; this.f7 = n + 7; this.f8 = n + 8; this.f9 = n + 9;
  this.g0 = n; this.g1 = n; this.g2 = n; this.g3 = n; this.g4 = n; this.g5 = n;
  this.g6 = n; this.g7 = n; this.g8 = n; this.g9 = n; this.h0 = n; this.h1 = n;
  this.h2 = n; this.h3 = n; this.h4 = n; this.h5 = n; this.h6 = n; this.h7 = n;
  this.h8 = n; this.h9 = n; this.i0 = n; this.i1 = n; this.i2 = n; this.i3 = n;
  this.i4 = n; this.i5 = n; this.i6 = n; this.i7 = n; this.i8 = n; this.i9 = n;
}
function ReturnsObject(k) { this.lost = true; return { k: k }; }
function ReturnsPrimitive(k) { this.kept = k; return k; }
function ReturnsString(k) { this.kept = k; return "s" + k; }
function ReturnsNull(k) { this.kept = k; return null; }
function Thrower(k) { if (k % 7 === 3) throw new RangeError("bad " + k); this.k = k; }
function Args(a, b, c) { this.s = "" + a + "," + b + "," + c; }
const Arrow = (x) => x;

function make(C, i) { return new C(i, i + 1); }
function plain(i) { return new Plain(i); }
function wide(i) { return new Wide(i); }
function ret(C, i) { return new C(i); }
function three(i) { return new Args(i); }
function five(i) { return new Args(i, i + 1, i + 2, i + 3, i + 4); }

let out = [];
let sum = 0;
for (let i = 0; i < 300; i++) {
  const o = make(P2, i);
  sum += o.a + o.b;
  // several callee shapes at one site: the cache's later entries, out of line
  const C = i % 3 === 0 ? S1 : i % 3 === 1 ? S2 : S3;
  sum += make(C, i).v;
  sum += plain(i).x;
  const w = wide(i);
  sum += w.f9 + w.i9;
}
out.push("sum " + sum);
// a replaced prototype: the root shape cached for the old one is not this one's
let seen = [];
for (let i = 0; i < 60; i++) {
  if (i === 20) Plain.prototype = { hello() { return "new proto " + this.x; } };
  if (i === 40) Plain.prototype = { hello() { return "third proto " + this.x; } };
  const p = plain(i);
  if (i % 10 === 0) seen.push(typeof p.hello === "function" ? p.hello() : "none " + p.x);
}
out.push(seen.join("; "));
// results: an object replaces this; a primitive, a string, null do not
let r = [];
for (let i = 0; i < 40; i++) {
  const a = ret(ReturnsObject, i), b = ret(ReturnsPrimitive, i);
  const c = ret(ReturnsString, i), d = ret(ReturnsNull, i);
  if (i % 13 === 0) r.push(JSON.stringify([a, b, c, d]));
}
out.push(r.join(" "));
// exceptions from the constructor, caught by the caller
let caught = 0, made = 0;
for (let i = 0; i < 50; i++) {
  try { made += ret(Thrower, i).k; } catch (e) { caught++; if (i === 3) out.push(e.message); }
}
out.push("caught " + caught + " made " + made);
// argument counts
out.push(three(1).s + " | " + five(2).s);
// built-in callees at a site that also sees closures
let b = [];
for (let i = 0; i < 30; i++) {
  const C = i % 2 ? Error : i % 3 ? Array : Plain;
  const o = ret(C, i);
  if (i % 6 < 2) b.push(o instanceof Error ? "error " + o.message : Array.isArray(o) ? "array " + o.length : "plain " + o.x);
}
out.push(b.join(","));
// slots in the slot vector read and written in line (a key there updated; one added:
// the subroutine, which may grow the vector)
function bump(w, i) { w.f8 += i; w.i9 = w.f8 + w.i9; if (i % 5 === 0) w["x" + (i % 3)] = i; return w.f8 + w.i9; }
let wb = 0;
const ws = [wide(1), wide(2)];
for (let i = 0; i < 200; i++) wb += bump(ws[i % 2], i);
out.push("vector " + wb + " " + Object.keys(ws[0]).length + " " + ws[1].x2);
// an arrow is not a constructor
try { ret(Arrow, 1); } catch (e) { out.push(e.constructor.name + ": " + e.message); }
console.log(out.join("\n"));
