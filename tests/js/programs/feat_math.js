// Math built-ins and number conversions: abs, floor, ceil, round (halves, negatives),
// sqrt, sin, cos, min, max (no args, NaN), pow, trunc, PI and E.
console.log(Math.abs(-3), Math.abs(3.5), Math.abs(-0), Math.abs(-Infinity), Math.abs("-2"));
console.log(Math.floor(2.7), Math.floor(-2.1), Math.floor(5), Math.ceil(2.1), Math.ceil(-2.7), Math.ceil(-0.5));
console.log(Math.round(2.5), Math.round(3.5), Math.round(-2.5), Math.round(-2.6), Math.round(0.49999999999999994), Math.round(-0.2));
console.log(Math.trunc(4.9), Math.trunc(-4.9), Math.trunc(-0.1), Math.trunc(1e300));
console.log(Math.sqrt(16), Math.sqrt(2), Math.sqrt(-1), Math.sqrt(0), Math.sqrt(1e-300));
console.log(Math.sin(0), Math.sin(Math.PI / 2), Math.cos(0), Math.cos(Math.PI), Math.sin(1), Math.cos(1));
console.log(Math.min(3, 1, 2), Math.max(3, 1, 2), Math.min(), Math.max(), Math.max(1, NaN), Math.min(-0, 0));
console.log(Math.pow(2, 10), Math.pow(2, 0.5), Math.pow(-8, 1 / 3), Math.pow(0, 0), Math.pow(10, -2), 10 ** 21);
console.log(Math.PI, Math.E, Math.PI * 2, Math.floor(Math.E * 1000));
let acc = 0;
for (let i = 0; i < 100; i++) acc += Math.sin(i * 0.1) * Math.cos(i * 0.05);
console.log("trig sum", Math.round(acc * 1e9));
let roots = 0;
for (let i = 1; i <= 1000; i++) roots += Math.sqrt(i);
console.log("roots", roots, Math.floor(roots), Math.round(roots * 100) / 100);
let ints = 0;
for (let i = -50; i <= 50; i++) ints += Math.floor(i / 3) + Math.ceil(i / 4) + Math.round(i / 6) + Math.trunc(i / 7);
console.log("ints", ints);
console.log(Number.isInteger(Math.floor(7.5)), Math.floor(-0) === 0, 1 / Math.round(-0.4));
