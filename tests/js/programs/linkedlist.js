// Linked lists: allocation-heavy building, reversing, merging and summing of short-lived lists.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
class Node {
  constructor(value, next) {
    this.value = value;
    this.next = next;
  }
}

function build(n, seed) {
  let head = null;
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    head = new Node(x % 1000, head);
  }
  return head;
}

function reverse(list) {
  let prev = null;
  while (list !== null) {
    const next = list.next;
    list.next = prev;
    prev = list;
    list = next;
  }
  return prev;
}

function length(list) {
  let n = 0;
  for (let p = list; p !== null; p = p.next) n++;
  return n;
}

function insertSorted(sorted, value) {
  if (sorted === null || value <= sorted.value) return new Node(value, sorted);
  let p = sorted;
  while (p.next !== null && p.next.value < value) p = p.next;
  p.next = new Node(value, p.next);
  return sorted;
}

function copyMap(list, f) {
  // Builds a fresh list (the old one becomes garbage).
  if (list === null) return null;
  const head = new Node(f(list.value), null);
  let tail = head;
  for (let p = list.next; p !== null; p = p.next) {
    tail.next = new Node(f(p.value), null);
    tail = tail.next;
  }
  return head;
}

let checksum = 0;
for (let round = 0; round < 30 * SCALE; round++) {
  let list = build(400, round + 1);
  list = reverse(list);
  list = copyMap(list, (v) => v * 2 + 1);
  let sum = 0;
  let idx = 0;
  for (let p = list; p !== null; p = p.next) sum += p.value * (idx++ % 7);
  checksum = (checksum + sum + length(list)) % 1000000007;
}
console.log("rounds", checksum);

let sorted = null;
for (let i = 0; i < 300; i++) sorted = insertSorted(sorted, (i * 7919) % 1009);
let ok = true;
let count = 0;
for (let p = sorted; p.next !== null; p = p.next) {
  if (p.value > p.next.value) ok = false;
  count++;
}
console.log("sorted", ok, count + 1, sorted.value);
console.log("checksum", (checksum + count) % 1000000007);
