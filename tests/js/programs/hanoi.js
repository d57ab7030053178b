// Towers of Hanoi: recursive solution moving discs between three array pegs, with checks.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
class Tower {
  constructor(name) {
    this.name = name;
    this.discs = [];
  }
  push(d) {
    const n = this.discs.length;
    if (n > 0 && this.discs[n - 1] < d) throw new Error("bigger disc on smaller one");
    this.discs.push(d);
  }
  pop() {
    return this.discs.pop();
  }
}

let moves = 0;
let trace = 0;
function move(n, from, to, via) {
  if (n === 0) return;
  move(n - 1, from, via, to);
  const d = from.pop();
  to.push(d);
  moves++;
  trace = (trace * 3 + d * (to.name.charCodeAt(0) - 64)) % 1000003;
  move(n - 1, via, to, from);
}

const discs = 13;
let a, b, c;
for (let rep = 0; rep < SCALE; rep++) {
  a = new Tower("A");
  b = new Tower("B");
  c = new Tower("C");
  for (let d = discs; d >= 1; d--) a.push(d);
  move(discs, a, c, b);
}
console.log("moves", moves, "expected", SCALE * (2 ** discs - 1));
console.log("pegs", a.discs.length, b.discs.length, c.discs.length);
console.log("top", c.discs[c.discs.length - 1], "bottom", c.discs[0]);
console.log("checksum", trace);
