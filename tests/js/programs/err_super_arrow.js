// a64js-expect: exit=2 at=11:25 mentions=super() inside an arrow
// Out of the subset: super(...) called from an arrow function inside a derived
// constructor (node runs it and prints "5 6 true"); a64js rejects it before anything
// runs, where it failed at the call with a TypeError (heap VM) or a SyntaxError.
console.log("never printed by a64js");
class Base {
  constructor(x) { this.x = x; }
}
class Derived extends Base {
  constructor() {
    const init = (v) => super(v);
    init(5);
    this.y = this.x + 1;
  }
}
const d = new Derived();
console.log(d.x, d.y, d instanceof Base);
