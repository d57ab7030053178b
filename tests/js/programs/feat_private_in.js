// '#x in obj' (ES2022 brand checks): a private field is the object's own, a private method
// or accessor its class's; a non-object on the right is node's TypeError naming #x.
class Temp {
  #c = 0;
  static #count = 0;
  #secret() { return 1; }
  get #g() { return 2; }
  constructor(c) { this.#c = c; Temp.#count++; }
  static isTemp(o) { return #c in o; }
  static hasSecret(o) { return #secret in o && #g in o; }
  static counted() { return #count in Temp; }
}
class Sub extends Temp {}
const t = new Temp(1);
console.log(Temp.isTemp(t), Temp.isTemp({}), Temp.isTemp(new Sub(2)), Temp.isTemp(Object.create(t)), Temp.hasSecret(t), Temp.hasSecret({}), Temp.counted(), Temp.isTemp(() => 1));
for (const bad of [1, 'str', null, undefined, true]) {
  try { Temp.isTemp(bad); } catch (e) { console.log(e.name, e.message); }
}
let n = 0;
for (let i = 0; i < 300; i++) if (Temp.isTemp(i % 2 ? t : {})) n++;
console.log(n);
