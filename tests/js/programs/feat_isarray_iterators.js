// Array.isArray of array iterators (keys/values/entries) is false, also in compiled code
function f(x) { return Array.isArray(x); }
const a = [1, 2, 3];
let n = 0;
for (let i = 0; i < 30; i++) { if (f(a)) n++; if (f(a.values())) n += 100; if (f(Array.prototype)) n += 1000; if (f({})) n += 5; }
console.log(n, Array.isArray(a.keys()), Array.isArray(a.entries()));
