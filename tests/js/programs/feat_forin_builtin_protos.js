// for-in lists enumerable keys a program adds to built-in prototypes, as node does
Array.prototype.last = function () { return this[this.length - 1]; };
Object.prototype.describe = function () { return `${Object.keys(this).length} keys`; };
const order = { id: 7, qty: 2 };
const seen = [];
for (const k in order) seen.push(k);
console.log(seen);
const list = [10, 20];
for (const i in list) console.log('index or key:', i);
console.log(list.last(), order.describe());
// the usual guard keeps own keys only
for (const k in order) if (Object.prototype.hasOwnProperty.call(order, k)) console.log('own', k);
class Point { constructor(x, y) { this.x = x; this.y = y; } norm() { return Math.hypot(this.x, this.y); } }
for (const k in new Point(3, 4)) console.log('point', k);
// non-enumerable additions stay out
Object.defineProperty(Array.prototype, 'first', { value() { return this[0]; }, enumerable: false, configurable: true, writable: true });
for (const i in [1]) console.log('after defineProperty', i);
delete Array.prototype.last;
delete Object.prototype.describe;
for (const i in [1]) console.log('after delete', i);
for (const k in 'ab') console.log('string', k);
String.prototype.shout = function () { return this.toUpperCase() + '!'; };
for (const k in 'ab') console.log('string again', k);
console.log('hi'.shout());
