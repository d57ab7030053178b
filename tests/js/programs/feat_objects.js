// Object literals: shorthand properties and methods, computed keys, property access by
// name and computed key, insertion order (Object.keys), adding properties later, nested
// objects, objects as maps, this in methods, missing properties read as undefined.
const x = 1;
const y = "two";
const key = "dyn";
const obj = {
  x,
  y,
  [key + "amic"]: 3,
  ["k" + 1]: "computed",
  method() {
    return this.x + 1;
  },
  arrow: () => "arrow",
  "quoted key": true,
  nested: { deeper: { deepest: "bottom" } },
};
console.log(obj.x, obj.y, obj.dynamic, obj.k1, obj.method(), obj.arrow(), obj["quoted key"]);
console.log(obj.nested.deeper.deepest, obj["nested"]["deeper"].deepest, obj.missing);
console.log(Object.keys(obj).join(","));
obj.added = "late";
obj["z" + 9] = 9;
console.log(Object.keys(obj).length, obj.added, obj.z9);
const counts = {};
const text = "the quick brown fox jumps over the lazy dog the end";
let word = "";
for (let i = 0; i <= text.length; i++) {
  const c = text.charAt(i);
  if (c === " " || c === "") {
    counts[word] = (counts[word] || 0) + 1;
    word = "";
  } else {
    word += c;
  }
}
const keys = Object.keys(counts);
console.log(keys.length, counts.the, counts.fox, counts.cat, keys.slice(0, 4).join(" "));
const point = { x: 1, y: 2 };
point.x = 10;
point.z = 30;
console.log(point, Object.keys(point));
const shared = { v: 1 };
const a = { ref: shared };
const b = { ref: shared };
a.ref.v = 99;
console.log(b.ref.v, a === b, a.ref === b.ref);
const methods = {
  count: 0,
  inc() {
    this.count++;
    return this;
  },
  get double() {
    return this.count * 2;
  },
};
methods.inc().inc().inc();
console.log(methods.count, methods.double);
const numericKeys = { 2: "b", 1: "a", x: "x" };
console.log(numericKeys[1], numericKeys["2"], Object.keys(numericKeys).join(","));
const grid = {};
for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) grid[i + "," + j] = i * j;
console.log(grid["2,2"], Object.keys(grid).length);
const many = {};
for (let i = 0; i < 100; i++) many["p" + i] = i;
let total = 0;
for (const k of Object.keys(many)) total += many[k];
console.log("many", total, many.p99);
