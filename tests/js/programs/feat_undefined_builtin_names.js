// A property named as a built-in (constructor, toString, push ...) holding undefined is
// still a property: reading it is undefined, as node's (the heap VM took the undefined for
// a built-in it lacks and stopped with "not supported": JSON.stringify and console.log
// of such an object did too).
const o = { constructor: undefined, a: 1 };
console.log(o.constructor, o, JSON.stringify(o), "constructor" in o, Object.keys(o));
const key = "toString";
const p = {};
p[key] = undefined;
console.log(p.toString, p, JSON.stringify({ nested: [p, o] }));
const a = [1, 2];
a.push = undefined;
console.log(a.push, Object.keys(a), a);
const g = { get hasOwnProperty() { return undefined; } };
console.log(g.hasOwnProperty, g);
class C { constructor() { this.valueOf = undefined; this.x = 1; } }
console.log(new C().valueOf, new C());
const proto = { join: undefined, slice: undefined };
const child = Object.create(proto);
console.log(child.join, child.slice, child.constructor === Object);
function read(v) { return v.constructor; }
for (let i = 0; i < 4; i++) console.log(read({ constructor: undefined }), read([]) === Array, read(o));
console.log([].nonexistentMethod, ({}).missing);
