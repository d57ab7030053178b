// === and !== of two values that are not constants in compiled code (t_ops._strict_words):
// the same word, int32 pairs, objects by identity, strings by their units (other cells
// of equal text), int32 against doubles (0 and -0), NaN, and every mix of kinds; and !x
// of booleans in line, of anything else through truthiness.
function eq(a, b) { return a === b; }
function ne(a, b) { return a !== b; }
function jeq(a, b) { if (a === b) return "y"; return "n"; }
function not(a) { return !a; }
const o = { k: 1 }, p = { k: 1 }, arr = [1], arr2 = [1];
const half = 0.5;
const vals = [undefined, null, true, false, 0, -0, 1, -1, 7, 2147483647, -2147483648,
  2147483648, 0.5, half + half, 1.5, NaN, 0 / 0, Infinity, -Infinity, "", "a", "ab",
  "ab".substring(0, 1), "a" + "b", ["a", "b"].join(""), "abcdefghij", "abcdefghij".slice(0),
  "é", o, p, arr, arr2, eq];
const names = vals.map((v, i) => i + ":" + typeof v);
for (let r = 0; r < 3; r++) {
  let line = "";
  for (let i = 0; i < vals.length; i++) {
    let row = "";
    for (let j = 0; j < vals.length; j++) {
      const a = vals[i], b = vals[j];
      row += (eq(a, b) ? "1" : "0") + (ne(a, b) ? "1" : "0") + jeq(a, b);
    }
    if (r === 2) console.log(names[i], row, not(vals[i]));
    line += row.length;
  }
  console.log(r, line.length);
}
console.log(not(true), not(false), not(0), not(""), not("x"), not(null), not(o), not(NaN));
