// Object.defineProperty over an existing property: an accessor replaces a data
// property (on a plain object and on a built-in prototype), and a data property
// replaces an accessor (its setter is not called).
const o = { name: "data", other: 1 };
Object.defineProperty(o, "name", { get() { return "acc"; }, configurable: true });
console.log(o.name, o.other);

const p = {};
let setterCalls = 0;
Object.defineProperty(p, "v", {
  get() { return "getter"; },
  set(x) { setterCalls++; },
  configurable: true,
});
p.v = 5;
console.log(p.v, setterCalls);
Object.defineProperty(p, "v", { value: 7, writable: true, configurable: true });
console.log(p.v, setterCalls);
p.v = 8;
console.log(p.v, setterCalls);

Object.defineProperty(TypeError.prototype, "name", {
  get() { return "Custom"; },
  configurable: true,
});
try {
  null.x;
} catch (e) {
  console.log(String(e));
  console.log(e.name);
}
console.log(`${new TypeError("made")}`);
console.log(new RangeError("r").name);

// the same in a loop, so the JIT's caches see the shapes change
function read(obj) { return obj.w; }
let total = "";
for (let i = 0; i < 30; i++) {
  const q = { w: i };
  if (i % 3 === 0) {
    Object.defineProperty(q, "w", { get() { return "g" + i; }, configurable: true });
  }
  total += read(q) + ",";
}
console.log(total);
