// Getters and setters in classes and object literals, static methods and static calls.
class Temperature {
  constructor(celsius) {
    this._c = celsius;
  }
  get fahrenheit() {
    return this._c * 1.8 + 32;
  }
  set fahrenheit(f) {
    this._c = (f - 32) / 1.8;
  }
  get celsius() {
    return this._c;
  }
  static fromFahrenheit(f) {
    const t = new Temperature(0);
    t.fahrenheit = f;
    return t;
  }
  static describe() {
    return "Temperature in " + this.unit();
  }
  static unit() {
    return "C";
  }
}
const t = new Temperature(100);
console.log(t.fahrenheit, t.celsius);
t.fahrenheit = 32;
console.log(t.celsius);
console.log(Temperature.fromFahrenheit(212).celsius, Temperature.describe());

class Kelvin extends Temperature {
  get kelvin() {
    return this.celsius + 273.15;
  }
  static unit() {
    return "K";
  }
  static describe() {
    return super.describe() + "!";
  }
}
const k = new Kelvin(-273.15);
console.log(k.kelvin, k.fahrenheit, Kelvin.describe(), Kelvin.fromFahrenheit(32).celsius);

let sets = 0;
const box = {
  _v: 1,
  get v() {
    return this._v * 10;
  },
  set v(x) {
    sets++;
    this._v = x;
  },
};
box.v = 5;
box.v += 1;
console.log(box.v, box._v, sets);

class Counter {
  constructor() {
    Counter.count++;
  }
  static reset() {
    Counter.count = 0;
  }
}
Counter.reset();
new Counter();
new Counter();
console.log(Counter.count, typeof Counter.reset, typeof Counter, "reset" in Counter);
