// Conversions between strings and numbers: Number() on odd strings, parseInt/parseFloat
// corner cases, and Number-to-String over many computed doubles (shortest round-trip
// digits, exponent forms), also through String(), template literals and + "".
console.log(Number(" \n12\t"), Number("1e3"), Number("-"), Number(".5"), Number("5."), Number("+7"));
console.log(Number("0b101"), Number("0o17"), Number("0xff"), Number("1_000"), Number("12px"), Number("--1"));
console.log(Number("Infinity"), Number("-Infinity"), Number("infinity"), Number("1e1000"), Number("-1e-1000"));
console.log(Number([]), Number([7]), Number([1, 2]), Number({}), Number(false), Number("  "));
console.log(parseInt(0.0000005), parseInt("0.0000005"), parseInt(1e21), parseInt(null), parseInt("123", 0));
console.log(parseInt("12", 37), parseInt("12", 1), parseInt("z", 36), parseInt("-0"), parseInt("  -42abc"), parseInt(""));
console.log(parseInt("0x"), parseInt("0xg"), parseInt("1e3"), parseInt(15.99), parseInt("-15.99"), parseInt("11", 2.9));
console.log(parseFloat("1e1000"), parseFloat("-0"), parseFloat("  3.14e-2xyz"), parseFloat("e5"), parseFloat("1.2.3"));
console.log(parseFloat("Infinityx"), parseFloat("-.e1"), parseFloat("0x10"), parseFloat(".0000001"), parseFloat("1e-7"));
console.log(isNaN(undefined), isNaN(null), isNaN("0x10"), isNaN(""), isNaN("1e5"), isNaN([]), isNaN({}));
let line = "";
for (let i = 1; i <= 30; i++) line += i / 7 + " ";
console.log(line);
line = "";
for (let i = 1; i <= 20; i++) line += Math.sqrt(i) * 1e10 + " ";
console.log(line);
line = "";
for (let i = -12; i <= 24; i += 3) line += 1.7 * 10 ** i + " ";
console.log(line);
line = "";
for (let i = 1; i <= 12; i++) line += (0.1 * i) + "," + (1 / (i * 1000000)) + " ";
console.log(line);
console.log(String(123456789.123), `${-1e-7}`, 5e-7 + "", String(2 ** -20), String(1 / 3e10));
console.log(String(0.000001), String(1e6), String(1.5e300 * 1e10), String(-1.5e-300 / 1e30));
console.log(100 + "", 1e2 + "" === "100", (25).length, typeof (1 + ""), "3" - - "3");
