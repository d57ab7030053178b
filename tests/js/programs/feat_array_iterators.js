// Array.prototype.keys/values/entries return iterators (node's Array Iterator objects):
// for...of, spread, destructuring, Array.from and next() over them.
const fruits = ["apple", "banana", "cherry"];

for (const [i, name] of fruits.entries()) {
  console.log(`${i + 1}. ${name}`);
}
console.log([...fruits.keys()], Array.from(fruits.values(), (s) => s.toUpperCase()));

const it = fruits.values();
console.log(typeof it, typeof it.next, Array.isArray(fruits));
console.log(it);
console.log({ it, list: [fruits.keys()] });
let step = it.next();
while (!step.done) {
  console.log("next:", step.value);
  step = it.next();
}
console.log(step, it.next());

const partly = [1, 2, 3, 4].values();
partly.next();
const [second, ...rest] = partly;
console.log(second, rest);

console.log([..."ab".split("").entries()], [...[5, , 7].values()]);

// a hot function (the JIT compiles it): totals by index over entries()
function weighted(xs) {
  let total = 0;
  for (const [i, x] of xs.entries()) total += i * x;
  for (const k of xs.keys()) total += k;
  return total;
}
let sum = 0;
for (let n = 0; n < 300; n++) sum += weighted([n, n + 1, n + 2]);
console.log(sum);

// an iterator's values are not its properties
const vit = ["x", "y"].values();
console.log(JSON.stringify({ it: [1, 2].entries() }), Object.keys(vit), Object.values(vit), Object.entries(vit));
console.log({ deep: { er: { it: [1].keys() } } }, [[[[1].values()]]]);
