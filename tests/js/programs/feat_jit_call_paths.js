// The out-of-line paths of Call and New sites (shared subroutines since session 18):
// a callee with fewer parameters than the site's arguments (called by the general
// path), one that throws from there, a built-in at a site that also calls a
// function, a callee that is not a function, counted and uncounted argument counts;
// arr.push growing arrays; dictionary objects read, written and tested with `in`.
"use strict";

function two(a, b) { return a + b; }
function none() { return arguments.length === undefined ? -1 : 7; }
function thrower(a) { if (a > 2) throw new Error("big " + a); return a * 10; }
function five(a, b, c, d, e) { return [a, b, c, d, e].join(","); }
function tiny() { return 1; }
function tinyThrow() { throw 9; }
function Tiny() {}
function TinyThrow() { throw 8; }
function Point(x) { this.x = x; this.y = 0; }
function Bad(x) { if (x === 3) throw new TypeError("bad " + x); this.x = x; }

function callWith(f, n) {
  // the same site with several callees and argument counts
  let out = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push(String(f(i, i + 1, i + 2)));
    } catch (e) {
      out.push("caught " + e.message);
    }
  }
  return out.join(" ");
}

function callSix(f, i) {
  return f(i, 1, 2, 3, 4, 5);
}

function callFour(f, i) {
  return f(i, 1, 2, 3);
}

function constructFour(C, i) {
  return new C(i, 1, 2, 3);
}

function construct(C, i) {
  return new C(i, i + 1, i + 2);
}

function constructSix(C, i) {
  return new C(i, 1, 2, 3, 4, 5);
}

for (let r = 0; r < 3; r++) {
  console.log(callWith(tiny, 3), callSix(tiny, r));
  try { console.log(callWith(tinyThrow, 2)); } catch (e) { console.log("threw", e); }
  try { callSix(tinyThrow, r); } catch (e) { console.log("threw6", e); }
  try { callFour(tinyThrow, r); } catch (e) { console.log("threw4", e); }
  try { constructFour(TinyThrow, r); } catch (e) { console.log("threw new4", e); }
  console.log(callFour(tiny, r), JSON.stringify(constructFour(Tiny, r)));
  console.log(JSON.stringify(construct(Tiny, r)), JSON.stringify(constructSix(Tiny, r)));
  try { construct(TinyThrow, r); } catch (e) { console.log("threw new", e); }
  try { constructSix(TinyThrow, r); } catch (e) { console.log("threw new6", e); }
}
console.log(callWith(two, 4));
console.log(callWith(thrower, 5));
console.log(callWith(none, 2));
console.log(callWith(Math.max, 3));
console.log(callWith(five, 2));
let fs = [two, Math.min, thrower, five, null, 3, undefined, none];
for (let k = 0; k < fs.length; k++) {
  for (let i = 0; i < 5; i++) {
    try {
      console.log(k, i, callSix(fs[k], i));
    } catch (e) {
      console.log(k, i, e.constructor.name, e.message.length > 0);
    }
  }
}
let cs = [Point, Bad, Array, Error, 5, two];
for (let k = 0; k < cs.length; k++) {
  for (let i = 1; i < 5; i++) {
    try {
      let o = construct(cs[k], i);
      console.log("new", k, i, JSON.stringify(o), typeof o);
    } catch (e) {
      console.log("new", k, i, e.constructor.name);
    }
    try {
      let o = constructSix(cs[k], i);
      console.log("new6", k, i, JSON.stringify(o));
    } catch (e) {
      console.log("new6", k, i, e.constructor.name);
    }
  }
}

function grow(n) {
  let a = [];
  let b = [1, 2, 3];
  for (let i = 0; i < n; i++) {
    a.push(i * 2);
    if (i % 3 === 0) b.push(a.length);
  }
  return a.length + ":" + a[n - 1] + ":" + b.length + ":" + b[b.length - 1] + ":" +
    a.slice(0, 6).join(",");
}
console.log(grow(1), grow(4), grow(5), grow(100), grow(1000));

function dict(n) {
  let d = {};
  for (let i = 0; i < n; i++) d["k" + i] = i;
  delete d.k1;
  let sum = 0, missing = 0, has = 0;
  for (let i = 0; i < n + 5; i++) {
    let v = d["k" + i];
    if (v === undefined) missing++; else sum += v;
    if (("k" + i) in d) has++;
  }
  for (let i = 0; i < 10; i++) d["n" + i] = i * i;
  d["k" + 2] = -5;
  return [sum, missing, has, d.n9, d.k2, Object.keys(d).length].join(" ");
}
console.log(dict(3), dict(40), dict(200));
