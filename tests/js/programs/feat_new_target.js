// new.target in class constructors (the abstract-class check), derived ones and an arrow
// function within one: the constructor new named.
class Shape {
  constructor(name) {
    if (new.target === Shape) throw new TypeError('Shape is abstract');
    this.name = name;
    this.kind = new.target.name;
    const arrow = () => new.target;
    this.same = arrow() === new.target;
  }
  area() { return 0; }
}
class Circle extends Shape {
  constructor(r) { super('circle'); this.r = r; this.made = new.target === Circle; }
}
class Unit extends Circle { constructor() { super(1); } }
try { new Shape('x'); } catch (e) { console.log(e.name, e.message); }
const c = new Circle(2), u = new Unit();
console.log(c.kind, c.made, c.same, u.kind, u.made, u.name);
class Plain { constructor() { this.t = new.target; } }
console.log(new Plain().t === Plain);
let n = 0;
for (let i = 0; i < 300; i++) n += new Unit().kind.length;
console.log(n);
