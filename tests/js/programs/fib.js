// Recursion: naive Fibonacci, plus a mutually recursive even/odd pair.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

function isEven(n) { return n === 0 ? true : isOdd(n - 1); }
function isOdd(n) { return n === 0 ? false : isEven(n - 1); }

let total = 0;
for (let rep = 0; rep < SCALE; rep++) {
  for (let i = 0; i <= 22; i++) {
    total += fib(i);
  }
}
console.log("fib(22) =", fib(22));
let parity = 0;
for (let i = 0; i < 300; i++) {
  if (isEven(i)) parity += i;
}
console.log("parity", parity);
console.log("checksum", total + parity);
