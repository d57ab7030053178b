// Call sites with more or fewer arguments than the callee's parameters, `===` of string
// cells in hot code, and instanceof sites that see the same constructor many times
// (the heap VM's site caches and block forms: each case runs past the block threshold).

// -- calls: argument counts that differ from the parameters --------------------------
class A { get(x) { return x === undefined ? -1 : x; } }
class B { get() { return 100; } }
class C { get(x, y, z) { return (y === undefined ? 7 : y) + (z === undefined ? 1000 : z) + (x === undefined ? 0.5 : x); } }
function two(p, q) { let local; return [p, q, local]; }
const arrow = (u) => u === undefined ? "none" : u;
const objs = [new A(), new B(), new C()];
let sum = 0;
for (let i = 0; i < 1200; i++) {
  const o = objs[i % 3];
  sum += o.get(i);            // 1 argument: A takes 1, B 0, C 3
  sum += o.get(i, 2, 3, 4);   // 4 arguments: all drop some
  sum += o.get();             // none
}
console.log("poly sum", sum);
let last;
for (let i = 0; i < 1000; i++) {
  last = two(i, i + 1, i + 2, i + 3);  // extra arguments must not reach `local`
  if (last[2] !== undefined) { console.log("local overwritten", i, last); break; }
}
console.log("two", last);
for (let i = 0; i < 1000; i++) last = two(i);
console.log("two short", last);
let as = "";
for (let i = 0; i < 800; i++) as = arrow(i, "extra") + arrow();
console.log("arrow", as);

// -- === and !== of strings built at run time ------------------------------------------
const words = ["a", "ab", "abcd", "abcde", "abcdefgh", "abcdefghi", "", "b", "abce", "abcdf"];
const made = words.map((w) => w.split("").join(""));  // equal text, other cells
let eq = 0, ne = 0, same = 0;
for (let r = 0; r < 60; r++) {
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < made.length; j++) {
      if (words[i] === made[j]) eq++;
      if (words[i] !== made[j]) ne++;
      const t = words[i] === made[j];
      if (t) same += i * 10 + j;
    }
  }
}
console.log("eq", eq, "ne", ne, "same", same);
const mixed = ["x", 1, null, undefined, { k: 1 }, "1", true, "x".repeat(1)];
let m = 0;
for (let r = 0; r < 80; r++)
  for (const p of mixed) for (const q of mixed) if (p === q) m++;
console.log("mixed", m);
const beyond = ["😀a", "😀b", "\u00e9t\u00e9", "ete"];
let bu = "";
for (let r = 0; r < 150; r++) {
  bu = "";
  for (const p of beyond) for (const q of beyond) bu += (p === (q + "").slice(0)) ? "1" : "0";
}
console.log("units", bu);
const probe = ["", "+", "<=", "abcd", "abcde", "\u{1F600}", "\u{1F600}x", "x\u{1F600}",
  "longer text here", "+ ", "abce", "longer text herf"];
let ks = "";
for (let r = 0; r < 100; r++) {
  ks = "";
  for (const p of probe) {
    const q = p.split("").join("");  // the same units in a new cell
    ks += (q === "" ? "e" : "") + (q === "+" ? "p" : "") + (q === "<=" ? "l" : "") +
      (q === "abcd" ? "4" : "") + (q === "abcde" ? "5" : "") + (q === "\u{1F600}" ? "s" : "") +
      (q !== "\u{1F600}x" ? "" : "S") + (q === "longer text here" ? "L" : "") +
      (q !== "abcd" ? "n" : "") + "|";
  }
}
console.log("constants", ks);

// -- + of two strings: units copied cell to cell --------------------------------------
const parts = ["", "a", "bc", "def", "ghij", "klmno", "\u{1F600}", "\uD83D", "\uDE00", "\u00e9\u00e8x"];
let joined = [];
for (let r = 0; r < 60; r++) {
  joined = [];
  for (const p of parts) for (const q of parts) joined.push(p + q);
}
let codes = 0;
for (const s of joined) for (let i = 0; i < s.length; i++) codes = (codes * 31 + s.charCodeAt(i)) % 1000003;
console.log("concat", joined.length, codes, joined[5 * 10 + 6], joined[7 * 10 + 8] === "\u{1F600}",
  joined.filter((s) => s === "ghijdef").length, JSON.stringify(joined.slice(0, 7)));
let grown = "";
for (let i = 0; i < 700; i++) grown += String.fromCharCode(97 + (i % 26)) + (i % 7 === 0 ? "\u{1F600}" : "");
console.log("grown", grown.length, grown.slice(-9), grown.indexOf("\u{1F600}", 1000));

// -- typeof's names (shared string cells) ---------------------------------------------
const kinds = [1, 1.5, "s", true, undefined, null, {}, [], () => 1, class {}, NaN];
let ty = "";
for (let r = 0; r < 120; r++) {
  ty = "";
  for (const k of kinds) {
    const t = typeof k;
    ty += t === "number" ? "n" : t === "string" ? "s" : t === "function" ? "f" : t.charAt(0) + t.length;
  }
}
const names = kinds.map((k) => typeof k);
console.log("typeof", ty, names.join(","), names[0] === names[1], typeof undeclaredName, typeof Math);

// -- instanceof at a site that sees one constructor ------------------------------------
function F() {}
function G() {}
class Sub extends F {}
const vals = [new F(), new G(), new Sub(), 5, "s", null, undefined, {}, [], F];
let io = "";
for (let r = 0; r < 120; r++) {
  io = "";
  for (const v of vals) io += (v instanceof F) ? "T" : "f";
}
console.log("instanceof F", io);
const before = new F();
F.prototype = { replaced: true };    // the slot is read again: the old instance is no F
const after = new F();
let pr = "";
for (let r = 0; r < 600; r++) pr = `${before instanceof F} ${after instanceof F} ${new Sub() instanceof F}`;
console.log("after replace", pr);
F.prototype = 42;                   // a primitive prototype: false for primitives, else TypeError
console.log("primitive", 3 instanceof F);
try {
  console.log(after instanceof F);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
try {
  console.log(after instanceof after);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
