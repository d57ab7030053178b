// Function.prototype.apply and Array.from over array-like objects (CreateListFromArrayLike):
// the length read as ToLength, elements read through getters, errors as node's.
function show() { return arguments.length + ":" + [].slice.call(arguments).join("|"); }
console.log(show.apply(null, { length: 2, 0: "a", 1: "b" }));
console.log(show.apply(null, { length: 3, 1: 5 }));
console.log(show.apply(null, { length: "2", 0: 7, 1: 8, 2: 9 }));
console.log(show.apply(null, { length: 2.9, 0: 1, 1: 2 }));
console.log(show.apply(null, { length: -4, 0: 1 }));
console.log(show.apply(null, {}));
console.log(show.apply(null, [1, , 3]));
console.log(show.apply(null, undefined), show.apply(null, null));
const self = { tag: "me", f() { return this.tag + ":" + show.apply(this, arguments); } };
console.log(self.f.apply(self, { length: 1, 0: "x" }));
let reads = 0;
const lazy = {
  get length() { reads++; return 3; },
  get 0() { reads++; return "zero" + [1, 2, 3].map((v) => v * 2).join(""); },
  get 2() { reads++; return { k: reads }.k; },
};
console.log(show.apply(null, lazy), reads);
console.log(Array.from(lazy).join("/"), reads);
console.log(Array.from({ length: 3, 0: 1 }).length, Array.from({ length: 2 }, (v, i) => i * 10));
console.log(Array.from({ length: "x" }).length, Array.from({ length: NaN }).length);
for (const bad of [5, "ab", true]) {
  try { show.apply(null, bad); console.log("no error for", bad); }
  catch (e) { console.log(e.constructor.name, e.message); }
}
for (const len of [Infinity, 2 ** 32, 2 ** 53]) {
  try { show.apply(null, { length: len }); console.log("no error"); }
  catch (e) { console.log("apply", e.constructor.name, e.message); }
  try { Array.from({ length: len }); console.log("no error"); }
  catch (e) { console.log("from", e.constructor.name, e.message); }
}
let sum = 0;
for (let i = 0; i < 300; i++) sum += Math.max.apply(null, { length: 3, 0: i, 1: i * 2, 2: 7 });
console.log(sum);
