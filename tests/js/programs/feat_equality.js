// Equality and comparison across types: a matrix of == and === over values of every kind
// (ToPrimitive of arrays and objects included), and < <= > >= with mixed operands.
const obj = { k: 1 };
const arr0 = [0];
const values = [0, -0, 1, "", "0", "1", " 1 ", "a", null, undefined, NaN, true, false, [], arr0, [1, 2], obj];
const names = ["0", "-0", "1", '""', '"0"', '"1"', '" 1 "', '"a"', "null", "undef", "NaN", "true", "false", "[]", "[0]", "[1,2]", "{}"];
for (let i = 0; i < values.length; i++) {
  let loose = "";
  let strict = "";
  for (let j = 0; j < values.length; j++) {
    loose += values[i] == values[j] ? "1" : ".";
    strict += values[i] === values[j] ? "1" : ".";
  }
  console.log(loose, strict, names[i]);
}
console.log("1,2" == [1, 2], "[object Object]" == obj, [1] == 1, [[1]] == "1", [] == false, null == false);
console.log(arr0 == arr0, arr0 == [0], obj != obj, obj !== { k: 1 }, undefined != null, NaN != NaN);
const rel = [
  [1, "2"], ["10", "9"], ["10", 9], [null, 0], [undefined, 0], [NaN, 1], ["a", 1], [[2], 10],
  ["b", "a"], [true, 0], [false, 1], ["", 0], [[], 1], [-0, 0], [Infinity, 1e308],
];
let out = "";
for (const [a, b] of rel) out += (a < b ? "<" : "") + (a <= b ? "l" : "") + (a > b ? ">" : "") + (a >= b ? "g" : "") + "|";
console.log(out);
