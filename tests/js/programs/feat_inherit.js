// Inheritance details: static methods are inherited and see the subclass as this,
// getters/setters are inherited and overridden, super.method() from deep chains, methods
// shared between instances, instance properties shadowing prototype methods, default
// constructors forwarding arguments, calling a method with the wrong this.
class A {
  constructor(tag = "a") {
    this.tag = tag;
  }
  static create(...args) {
    return new this(...args);
  }
  static kind() {
    return "A:" + this.label();
  }
  static label() {
    return "base";
  }
  get upper() {
    return "<" + this.tag + ">";
  }
  set value(v) {
    this._v = v * 2;
  }
  get value() {
    return this._v;
  }
  hello() {
    return "A.hello(" + this.tag + ")";
  }
}
class B extends A {
  static label() {
    return "B-label";
  }
  get upper() {
    return "B" + super.upper;
  }
  hello() {
    return "B>" + super.hello();
  }
}
class C extends B {}
class D extends C {
  constructor() {
    super("d-tag");
  }
  hello() {
    return "D>" + super.hello();
  }
}

const c = C.create("c-tag");
console.log(c instanceof C, c instanceof B, c.tag, c.hello(), C.kind(), A.kind(), B.kind());
console.log(new D().hello(), new D().upper, new A().upper, D.create().tag);
c.value = 21;
console.log(c.value, c._v, new B().value);
const b1 = new B("one");
const b2 = new B("two");
console.log(b1.hello === b2.hello, b1.hello(), b2.hello());
b1.hello = () => "own property";
console.log(b1.hello(), b2.hello());
const detached = b2.hello;
try {
  detached();
} catch (e) {
  console.log(e instanceof TypeError);
}
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  static origin() {
    return new Point(0, 0);
  }
  plus(o) {
    return new this.constructor(this.x + o.x, this.y + o.y);
  }
  toString() {
    return "(" + this.x + ", " + this.y + ")";
  }
}
class Point3 extends Point {
  constructor(x, y, z = 0) {
    super(x, y);
    this.z = z;
  }
  toString() {
    return super.toString() + "@" + this.z;
  }
}
const p = new Point3(1, 2, 3).plus(new Point(10, 20));
console.log(String(p), "" + Point.origin(), `${p}`, p instanceof Point3);
