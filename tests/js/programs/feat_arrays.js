// Arrays: literals, new Array(n), holes, length read and write, push/pop/shift, fill, slice,
// indexOf, forEach, map, sort with and without a comparator, join, Array.isArray,
// out-of-range reads, RangeError for a bad length.
const a = [3, 1, 2];
console.log(a.length, a[0], a[5], a.push(10), a.length, a.pop(), a.pop(), a.length);
console.log(a.shift(), a.length, a[0], [].pop(), [].shift());
const n = new Array(5);
console.log(n.length, n[0], n.fill(7).join(""), new Array(3).fill(0).length);
const filled = new Array(6).fill(1, 2, 4);
console.log(filled);
const big = [];
big[10] = "x";
console.log(big.length, big[9], big[10], 9 in big, 10 in big);
const shrink = [1, 2, 3, 4, 5];
shrink.length = 2;
console.log(shrink.length, shrink[3], shrink.join(","));
shrink.length = 0;
console.log(shrink.length, shrink.join(","));
const src = [10, 20, 30, 40, 50];
console.log(src.slice(1, 3), src.slice(-2), src.slice(), src.slice(4, 2), src.slice(2, -1));
console.log(src.indexOf(30), src.indexOf(35), src.indexOf(10, 1), ["a", "b"].indexOf("b"));
let sum = 0;
src.forEach((v, i) => {
  sum += v * i;
});
console.log(sum, src.map((v) => v / 10), src.map((v, i) => v + i).join(" "));
const nums = [5, 3, 10, 1, 22, 100];
console.log(nums.slice().sort(), nums.slice().sort((x, y) => x - y), nums.slice().sort((x, y) => y - x));
const people = [
  { n: "c", age: 30 },
  { n: "a", age: 25 },
  { n: "b", age: 30 },
  { n: "d", age: 20 },
];
people.sort((p, q) => p.age - q.age);
console.log(people.map((p) => p.n).join(""));
console.log(Array.isArray([]), Array.isArray({}), Array.isArray("s"), Array.isArray(new Array(2)));
console.log([1, [2, [3]]].join("/"), [].join(), [undefined, null].join("-"), ["solo"].join(", "));
const matrix = [];
for (let i = 0; i < 3; i++) {
  matrix.push([]);
  for (let j = 0; j < 3; j++) matrix[i].push(i * 3 + j);
}
console.log(matrix, matrix[2][1]);
const sorted = [];
for (let i = 0; i < 50; i++) sorted.push((i * 17) % 23);
sorted.sort((x, y) => x - y);
let ok = true;
for (let i = 1; i < sorted.length; i++) if (sorted[i - 1] > sorted[i]) ok = false;
console.log("sorted", ok, sorted[0], sorted[49]);
const stable = [];
for (let i = 0; i < 20; i++) stable.push({ key: i % 3, order: i });
stable.sort((p, q) => p.key - q.key);
console.log(stable.map((p) => p.order).join(","));
try {
  const bad = new Array(-1);
  console.log("no error", bad.length);
} catch (e) {
  console.log(e instanceof RangeError, e.name, e.message);
}
try {
  const arr = [1];
  arr.length = -5;
} catch (e) {
  console.log(e.name, e.message);
}
const queue = [];
for (let i = 0; i < 5; i++) queue.push(i);
let drained = "";
while (queue.length > 0) drained += queue.shift();
console.log(drained, queue.length);
