// node's built-in constructors, namespaces and prototypes have no enumerable own
// properties: Object.keys, for-in, Object.entries and console.log see none (a64js listed
// their methods and constants); console.log names Math and JSON by their tag; an array's
// property made non-enumerable by Object.defineProperty stays out of its keys
// (and Object.values/entries of a string: its units, which the Python VM left out)
const targets = {Object, Array, Math, JSON, Number, String, Function, Boolean,
  parseInt, Date,
  ObjectProto: Object.prototype, ArrayProto: Array.prototype,
  StringProto: String.prototype, NumberProto: Number.prototype,
  BooleanProto: Boolean.prototype, FunctionProto: Function.prototype,
  ErrorProto: Error.prototype, TypeErrorProto: TypeError.prototype};
for (const [name, t] of Object.entries(targets)) {
  const seen = [];
  for (const k in t) seen.push(k);
  console.log(name, Object.keys(t).length, seen.length, Object.entries(t).length,
    JSON.stringify(Object.keys(t)));
}
console.log(Object, Array, Number, String, Math.max, JSON, Math);
console.log([Math, JSON], {m: Math}, Object.assign({}, Math), {...JSON});
console.log(Math.PI, Math.max(1, 2), JSON.stringify({a: 1}), Number.MAX_SAFE_INTEGER,
  Object.getOwnPropertyNames(Math).includes("floor"), "floor" in Math,
  Math.hasOwnProperty("floor"), Object.keys(console).length > 3);
Math.myConst = 42;  // a program's own property is enumerable as usual
Array.prototype.myMethod = function () { return this.length; };
console.log(Object.keys(Math), Object.keys(Array.prototype), [1, 2].myMethod());
delete Array.prototype.myMethod;
const a = [1, 2];
Object.defineProperty(a, "hid", {value: 3, enumerable: false, writable: true,
  configurable: true});
a.vis = 4;
console.log(Object.keys(a), a, a.hid);
for (const k in a) console.log("key", k);
console.log(Object.keys("ab"), Object.values("ab"), Object.entries("ab"), Object.keys(5), Object.values(true), Object.entries(7));
try { Object.entries(null); } catch (e) { console.log(e.message); }
try { Object.values(undefined); } catch (e) { console.log(e.message); }
