// a64js-expect: exit=2 at=4:1 mentions=generator
// Out of the subset: generator functions are rejected before anything runs (node runs it).
console.log("never printed by a64js");
function* counter() {
  yield 1;
}
console.log(counter().next().value);
