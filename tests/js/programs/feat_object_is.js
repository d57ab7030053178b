// Object.is: SameValue (NaN is NaN, +0 is not -0), else strict equality
const o = {}, a = [1];
const vals = [0, -0, 0.0, 1, 1.5, NaN, Infinity, -Infinity, "1", "", "a", true, false,
              null, undefined, o, a, 2147483647, 2147483648, -2147483648];
const rows = [];
for (const x of vals) {
  let r = "";
  for (const y of vals) r += Object.is(x, y) ? "1" : "0";
  rows.push(r);
}
console.log(rows.join("\n"));
console.log(Object.is(), Object.is(undefined), Object.is(NaN, 0 / 0), Object.is(-0, 0 * -1),
            Object.is("ab", "a" + "b"), Object.is(o, {}), Object.is.length);
