// a64js-expect: exit=2 at=9:7 mentions=wrapper object
// Out of the subset: Object(v) of a number, string or boolean (node makes a wrapper
// object, as new Number(...) does). Object(obj) is obj and Object(null/undefined) a new
// object (both right, checked first); a catch must not hide the difference.
const o = { a: 1 };
const same = Object(o) === o && Object(null) !== Object(undefined);
let w;
try {
  w = Object(1);
} catch (e) {
  w = same;
}
console.log(typeof w);
