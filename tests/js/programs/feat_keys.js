// Property order: integer-like keys (array indices, up to 2^32 - 2) come first in
// ascending order, then the other string keys in insertion order; a big object used as a
// dictionary keeps that order through Object.keys.
const d = {};
for (const k of ["b", "10", "a", "9", "1.5", "-1", "0", "4294967295", "4294967294", "x", "01"]) {
  d[k] = k.length;
}
console.log(Object.keys(d).join(","));
console.log(d);
const big = {};
for (let i = 0; i < 3000; i++) big["key" + ((i * 7919) % 3000)] = i;
let s = 0;
for (const k of Object.keys(big)) s = (s * 31 + big[k]) % 1000003;
console.log(Object.keys(big).length, s, Object.keys(big).slice(0, 3));
const nums = {};
for (let i = 20; i >= 0; i -= 3) nums[i] = i * i;
console.log(Object.keys(nums).join(" "), nums[8], nums["11"]);
const arr = ["a", "b"];
arr.extra = "e";
console.log(Object.keys(arr), arr.length);
