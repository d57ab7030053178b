// a64js-expect: exit=1 mentions=heap|memory node=skip
// Heap exhaustion: the live set grows without bound, so the bounded heap runs out. a64js must
// stop with a clean error (no Python traceback); node would only stop after gigabytes.
const keep = [];
let i = 0;
for (;;) {
  keep.push(new Array(100000).fill(i));
  i++;
}
