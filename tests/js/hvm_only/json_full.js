console.log(JSON.stringify({ a: 1, toJSON() { return "T"; } }), JSON.stringify([1, 2], null, " "));
console.log(JSON.stringify({ a: 1, b: 2 }, ["a"]), JSON.stringify({ a: 1, b: 2 }, (k, v) => k === "b" ? undefined : v));
console.log(JSON.parse('{"a":[1,2],"b":{"c":3}}', (k, v) => typeof v === "number" ? v * 10 : v));
console.log(JSON.stringify({ d: 1, u: undefined, f() {}, n: null, x: [undefined, () => 1, NaN, -0, 1e21] }));
console.log(JSON.stringify("he\"llo\n"), JSON.stringify(undefined), JSON.stringify(null), JSON.stringify({ s: "é😀" }));
console.log(JSON.stringify({ a: [{ b: 1 }, []], c: {} }, null, 4));
console.log(JSON.stringify({ a: 1, b: [1, 2] }, null, "--"));
const o = { name: "o" }; o.self = o;
try { JSON.stringify(o); } catch (e) { console.log(e.name + ": " + e.message); }
const a = { x: { y: {} } }; a.x.y.back = a;
try { JSON.stringify(a); } catch (e) { console.log(e.message); }
class Pt { constructor() { this.p = 1; } toJSON(k) { return "pt:" + k; } }
console.log(JSON.stringify({ q: new Pt(), r: [new Pt()] }));
console.log(JSON.parse("[1,2,3]", (k, v) => (k === "1" ? undefined : v)));
