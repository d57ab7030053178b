// a64js-expect: exit=2 at=6:7 mentions=wrapper object
// Out of the subset: new Number/String/Boolean (node makes a wrapper object). A catch
// around it must not hide the difference: both VMs stop with the construct and its place.
let n;
try {
  n = new Number(3);
} catch (e) {
  n = 4;
}
console.log(typeof n, n + 1);
