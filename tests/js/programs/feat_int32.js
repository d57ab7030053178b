// The int32 fast path and its edges: overflow of + - * into doubles, -0 from integer
// operations, division and remainder corner cases, bitwise operators on doubles beyond
// 32 bits, shift counts taken mod 32, >>> results above int32, ++/-- at the limits.
const MAX = 2147483647;
const MIN = -2147483648;
console.log(MAX + 1, MIN - 1, MAX * 2, MIN * -1, -MIN, MAX - MIN, MIN + MIN);
console.log(65535 * 65537, 46340 * 46340, 46341 * -46341, 3 * MAX, MAX * MAX);
console.log(0 * -5, -5 * 0, 0 / -3, -0 + 0, -0 - 0, 0 - 0, -0 * -0, -(0), -(-0));
let m = MAX;
m++;
let n = MIN;
n--;
let k = -1;
k++;
console.log(m, n, k, 1 / k);
console.log(7 / 7, 6 / 4, -6 / 4, 1 / 3 * 3, 2 ** 31 / 2, MIN / -1, 0 / 0);
console.log(5 % 0, -5 % 5, 5 % -5, -7 % 2, 7.5 % 2, -7.5 % -2, MIN % -1, 1 / (MIN % -1));
console.log(2 ** 32 | 0, (2 ** 32 + 3) | 0, 2 ** 31 | 0, (2 ** 53 + 2) | 0, -(2 ** 40) | 0);
console.log(1.9 | 0, -1.9 | 0, 1e10 | 0, -1e10 | 0, Infinity | 0, (2 ** 31 - 0.5) | 0);
console.log(1 << 31, 1 << 32, 1 << 33, 1 << -1, -1 >> 31, -1 >> 32, 5 >> 33, -8 >> 1);
console.log(-1 >>> 0, -1 >>> 31, -1 >>> 32, 2 ** 32 >>> 0, 3.7 >>> 0, -3.7 >>> 0, MIN >>> 0);
console.log(~MAX, ~MIN, ~0, ~-1, ~2.5, ~(2 ** 32), MAX & MIN, MAX | MIN, MAX ^ MIN);
console.log(0xffffffff & 0xffff, 0x80000000 | 0, 0x7fffffff + 0x7fffffff, 0xdeadbeef ^ 0);
let acc = 1;
for (let i = 0; i < 40; i++) acc = acc * 3 + i;
console.log(acc, acc | 0, acc >>> 0, acc % 1000);
let wrap = 0;
for (let i = 0; i < 100; i++) wrap = (wrap * 31 + i * 1000003) | 0;
console.log(wrap);
let u = 0;
for (let i = 0; i < 100; i++) u = (u * 33 + i) >>> 0;
console.log(u);
console.log(Math.abs(MIN), Math.abs(MIN) | 0, -MIN | 0, Math.floor(-0.5), Math.ceil(-0.5) === 0);
const arr = [MAX, MIN, -0, 0];
console.log(arr, arr.indexOf(0), arr.indexOf(-0));
