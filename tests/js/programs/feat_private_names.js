// Private methods, static private methods and computed method names whose keys hold
// characters generated Python source cannot (a NUL, a line break), run hot enough for
// both interpreters' blocks and the JIT; and the names node gives such functions.
class Counter {
  #n = 0;
  #bump(k) {
    let s = 0;
    for (let i = 0; i < k; i++) s += i;
    this.#n += s;
    return this.#n;
  }
  static #sq(x) {
    let t = 0;
    for (let i = 0; i < x; i++) t += i * i;
    return t;
  }
  #arrow = (x) => x + 1;
  run() {
    let r = 0;
    for (let j = 0; j < 300; j++) r += this.#bump(j % 7);
    return r + Counter.#sq(50) + this.#arrow(1);
  }
  ["line\nbreak"]() {
    let q = 0;
    for (let i = 0; i < 500; i++) q += i;
    return q;
  }
  names() {
    return [this.#bump.name, Counter.#sq.name, this.#arrow.name, this["line\nbreak"].name];
  }
}
const c = new Counter();
let total = 0;
for (let i = 0; i < 60; i++) total += c.run() + c["line\nbreak"]();
console.log(total);
const names = c.names();
console.log(names.length, names[0], names[1], names[2], JSON.stringify(names[3]));
console.log(names.map((n) => n.length).join(","));
