// Classes: constructors, methods, inheritance chains, super(...) and super.m(), method
// overriding, instanceof, constructor property, classes as values, methods calling methods,
// Error subclasses with name, message and constructor.
class Shape {
  constructor(name) {
    this.name = name;
  }
  area() {
    return 0;
  }
  describe() {
    return this.name + " with area " + this.area();
  }
}

class Rect extends Shape {
  constructor(w, h) {
    super("rect");
    this.w = w;
    this.h = h;
  }
  area() {
    return this.w * this.h;
  }
}

class Square extends Rect {
  constructor(side) {
    super(side, side);
    this.name = "square";
  }
  describe() {
    return "[" + super.describe() + "]";
  }
}

class Circle extends Shape {
  constructor(r) {
    super("circle");
    this.r = r;
  }
  area() {
    return Math.round(Math.PI * this.r * this.r * 100) / 100;
  }
}

const shapes = [new Shape("blob"), new Rect(2, 3), new Square(4), new Circle(1)];
for (const s of shapes) console.log(s.describe());
let total = 0;
for (const s of shapes) total += s.area();
console.log("total", total);
const sq = shapes[2];
console.log(sq instanceof Square, sq instanceof Rect, sq instanceof Shape, sq instanceof Circle);
console.log(sq.constructor === Square, sq.constructor === Rect, shapes[1].constructor === Rect);
const Kind = shapes.length > 2 ? Circle : Rect;
console.log(new Kind(2).area());
const factories = [Rect, Square];
console.log(factories.map((K) => new K(3, 5).area()).join(","));

class Account {
  constructor(owner) {
    this.owner = owner;
    this.balance = 0;
    this.history = [];
  }
  deposit(x) {
    if (x <= 0) throw new RangeError("deposit must be positive, got " + x);
    this.balance += x;
    this.history.push(x);
    return this;
  }
  withdraw(x) {
    if (x > this.balance) throw new InsufficientFunds(this.balance, x);
    this.balance -= x;
    this.history.push(-x);
    return this;
  }
}

class InsufficientFunds extends Error {
  constructor(have, want) {
    super("have " + have + ", want " + want);
    this.name = "InsufficientFunds";
    this.shortBy = want - have;
  }
}

const acct = new Account("ann").deposit(50).deposit(25).withdraw(30);
console.log(acct.owner, acct.balance, acct.history.join(","));
for (const amount of [100, -1]) {
  try {
    if (amount > 0) acct.withdraw(amount);
    else acct.deposit(amount);
  } catch (e) {
    console.log(e.name, e.message, e instanceof InsufficientFunds, e instanceof Error, e.shortBy);
    console.log(e.constructor === InsufficientFunds, e.constructor === RangeError, String(e));
  }
}

class Base {
  constructor() {
    this.log = ["base"];
    this.init();
  }
  init() {
    this.log.push("base-init");
  }
  who() {
    return "base";
  }
}
class Derived extends Base {
  constructor() {
    super();
    this.log.push("derived");
  }
  init() {
    super.init();
    this.log.push("derived-init");
  }
  who() {
    return "derived>" + super.who();
  }
}
class MoreDerived extends Derived {
  who() {
    return "more>" + super.who();
  }
}
const d = new MoreDerived();
console.log(d.log.join(" "), d.who());

const Anon = class {
  hello() {
    return "anon hello";
  }
};
console.log(new Anon().hello(), typeof Anon);

class WithThis {
  constructor() {
    this.n = 0;
    this.incLater = () => {
      this.n++;
      return this.n;
    };
  }
}
const wt = new WithThis();
const inc = wt.incLater;
inc();
inc();
console.log(wt.n);
