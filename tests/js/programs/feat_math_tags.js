// Math.hypot as node computes it (scaled by the largest argument, the squares summed with
// compensation: Math.hypot(3, 3) is 4.242640687119286 where libm's hypot gives ...285),
// Math.asinh/acosh/atanh (a64js lacked them), and Object.prototype.toString's tags for
// primitives, functions, errors, Math and JSON (a64js said [object Object]).
console.log(Math.hypot(3, 3), Math.hypot(1, 1), Math.hypot(3, 4), Math.hypot(1, 2, 3),
            Math.hypot(0.1, 0.2), Math.hypot(1e200, 1e200), Math.hypot(1e-200, 3e-200));
console.log(Math.hypot(), Math.hypot(-0), Math.hypot(-3), Math.hypot(NaN, Infinity),
            Math.hypot(NaN, 1), Math.hypot("3", [4]), Math.hypot(-Infinity), Math.hypot.length);
const xs = [0, -0, 0.5, -0.5, 1, -1, 2, 10, -10, 1e-10, 1e300, Infinity, -Infinity, NaN,
            0.99999, 1.5, "2", null];
for (const f of ["asinh", "acosh", "atanh"]) {
  console.log(f, Math[f].length, xs.map((x) => Math[f](x)).join(" "),
              Object.is(Math[f](-0), -0));
}
const tag = (v) => Object.prototype.toString.call(v);
console.log([1, "s", true, undefined, null, [], {}, () => 1, Math.max, class {},
             new Error("e"), new TypeError("t"), Math, JSON, NaN, Object.create(null),
             new (class X {})()].map(tag));
console.log(String({}), `${{ a: 1 }}`, {} + "");
// hot: compiled callers
let h = 0;
let numbers = 0;
for (let i = 1; i <= 300; i++) {
  h += Math.hypot(i, i + 1, i / 3);
  if (tag(i % 3 ? i : "x") === "[object Number]") numbers++;
}
console.log(h, numbers);
