// require of a directory (package.json "main", else index.js), of a .json file (its
// value, once), and of node's assert and util modules (with and without "node:").
const { Ledger, rates } = require("./lib/ledger_pkg");
const shapes = require("./lib/shapes_dir");
const again = require("./lib/rates.json");
const assert = require("assert");
const strict = require("node:assert").strict;
const util = require("util");

const book = new Ledger("USD").add("coffee", 3.5).add("lunch", 12);
console.log(book.total(), book.total("EUR"), book.total("GBP").toFixed(3));
console.log(shapes.area(3, 4), shapes.loadedFrom, again === rates, rates.codes);
console.log(typeof assert, typeof assert.strictEqual, strict === assert.strict, util === require("node:util"));
assert.ifError(null);
check("ifError", () => assert.ifError(new RangeError("bad range")));

assert(book.entries.length === 2);
assert.ok(rates.EUR);
assert.equal(book.entries[0].amount, "3.5");
assert.strictEqual(shapes.area(2, 5), 10);
assert.deepStrictEqual(book.entries[0], { label: "coffee", amount: 3.5 });
assert.deepEqual([1, "2"], ["1", 2]);
assert.notStrictEqual(book, new Ledger("USD"));
assert.notDeepStrictEqual({ a: 1 }, { a: "1" });
assert.throws(() => book.missing(), TypeError);
assert.doesNotThrow(() => book.total());

function check(name, fn) {
  try {
    fn();
    console.log(name, "passed");
  } catch (e) {
    console.log(name, e.name, e.code, e instanceof assert.AssertionError, JSON.stringify(e.message));
    console.log("  ", e.operator, e.generatedMessage, String(e).split("\n")[0]);
  }
}
check("strictEqual", () => assert.strictEqual(book.total(), 15));
check("strictEqual words", () => assert.strictEqual("total: 15.5", "total: 16"));
check("strictEqual message", () => assert.strictEqual(1, 2, "one is not two"));
check("deepStrictEqual", () => assert.deepStrictEqual(book.entries[1], { label: "lunch", amount: 13 }));
check("deepStrictEqual array", () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 8]));
check("strictEqual objects", () => assert.strictEqual({ a: 1 }, { a: 1 }));
check("equal", () => assert.equal(null, 0));
check("notEqual", () => assert.notEqual(1, "1"));
check("deepEqual", () => assert.deepEqual({ a: 1 }, { a: 2 }));
check("ok message", () => assert(false, "custom message"));
check("throws missing", () => assert.throws(() => {}));
check("throws class", () => assert.throws(() => { throw new Error("plain"); }, TypeError));
check("throws props", () => assert.throws(() => { throw new Error("wrong"); }, { message: "right" }));
check("doesNotThrow", () => assert.doesNotThrow(() => { throw new Error("oops"); }));
check("fail", () => assert.fail("stop here"));

console.log(util.inspect({ ledger: book, nested: { a: { b: { c: { d: 1 } } } } }));
console.log(util.inspect("it's", {}), util.inspect([1, [2, [3, [4, [5]]]]], { depth: 0 }));
console.log(util.inspect({ b: 2, a: [1, 2] }, { compact: false, sorted: true }));
console.log(util.inspect({ deep: { er: { than: { two: 1 } } } }, { depth: null }));
console.log(util.format("%s owes %d (%i%%) %j", "Ann", 12.5, 12.5, { x: 1 }, "extra", 7));
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} makes a sound`; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
console.log(new Dog("Rex").speak(), Dog.super_ === Animal, Object.keys(Dog));
