// Object.defineProperty of a data property defines it on the object itself: a setter a
// prototype holds does not run, and a function's own name and length take the new value
// (the store rules, read-only name and inherited setters, are a store's, not a define's).
let calls = 0;
const base = { set x(v) { calls++; } };
const o = Object.create(base);
Object.defineProperty(o, "x", { value: 5, writable: true, enumerable: true, configurable: true });
o.x = 6;
console.log(o.x, Object.keys(o), calls);

class A { static get k() { return 1; } }
class B extends A {}
Object.defineProperty(B, "k", { value: 9, writable: true, configurable: true });
console.log(B.k, A.k);

function f() {}
Object.defineProperty(f, "name", { value: "g", writable: true });
console.log(f.name);
f.name = "h";
console.log(f.name);
function k(a, b) {}
Object.defineProperty(k, "length", { value: 7, writable: true });
k.length += 1;
console.log(k.length, k.name, Object.keys(k).length);

// at a hot site, with a setter on Object.prototype for the same key
let hits = 0;
Object.defineProperty(Object.prototype, "z", { set(v) { hits++; }, configurable: true });
let sum = 0;
for (let i = 0; i < 50; i++) {
  const t = {};
  Object.defineProperty(t, "z", { value: i, writable: true });
  t.z = t.z * 2;
  sum += t.z;
  const u = {};
  u.z = i;
}
console.log(sum, hits);
delete Object.prototype.z;

const arr = [1, 2, 3];
Object.defineProperty(arr, "length", { value: 1, writable: true });
Object.defineProperty(arr, "3", { value: 4, writable: true, enumerable: true, configurable: true });
console.log(arr, arr.length);
