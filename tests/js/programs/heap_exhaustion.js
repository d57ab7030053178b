// a64js-expect: exit=1 mentions=heap|memory node=skip
// a64js-flags: --max-heap 64
// Heap exhaustion: the live set grows without bound, so the bounded heap runs out. a64js must
// stop with a clean error (no Python traceback); node would only stop after gigabytes.
// A 64 MiB heap keeps the test short.
const keep = [];
let i = 0;
for (;;) {
  const block = new Array(100000);
  block[99999] = i; // a dense backing store of 100000 elements
  keep.push(block);
  i++;
}
