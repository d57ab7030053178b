// Comparisons and % of every pair of mixed operands (int32, -0, doubles, NaN,
// infinities, strings, null, undefined, booleans), as values and as branches (negated
// too), each function called with all of them: the JIT's int32 path, its shared
// number/string comparison and double % paths, and the generic path.
function lt(a, b) { return a < b; }
function le(a, b) { return a <= b; }
function gt(a, b) { return a > b; }
function ge(a, b) { return a >= b; }
function jl(a, b) { if (a < b) return 1; return 0; }
function jnle(a, b) { if (!(a <= b)) return 1; return 0; }
function jge(a, b) { if (a >= b) return 1; return 0; }
function mod(a, b) { return a % b; }

const vs = [0, -0, 1, -1, 2.5, -2.5, NaN, Infinity, -Infinity, 2147483647, -2147483648,
  1e300, 5e-324, 9007199254740992, 7.25, -13, "", "a", "ab", "b", "10", "9", "é",
  null, undefined, true];
for (let k = 0; k < 2; k++) {
  const lines = [];
  for (const a of vs) {
    const row = [];
    for (const b of vs) {
      const r = mod(a, b);
      row.push([lt(a, b), le(a, b), gt(a, b), ge(a, b), jl(a, b), jnle(a, b), jge(a, b)]
        .map(Number).join("") + ":" + (Object.is(r, -0) ? "-0" : String(r)));
    }
    lines.push(row.join(" "));
  }
  console.log(lines.join("\n"));
}
let s = 0;
for (let i = 0; i < 2000; i++) s += (i * 1.5) % 7 + (-i * 2) % 3 + (i % 5.5);
console.log(s);
