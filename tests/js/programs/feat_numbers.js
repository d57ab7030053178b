// Number printing: console.log and String() agree with JavaScript's Number-to-String:
// -0, NaN, Infinity, exponent thresholds (1e21, 1e-7), shortest round-trip digits,
// integers stored in doubles beyond int32 and up to 2^53 and past it.
console.log(0, -0, String(-0), `${-0}`, [-0] + "", 0 === -0, 1 / -0);
console.log(NaN, -NaN, Infinity, -Infinity, String(NaN), 0 / 0 === 0 / 0);
console.log(0.1 + 0.2, 0.1 + 0.2 === 0.3, 0.3 - 0.1, 1 / 3, 2 / 3, 10 / 3, 1 - 0.9);
console.log(1e21, 1e20, 123456789012345680000, 1e21 + 1, 999999999999999900000);
console.log(1e-6, 1e-7, 0.000001234, 0.0000001234, 1.5e-10, -2.5e-7);
console.log(1e100, 1.7976931348623157e308, 5e-324, 2e-323, -1e308 * 10);
console.log(2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 1, 2 ** 53 + 2, 2 ** 64, 2 ** 70);
console.log(9007199254740993, -9007199254740991, 4294967296 * 3 + 7, 1e15 + 0.3);
console.log(123.456, -0.5, 100, 100.0, 1.0, 1.5e3, 0x1f, 0o17, 0b101);
console.log(3.14159, Math.PI, Math.E, -Math.PI / 2);
console.log(String(1 / 7), String(1e21), String(123e-20), String(-1e-7), String(2 ** 60));
console.log(5e-7 + "", 0.00001 + "", 1.2e-5 + "", 12e20 + "", 1.25e+21 + "");
console.log(Number("12"), Number("1.5e3"), Number(""), Number(" 7 "), Number("0x10"), Number("abc"));
console.log(Number(true), Number(null), Number(undefined), Number("-0"), Number("Infinity"));
console.log(parseInt("42px"), parseInt("-17"), parseInt("ff", 16), parseInt("0x1A"), parseInt("z"));
console.log(parseInt("  12.9"), parseInt("101", 2), parseFloat("3.25abc"), parseFloat(".5"), parseFloat("-.5e1"));
console.log(parseFloat("x"), isNaN("abc"), isNaN("12"), isNaN(NaN), Number.isInteger(5), Number.isInteger(5.5));
console.log(Number.isInteger("5"), Number.isInteger(2 ** 60), Number.isInteger(Infinity));
let big = 1;
for (let i = 0; i < 25; i++) big *= 7;
console.log(big, big + 1, big % 1000);
let tiny = 1;
for (let i = 0; i < 30; i++) tiny /= 3;
console.log(tiny);
let sum = 0;
for (let i = 0; i < 10; i++) sum += 0.1;
console.log(sum, sum === 1, Math.round(sum));
console.log(-1e-7 * 1e7, 2e-7 / 2, 4.35 * 100, 1.005 * 1000, 123456789 * 1000000000);
