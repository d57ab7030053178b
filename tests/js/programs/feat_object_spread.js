// Object spread, object rest in destructuring, __proto__ in literals.
const base = { a: 1, b: { c: [1, 2] } };
const copy = { ...base, d: 4 };
copy.b.c.push(3);
console.log(copy, base.b.c.length, copy.b === base.b);
const over = { a: 0, ...base, a2: 2, ...{ a: 9 } };
console.log(over, Object.keys(over));
console.log({ ..."hey" }, { ...null }, { ...undefined }, { ...42 }, { ...[5, 6] });
const { a, ...rest } = { a: 1, x: 2, y: 3 };
console.log(a, rest);
function pick({ id, ...others }) { return [id, Object.keys(others).length]; }
console.log(pick({ id: 7, p: 1, q: 2 }));
const proto = { hello() { return "hi " + this.name; } };
const withProto = { __proto__: proto, name: "lit" };
console.log(withProto.hello(), Object.getPrototypeOf(withProto) === proto, Object.keys(withProto));
const noProto = { __proto__: null, k: 1 };
console.log(Object.getPrototypeOf(noProto) === null, noProto.k);
const many = {};
for (let i = 0; i < 80; i++) many["f" + i] = i;
const big = { ...many, extra: true };
const { f0, f79, ...mid } = big;
console.log(Object.keys(big).length, f0, f79, Object.keys(mid).length, mid.extra);
class Pt { constructor() { this.x = 1; this.y = 2; } get len() { return 3; } m() {} }
console.log({ ...new Pt() });
const acc = { get g() { return "got"; }, v: 1 };
const spread = { ...acc };
console.log(spread);
let n = 0;
for (let i = 0; i < 2000; i++) { const o = { ...base, i }; n += o.i + o.a; }
console.log(n);
