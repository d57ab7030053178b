"""Session 22 (HVM22B): allocation and object paths in heap VM blocks (hvm.interp:
``_literals``, ``_alloc_inline``, GetProp's data hits two prototypes up and SetProp's own
slot table read in blocks). An object literal whose DefineFields' transitions chain from
the empty literal's shape is allocated with its final shape, each field a store; ``[]``
and small array literals are bumped in line; ``o.m()`` of a base class method two
prototypes up and ``o.t++`` on receivers of five shapes stay in the block. The program
below builds literals with fields between property reads, a ternary, a repeated key, a
computed key, a getter, a spread, ``__proto__``, nested literals, a field whose value
throws (caught) and fields whose values allocate (collections mid-literal under stress);
array literals empty, of one to nine elements, with holes and spreads; calls a base
method after the middle prototype gains a shadowing one and after the base's is
replaced, and stores to receivers whose shapes change; ``instanceof`` after a
constructor's prototype is replaced; a setter on Object.prototype that literals must not
call. Each mode gives node's output: the CLI at the default thresholds, blocks compiled
after a few entries under a collection at every allocation, the JIT at threshold 0 with
and without forced bailouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.js.jitrun import block_text, heap_program_tests

PROGRAM = """\
// allocation and object paths in heap VM blocks (session 22b)
"use strict";
const N = 700;
let junk = [];
function lit(i, env) {
  // the literal of minilang's Closure.apply: fields between property reads
  const o = { name: env.name, value: i, next: env.next };
  return o;
}
function lit2(i) {
  const a = { x: i, y: i % 3 === 0 ? "t" : i * 0.5, z: [i, i + 1] };
  const b = { x: 1, x2: 2, x: i };  // a repeated key
  const k = "k" + (i % 4);
  const c = { p: i, [k]: i * 2, q: 3 };  // a computed key between
  const d = { get g() { return i + 1; }, h: i };
  const e = { ...a, w: i };
  const f = { __proto__: { inh: i }, own: 1 };
  const g = { a: { b: { c: i } }, d: [{ e: i }] };
  return a.x + a.z[1] + (typeof a.y) + b.x + JSON.stringify(b) + c[k] + c.q +
    Object.keys(c).join("") + d.g + d.h + e.w + e.x + f.inh + f.own + g.a.b.c + g.d[0].e +
    Object.keys(f).join("");
}
function bad(i) {
  return { a: i, b: i % 50 === 0 ? thrower(i) : i, c: i };
}
function thrower(i) { throw new Error("no " + i); }
function grow(i) {
  // a field whose value allocates a lot (collections during the literal)
  const o = { a: i, big: new Array(64).fill(i), s: "s" + i, n: { m: i } };
  junk.push(o);
  if (junk.length > 40) junk = [];
  return o.a + o.big[63] + o.s.length + o.n.m;
}
function arrs(i) {
  const e = [];
  const one = [i];
  const four = [i, i + 1, i + 2, "x"];
  const nine = [1, 2, 3, 4, 5, 6, 7, 8, i];
  const holes = [1, , 3];
  const spread = [...four, ...one];
  e.push(i);
  return e.length + one[0] + four[2] + four.length + nine[8] + nine.length + holes.length +
    (1 in holes ? 1 : 0) + spread.length + e[0];
}
class Base { m() { return 1; } get gg() { return 2; } }
class Mid extends Base { n() { return 3; } }
class A extends Mid { constructor() { super(); this.t = 0; this.a = 1; } }
class B extends Mid { constructor() { super(); this.u = 0; this.t = 0; } }
class C extends Base { constructor() { super(); this.t = 0; } }
class D extends Mid { constructor() { super(); this.v = 1; this.w = 2; this.t = 0; } }
class E extends Mid { constructor() { super(); this.t = 0; } }
const objs = [new A(), new B(), new C(), new D(), new E()];
function poly(rounds) {
  let s = 0;
  for (let r = 0; r < rounds; r++) {
    for (const o of objs) {
      s += o.m();
      o.t++;
      o.t += 2;
      s += o.gg;
    }
  }
  return s;
}
function Cl(x) { this.x = x; }
function inst(xs) {
  let n = 0;
  for (const x of xs) if (x instanceof Cl) n++; else if (x instanceof Base) n += 10;
  return n;
}
const by = {};
const names = ["idle", "sinkA", "sinkB", "sinkC", "relay1", "relay2", "alpha", "beta", "gamma"];
for (const nm of names) by[nm] = nm.length;
function look(i) { return by[names[i % 9]]; }

