// a64js-expect: exit=2 at=8:20 mentions=node's built-in Map
// Out of the subset: node's globals a64js has in neither VM (Map, Set, Symbol, Promise,
// setTimeout, typed arrays, RegExp, ...) are refused where the program names one, before
// anything runs (node prints "2 true"); a64js ran until the reference and threw
// "ReferenceError: Map is not defined", which a program may catch and go on.
console.log("never printed by a64js");
function counts(words) {
  const seen = new Map();
  const m = seen || new Map();
  for (const w of words) m.set(w, (m.get(w) || 0) + 1);
  return m;
}
const c = counts(["a", "b", "a"]);
console.log(c.get("a"), c.has("b"));
