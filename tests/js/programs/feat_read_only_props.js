// Stores to read-only built-in properties: Math's and Number's constants, a function's
// name and length, a class's prototype, a string's length. Sloppy code loses them
// silently; strict code ("use strict" in a function, a class body) gets node's
// TypeError naming the object (a function by its source text). Hot loops (the store
// caches of the interpreters and the JIT must never hold such a slot), computed keys,
// an object inheriting from Math, compound and destructuring stores, Object.assign
// (node's Set throws even from sloppy code).
function f(a, b) { return a + b; }
const arrow = (x) => x;
class C { m() { return 1; } }
const k = "PI";
function sloppy() {
  Math.PI = 3; Math.E = 1; Math[k] = 4; Math["LN2"] = 5; Math.PI++; Math.SQRT2 += 1;
  f.name = "g"; f.length = 9; arrow.name = "y"; C.name = "D"; C.prototype = {};
  Math.max.name = "min"; Number.MAX_SAFE_INTEGER = 1; Number.EPSILON = 0;
  const s = "abc"; s.length = 1;
  const o = Object.create(Math); o.PI = 7;
  [Math.LOG2E] = [0]; ({ a: Math.LOG10E } = { a: 0 });
  let n = 0;
  for (let i = 0; i < 300; i++) { Math.PI = i; Math[k] = i; f.length = i; Number.NaN = i; n += Math.PI; }
  return [Math.PI, Math.E, Math.LN2, Math.SQRT2, f.name, f.length, arrow.name, C.name,
    typeof C.prototype.m, Math.max.name, Number.MAX_SAFE_INTEGER, Number.EPSILON, s.length,
    o.PI, Math.LOG2E, Math.LOG10E, n === 300 * Math.PI, Number.isNaN(Number.NaN)].join(" ");
}
console.log(sloppy());
function strict() {
  "use strict";
  const out = [];
  const t = (name, g) => {
    try { g(); out.push(name + ": stored"); } catch (e) { out.push(name + ": " + e.constructor.name + ": " + e.message); }
  };
  t("PI", () => { Math.PI = 3; });
  t("computed", () => { Math[k] = 3; });
  t("name", () => { f.name = "g"; });
  t("length", () => { f.length = 1; });
  t("arrow", () => { arrow.name = "z"; });
  t("class name", () => { C.name = "D"; });
  t("class prototype", () => { C.prototype = {}; });
  t("function prototype", () => { f.prototype = { p: 1 }; });
  t("native name", () => { Math.max.name = "min"; });
  t("Number", () => { Number.MAX_SAFE_INTEGER = 1; });
  t("inherited", () => { const o = Object.create(Math); o.PI = 4; });
  t("compound", () => { Math.PI += 1; });
  t("string length", () => { "abc".length = 1; });
  t("other keys", () => { Math.tau = 6; const o = { PI: 1, name: "n" }; o.PI = 2; o.name = "m"; });
  let caught = 0;
  for (let i = 0; i < 300; i++) { try { Math.PI = i; } catch (e) { caught++; } }
  out.push("hot: " + caught + " " + Math.PI + " " + Math.tau);
  return out.join("\n");
}
console.log(strict());
class K { static set() { try { Math.E = 2; return "stored"; } catch (e) { return e.message; } } }
console.log(K.set());
try { Object.assign(Math, { PI: 1 }); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
console.log(Math.PI, f.name, f.length);
