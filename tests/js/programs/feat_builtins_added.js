// Math.imul, String.raw (called as a function: tagged templates are outside the subset),
// String.prototype.localeCompare on ASCII strings (node's default ICU collation) and
// Array.prototype.copyWithin.
console.log(Math.imul(3, 4), Math.imul(-5, 12), Math.imul(0xffffffff, 5), Math.imul(2 ** 31, 2),
  Math.imul('7', 6), Math.imul(1.9, 3.9), Math.imul(NaN, 1), Math.imul(), Math.imul(0x7fffffff, 0x7fffffff),
  Math.imul({ valueOf() { return 9; } }, -3), Math.imul(-0, 5));
let h = 0;
for (let i = 0; i < 300; i++) h = Math.imul(h ^ i, 0x5bd1e995) >>> 0;
console.log('hash', h);
console.log(String.raw({ raw: ['x', 'y', 'z'] }, 1, 2, 3), String.raw({ raw: 'abc' }, '-', '+'),
  String.raw({ raw: ['only'] }, 'unused'), String.raw({ raw: [] }), String.raw({ raw: { length: 2, 0: 'p', 1: 'q' } }, { toString() { return '&'; } }));
try { String.raw({}); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { String.raw(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
const words = ['b', 'a', 'C', 'A', 'c', 'B', '_', '1', 'e', 'f', 'a b', 'ab', 'a-b', 'Ab', 'aB', 'AB',
  '10', '9', '', ' ', 'zebra', 'Zebra', 'apple', 'Apple', 'a~', 'a$', 'a0', 'x.y', 'x,y', 'tab\tx'];
console.log(words.slice().sort((x, y) => x.localeCompare(y)));
console.log('a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('a'), 'a'.localeCompare('B'),
  'A'.localeCompare('a'), '10'.localeCompare('9'), ''.localeCompare('a'), 'a'.localeCompare(), 'undefined'.localeCompare(),
  'x'.localeCompare(5), 'a\u0001b'.localeCompare('ab'));
let lc = 0;
for (let i = 0; i < 200; i++) lc += words[i % words.length].localeCompare(words[(i * 7) % words.length]);
console.log('lc', lc);
const cw = (a, ...args) => JSON.stringify(a.copyWithin(...args));
console.log(cw([1, 2, 3, 4, 5], 0, 3), cw([1, 2, 3, 4, 5], -2), cw([1, 2, 3, 4, 5], 0, 3, 4),
  cw([1, 2, 3, 4, 5], -2, -3, -1), cw([1, 2, 3, 4, 5], 1, 0), cw([1, 2, 3, 4, 5], 0, 1),
  cw([1, 2, 3], 5, 0), cw([1, 2, 3], 0, 5), cw([1, 2, 3], NaN, 1), cw([1, 2, 3], 0, -Infinity, Infinity),
  cw([1, 2, 3, 4], 1.7, '2'), cw([1, 2, 3], 0, 1, undefined), cw([], 0, 0));
console.log([1, , 3].copyWithin(0, 1), [1, 2, 3, 4].copyWithin({ valueOf() { return 2; } }));
const big = [];
for (let i = 0; i < 100; i++) big.push(i);
for (let i = 0; i < 50; i++) big.copyWithin(i % 7, 50 + (i % 11), 60 + (i % 13));
console.log(big.reduce((a, b) => a + b, 0), big.slice(0, 12));
