// Iterating an object (no Symbol.iterator in the subset: no object is iterable) is node's
// TypeError in both VMs, not a64js's own message or exit 2.
const obj = { a: 1 };
const tests = [
  () => { const [x] = obj; },
  () => { for (const x of obj) {} },
  () => { [...obj]; },
  () => { Math.max(...obj); },
  () => { const [[y]] = [obj]; },
  () => { function f([p]) {} f(obj); },
  () => { Array.from(obj).length; },
  () => { new Array(...obj); },
  () => { for (const x of obj.a) {} },
];
for (const [i, t] of tests.entries()) {
  try { const r = t(); console.log(i, 'ok', r); } catch (e) { console.log(i, e.constructor.name, e.message); }
}
