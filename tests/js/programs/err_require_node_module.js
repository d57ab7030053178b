// a64js-expect: exit=2 at=6:8 mentions=require('fs')
// Out of the subset: node's other built-in modules (and packages): node runs it. Both VMs
// stop with the name and its place: a catch around the require must not hide it.
let fs = null;
try {
  fs = require("fs");
} catch (e) {
  fs = null;
}
console.log(fs === null ? "no fs" : typeof fs.readFileSync);
