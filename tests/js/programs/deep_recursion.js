// Deep recursion: a few thousand frames work; unbounded recursion is a RangeError that the
// program catches and survives (and can recurse again afterwards).
function depth(n) {
  return n === 0 ? 0 : 1 + depth(n - 1);
}
console.log("depth", depth(3000));

function forever(n) {
  return forever(n + 1) + 1;
}
let caught = null;
try {
  forever(0);
} catch (e) {
  caught = e;
}
console.log(caught instanceof RangeError, caught.name, caught.message);

class Walker {
  step(n) {
    return this.step(n + 1);
  }
}
try {
  new Walker().step(0);
} catch (e) {
  console.log("again", e instanceof RangeError);
}
console.log("after", depth(1000));
