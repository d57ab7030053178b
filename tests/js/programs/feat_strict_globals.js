// strict code assigning an undeclared name: node's ReferenceError (no global is made); NaN,
// Infinity and undefined are read-only globals (the store lost in sloppy code, a TypeError
// in strict code and class bodies); a global that exists is assigned in strict code too
NaN = 1; Infinity = 2; undefined = 3;
console.log(NaN, Infinity, undefined, globalThis.NaN, typeof globalThis.Infinity);
function sloppyGlobal() { made = "made by sloppy code"; }
sloppyGlobal();
console.log(made);
class K {
  setKnown() { made = "assigned from a class"; return made; }
  setUnknown(v) { typoName = v; return "unreachable"; }
  setNaN() { NaN = 5; }
}
const k = new K();
console.log(k.setKnown(), made);
for (let i = 0; i < 3; i++) {
  try { k.setUnknown(i); } catch (e) { console.log(e.name + ": " + e.message); }
}
console.log(typeof typoName, "typoName" in globalThis);
try { k.setNaN(); } catch (e) { console.log(e.name + ": " + e.message); }
function strictFn() { "use strict"; for (let i = 0; i < 3; i++) { try { counter = i; } catch (e) { console.log(i, e.message); } } }
strictFn();
globalThis.counter = 0;
strictFn();
console.log(counter);
(function () { "use strict"; try { Infinity = 0; } catch (e) { console.log(e.name + ": " + e.message); } })();
(function () { "use strict"; try { lastOne += 1; } catch (e) { console.log(e.name + ": " + e.message); } })();
(function () { "use strict"; lastOne = 1; })();
