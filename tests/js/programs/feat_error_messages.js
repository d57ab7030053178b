// Runtime errors caught by the program, with node's exact messages: property reads and
// writes on null/undefined, calls of non-functions (named by their expression), bad new,
// class constructors without new, instanceof/in on primitives, bad array lengths,
// assignment to const, a non-function comparator.
const probes = [
  () => null.x,
  () => undefined.x,
  () => {
    const u = undefined;
    u.y = 1;
  },
  () => {
    const n = null;
    n[0] = 2;
  },
  () => notDefinedAnywhere(),
  () => {
    const o = {};
    o.f();
  },
  () => {
    const o = { f: 1 };
    o.f();
  },
  () => [1].map(3),
  () => {
    class K {}
    K();
  },
  () => {
    const n = 5;
    return new n();
  },
  () => 1 instanceof 3,
  () => "x" in "string",
  () => {
    const s = "abc";
    s.foo();
  },
  () => {
    const arr = [];
    arr.length = -1;
  },
  () => new Array(-5),
  () => {
    let f;
    f();
  },
  () => {
    const obj = { a: {} };
    obj.a.b.c();
  },
  () => {
    const c = 1;
    c = 2;
  },
  () => {
    const x = {};
    return x[undefined].y;
  },
  () => {
    const fn = () => 1;
    return new fn();
  },
  () => [1, 2].sort("nope"),
];
for (const p of probes) {
  try {
    p();
    console.log("ok");
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
