// Found by tools/fuzz_js.py: an integer power far past any double is Infinity at once (both
// VMs computed 2147483647 ** 4294967295 exactly, a Python integer of 1.3e11 bits: hours),
// the sign by the exponent's parity; small ones stay exact
console.log(Math.pow(2147483647, 4294967295), 3 ** 4294967295, Math.pow(-3, 2 ** 31 + 1));
console.log((-2) ** 1025, (-2) ** 1024, 2 ** 1023, 2 ** -1074, 1 ** 1e9, 0 ** 5);
console.log((-1) ** 4294967295, 7 ** 0, 0 ** -1, 1 ** -5, (-1) ** -3, 2 ** -2, 3 ** 33);
let s = 0;
for (let i = 0; i < 40; i++) s += Math.pow(i - 20, 4294967295 - (i & 1)) > 0 ? 1 : -1;
console.log(s);
