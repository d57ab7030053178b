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

// Unbounded recursion through built-ins and accessors: each path ends in a RangeError
// too, repeatedly (with the JIT, the recursion passes through compiled code, host calls
// and the interpreter in turn).
function viaMap(n) {
  return [n].map((x) => viaMap(x + 1))[0];
}
function viaSort(n) {
  return [2, 1].sort(() => viaSort(n + 1))[0];
}
const looping = {
  get x() {
    return this.x;
  },
};
function viaValueOf(n) {
  return { valueOf: () => viaValueOf(n + 1) } + 1;
}
function mixed(n) {
  if (n % 5 === 0) return [n].map((x) => mixed(x + 1))[0];
  if (n % 7 === 0) return looping.y === undefined ? mixed(n + 1) : 0;
  return mixed(n + 1) + 1;
}
const paths = [() => viaMap(0), () => viaSort(0), () => looping.x, () => viaValueOf(0),
  () => mixed(1)];
for (let round = 0; round < 1; round++) {
  for (const [i, path] of paths.entries()) {
    try {
      path();
      console.log("path", i, "returned");
    } catch (e) {
      console.log("path", i, e instanceof RangeError, e.message);
    }
  }
}
console.log("finally", depth(2000));

// Caught at the deepest level that can: the handler runs near the limit, and what the
// unwound frames held is released there.
function catchDeep(d) {
  try {
    return [d].map((x) => catchDeep(x + 1))[0];
  } catch (e) {
    return -d;
  }
}
console.log("caught deep", catchDeep(0) < 0, depth(100));
