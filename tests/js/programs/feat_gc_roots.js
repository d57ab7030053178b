// Built-ins that run JavaScript (a toString, a valueOf, a getter, a mapping function)
// or allocate while they still hold their receiver or other arguments: each function
// below allocates when called, so under the heap VM's GC stress run (a collection at
// every allocation) a word held across it without a root would be stale.
"use strict";
const util = require("util");

// allocates an array and a string each time
const fresh = (s) => [s, s].join("").slice(s.length);

// join: the separator's toString, then the array's elements
const sep = { toString() { return fresh("-"); } };
console.log([1, { a: 1 }, "x", [2, 3]].join(sep));

// flat: the depth's valueOf, then the array
console.log([[1, [2]], [3, { a: 4 }]].flat({ valueOf() { return fresh("1").length; } }));

// Array.from: the mapping function, over an array-like's getters and a string's pairs
const like = { length: 2, get 0() { return [fresh("p")]; }, get 1() { return { b: fresh("q") }; } };
console.log(Array.from(like, (x, i) => [x, i]));
console.log(Array.from("a\u{1F600}b\u{1F601}", (x) => x + fresh("!")));

// Object.assign: the target, across the source's getters
const src = { get a() { return [fresh("a"), 2]; }, b: 3, get c() { return { d: fresh("d") }; } };
console.log(Object.assign({ z: 0 }, src));

// Object.defineProperty: the object, across the descriptor's getters
const o = { q: 1 };
Object.defineProperty(o, "x", {
  get value() { return [fresh("v"), 2]; }, enumerable: true, writable: true, configurable: true,
});
Object.defineProperty(o, "y", {
  get get() { return function () { return [fresh("g")]; }; }, enumerable: true, configurable: true,
});
console.log(o.x, o.y, o.q);

// propertyIsEnumerable: its key converted once
let conversions = 0;
const key = { toString() { conversions++; return fresh("a"); } };
console.log({ a: 1 }.propertyIsEnumerable(key), { b: 1 }.propertyIsEnumerable(key), conversions);

// locales lists: each element's toString
const locales = [{ toString() { return fresh("en-US"); } }, { toString() { return fresh("en"); } }];
console.log((1234.5).toLocaleString(locales), "a".localeCompare("b", locales));

// util.inspect and console.dir: the value, across the options' getters
const deep = { a: [1, { b: [2] }], s: "t" };
const opts = { get depth() { return fresh("0").length - 1; }, get compact() { return fresh("x").length > 0; } };
console.log(util.inspect(deep, opts));
console.dir(deep, opts);

// an array's length set from an object: its valueOf
const arr = [1, 2, 3, { x: 1 }];
arr.length = { valueOf() { return fresh("ab").length; } };
console.log(arr);

// spreads: the callee and its this read after a string's code points were made; an
// array literal's items across its growth
function count(...xs) { return xs.length + ":" + xs.join("|"); }
const holder = { count };
console.log(count(..."a\u{1F600}b"), holder.count(..."\u{1F601}c"), ..."x\u{1F602}");
class Bag { constructor(...xs) { this.n = xs.length; this.last = xs[xs.length - 1]; } }
console.log(new Bag(..."\u{1F600}\u{1F601}"));
const objs = [];
for (let i = 0; i < 9; i++) objs.push({ i, s: fresh("s" + i) });
console.log([...objs].map((x) => x.s).join());
console.log([0, ...objs, ..."\u{1F600}x\u{1F601}"].length);

// a getter that allocates and returns undefined, under a built-in method's name
let reads = 0;
const m = { get map() { reads++; fresh("m"); return undefined; }, get flatMap() { reads++; return fresh("") || undefined; } };
console.log(m.map, m.flatMap, reads);

// console.log of a function with an accessor: shown as [Getter], not called
function f() {}
Object.defineProperty(f, "g", { get() { reads++; return [fresh("f")]; }, enumerable: true });
f.h = [1];
console.log(f, { a: [1, 2] }, reads);
