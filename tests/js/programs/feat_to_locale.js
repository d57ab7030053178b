// Number.prototype.toLocaleString() as node prints it (en-US: commas between groups of
// three digits, at most three fraction digits rounded half away from zero from the
// number's shortest form, -0 with its sign, NaN, the infinity sign); a64js had no
// toLocaleString (a TypeError "is not a function").
const xs = [0, -0, 1, -1, 1234567.891, 0.5, 0.0005, 0.0015, 1.0005, 2.5, -2.5, 1234.5678, 1e21,
            123456789012345680000, -0.0001, 0.1 + 0.2, 999.9995, 999.9994, NaN, Infinity,
            -Infinity, 1e-7, 12, 100, 1000, 10000, 100000, 2 ** 53, 1.5e300];
console.log(xs.map((x) => x.toLocaleString()).join(" | "));
console.log((5).toLocaleString.length, typeof (5).toLocaleString());
let total = 0;
for (let i = 0; i < 200; i++) total += (i * 1234.5678).toLocaleString().length;
console.log(total, `Total: ${(9876543.21).toLocaleString()} items`);