let out = 0, text = "";
const env = { name: "e", next: null };
for (let i = 0; i < N; i++) {
  const o = lit(i, env);
  out += o.value + o.name.length + (o.next === null ? 1 : 0);
  text = lit2(i);
  try { out += bad(i).c; } catch (e) { out += e.message.length; }
  out += grow(i) + arrs(i) + look(i);
}
console.log(out, text);
console.log(JSON.stringify(lit(3, env)), Object.keys(lit(4, env)));
console.log(poly(N), objs.map((o) => o.t).join(","));
// a method added on the middle prototype shadows the base's; the base's replaced
Mid.prototype.m = function () { return 5; };
console.log(poly(N >> 2));
Base.prototype.m = function () { return 7; };
console.log(poly(N >> 2));
delete objs[1].u; objs[3].extra = 1;
console.log(poly(N >> 1));
console.log(objs.map((o) => o.t).join(","));
const xs = [];
for (let i = 0; i < N; i++) xs.push(i % 3 === 0 ? new Cl(i) : i % 3 === 1 ? objs[i % 5] : i);
console.log(inst(xs), inst(xs));
Cl.prototype = Base.prototype;
console.log(inst(xs));
// setters on Object.prototype are not called by literals
Object.defineProperty(Object.prototype, "name", { set(v) { throw new Error("setter"); },
  configurable: true });
