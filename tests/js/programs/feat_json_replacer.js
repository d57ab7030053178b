// JSON.stringify's replacer (function and key list), toJSON's key argument and node's
// message for a circular structure.
console.log(JSON.stringify({ a: [1, "x", null, undefined, () => 1], b: { c: NaN, d: -0, e: Infinity }, f: undefined, g: new Error("e"), h: "q\"\n\u0001é😀" }));
console.log(JSON.stringify([undefined, function () {}]), JSON.stringify("s"), JSON.stringify(1e21), JSON.stringify(null), JSON.stringify(undefined), JSON.stringify({ a: 1, b: [1, 2] }, null, 2));
console.log(JSON.stringify({ toJSON() { return { x: 1 }; } }), JSON.stringify({ k: { toJSON(key) { return key + "!"; } } }), JSON.stringify([{ toJSON(k) { return "i" + k; } }]));
console.log(JSON.stringify([1, [2, [3]]], null, "--"), JSON.stringify({ a: 1, b: 2, c: { a: 3, z: 4 } }, ["a", "c", 1]), JSON.stringify({ a: 5, b: "x", c: [1, { d: 2 }] }, (k, v) => typeof v === "number" ? v * 2 : v));
console.log(JSON.stringify({ a: 1, b: { c: 2 } }, function (k, v) { return k === "" ? v : k === "c" ? undefined : [k, typeof this].join("/"); }));
console.log(JSON.stringify(5, (k, v) => v + 1), JSON.stringify({ a: 1 }, null, 20), JSON.stringify({ a: [] , b: {} }, null, "\t"));
class Pt { constructor() { this.x = 1; } } const p = new Pt(); p.self = { back: p };
for (const v of [(() => { const c = {}; c.c = c; return c; })(), p, (() => { const a = [1]; a.push({ arr: a }); return a; })()]) {
  try { JSON.stringify(v); } catch (e) { console.log(e.name, e.message); }
}
const deep = [0, [1, { k: null }]];
deep[1][1].k = deep[1];
try { JSON.stringify({ top: deep }); } catch (e) { console.log(e.message); }
const selfArr = [];
selfArr.push(selfArr);
try { JSON.stringify(selfArr); } catch (e) { console.log(e.message); }
