// Array.isArray of Array.prototype (an array in node), of arrays and of other values,
// in a loop hot enough to be compiled (the JIT's in-line Array.isArray)
const values = [[], [1, 2], Array.prototype, Object.prototype, {}, "abc", 1, null,
  undefined, {length: 0}, Array, Object.create(Array.prototype), new Array(3)];
let line = "";
for (let round = 0; round < 30; round++) {
  line = "";
  for (let i = 0; i < values.length; i++) line += Array.isArray(values[i]) ? "T" : "F";
}
console.log(line);
console.log(Array.isArray(Array.prototype), Array.isArray([]), Array.isArray({}));
const isArr = Array.isArray;
console.log([Array.prototype, [], "x"].map(v => isArr(v)));
