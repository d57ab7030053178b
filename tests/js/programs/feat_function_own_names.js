// A function's name, length and prototype are its own properties: a property of the
// same name on Object.prototype or Function.prototype (data or accessor) never hides
// them, read once or at a hot site (the interpreter's caches, compiled code's).
function foo(a, b) {}
const arrow = (x) => x;
class K { static make() { return new K(); } m(q) { return q; } }
const bound = foo.bind(null, 1);
function read(f) { return f.name + "/" + f.length; }
function proto(f) { const p = f.prototype; return p === undefined ? "none" : typeof p; }
const all = [foo, arrow, K, K.make, new K().m, Math.max, bound, function () {}];
let before = "";
for (let r = 0; r < 30; r++) before = all.map(read).join(" ") + " " + all.map(proto).join(",");
console.log(before);
Object.prototype.name = 5;
Object.prototype.length = 6;
Function.prototype.prototype = 9;
let after = "";
for (let r = 0; r < 30; r++) after = all.map(read).join(" ") + " " + all.map(proto).join(",");
console.log(after);
console.log(after === before.split("none").join("number"));
Object.defineProperty(Object.prototype, "name", { set(v) {}, configurable: true });
let acc = "";
for (let r = 0; r < 30; r++) acc = all.map(read).join(" ");
console.log(acc);
const e = new TypeError("x");
console.log(e.constructor.name, e.name, ({}).name, [].length, "ab".length);
