// Destructuring: object and array patterns in declarations, assignments and parameters,
// with defaults, nesting, holes, rest elements and renaming.
const point = { x: 1, y: 2, z: 3 };
const { x, y: why, w = 10 } = point;
console.log(x, why, w);

const [a, , b = 7, ...rest] = [1, 2, undefined, 4, 5];
console.log(a, b, rest.length, rest[0], rest[1]);

const {
  inner: { deep, list: [first, second] },
} = { inner: { deep: "d", list: ["f", "s", "t"] } };
console.log(deep, first, second);

let p = 1;
let q = 2;
[p, q] = [q, p];
console.log("swap", p, q);

let m;
let n;
({ m, n = "dflt" } = { m: "em" });
console.log(m, n);

function area({ width, height = 2 }) {
  return width * height;
}
console.log(area({ width: 3 }), area({ width: 3, height: 4 }));

function head([h, ...t]) {
  return h + ":" + t.length;
}
console.log(head([9, 8, 7]), head(["only"]));

const pairs = [
  [1, "one"],
  [2, "two"],
  [3, "three"],
];
let joined = "";
for (const [num, word] of pairs) joined += num + "=" + word + ";";
console.log(joined);

const people = [
  { name: "ann", age: 31 },
  { name: "bob", age: 25 },
];
for (const { name, age } of people) console.log(name, age);
const ages = people.map(({ age }) => age);
console.log(ages[0] + ages[1]);

const key = "dyn";
const { [key]: dynValue } = { dyn: 42 };
console.log(dynValue);

const [u = "unset", v = "unset"] = [null];
console.log(u, v);
