// Strict code ("use strict", class bodies) storing what sloppy code loses silently gets
// node's TypeError: a property of a string, number or boolean (a string's index or length
// is read-only), an accessor without a setter (own or inherited); a64js lost them in both
// (Code.strict picks the store's slow path; compiled code's misses run it). Sloppy code
// still loses them silently. Hot loops at threshold 0 too.
function sloppy() {
  const s = "abc"; s.x = 1; s[0] = "z";
  const o = { get x() { return 1; } }; o.x = 2;
  let n = 0;
  for (let i = 0; i < 100; i++) { const t = "t"; t["k"] = i; o.x = i; n++; }
  return [s, s.x, o.x, n].join(",");
}
console.log(sloppy());
(function () {
  "use strict";
const results = [];
function tryIt(name, f) { try { results.push(name + ": " + f()); } catch (e) { results.push(name + " threw " + e.constructor.name + ": " + e.message); } }
tryIt("string prop", () => { const s = "abc"; s.x = 1; return s.x; });
tryIt("number prop", () => { (5).y = 1; return "ok"; });
tryIt("bool prop", () => { true.z = 1; return "ok"; });
tryIt("string index", () => { const s = "abc"; s[0] = "z"; return s; });
tryIt("string index past end", () => { const s = "abc"; s[7] = "z"; return s; });
tryIt("string length", () => { const s = "abc"; s.length = 1; return s; });
tryIt("string computed key", () => { const s = "abc"; const k = "foo"; s[k] = 1; return s; });
tryIt("getter only", () => { const o = { get x() { return 1; } }; o.x = 2; return o.x; });
tryIt("inherited getter only", () => { class A { get v() { return 1; } } const a = new A(); a.v = 5; return a.v; });
tryIt("getter only computed", () => { class B { get w() { return 2; } } const b = new B(); const k = "w"; b[k] = 5; return b.w; });
tryIt("setter ok", () => { const o = { set x(v) { this._x = v; } }; o.x = 2; return o._x; });
tryIt("plain", () => { const o = {}; o.a = 1; o["b"] = 2; return JSON.stringify(o); });
let hits = 0;
class P { get ro() { return 7; } }
const objs = [new P(), new P()];
for (let i = 0; i < 200; i++) {
  try { objs[i % 2].ro = i; } catch (e) { hits++; }
  try { const s = "str" + (i % 3); s.len = i; } catch (e) { hits++; }
  try { const s = "q"; s["k" + (i % 2)] = i; } catch (e) { hits++; }
}
results.push("hot loop errors: " + hits);
console.log(results.join("\n"));
})();
