// Private methods and accessors used on the wrong object: node's messages name the class
// ("Receiver must be an instance of class A", static: "Receiver must be class A"), a
// write to a private method or to an accessor without a setter (a read without a getter)
// is a TypeError, and on undefined or null the brand check names the class.
class Counter {
  #n = 0;
  #step() { return 1; }
  get #value() { return this.#n; }
  set #limit(v) { this.#n = Math.min(this.#n, v); }
  static #made = 0;
  static #count() { return ++Counter.#made; }
  constructor() { Counter.#count(); }
  bump() { this.#n += this.#step(); return this.#value; }
  static step(o) { return o.#step(); }
  static value(o) { return o.#value; }
  static limit(o, v) { o.#limit = v; }
  static writeStep(o) { o.#step = () => 2; }
  static readLimit(o) { return o.#limit; }
  static writeValue(o) { o.#value = 5; }
  static count(o) { return o.#count(); }
  static n(o) { return o.#n; }
  static setN(o) { o.#n = 7; }
}
const Anon = class { #m() { return "m"; } static call(o) { return o.#m(); } };
const Named = class Inner { #m() { return "m"; } static call(o) { return o.#m(); } };

function attempt(label, f) {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, e.name + ": " + e.message);
  }
}
const c = new Counter();
console.log(c.bump(), c.bump(), Counter.step(c), Counter.value(c), Counter.count(Counter));
const others = [{}, [], "str", 42, null, undefined, new (class Counter {})()];
for (const o of others) {
  attempt("step", () => Counter.step(o));
  attempt("value", () => Counter.value(o));
  attempt("limit", () => Counter.limit(o, 1));
  attempt("writeStep", () => Counter.writeStep(o));
  attempt("count", () => Counter.count(o));
  attempt("n", () => Counter.n(o));
  attempt("setN", () => Counter.setN(o));
}
attempt("writeStep own", () => Counter.writeStep(c));
attempt("readLimit own", () => Counter.readLimit(c));
attempt("writeValue own", () => Counter.writeValue(c));
attempt("count instance", () => Counter.count(c));
attempt("anonymous", () => Anon.call({}));
attempt("anonymous null", () => Anon.call(null));
attempt("named", () => Named.call({}));
console.log(Anon.call(new Anon()), Named.call(new Named()));

// hot: the same sites compiled, the errors from compiled code
let caught = 0;
let sum = 0;
for (let i = 0; i < 200; i++) {
  const o = i % 4 === 0 ? {} : c;
  try {
    sum += Counter.step(o) + Counter.value(o);
  } catch (e) {
    caught++;
    if (i === 100) console.log(e.message);
  }
  try {
    Counter.writeStep(c);
  } catch (e) {
    if (i === 0) console.log(e.message);
  }
}
console.log(caught, sum);
