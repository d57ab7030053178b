// a64js-expect: exit=2 at=7:33 mentions=Array.prototype.slice on a non-array
// Out of the subset: an Array.prototype method called on an array-like (node runs it).
// Both VMs stop with its place (the Python VM threw a TypeError a catch could hide).
const pageLike = { 0: "a", 1: "b", length: 2 };
let items;
try {
  items = Array.prototype.slice.call(pageLike);
} catch (e) {
  items = [];
}
console.log(items);
