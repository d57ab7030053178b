// a64js-expect: exit=2 at=5:3 mentions=async
// Out of the subset: async functions are rejected before anything runs (node runs it).
console.log("never printed by a64js");
function outer() {
  async function inner() {
    return 1;
  }
  return typeof inner;
}
console.log(outer());
