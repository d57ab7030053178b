// Number arithmetic and comparisons in compiled code, both layouts (a function with a
// double constant puts the double path in line, one without the int32 path), every
// operand pairing: doubles, int32s (and their overflow), int32 with double, constants,
// strings and other values; results NaN, -0, the infinities, integral doubles (int32
// words again) and the int32 range's edges; comparisons with NaN in every form.
function show(x) {
  if (x === 0 && 1 / x < 0) return "-0";
  return String(x);
}
function row(label, xs) { console.log(label, xs.map(show).join(" ")); }

// Double-first: the function computes with a double constant.
function dops(a, b) {
  const h = 0.5;
  return [a + b, a - b, a * b, a / b, (a * h) * 2, a * 2, 2 * b, a + 1.25, 1.25 - b];
}
// Int-first: nothing in it says double.
function iops(a, b) {
  return [a + b, a - b, a * b, a / b, a * 3, 3 * b, a - 7];
}
function cmps(a, b) {
  return [a < b, a <= b, a > b, a >= b];
}
function dcmps(a, b) {
  const k = 0.25;
  return [a < b, a <= b, a > b, a >= b, a * k < b * k, a + k >= b + k];
}
function jumps(a, b) {
  let s = "";
  if (a < b) s += "l"; else s += "L";
  if (a <= b) s += "e"; else s += "E";
  if (a > b) s += "g"; else s += "G";
  if (a >= b) s += "h"; else s += "H";
  if (!(a < b)) s += "1";
  if (!(a <= b)) s += "2";
  if (!(a > b)) s += "3";
  if (!(a >= b)) s += "4";
  return s;
}
function djumps(a, b) {
  let s = "";
  const z = 0.0 * 1.5;
  if (a + z < b) s += "l"; else s += "L";
  if (a + z <= b) s += "e"; else s += "E";
  if (a + z > b) s += "g"; else s += "G";
  if (a + z >= b) s += "h"; else s += "H";
  return s;
}
const pairs = [
  [1.5, 2.25], [3, 4], [7, -2], [2.5, 4], [4, 2.5], [0.5, 0.5], [-0, 0], [0, -0],
  [0, -5], [-5, 0], [-0, -0], [2147483647, 1], [-2147483648, 1], [-2147483648, -1],
  [65536, 65536], [46341, 46341], [-46341, 46341], [1e308, 10], [Infinity, Infinity],
  [Infinity, -Infinity], [0, Infinity], [NaN, 1], [1, NaN], [NaN, NaN], [0, 0],
  [3e9, 2], [-3e9, 1.5], [0.1, 0.2], [1 / 3, 3], [5, 0], [-5, 0], [2147483648, -1],
  [4.0, 0.25], [0.75, 0.25], ["ab", 3], [3, "ab"], ["x", "y"], [true, 2], [null, 1.5],
  [undefined, 2], [[4], 2], [{ valueOf() { return 2.5; } }, 2],
];
for (let round = 0; round < 3; round++) {
  for (const [a, b] of pairs) {
    const tag = show(a) + "," + show(b);
    if (typeof a === "number" && typeof b === "number" || round === 0) {
      row("d " + tag, dops(a, b));
      row("i " + tag, iops(a, b));
      row("c " + tag, cmps(a, b));
      row("k " + tag, dcmps(a, b));
      console.log("j " + tag, jumps(a, b), djumps(a, b));
    }
  }
}
// Loops whose counters and accumulators cross from int32 to doubles and back.
let acc = 2147483000;
let steps = 0;
for (let i = 0; i < 1000; i++) { acc = acc + 3; acc = acc - 1.5; acc = acc + 0.5; steps++; }
console.log("acc", show(acc), steps);
let p = 1;
for (let i = 0; i < 40; i++) p = p * -3;
console.log("pow", show(p));
let q = 1;
for (let i = 0; i < 40; i++) q = q / 2 * 2 * 0.5;
console.log("half", show(q), show(q * 0), show(-q * 0), show(q * 0 * -1));
let m = -1;
let zeros = 0;
for (let i = 0; i < 50; i++) { const z = m * 0; if (1 / z < 0) zeros++; m = m * 1; }
console.log("negzero", zeros);
let x = 0.0;
let n = 0;
while (x < 10 && !(x >= 10.5)) { x = x + 0.75; n++; }
console.log("while", show(x), n);
let nanloops = 0;
for (let y = NaN; nanloops < 5; nanloops++) { if (y < 1 || y > 1 || y <= 1 || y >= 1) break; }
console.log("nan", nanloops);
const arr = [10, 20, 30];
let idx = 0.5;
idx = idx + 0.5;
console.log("index", arr[idx], arr[idx * 2], arr[idx + 0.25]);
// + with a constant that is not a number: straight to the string path (else generic).
function strs(a, b) { return ["<" + a, a + ">", "" + b, a + null, true + a, undefined + a, a + "" + b]; }
const vals = [1, -2.5, "s", "", null, undefined, true, [1, 2], {}, NaN, -0, 2147483647, 1e21];
for (let round = 0; round < 2; round++) for (const v of vals) console.log(strs(v, v).join("|"));
