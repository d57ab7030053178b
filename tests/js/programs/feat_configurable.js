// Object.defineProperty's configurable and enumerable kept (strict code: delete of a
// non-configurable property throws), an attribute left out keeping the property's.
'use strict';
function show(label, f) {
  try { console.log(label, f()); } catch (e) { console.log(label, e.constructor.name + ': ' + e.message); }
}
const o = { a: 1 };
Object.defineProperty(o, 'a', { value: 2, writable: true });
show('existing keeps', () => [Object.keys(o), o.a, delete o.a, Object.keys(o)]);
Object.defineProperty(o, 'b', { value: 2, writable: true });
show('fixed', () => delete o.b);
show('fixed', () => [o.b, Object.keys(o), JSON.stringify(o)]);
show('redefine', () => Object.defineProperty(o, 'b', { value: 3, writable: true }).b);
show('redefine enum', () => Object.defineProperty(o, 'b', { value: 3, writable: true, enumerable: true }));
show('redefine conf', () => Object.defineProperty(o, 'b', { value: 3, writable: true, configurable: true }));
show('redefine get', () => Object.defineProperty(o, 'b', { get() { return 1; } }));
Object.defineProperty(o, 'c', { value: 3, writable: true, configurable: true });
show('hidden', () => [delete o.c, o.c, Object.keys(o)]);
o.c = 4;
show('re-added', () => [Object.keys(o), o.c, JSON.stringify(o)]);
Object.defineProperty(o, 'd', { get() { return 'g'; } });
show('getter fixed', () => delete o.d);
Object.defineProperty(o, 'e', { get() { return 'e'; }, configurable: true, enumerable: true });
show('getter conf', () => [Object.keys(o), delete o.e, o.e, Object.keys(o)]);
o.e = 'plain';
show('getter re-added', () => [Object.keys(o), o.e]);
Object.defineProperty(o, 'f', { value: 6, writable: true, configurable: true });
Object.defineProperty(o, 'f', { value: 7, writable: true, configurable: true, enumerable: true });
show('made enumerable', () => [Object.keys(o), o.f]);
Object.defineProperty(o, 'f', { enumerable: false });
show('made hidden', () => [Object.keys(o), o.f]);
const arr = [1, 2, 3];
show('array length', () => delete arr.length);
show('array index', () => [delete arr[0], arr]);
function F() {}
class K {}
show('Math.PI', () => delete Math.PI);
show('Math.PI value', () => Math.PI);
show('missing', () => delete o.zzz);
show('Number.EPSILON', () => [delete Number.EPSILON, Number.EPSILON > 0]);
const sloppy = require('./lib/sloppy_delete');
console.log(sloppy(o, arr, F, K));
for (let i = 0; i < 30; i++) {  // hot: the same deletes in compiled code
  const h = { x: i };
  Object.defineProperty(h, 'y', { value: i, writable: true });
  Object.defineProperty(h, 'z', { value: i, writable: true, configurable: true });
  if (sloppy.del(h, 'y') || !sloppy.del(h, 'z') || !sloppy.del(h, 'x')) console.log('bad', i);
  h.z = 1;
  if (Object.keys(h).join() !== 'z' || h.y !== i) console.log('bad keys', i, Object.keys(h));
}
console.log('done');
