// Object.getOwnPropertyDescriptor(s): what node reports for the properties programs make
const show = (label, d) => console.log(label, d);
const o = { a: 1, s: 'x', n: null };
show('data', Object.getOwnPropertyDescriptor(o, 'a'));
show('missing', Object.getOwnPropertyDescriptor(o, 'zz'));
show('inherited', Object.getOwnPropertyDescriptor(o, 'toString'));
Object.defineProperty(o, 'hidden', { value: 42, writable: true, enumerable: false, configurable: true });
show('hidden', Object.getOwnPropertyDescriptor(o, 'hidden'));
Object.defineProperty(o, 'fixed', { value: 7, writable: true, enumerable: true, configurable: false });
show('fixed', Object.getOwnPropertyDescriptor(o, 'fixed'));
const acc = { get v() { return 1; }, set w(x) {} };
const dv = Object.getOwnPropertyDescriptor(acc, 'v');
console.log(typeof dv.get, dv.set, dv.enumerable, dv.configurable, 'value' in dv, 'writable' in dv);
const dw = Object.getOwnPropertyDescriptor(acc, 'w');
console.log(dw.get, typeof dw.set, dw.enumerable);
class Temp {
  constructor(c) { this.c = c; }
  get f() { return this.c * 9 / 5 + 32; }
  set f(x) { this.c = (x - 32) * 5 / 9; }
  describe() { return `${this.c}C`; }
  static make() { return new Temp(0); }
}
const df = Object.getOwnPropertyDescriptor(Temp.prototype, 'f');
console.log(Object.keys(df), df.enumerable, df.configurable, typeof df.get, typeof df.set);
const t = new Temp(100);
console.log(df.get.call(t), (df.set.call(t, 32), t.c));
show('method', Object.getOwnPropertyDescriptor(Temp.prototype, 'describe').enumerable);
show('static', Object.getOwnPropertyDescriptor(Temp, 'make').writable);
show('instance', Object.getOwnPropertyDescriptor(t, 'c'));
show('on instance', Object.getOwnPropertyDescriptor(t, 'f'));
const arr = [10, , 30];
show('index', Object.getOwnPropertyDescriptor(arr, 0));
show('hole', Object.getOwnPropertyDescriptor(arr, 1));
show('length', Object.getOwnPropertyDescriptor(arr, 'length'));
show('string index', Object.getOwnPropertyDescriptor('hey', '1'));
show('string length', Object.getOwnPropertyDescriptor('hey', 'length'));
show('number', Object.getOwnPropertyDescriptor(5, 'x'));
show('Math.PI', Object.getOwnPropertyDescriptor(Math, 'PI'));
show('Math.max', Object.getOwnPropertyDescriptor(Math, 'max').enumerable);
show('proto method', Object.getOwnPropertyDescriptor(Array.prototype, 'map').writable);
function legacy(a, b) {}
show('fn name', Object.getOwnPropertyDescriptor(legacy, 'name'));
show('fn length', Object.getOwnPropertyDescriptor(legacy, 'length'));
const err = new Error('boom');
show('message', Object.getOwnPropertyDescriptor(err, 'message'));
show('number key', Object.getOwnPropertyDescriptor({ 1: 'one' }, 1));
// copying accessors between objects, the usual use
const mixin = { get twice() { return this.v * 2; } };
const target = { v: 21 };
Object.defineProperty(target, 'twice', Object.getOwnPropertyDescriptor(mixin, 'twice'));
console.log(target.twice, Object.keys(target));
const all = Object.getOwnPropertyDescriptors({ x: 1, get y() { return 2; } });
console.log(Object.keys(all), all.x, typeof all.y.get);
const clone = Object.defineProperties({}, Object.getOwnPropertyDescriptors(acc));
console.log(clone.v, Object.keys(clone));
try { Object.getOwnPropertyDescriptor(undefined, 'a'); } catch (e) { console.log(e.name, e.message); }
try { Object.getOwnPropertyDescriptor(null); } catch (e) { console.log(e.name, e.message); }
show('no key', Object.getOwnPropertyDescriptor({ undefined: 3 }));
