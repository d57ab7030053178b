// Calls through the counted call subroutines (0-4 arguments) and the general one (5
// and more): callees with fewer parameters than arguments (the general subroutine from
// the site's out-of-line path), as many, more (undefined); methods, arrows (their own
// this), constructors, callees that throw, built-ins and values that are not functions
// at the same sites.
function p0() { return "p0:" + arguments.length; }
function q0() { return "q0"; }
function p1(a) { return "p1:" + a; }
function p2(a, b) { return "p2:" + a + "," + b; }
function p3(a, b, c) { return "p3:" + a + "," + b + "," + c; }
function p5(a, b, c, d, e) { return "p5:" + [a, b, c, d, e].join(","); }
const fs = [q0, p1, p2, p3, p5];
function c0(f) { return f(); }
function c1(f) { return f(1); }
function c2(f) { return f(1, 2); }
function c3(f) { return f(1, 2, 3); }
function c4(f) { return f(1, 2, 3, 4); }
function c6(f) { return f(1, 2, 3, 4, 5, 6); }
const sites = [c0, c1, c2, c3, c4, c6];
const out = [];
for (let round = 0; round < 30; round++) {
  for (const s of sites) {
    for (const f of fs) {
      const r = s(f);
      if (round === 29) out.push(r);
    }
  }
}
out.push(c2(p0), c4(p0));
const obj = {
  k: 7,
  m0() { return this.k; },
  m3(a, b, c) { return this.k + a + b + c; },
};
function mcall(o, i) { return o.m0() + o.m3(i, i, i) + o.m3(i) + o.m0(i, i, i, i); }
let ms = 0;
for (let i = 0; i < 50; i++) ms += mcall(obj, i);
out.push("methods " + ms);
function arrows(k) {
  const f = (a, b) => this.k + a + (b === undefined ? 100 : b);
  let s = 0;
  for (let i = 0; i < 20; i++) s += f(i) + f(i, 1) + f(i, 1, 2, 3);
  return s;
}
out.push("arrows " + arrows.call({ k: 5 }, 0));
class V { constructor(x) { this.x = x; } }
function news(i) { return new V(i, i, i).x + new V().x + new V(i, i, i, i, i).x; }
let ns = "";
for (let i = 0; i < 30; i++) ns = news(i);
out.push("news " + ns);
function thrower(a) { if (a > 2) throw new Error("big " + a); return a; }
let caught = [];
for (let i = 0; i < 6; i++) {
  try { c2(thrower) + c4(thrower); c1(thrower); } catch (e) { caught.push(e.message); }
  try { c3((a, b, c) => { throw c; }); } catch (e) { caught.push(e); }
}
out.push(caught.join("|"));
const weird = [Math.max, String, 3, undefined, p3];
for (const w of weird) {
  try { out.push(String(c3(w))); } catch (e) { out.push(e.constructor.name); }
}
console.log(out.join("\n"));
