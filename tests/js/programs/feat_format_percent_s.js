// console.log's %s as node's: String() of a function or of an object whose toString is
// its own or a class's, else util.inspect at depth 0.
class Money { constructor(c) { this.c = c; } toString() { return `$${(this.c / 100).toFixed(2)}`; } }
class Plain { constructor() { this.v = { deep: { er: 1 } }; } }
const own = { toString() { return 'own!'; } };
console.log('%s|%s|%s', [1, [2, [3]]], { a: { b: { c: {} } } }, () => 1);
console.log('%s and %s and %s and %s', new Money(1234), new Plain(), own, Object.create(null));
console.log('%s %s %s', function named(a) { return a; }, Math.max, [new Money(5)]);
console.log('%s', new Error('boom').message, 'x');
const items = [new Money(250), new Money(99)];
for (let i = 0; i < 3; i++) console.log('%s: %s (%d items) %s', 'total', new Money(349 * i), items.length, items);
