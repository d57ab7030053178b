// Sieve of Eratosthenes over a boolean array, repeated; counts and sums primes.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
function sieve(n) {
  const composite = new Array(n + 1).fill(false);
  let count = 0;
  let sum = 0;
  for (let i = 2; i <= n; i++) {
    if (!composite[i]) {
      count++;
      sum += i;
      for (let j = i * i; j <= n; j += i) composite[j] = true;
    }
  }
  return [count, sum];
}

let checksum = 0;
for (let round = 0; round < 4 * SCALE; round++) {
  const [count, sum] = sieve(30000 + (round % 4) * 1000 + (round >> 2));
  if (round < 4) console.log("primes", count, sum);
  checksum = (checksum * 31 + count + sum) % 1000000007;
}
console.log("checksum", checksum);
