// console.log names an object by the first constructor on its chain that is a named
// function it is an instance of: an anonymous subclass's instance is its base's, a
// replaced prototype constructor is passed over.
class Foo { static name2 = 'x'; }
class Bar { constructor() { this.constructor = 'own'; } }
function Legacy() { this.a = 1; }
Legacy.prototype = { method() {} };
function Legacy2() { this.b = 2; }
Legacy2.prototype.constructor = function Renamed() {};
const anonObj = new (class {})();
const inst = new (class extends Foo {})();
console.log(new Foo(), new Bar(), new Legacy(), new Legacy2(), anonObj, inst);
console.log(Object.create(Foo.prototype), Object.create(new Foo()));
const fnWithProps = function named() {}; fnWithProps.extra = 1; fnWithProps.nested = { a: 1 };
console.log(fnWithProps, [fnWithProps], class K { static s = 1; });
console.log(Math, JSON, globalThis === this, console.log.name);
const e = new Error('msg'); e.extra = 42;
console.log({ e: e.message, extra: e.extra }, [new RangeError('r').name]);
console.log(-0 + '', [-0] + '', String([-0]), `${[-0, 0]}`, JSON.stringify([-0]));
console.log([1, 2, 3].keys(), [1].entries());