let t2 = 0;
for (let i = 0; i < N; i++) t2 += lit(i, env).value;
console.log(t2, lit(5, env).name);
// instanceof: a null prototype's TypeError, strings, primitives, arrays
function Np() {}
const bare = Object.create(null);
const mix = [new Np(), "str", 3, [1], bare, new Np()];
let io = "";
for (let i = 0; i < N; i++) {
  const x = mix[i % 6];
  io = (x instanceof Np ? "y" : "n") + (x instanceof Array ? "a" : "-") +
    (x instanceof Object ? "o" : "-");
}
console.log(io);
Np.prototype = null;
try {
  console.log(bare instanceof Np);
} catch (e) {
  console.log(e instanceof TypeError, e.message);
}
for (let i = 0; i < N; i++) {
  try { io += bare instanceof Np; } catch (e) { io = e.message + (e instanceof TypeError); }
}
console.log(io);
// new in blocks: results, throws, a prototype replaced, a static added, argument counts
function P0() { this.k = 0; }
function P1(a) { this.k = a; }
function P3(a, b, c) { this.k = a + b + c; this.l = [a, b]; }
function Ret(a) { this.k = a; if (a % 3 === 0) return { k: -a }; if (a % 3 === 1) return 5; }
function Thr(a) { if (a % 100 === 7) throw new Error("t" + a); this.k = a; }
class Msg { constructor(f, p) { this.from = f; this.payload = p; } }
let nt = 0, ns = "";
for (let i = 0; i < N; i++) {
  nt += new P0().k + new P1(i).k + new P3(i, 1, 2).l[1] + new Ret(i).k;
  try { nt += new Thr(i).k; } catch (e) { ns += e.message; }
  const m = new Msg("m" + (i % 7), i);
  nt += m.payload + m.from.length;
  if (i === N >> 1) { P1.prototype = { tag: "second" }; Msg.extra = 1; }
  if (i % 97 === 0) ns += [new P1(i).tag, new P1(i) instanceof P1, Object.keys(new P3(1, 2, i))];
}
console.log(nt, ns.length, ns.slice(0, 40), ns.slice(-40));
// push and pop in line: growth, holes, empty arrays, another push
const pushers = [[], { push(v) { this.n = (this.n || 0) + v; return -1; } }, new Array(5)];
let pp = 0;
const hole = [1, , 3];
for (let i = 0; i < N; i++) {
  const q = [];
  for (let k = 0; k < (i % 9); k++) pp += q.push(k * i);
  while (q.length > 1) pp += q.pop();
  pp += q.pop() === undefined ? 1 : 0;
  pp += q.pop() === undefined ? 2 : 0;
  const t = pushers[i % 3];
  pp += t.push(i);
  const h = hole.slice();
  h.pop();
  pp += h.pop() === undefined ? 3 : 0;
}
console.log(pp, pushers[0].length, pushers[1].n, pushers[2].length, 3 in pushers[2]);
// a method two prototypes up after the base prototype's shape changed under it
class G0 { a() { return 1; } b() { return 2; } m2() { return 3; } }
class G1 extends G0 {}
class G2 extends G1 { constructor() { super(); this.z = 1; } }
const g2 = new G2();
let gs = 0;
for (let i = 0; i < N; i++) gs += g2.m2() + g2.b();
delete G0.prototype.a;
for (let i = 0; i < N; i++) gs += g2.m2() + g2.b();
G0.prototype.a = () => 9;
for (let i = 0; i < N; i++) gs += g2.m2() * 2 + g2.a();
console.log(gs);
"""
PROGRAM_OUT = """\
2221772 1399string699{"x":699,"x2":2}13983pk3q7006996996996991699699own
{"name":"e","value":3,"next":null} [ 'name', 'value', 'next' ]
10500 2100,2100,2100,2100,2100
5425
6475
12950
4200,4200,4200,4200,4200
2564 2564
233
244650 e
nao
true Function has non-object prototype 'null' in instanceof check
Function has non-object prototype 'null' in instanceof checktrue
814985 122 ,true,k,lt7,true,k,lt107,true,k,lt207,tr ,lt507second,true,k,lt607second,true,k,l
2347090 234 81317 238 false
17500
"""
# the same at N = 60 for the stressed runs (a collection at every allocation)
SMALL = PROGRAM.replace("const N = 700;", "const N = 60;")
SMALL_OUT = """\
17920 119number59{"x":59,"x2":2}1183pk3q605959595915959own
{"name":"e","value":3,"next":null} [ 'name', 'value', 'next' ]
900 180,180,180,180,180
465
555
1110
360,360,360,360,360
220 220
20
1770 e
y-o
true Function has non-object prototype 'null' in instanceof check
Function has non-object prototype 'null' in instanceof checktrue
6113 11 ,true,k,lt7 ,true,k,lt7
17343 20 590 25 false
1500
"""


(test_program_output_is_nodes, test_heap_vm_default_threshold,
 test_blocks_soon_under_gc_stress, test_jit_at_threshold_0) = heap_program_tests(
    PROGRAM, PROGRAM_OUT, SMALL, SMALL_OUT)


def test_blocks_have_the_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The program's blocks do use the forms (else the tests above would test nothing):
    a literal allocated with its final shape (its template's bump, field stores), an
    array literal bumped in line, the two-prototypes-up table, SetProp's own table."""
    text = block_text(tmp_path, monkeypatch, PROGRAM, PROGRAM_OUT)
    assert "HEAP.alloc_object(_n" in text
    assert "[12].get(h)" in text
    assert "(off := _m" in text and "w[j + off] = S[i + " in text
    assert "w[j + 3] = top + 40" in text and "w[j + 1] = 4" in text
    assert "ic = _k" in text
    assert "nc = _m" in text and "IS_OBJECT(r)" in text
    assert "cc[8] is _Apush" in text and "cc[8] is _Apop" in text
