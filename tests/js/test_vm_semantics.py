"""Language semantics of a64js, each program checked against the output node gave for it.

The expected texts were produced by node (v20) from these exact programs when the tests were
written; the programs exercise the interpreter's inline caches (invalidation when prototypes
change, setters, getters), finally/labels control flow, number and string conversions,
console.log layout, errors and destructuring.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from a64js.vm import VM

# name -> (program, node's stdout)
CASES: dict[str, tuple[str, str]] = {
    'errors': (
        (
            'const msgs = [];\n'
            'function t(f) { try { f(); msgs.push("no error"); } catch (e) { msgs.p'
            'ush(`${e.name}: ${e.message}`); } }\n'
            't(() => { const o = {}; o.f(); });\n'
            't(() => { let u; u.x; });\n'
            't(() => { null.y = 1; });\n'
            't(() => { new Array(1.5); });\n'
            't(() => { const c = 1; c = 2; });\n'
            't(() => { notDeclared + 1; });\n'
            't(() => { new (() => 1)(); });\n'
            't(() => { [].reduce((a, b) => a); });\n'
            't(() => { "abc".repeat(-1); });\n'
            't(() => { class K {} ; K.prototype.m.call(); });\n'
            't(() => { throw { custom: 1 }; });\n'
            't(() => { 1 in 5; });\n'
            't(() => { ({}) instanceof 3; });\n'
            't(() => { let { a } = null; });\n'
            't(() => { x = y + 1; let y; });\n'
            'class MyErr extends RangeError {}\n'
            't(() => { throw new MyErr("mine"); });\n'
            'const e = new MyErr("m2");\n'
            'console.log(msgs.join("\\n"));\n'
            'console.log(e instanceof MyErr, e instanceof RangeError, e instanceof '
            'Error, e.name, e.constructor.name, String(e), Object.keys(e));\n'
            'console.log(new Error("x").message, new TypeError().message === "", Er'
            'ror("y").message, typeof Error.prototype.toString);\n'
        ),
        (
            'TypeError: o.f is not a function\n'
            "TypeError: Cannot read properties of undefined (reading 'x')\n"
            "TypeError: Cannot set properties of null (setting 'y')\n"
            'RangeError: Invalid array length\n'
            'TypeError: Assignment to constant variable.\n'
            'ReferenceError: notDeclared is not defined\n'
            'TypeError: (intermediate value) is not a constructor\n'
            'TypeError: Reduce of empty array with no initial value\n'
            'RangeError: Invalid count value: -1\n'
            "TypeError: Cannot read properties of undefined (reading 'call')\n"
            'undefined: undefined\n'
            "TypeError: Cannot use 'in' operator to search for '1' in 5\n"
            "TypeError: Right-hand side of 'instanceof' is not an object\n"
            "TypeError: Cannot destructure property 'a' of 'null' as it is null.\n"
            "ReferenceError: Cannot access 'y' before initialization\n"
            'RangeError: mine\n'
            'true true true RangeError MyErr RangeError: m2 []\n'
            'x true y function\n'
        ),
    ),
    'finally': (
        (
            'const out = [];\n'
            'function f(n) {\n'
            '  for (let i = 0; i < 3; i++) {\n'
            '    try {\n'
            '      try {\n'
            '        if (i === n) return "ret" + i;\n'
            '        if (i === 1) continue;\n'
            '        out.push("body" + i);\n'
            '      } finally {\n'
            '        out.push("inner" + i);\n'
            '      }\n'
            '    } catch (e) {\n'
            '      out.push("never");\n'
            '    } finally {\n'
            '      out.push("outer" + i);\n'
            '    }\n'
            '  }\n'
            '  return "end";\n'
            '}\n'
            'out.push(f(2));\n'
            'function g() { try { throw new TypeError("t"); } catch (e) { return e.'
            'name; } finally { out.push("g"); } }\n'
            'out.push(g());\n'
            'function h() { try { return 1; } finally { return 2; } }\n'
            'out.push(h());\n'
            'function k() { let i = 0; while (true) { try { if (i++ > 2) break; } f'
            'inally { out.push("k" + i); } } return i; }\n'
            'out.push(k());\n'
            'try { try { throw 1; } finally { out.push("fin"); } } catch (e) { out.'
            'push("caught " + e); }\n'
            'console.log(out.join(" "));\n'
        ),
        (
            'body0 inner0 outer0 inner1 outer1 inner2 outer2 ret2 g TypeError 2 k1 '
            'k2 k3 k4 4 fin caught 1\n'
        ),
    ),
    'functions': (
        (
            'function dflt(a, b = a * 2, { c = 3, d } = {}, [e, ...f] = [9, 8, 7], '
            '...rest) { return [a, b, c, d, e, f, rest]; }\n'
            'console.log(dflt(1), dflt(1, undefined, { d: 4 }, [5], 6, 7));\n'
            'const add = (a) => (b) => a + b;\n'
            'console.log(add(2)(3), [1, 2, 3].map(add(10)), Math.max.apply(null, [4'
            ', 9, 2]), add.length, dflt.length);\n'
            'function counter() { let c = 0; return { inc: () => ++c, get: () => c '
            '}; }\n'
            'const c1 = counter(), c2 = counter(); c1.inc(); c1.inc(); c2.inc();\n'
            'console.log(c1.get(), c2.get());\n'
            'const fns = []; for (var v = 0; v < 3; v++) fns.push(() => v);\n'
            'const gns = []; for (const w of [1, 2, 3]) gns.push(() => w);\n'
            'let k = 0; const hns = []; while (k < 3) { let kk = k; hns.push(() => '
            'kk); k++; }\n'
            'console.log(fns.map((f) => f()), gns.map((f) => f()), hns.map((f) => f'
            '()));\n'
            'const o = { name: "o", regular() { return this.name; }, arrow: () => t'
            'ypeof this, nested() { return [1].map(() => this.name); } };\n'
            'console.log(o.regular(), o.arrow(), o.nested(), o.regular.call({ name:'
            ' "other" }));\n'
            'const bound = o.regular.bind({ name: "bound" }); console.log(bound(), '
            'bound.name);\n'
            'function outer() { return typeof arguments + arguments.length + [...ar'
            'guments].join(""); }\n'
            'console.log(outer(1, 2, 3), ((...a) => a.length)(1, 2));\n'
            'console.log([3, 1, 2].sort(), [10, 9, 1].sort(), [..."cab"].sort().rev'
            'erse(), [1, 2, 3, 4].sort((a, b) => b - a));\n'
            'const people = [{ n: "a", g: 2 }, { n: "b", g: 1 }, { n: "c", g: 2 }, '
            '{ n: "d", g: 1 }];\n'
            'console.log(people.sort((x, y) => x.g - y.g).map((p) => p.n).join(""))'
            ';\n'
            'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }\n'
            'console.log(fact(20), fact(25), fact(170) > 1e300, fact(171));\n'
        ),
        (
            '[ 1, 2, 3, undefined, 9, [ 8, 7 ], [] ] [ 1, 2, 3, 4, 5, [], [ 6, 7 ] '
            ']\n'
            '5 [ 11, 12, 13 ] 9 1 1\n'
            '2 1\n'
            '[ 3, 3, 3 ] [ 1, 2, 3 ] [ 0, 1, 2 ]\n'
            "o object [ 'o' ] other\n"
            'bound bound regular\n'
            'object3123 2\n'
            "[ 1, 2, 3 ] [ 1, 10, 9 ] [ 'c', 'b', 'a' ] [ 4, 3, 2, 1 ]\n"
            'bdac\n'
            '2432902008176640000 1.5511210043330986e+25 true Infinity\n'
        ),
    ),
    'ic_invalidate': (
        (
            'class A { m() { return 1; } }\n'
            'class B extends A {}\n'
            'const objs = [new B(), new B()];\n'
            'let s = "";\n'
            'for (let i = 0; i < 6; i++) {\n'
            '  if (i === 2) A.prototype.m = function () { return 2; };\n'
            '  if (i === 4) B.prototype.m = function () { return 3; };\n'
            '  s += objs[i & 1].m();\n'
            '}\n'
            'const o = { x: 1 };\n'
            'function getx(p) { return p.x; }\n'
            'const shapes = [o, { y: 2, x: 3 }, { x: 4, y: 5 }, Object.create(o)];\n'
            'for (const p of shapes) s += getx(p);\n'
            'o.x = 9; s += getx(shapes[3]);\n'
            'delete o.x; s += getx(o);\n'
            'console.log(s);\n'
        ),
        (
            '11223313419undefined\n'
        ),
    ),
    'inspect': (
        (
            'console.log([], {}, [[]], [{}], { a: [] }, [undefined, null, true], { '
            '"a-b": 1, 2: "two", c: "it\'s" });\n'
            'console.log(new Array(5), [1, , , 4], [ , 1], Array.from({ length: 3 }'
            ', (_, i) => i * i));\n'
            'class Pt { constructor() { this.x = 1; this.y = [1, 2]; } }\n'
            'class Empty {}\n'
            'console.log(new Pt(), new Empty(), [new Pt()], { p: new Pt() }, Pt, Em'
            'pty, function named() {}, () => 1, Math.max);\n'
            'console.log({ f() {}, g: function () {}, h: () => {}, k: class K {} })'
            ';\n'
            'console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(9'
            '7 + i)));\n'
            'console.log(Array.from({ length: 120 }, (_, i) => i));\n'
            'console.log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j:'
            ' 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t:'
            ' 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26 });\n'
            'console.log([1.5, -2.25, 3, 400000, -0, 6, 7, 8], ["a", "bb", "ccc", "'
            'dddd", "eeeee", "ffffff", "g"]);\n'
            'console.log("%s is %d years and %i", "Bob", 42.9, 7.7, "extra", [1]);\n'
            'console.log([[1, 2, [3, 4, [5, [6]]]], { a: { b: { c: { d: 1 } } } }])'
            ';\n'
        ),
        (
            "[] {} [ [] ] [ {} ] { a: [] } [ undefined, null, true ] { '2': 'two', "
            '\'a-b\': 1, c: "it\'s" }\n'
            '[ <5 empty items> ] [ 1, <2 empty items>, 4 ] [ <1 empty item>, 1 ] [ '
            '0, 1, 4 ]\n'
            'Pt { x: 1, y: [ 1, 2 ] } Empty {} [ Pt { x: 1, y: [ 1, 2 ] } ] { p: Pt'
            ' { x: 1, y: [ 1, 2 ] } } [class Pt] [class Empty] [Function: named] [F'
            'unction (anonymous)] [Function: max]\n'
            '{ f: [Function: f], g: [Function: g], h: [Function: h], k: [class K] }'
            '\n'
            '[\n'
            "  'a', 'b', 'c', 'd', 'e', 'f',\n"
            "  'g', 'h', 'i', 'j', 'k', 'l',\n"
            "  'm', 'n', 'o', 'p', 'q', 'r',\n"
            "  's', 't', 'u', 'v', 'w', 'x',\n"
            "  'y', 'z'\n"
            ']\n'
            '[\n'
            '   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n'
            '  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n'
            '  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n'
            '  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n'
            '  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n'
            '  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n'
            '  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n'
            '  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n'
            '  96, 97, 98, 99,\n'
            '  ... 20 more items\n'
            ']\n'
            '{\n'
            '  a: 1,\n'
            '  b: 2,\n'
            '  c: 3,\n'
            '  d: 4,\n'
            '  e: 5,\n'
            '  f: 6,\n'
            '  g: 7,\n'
            '  h: 8,\n'
            '  i: 9,\n'
            '  j: 10,\n'
            '  k: 11,\n'
            '  l: 12,\n'
            '  m: 13,\n'
            '  n: 14,\n'
            '  o: 15,\n'
            '  p: 16,\n'
            '  q: 17,\n'
            '  r: 18,\n'
            '  s: 19,\n'
            '  t: 20,\n'
            '  u: 21,\n'
            '  v: 22,\n'
            '  w: 23,\n'
            '  x: 24,\n'
            '  y: 25,\n'
            '  z: 26\n'
            '}\n'
            '[\n'
            '     1.5, -2.25, 3,\n'
            '  400000,    -0, 6,\n'
            '       7,     8\n'
            "] [ 'a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'g' ]\n"
            'Bob is 42.9 years and 7 extra [ 1 ]\n'
            '[ [ 1, 2, [ 3, 4, [Array] ] ], { a: { b: [Object] } } ]\n'
        ),
    ),
    'inspect_layout': (
        (
            'const people = [{ name: "Alice", age: 30, tags: ["a", "b"] }, { name: '
            '"Bob", age: 25, tags: [] }, { name: "Carol", age: 35, tags: ["x"] }];\n'
            'console.log(people);\n'
            'console.log({ matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], label: "ident'
            'ity-ish", nested: { deeper: { deepest: { gone: 1 } } } });\n'
            'console.log([["a", 1], ["b", 2]]);\n'
            'console.log({ longKeyNumberOne: 111111, longKeyNumberTwo: 222222, long'
            'KeyNumberThree: 333333, k4: 4 });\n'
            'console.log(Array.from({ length: 8 }, (_, i) => ({ id: i })));\n'
            'console.log([1.25, 100, -3, 42, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1'
            '7, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]);\n'
            'console.log([true, false, null, undefined, "str", 5, 6]);\n'
            'console.log("a\\nb", ["a\\nb", "it\'s", \'say "hi"\', `both \' and "`]);\n'
        ),
        (
            '[\n'
            "  { name: 'Alice', age: 30, tags: [ 'a', 'b' ] },\n"
            "  { name: 'Bob', age: 25, tags: [] },\n"
            "  { name: 'Carol', age: 35, tags: [ 'x' ] }\n"
            ']\n'
            '{\n'
            '  matrix: [ [ 1, 2, 3 ], [ 4, 5, 6 ], [ 7, 8, 9 ] ],\n'
            "  label: 'identity-ish',\n"
            '  nested: { deeper: { deepest: [Object] } }\n'
            '}\n'
            "[ [ 'a', 1 ], [ 'b', 2 ] ]\n"
            '{\n'
            '  longKeyNumberOne: 111111,\n'
            '  longKeyNumberTwo: 222222,\n'
            '  longKeyNumberThree: 333333,\n'
            '  k4: 4\n'
            '}\n'
            '[\n'
            '  { id: 0 }, { id: 1 },\n'
            '  { id: 2 }, { id: 3 },\n'
            '  { id: 4 }, { id: 5 },\n'
            '  { id: 6 }, { id: 7 }\n'
            ']\n'
            '[\n'
            '  1.25, 100, -3, 42,  7,  8,\n'
            '     9,  10, 11, 12, 13, 14,\n'
            '    15,  16, 17, 18, 19, 20,\n'
            '    21,  22, 23, 24, 25, 26,\n'
            '    27\n'
            ']\n'
            "[ true, false, null, undefined, 'str', 5, 6 ]\n"
            'a\n'
            'b [ \'a\\nb\', "it\'s", \'say "hi"\', `both \' and "` ]\n'
        ),
    ),
    'labels': (
        (
            'let r = [];\n'
            'outer: for (let i = 0; i < 4; i++) {\n'
            '  inner: for (let j = 0; j < 4; j++) {\n'
            '    if (j === 2) continue outer;\n'
            '    if (i === 3) break outer;\n'
            '    r.push(`${i}${j}`);\n'
            '  }\n'
            '}\n'
            'blk: { r.push("a"); if (r.length) break blk; r.push("b"); }\n'
            'let n = 0;\n'
            'sw: switch (2) { case 2: for (;;) { n++; if (n > 3) break sw; } }\n'
            'do { n++; if (n < 7) continue; break; } while (true);\n'
            'console.log(r.join(","), n);\n'
        ),
        (
            '00,01,10,11,20,21,a 7\n'
        ),
    ),
    'loops_grow': (
        (
            'const a = [1, 2, 3]; let s = 0;\n'
            'for (const x of a) { s += x; if (x < 3) a.push(x + 10); }\n'
            'console.log(s, a.length);\n'
            'for (const k in { a: 1 }) console.log(k);\n'
            'for (const c of "hi") console.log(c);\n'
            'for (const e of []) console.log("never");\n'
        ),
        (
            '29 5\n'
            'a\n'
            'h\n'
            'i\n'
        ),
    ),
    'messages': (
        (
            'const tries = [() => [1].map("nope"), () => [1].forEach(5), () => [1].'
            'map({}), () => [1].reduce(null), () => (5)(), () => "abc"(), () => ({}'
            ').x.y, () => undefined[0], () => new 5, () => new "x"(), () => [].x.y('
            '), () => { const q = 5; q(); }, () => { let o = { a: 1 }; o.a(); }, ()'
            ' => (1).toFixed(200), () => "x".repeat(Infinity), () => new Array(2 **'
            ' 32), () => [].length = -1];\n'
            'for (const t of tries) { try { t(); console.log("ok"); } catch (e) { c'
            'onsole.log(e.name + ": " + e.message); } }\n'
        ),
        (
            'TypeError: nope is not a function\n'
            'TypeError: 5 is not a function\n'
            'TypeError: #<Object> is not a function\n'
            'TypeError: null is not a function\n'
            'TypeError: 5 is not a function\n'
            'TypeError: "abc" is not a function\n'
            "TypeError: Cannot read properties of undefined (reading 'y')\n"
            "TypeError: Cannot read properties of undefined (reading '0')\n"
            'TypeError: 5 is not a constructor\n'
            'TypeError: "x" is not a constructor\n'
            "TypeError: Cannot read properties of undefined (reading 'y')\n"
            'TypeError: q is not a function\n'
            'TypeError: o.a is not a function\n'
            'RangeError: toFixed() digits argument must be between 0 and 100\n'
            'RangeError: Invalid count value: Infinity\n'
            'RangeError: Invalid array length\n'
            'RangeError: Invalid array length\n'
        ),
    ),
    'more': (
        (
            'class T { static #count = 0; static get count() { return T.#count; } s'
            'tatic bump() { T.#count++; } }\n'
            'T.bump(); T.bump(); console.log(T.count);\n'
            'const base = { greet() { return "base"; } };\n'
            'const derived = { __proto__: base, greet() { return "derived+" + super'
            '.greet(); } };\n'
            'console.log(derived.greet(), Object.getPrototypeOf(derived) === base);'
            '\n'
            'let i = 0; const arr = [];\n'
            'while (i < 5) { if (i % 2) { i++; continue; } arr.push(i++); }\n'
            'console.log(arr, i);\n'
            'const matrix = Array.from({ length: 3 }, () => new Array(3).fill(0));\n'
            'matrix[1][2] = 5; console.log(matrix);\n'
            'console.log([..."ab"].map((c, idx, all) => c + idx + all.length));\n'
            'const nums = [5, 3, 8]; const [first, ...others] = nums.sort(); consol'
            'e.log(first, others);\n'
            'console.log(((a, b) => a ?? b)(null, 3), 0 ?? 1, "" || "e", 0 || null '
            '|| "last");\n'
            'let z = null; z ??= 4; z ||= 5; z &&= 6; console.log(z);\n'
            'const obj = { a: { b: { c: 1 } } }; obj.a.b.c += 10; obj["a"]["b"].d ='
            ' 2; console.log(obj);\n'
            'console.log(typeof typeof 1, void 0, (1, 2, 3), !!"0", +true, -"3", +['
            '], +{}, 1 + - + + + - + 1);\n'
            'function Counter() { if (!(this instanceof Counter)) return new Counte'
            'r(); this.n = 0; }\n'
            'Counter.prototype.add = function (k) { this.n += k; return this; };\n'
            'console.log(Counter().add(2).add(3).n);\n'
            'var hoist = typeof laterFn; function laterFn() {} console.log(hoist);\n'
            'console.log([1, 2, 3].map(String), ["1", "2", "3"].map(Number), [0, 1,'
            ' "", "x"].filter(Boolean));\n'
            'const big = 2 ** 31; console.log(big | 0, big >>> 0, (big * 2) | 0, -b'
            'ig >> 0, 5 / 2 | 0, ~~-7.9);\n'
            'console.log(Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALU'
            'E, -Number.MAX_VALUE * 2);\n'
            'console.log([10, 1, 3].sort().join(), [true, false].sort(), [undefined'
            ', 3, null, 1].sort());\n'
            'const s = "The quick brown fox"; let words = 0; for (const w of s.spli'
            't(" ")) if (w.length > 3) words++; console.log(words);\n'
            'console.log(String(function foo(a) { return a; }).length > 0, (() => {'
            '}).name, (function () {}).name);\n'
            'const e = new Error("boom"); console.log(e.stack.split("\\n")[0], Objec'
            't.prototype.toString.call([]), `${[]}|${[null]}|${[undefined, 1]}`);\n'
            'console.log(Math.round(-2.5), Math.round(2.5), Math.round(-0.4), Math.'
            'floor(-0.5), Math.ceil(-0.5), Math.max(-0, 0), Math.min(0, -0));\n'
            'console.log(1e21 + 1, 123e-20, 0.1 + 0.7, 100 / 3, (0.1).toFixed(20), '
            '1.005.toFixed(2), (1234.5678).toFixed(1), (-1.5).toFixed(0));\n'
        ),
        (
            '2\n'
            'derived+base true\n'
            '[ 0, 2, 4 ] 5\n'
            '[ [ 0, 0, 0 ], [ 0, 0, 5 ], [ 0, 0, 0 ] ]\n'
            "[ 'a02', 'b12' ]\n"
            '3 [ 5, 8 ]\n'
            '3 0 e last\n'
            '6\n'
            '{ a: { b: { c: 11, d: 2 } } }\n'
            'string undefined 3 true 1 -3 0 NaN 2\n'
            '5\n'
            'function\n'
            "[ '1', '2', '3' ] [ 1, 2, 3 ] [ 1, 'x' ]\n"
            '-2147483648 2147483648 0 -2147483648 2 -7\n'
            '-9007199254740991 1.7976931348623157e+308 5e-324 -Infinity\n'
            '1,10,3 [ false, true ] [ 1, 3, null, undefined ]\n'
            '2\n'
            'true  \n'
            'Error: boom [object Array] ||,1\n'
            '-2 3 -0 -1 -0 0 -0\n'
            '1e+21 1.23e-18 0.7999999999999999 33.333333333333336 0.100000000000000'
            '00555 1.00 1234.6 -2\n'
        ),
    ),
    'numbers': (
        (
            'console.log(0.1 * 3, 1 / 0, -1 / 0, 0 / 0, -0 === 0, 1 / -0, 5 % 0, -5'
            ' % 2, 5.5 % 2, 2 ** -1, (-8) ** (1 / 3));\n'
            'console.log(0xffffffff | 0, 1 << 31, 1 << 32, -1 >>> 28, ~5, 5 & -2, 6'
            ' ^ 3, 2 ** 31 | 0, 1e300 * 1e10);\n'
            'console.log(9007199254740992 + 1, 2 ** 53 * 2, 123456789 * 987654321, '
            '(123456789 * 987654321) % 1000, 0.5 + 0.25);\n'
            'console.log(Number("  12.5e1 "), Number("1_0"), Number(null), Number(u'
            'ndefined), Number(true), Number([5]), Number({}));\n'
            'console.log(parseInt("-0x1A"), parseInt("101", 2), parseInt("z", 36), '
            'parseFloat(".5e-3x"), parseFloat("-Infinityx"));\n'
            'console.log((25).toString(2), (-255).toString(16), (3.14159).toFixed(3'
            '), (1e21).toFixed(2), (0.000001234).toString(), 1e-7.toString());\n'
            'console.log(Math.min(), Math.max(), Math.min(1, NaN), Math.abs(-0), Ma'
            'th.sign(-3), Math.hypot(3, 4), Math.cbrt(27), Math.trunc(-4.7));\n'
            'console.log(typeof NaN, NaN !== NaN, [NaN].indexOf(NaN), [NaN].include'
            's(NaN), Number.isInteger(5.0), Number.isInteger("5"));\n'
        ),
        (
            '0.30000000000000004 Infinity -Infinity NaN true -Infinity NaN -1 1.5 0'
            '.5 NaN\n'
            '-1 -2147483648 1 15 -6 4 5 -2147483648 Infinity\n'
            '9007199254740992 18014398509481984 121932631112635260 264 0.75\n'
            '125 NaN 0 NaN 1 5 NaN\n'
            '-26 5 35 0.0005 -Infinity\n'
            '11001 -ff 3.142 1e+21 0.000001234 1e-7\n'
            'Infinity -Infinity NaN 0 -1 5 3 -4\n'
            'number true -1 true true false\n'
        ),
    ),
    'objects': (
        (
            'const key = "dyn";\n'
            'const o = { a: 1, [key + 1]: 2, "quoted key": 3, 10: "ten", 2: "two", '
            'nested: { deep: [1, { x: 2 }] } };\n'
            'console.log(Object.keys(o), Object.values(o).length, Object.entries({ '
            'p: 1 }), "a" in o, "zz" in o, 10 in o);\n'
            'const { a, nested: { deep: [, { x }] }, ...others } = o;\n'
            'console.log(a, x, others);\n'
            'let p, q; ({ p, q = p + 1 } = { p: 5 }); [p, q] = [q, p]; console.log('
            'p, q);\n'
            'const merged = { ...o.nested, extra: true, ...{ a: 9 } }; console.log('
            'merged);\n'
            'const arr = [1, 2, 3]; const arr2 = [0, ...arr, ...[4, 5], ..."ab"]; c'
            'onsole.log(arr2, Math.min(...arr));\n'
            'for (const k in { z: 1, y: 2 }) console.log(k);\n'
            'for (const i in ["a", "b"]) console.log(typeof i, i);\n'
            'class Base { constructor() { this.b = 1; } hello() { return "base"; } '
            'static make() { return new this(); } }\n'
            'class Derived extends Base { constructor() { super(); this.d = 2; } he'
            'llo() { return "derived+" + super.hello(); } get both() { return this.'
            'b + this.d; } set both(v) { this.d = v; } }\n'
            'const dd = Derived.make(); dd.both = 40;\n'
            'console.log(dd.hello(), dd.both, dd, dd instanceof Base, Object.getPro'
            'totypeOf(dd) === Derived.prototype, Derived.name);\n'
            'console.log(JSON.stringify({ s: "q\\"u\\n", n: [1.5, -0, null, undefined'
            ', () => 1], o: {} }), JSON.parse(\'{"a":[1,2,{"b":null}],"c":"d"}\').a[2'
            ']);\n'
            'console.log(JSON.stringify({ a: 1, b: [1, { c: 2 }] }, null, 2));\n'
            'const arr3 = [1, 2, 3, 4, 5]; arr3.length = 2; arr3[4] = 9; console.lo'
            'g(arr3, arr3.length, arr3.indexOf(undefined), arr3.slice(1), arr3.spli'
            'ce(0, 1), arr3);\n'
            'console.log([1, [2, [3, [4]]]].flat(), [5, 1, 4].concat(2).join("|"), '
            'Array.isArray([]), Array.isArray("no"), [1, 2, 3].fill(0, 1), [0, 1].s'
            'ome((v) => v), [].every((v) => v));\n'
        ),
        (
            "[ '2', '10', 'a', 'dyn1', 'quoted key', 'nested' ] 6 [ [ 'p', 1 ] ] tr"
            'ue false true\n'
            "1 2 { '2': 'two', '10': 'ten', dyn1: 2, 'quoted key': 3 }\n"
            '6 5\n'
            '{ deep: [ 1, { x: 2 } ], extra: true, a: 9 }\n'
            '[\n'
            '  0, 1, 2,   3,\n'
            "  4, 5, 'a', 'b'\n"
            '] 1\n'
            'z\n'
            'y\n'
            'string 0\n'
            'string 1\n'
            'derived+base 41 Derived { b: 1, d: 40 } true true Derived\n'
            '{"s":"q\\"u\\n","n":[1.5,0,null,null,null],"o":{}} { b: null }\n'
            '{\n'
            '  "a": 1,\n'
            '  "b": [\n'
            '    1,\n'
            '    {\n'
            '      "c": 2\n'
            '    }\n'
            '  ]\n'
            '}\n'
            '[ 2, <2 empty items>, 9 ] 5 -1 [ 2, <2 empty items>, 9 ] [ 1 ] [ 2, <2'
            ' empty items>, 9 ]\n'
            '[ 1, 2, [ 3, [ 4 ] ] ] 5|1|4|2 true false [ 1, 0, 0 ] true true\n'
        ),
    ),
    'setters': (
        (
            'const log = [];\n'
            'class P { set v(x) { log.push("set " + x); } get v() { return "got"; }'
            ' }\n'
            'function setv(o, x) { o.v = x; }\n'
            'const plain = {};\n'
            'setv(plain, 1); setv(plain, 2);\n'
            'const p = new P(); setv(p, 3);\n'
            'const proto = {}; const child = Object.create(proto);\n'
            'setv(child, 4);\n'
            'Object.defineProperty(proto, "w", { set(x) { log.push("w " + x); } });'
            '\n'
            'function setw(o, x) { o.w = x; }\n'
            'const c2 = Object.create(proto); const c3 = Object.create(proto);\n'
            'setw(c2, 5); setw(c3, 6);\n'
            'console.log(plain.v, p.v, child.v, log.join(","), Object.keys(c2));\n'
        ),
        (
            '2 got 4 set 3,w 5,w 6 []\n'
        ),
    ),
    'strings': (
        (
            'const s = "Hello, World";\n'
            'console.log(s.length, s[4], s.charAt(100), s.charCodeAt(0), s.substrin'
            'g(7, 3), s.slice(-5, -1), s.indexOf("o", 5), s.lastIndexOf("o"));\n'
            'console.log(s.toUpperCase(), s.split(", "), "a-b-c".split("-", 2), "ab'
            'c".split(""), s.includes("World"), s.startsWith("Hell"), s.endsWith("d'
            '"));\n'
            'console.log("x".repeat(3), "5".padStart(3, "0"), "ab".padEnd(5, "xy"),'
            ' "  t  ".trimStart() + "|", "aXbX".replace("X", "-"), "aXbX".replaceAl'
            'l("X", "-"));\n'
            'console.log("b" < "a", "B" < "a", "10" < "9", 10 < 9, "10" < 9, null +'
            ' "", undefined + 1, true + 1, [] + {}, [1, 2] + "");\n'
            'console.log(String(123), String(-0), String(1e21), `${[1, [2, 3]]}`, `'
            'multi\n'
            'line`);\n'
            'let acc = ""; for (const ch of "héllo") acc += ch.charCodeAt(0) + ";";'
            ' console.log(acc);\n'
        ),
        (
            '12 o  72 lo,  Worl 8 8\n'
            "HELLO, WORLD [ 'Hello', 'World' ] [ 'a', 'b' ] [ 'a', 'b', 'c' ] true "
            'true true\n'
            'xxx 005 abxyx t  | a-bX a-b-\n'
            'false true true false false null NaN 2 [object Object] 1,2\n'
            '123 0 1e+21 1,2,3 multi\n'
            'line\n'
            '104;233;108;108;111;\n'
        ),
    ),
    'tdz_closures': (
        (
            'function f() { return x; }\n'
            'try { f(); } catch (e) { console.log(e.name, e.message); }\n'
            'let x = 1;\n'
            'console.log(f());\n'
            'const fns = [];\n'
            'for (let i = 0; i < 2; i++) { fns.push(() => y + i); const y = 10; }\n'
            'console.log(fns.map((g) => g()));\n'
            'class A { static make() { return new B(); } }\n'
            'try { A.make(); } catch (e) { console.log(e.message); }\n'
            'class B {}\n'
            'console.log(A.make() instanceof B);\n'
            'let counter = 0; const inc = () => ++counter; inc(); inc(); console.lo'
            'g(counter);\n'
        ),
        (
            "ReferenceError Cannot access 'x' before initialization\n"
            '1\n'
            '[ 10, 11 ]\n'
            "Cannot access 'B' before initialization\n"
            'true\n'
            '2\n'
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_program_matches_node(name: str, tmp_path: Path) -> None:
    source, expected = CASES[name]
    path = tmp_path / f"{name}.js"
    path.write_text(source)
    out = io.StringIO()
    VM(["node", str(path)], out).load(str(path))
    assert out.getvalue() == expected
