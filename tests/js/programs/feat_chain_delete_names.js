// delete through an optional chain deletes (true where the chain stops), accessors' function
// names are node's 'get x' / 'set x', console.log's %i and %f are parseInt / parseFloat.
{
const o = { a: { b: 1, c: { d: 2 } }, k: 'c' };
console.log(delete o?.a?.b, o.a);
console.log(delete o.x?.y, delete o.a?.[o.k]?.d, o.a);
let n = null;
console.log(delete n?.a, delete n?.a.b.c, delete o?.a, o);
const arr = [1, 2, 3];
console.log(delete arr?.[1], arr);
function strictDel() { 'use strict'; const q = { p: { z: 1 } }; return [delete q?.p?.z, q, delete q.none?.z]; }
console.log(strictDel());
}
const o = { get x() { return 1; }, set x(v) {}, get 'a b'() { return 2; }, get 5() { return 3; } };
const d = Object.getOwnPropertyDescriptor(o, 'x');
console.log(d.get.name, d.set.name, d, Object.getOwnPropertyDescriptor(o, 'a b').get.name, Object.getOwnPropertyDescriptor(o, '5').get.name);
class C { get v() { return 1; } set v(x) {} static get s() { return 2; } get #p() { return 3; } m() { return 1; } static probe(c) { return c.#p; } }
const cd = Object.getOwnPropertyDescriptor(C.prototype, 'v');
console.log(cd.get.name, cd.set.name, Object.getOwnPropertyDescriptor(C, 's').get.name, C.prototype.m.name, C.probe(new C()));
console.log(cd, Object.getOwnPropertyDescriptor(C, 's'));
console.log('%d|%i|%f', '42abc', '42abc', '2.5x');
console.log('%i %i %i %i %i %i', 3.9, -3.9, '0x1f', '  12px', 'abc', 1e21);
console.log('%f %f %f %f %f', '1e3x', '.5', '-0', 'Infinityx', null);
console.log('%d %d %d %d', '', ' 7 ', true, undefined);
console.log('%i:%f', {}, []);
