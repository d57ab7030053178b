// a64js-flags: --max-heap 64
// Garbage collection: about 400 MB of short-lived arrays (holey, so cheap to create) next
// to a small long-lived linked structure that must survive every collection intact; then
// many short-lived strings and objects. a64js runs it in a 64 MiB heap (the flags line),
// which only works if the dead ones are reclaimed.
let live = null;
for (let i = 0; i < 1000; i++) live = { id: i, next: live, tag: "n" + i };

let touched = 0;
for (let round = 0; round < 500; round++) {
  const big = new Array(100000);
  big[round % 100000] = round;
  big[99999] = "end";
  touched += big[round % 100000] + big.length;
}
console.log("arrays", touched);

let strings = 0;
for (let round = 0; round < 3000; round++) {
  let s = "";
  for (let k = 0; k < 10; k++) s += String.fromCharCode(97 + ((round + k) % 26));
  const pair = { s, twice: s + s, n: round };
  strings += pair.twice.length + pair.s.charCodeAt(round % 10);
}
console.log("strings", strings);

let count = 0;
let idSum = 0;
let tagsOk = true;
for (let p = live; p !== null; p = p.next) {
  count++;
  idSum += p.id;
  if (p.tag !== "n" + p.id) tagsOk = false;
}
console.log("live", count, idSum, tagsOk);
