// Scoping: var and function hoisting, block scopes and shadowing, closures over block
// variables, the temporal dead zone and undeclared names (ReferenceError, caught), const.
console.log(typeof hoisted, hoisted(2), typeof laterVar, laterVar);
function hoisted(x) {
  return x * 21;
}
var laterVar = "set";
console.log(laterVar);

let shadow = "outer";
{
  let shadow = "block";
  const inner = shadow + "!";
  console.log(shadow, inner);
  {
    let shadow = "deeper";
    console.log(shadow);
  }
}
console.log(shadow);

function varScope() {
  if (true) {
    var v = 1;
    let l = 2;
    v += l;
  }
  return v;
}
console.log(varScope());

const fns = [];
for (let i = 0; i < 3; i++) {
  let j = i * 2;
  fns.push(() => i + ":" + j);
  j++;
}
console.log(fns.map((f) => f()).join(" "));
const fromOf = [];
for (const x of ["a", "b"]) fromOf.push(() => x);
console.log(fromOf[0]() + fromOf[1]());

try {
  console.log(tdz);
  let tdz = 1;
} catch (e) {
  console.log(e instanceof ReferenceError, e.name);
}
try {
  console.log(noSuchName + 1);
} catch (e) {
  console.log(e.name, e.message);
}
try {
  const fixed = 1;
  fixed = 2;
  console.log("reassigned", fixed);
} catch (e) {
  console.log(e instanceof TypeError, e.name);
}

function counterFactory() {
  let count = 0;
  function inc() {
    count++;
    return helper();
  }
  function helper() {
    return count * 10;
  }
  return inc;
}
const inc = counterFactory();
inc();
console.log(inc(), typeof helper);

let x = 1;
function readsOuter() {
  return x;
}
x = 5;
console.log(readsOuter());
function paramShadow(x) {
  x = x + 1;
  return x;
}
console.log(paramShadow(10), x);
