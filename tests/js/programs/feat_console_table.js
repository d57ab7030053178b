// console.table as node prints it: the rows' keys as columns, values inspected
const people = [
  { name: 'Ann', age: 31, city: 'Oslo' },
  { name: 'Bob', age: 4, email: 'bob@example.com' },
  { name: 'Cy', age: 120, city: 'Rome', admin: true },
];
console.table(people);
console.table(people, ['name', 'city']);
console.table([1, 'two', null, undefined, 3.5]);
console.table([[1, 2], [3, 4, 5]]);
console.table({ alice: { score: 10 }, bob: { score: 7, bonus: -1 } });
console.table({ x: 1, y: 'z' });
console.table([{ nested: { a: 1 }, list: [1, 2, 3, 4, 5], obj: { p: 1, q: 2, r: 3 } }]);
console.table([{ 2: 'two', 1: 'one', b: 'bee' }]);
console.table([]);
console.table(5);
console.table('text');
console.table(null);
console.table([{ wide: '日本語' }, { wide: 'ab' }, { wide: '😀' }]);
console.table([{ a: 1 }, 'plain', { b: 2 }]);
class P { constructor(x) { this.x = x; } get double() { return this.x * 2; } }
console.table([new P(1), new P(2)]);
console.table([{ f() {}, g: () => 1, d: -0, n: NaN, s: 'it\'s' }]);
console.table([{ a: 1 }], []);
for (const bad of ['x', {}, 5, null]) {
  try { console.table([{ a: 1 }], bad); } catch (e) { console.log(e.name, e.message); }
}
