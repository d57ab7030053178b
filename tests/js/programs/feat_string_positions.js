// startsWith/endsWith positions: clamped to 0..length (negative, past the end, infinite, NaN, fractional)
const s = "abcabc";
for (const p of [undefined, -1, 0, 1, 3, 5, 6, 7, -Infinity, Infinity, NaN, 2.7]) {
  console.log(p, s.startsWith("a", p), s.startsWith("c", p), s.startsWith("", p),
              s.endsWith("c", p), s.endsWith("b", p), s.endsWith("", p), s.endsWith("abc", p));
}
