// Number keys past 2**53 are their shortest digits (1e21 -> '1e+21', 2**70's digits), and
// 2**32 - 1 and up are named properties of an array, not indexes, in every VM.
const m = {};
m[1e21] = 'a'; m[2 ** 70] = 'b'; m[1e300] = 'c'; m[123456789012345680000] = 'd'; m[2 ** 53] = 'e'; m[4294967296] = 'f';
console.log(Object.keys(m), m['1e+21'], m[1e21], '1e+21' in m, m[2 ** 70], m['1.1805916207174113e+21']);
const lit = { 1e21: 1, [2 ** 80]: 2, 1e20: 3, 0x10: 4, 1.50: 5, .5: 6 };
console.log(lit, Object.keys(lit));
const { [1e21]: one } = lit;
console.log(one);
const a = []; a[1e21] = 'x'; a[2**53] = 'y';
console.log(Object.keys(a), a.length);
delete m[1e21];
console.log(Object.keys(m).length, 1e21 in m);
class K { static [1e21] = 'static'; [2 ** 75]() { return 'm'; } }
console.log(K['1e+21'], new K()['3.777893186295716e+22']());
