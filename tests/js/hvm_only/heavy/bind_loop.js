function add(a, b, c) { return this.base + a + b + c; }
let s = 0;
for (let i = 0; i < 12000; i++) {
  const f = add.bind({ base: i }, 1, 2);
  s += f(3);
}
console.log(s, add.bind(null, 1).length, add.bind(null).name);
class P { constructor(x, y) { this.x = x; this.y = y; } }
const BP = P.bind(null, 10);
const p = new BP(20);
console.log(p.x, p.y, p instanceof P);
const keep = [];
for (let i = 0; i < 100; i++) keep.push(add.bind({ base: i * 1000 }, i, i));
console.log(keep[7](1), keep[99](0));
