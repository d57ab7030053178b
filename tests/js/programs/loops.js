// Integer loops: arithmetic, bitwise mixing, modulo, nested loops, while and do-while.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
let acc = 0;
for (let rep = 0; rep < SCALE; rep++) {
  for (let i = 0; i < 200; i++) {
    for (let j = 0; j < 200; j++) {
      acc = (acc + i * j) % 1000003;
      acc ^= (i << 3) | (j & 7);
    }
  }
}
console.log("nested", acc);

let h = 216613;
for (let rep = 0; rep < SCALE; rep++) {
  let k = 0;
  while (k < 30000) {
    h = ((h ^ (k & 255)) * 31 + k) & 0x3fffffff;
    k++;
  }
}
console.log("hash", h);

let collatzMax = 0;
let collatzArg = 0;
for (let n = 1; n < 1500 * SCALE; n++) {
  let steps = 0;
  let x = n;
  do {
    x = x % 2 === 0 ? x / 2 : 3 * x + 1;
    steps++;
  } while (x !== 1);
  if (steps > collatzMax) {
    collatzMax = steps;
    collatzArg = n;
  }
}
console.log("collatz", collatzArg, collatzMax);
let down = 0;
for (let rep = 0; rep < SCALE; rep++) {
  for (let i = 100000; i > 0; i -= 7) down -= (i + rep) >> 2;
}
console.log("down", down);
console.log("checksum", (acc + h + collatzMax * collatzArg + down) % 1000000007);
