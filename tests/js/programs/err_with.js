// a64js-expect: exit=2 at=5:1 mentions=with
// Out of the subset: the with statement (node runs it in sloppy mode).
const scope = { a: 1 };
let total = 0;
with (scope) {
  total = a + 1;
}
console.log(total);
