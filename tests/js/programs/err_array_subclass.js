// a64js-expect: exit=2 at=10:5 mentions=class extending Array
// Out of the subset: a class extending Array whose instances use the array methods (node
// runs it; here super() into Array makes an ordinary object). Both VMs stop at the first
// such method, naming it: the Python VM threw a TypeError a catch could hide.
class Stack extends Array {
  peek() { return this[this.length - 1]; }
}
const s = new Stack();
try {
  s.push(1, 2, 3);
} catch (e) {
  console.log("caught", e.name);
}
console.log(s.peek());
