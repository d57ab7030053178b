// a64js-expect: exit=2 at=6:9 mentions=new Function()
// Out of the subset: code from strings (node runs it). A catch around it must not hide
// the difference: both VMs stop with the construct and its place.
let add;
try {
  add = new Function("a", "b", "return a + b");
} catch (e) {
  add = (a, b) => a - b;
}
console.log(add(2, 3));
