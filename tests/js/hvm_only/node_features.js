const e = "a😀b";
console.log([...e].length, [...e][1] === "😀", e.length);
for (const ch of e) console.log(ch, ch.length);
const [first, ...rest] = "h😀i";
console.log(first, rest, Math.max(..."352"));
console.log("abcabc".replace("b", (x, i) => x.toUpperCase() + i), "a-b".replaceAll("-", () => 7));
class P { constructor() { this.v = 1; } m() {} get g() { return 2; } static s() {} }
P.count = 3;
const p = new P();
const seen = [];
for (const k in p) seen.push(k);
console.log(seen, Object.keys(P.prototype), Object.keys(P), p.g, P.count);
function F() { this.a = 1; }
F.prototype.shared = function () { return 1; };
F.prototype.data = 5;
const keys = [];
for (const k in new F()) keys.push(k);
console.log(keys, Object.keys(F.prototype), Object.keys(F));
const lit = { get x() { return 1; }, set y(v) {}, get z() { return 3; }, set z(v) {}, w: 4 };
console.log(lit, Object.keys(lit), JSON.stringify(lit));
const o = { a: 1 };
Object.defineProperty(o, "hidden", { get() { return 9; } });
Object.defineProperty(o, "shown", { get() { return 8; }, enumerable: true });
console.log(o, Object.keys(o), o.hidden, JSON.stringify(o));
const err = new RangeError("bad");
console.log(Object.keys(err), err.message);
