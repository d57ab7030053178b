// A function's arguments object is node's Arguments object where programs see it:
// console.log prints [Arguments] { '0': ... }, Array.isArray is false, JSON.stringify
// writes an object, Object.prototype.toString / String() say [object Arguments], concat
// does not spread it; element reads, length, spread, for...of/in, Array.from and
// Array.prototype methods through call/apply work on it as node's do.
function f() { return arguments; }
console.log(f(), f(1), f(1, 'a', [2], { b: 1 }));
console.log(f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30));
console.log([f(1, 2)], { a: f(3) });
const a = f(1, 2); a.extra = 'x'; console.log(a, Object.keys(a), a.length, JSON.stringify(a), JSON.stringify({ a: f(1) }));
console.log(Object.prototype.toString.call(f()), String(f(1, 2)), `${f()}`, f(1) + '', Array.isArray(f()), Array.isArray([]));
console.log(Array.from(f(1, 2)), [...f(3, 4)], Array.prototype.slice.call(f(5, 6)), [].concat(f(7)), Object.entries(f('x')));
for (const x of f('it1', 'it2')) console.log(x);
for (const k in f('k1', 'k2')) console.log(k);
console.log(f(1).hasOwnProperty('length'), Object.keys(f(1, 2)), 'length' in f(), f(9).length);
const nested = { l1: { l2: { l3: f(1) } } };
console.log(nested, [f(1, [f(2)])]);
function sum() {
  let s = 0;
  for (let i = 0; i < arguments.length; i++) s += arguments[i];
  return s;
}
let total = 0;
for (let i = 0; i < 300; i++) total += sum(i, 1, 2);
console.log(total, Math.max.apply(null, f(3, 9, 4)), sum.apply(null, f(1, 2, 3)));
function outer() { const inner = () => arguments; return inner(); }
console.log(outer('arrow', 'sees'), JSON.stringify(outer(1)));
