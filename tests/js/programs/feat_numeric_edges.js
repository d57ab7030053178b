// Numeric edges in bulk: number-to-string over 1600 computed doubles and powers of -3.1,
// int32 conversions of big doubles, string-to-number parsing of odd literals, Math.round
// at halves, % with doubles and negatives, ** with zero, negative bases and overflow.
let x = 0.1;
let out = [];
for (let i = 0; i < 400; i++) {
  x = x * 1.37 + 0.013 * i;
  if (x > 1e15) x = x / 1e17 - 3.3;
  out.push(x, -x / 7e12, x * 1e-9, 1 / (x + 0.5));
}
console.log(out.join(" "));
let y = 1;
const ys = [];
for (let i = 0; i < 70; i++) { y *= -3.1; ys.push(y, String(y), y | 0, y >>> 3, Math.round(y), Math.trunc(y / 1e5)); }
console.log(ys.join(","));
const strs = ["1e21", "1e-7", "123456789012345678901234567890", "0.1e-6", "9007199254740993", "4.35", "0.000001", "1.7976931348623157e308", "1.8e308", "2.2250738585072014e-308", "5e-324", "3e-324", "0x1p3", "1__0", "1.", ".e1", "1e", "-.5", "+.5e+2"];
console.log(strs.map((s) => Number(s) + "|" + parseFloat(s) + "|" + parseInt(s)).join(" "));
console.log([0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 4503599627370495.5, -4503599627370495.5].map(Math.round).join(","));
console.log([7, -7, 7.5, -7.5].map((a) => [a % 2, a % -2, a % 2.5, -a % 0.7].join(";")).join(" "));
console.log(2 ** 0.5, (-8) ** (1 / 3), 0 ** 0, 0 ** -1, (-0) ** -1, (-2) ** 31, 2 ** 1023 * 2, Math.pow(-0, 3));
