// === and !== against a constant in compiled code (t_ops._strict_const): undefined, null,
// booleans, int32 constants (doubles and -0 compared as numbers), and string constants
// of up to 16 UTF-16 units compared by their unit words, against every kind of value.
function f(x) {
  let s = 0;
  if (x === null) s += 1;
  if (x !== undefined) s += 2;
  if (x === true) s += 4;
  if (false === x) s += 8;
  if (x === 0) s += 16;
  if (x !== 7) s += 32;
  if (-5 === x) s += 64;
  if (x === "") s += 128;
  if (x === "+") s += 256;
  if (x !== "let") s += 512;
  if (x === "abcd") s += 1024;
  if (x === "abcde") s += 2048;
  if ("abcdefghijklmnop" === x) s += 4096;
  if (x === "abcdefghijklmnopq") s += 8192;
  if (x === "é€😀") s += 16384;
  const t = x === 2147483647, u = x !== -2147483648, v = x === "ab";
  return [s, t, u, v].join(",");
}
const vals = [null, undefined, true, false, 0, -0, 0.0, 7, 7.5, -5, -5.0, "", "+", "-", "let", "lett", "le",
  "abcd", "abcde", "abcdf", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "é€😀", "é€😁",
  NaN, Infinity, 2147483647, -2147483648, 2147483648, "ab", {}, [], 1e300, -0.0];
const parts = ["x", "y"];
const dyn = [parts.join(""), "a" + "b", "ab".substring(0, 2), String.fromCharCode(43), "le" + "t",
  "abc" + "d", "abcdefghijklmno" + "p", "é€" + "😀"];
for (let r = 0; r < 3; r++) {
  for (const v of vals) console.log(String(v), typeof v, f(v));
  for (const v of dyn) console.log(v, f(v));
}
