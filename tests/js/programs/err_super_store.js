// a64js-expect: exit=2 at=11:5 mentions=store to a super property
// Out of the subset: an assignment to a super property from a setter (node calls the
// base class's setter with this and prints 10); a64js rejects it before anything runs,
// where its message said "super outside a call or property access" of what is one.
console.log("never printed by a64js");
class A {
  set g(x) { this.v = x; }
}
class B extends A {
  set g(x) {
    super.g = x * 2;
  }
}
const b = new B();
b.g = 5;
console.log(b.v);
