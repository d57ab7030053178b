"""The baseline JIT's element and operator templates (jit/t_elems.py; ``%`` and typeof in
jit/t_ops.py; string + int32, ToInt32 of doubles for ``& | ^ << >> >>> ~`` and
AddK/Inc/Dec on doubles in jit/t_num.py): small programs over every fast path and every way off it, compared with
node's recorded output and the heap VM's interpreter, at threshold 0 and with bailouts
forced at guards; counters show the hot cases stay in machine code; the keyed cache's
entries and hash, as the code computes them."""
# ruff: noqa: E501  (the programs' recorded outputs are long lines)

from __future__ import annotations

from pathlib import Path

import pytest

from a64js.jit.t_elems import (
    KEYED_ENTRY_WORDS,
    KEYED_SETS,
    KEYED_TABLE_WORDS,
    KEYED_WAYS,
    keyed_put,
    keyed_set,
)
from tests.js.hvmrun import small_semispace
from tests.js.jitrun import node_case_tests, node_recheck, run_jit
from tests.js.jitrun import write_program as _write

ELEMS = r'''// element access in line: arrays (in bounds, holes, past the end, negative, fractional,
// appends with and without room), string keys through the keyed cache (inline and
// out-of-line slots, functions, small and big dictionaries, prototypes, accessors,
// absent keys, long and empty keys, deletes), and `in`
function get(a, i) { return a[i]; }
function put(a, i, v) { a[i] = v; return a; }
function has(k, o) { return k in o; }
const arr = [1, , 3, "x", null, undefined];
let out = [];
for (let r = 0; r < 3; r++)
  for (const i of [0, 1, 2, 3, 4, 5, 6, 100, -1, 1.5, -0, 2 ** 31, "2", "length", "y"])
    out.push(String(get(arr, i)));
console.log(out.join(","));
const grow = [];
for (let i = 0; i < 40; i++) put(grow, i, i * i);
put(grow, 45, 7);
put(grow, 2.5, 11);
console.log(grow.length, grow[39], grow[44], grow[45], grow[-1], grow[2.5], grow.join("").length);
const keys = ["a", "b", "c", "d", "e", "f", "g", "h", "", "toString", "constructor",
  "a_much_longer_key_than_twenty_units", "k0", "k11", "\u00e9t\u00e9", "__pro", "0", "1"];
function mk(n) {
  const o = {};
  for (let i = 0; i < n; i++) o[keys[i % keys.length]] = i;
  return o;
}
const objs = [mk(3), mk(8), mk(18), {k0: 1, k11: 2}, function f() {}, Object.create(mk(4))];
objs[4].a = "fa";
objs[4].c = "fc";
Object.defineProperty(objs[0], "d", { get() { return "getter"; }, enumerable: true });
let s = "";
for (let r = 0; r < 4; r++) {
  for (const o of objs)
    for (const k of keys) s += String(get(o, k)).slice(0, 12) + (has(k, o) ? "+" : "-") + ";";
  s += "\n";
}
console.log(s.length, s.slice(0, 400));
console.log(s.slice(-400));
// stores through the cache: existing keys, new keys, accessor keys
for (let r = 0; r < 30; r++) for (const o of objs) for (const k of keys.slice(0, 6)) put(o, k, r);
console.log(JSON.stringify(objs.map((o) => [o.a, o.b, o.c, o.f])));
// a deleted key (dictionary mode), then re-added
const dd = mk(8);
for (let r = 0; r < 50; r++) {
  if (r === 20) delete dd.c;
  if (r === 35) dd.c = "back";
  out.push(String(get(dd, "c")) + has("c", dd) + get(dd, "d"));
}
console.log(out.slice(-32).join(" "));
// a big dictionary (many keys) and a small one
const big = {};
for (let i = 0; i < 300; i++) big["w" + (i % 150)] = (big["w" + (i % 150)] || 0) + i;
let bs = 0;
for (let r = 0; r < 20; r++) for (let i = 0; i < 150; i += 7) bs += get(big, "w" + i) + (has("w" + i, big) ? 1 : 0);
const small = mk(18);
delete small.a;
let ss = "";
for (let r = 0; r < 20; r++) for (const k of keys) ss += get(small, k) === undefined ? "u" : "d";
console.log(bs, ss.length, ss.slice(0, 40));
// a shape that changes under a site, keys made fresh each time
const memo = {};
let hit = 0;
for (let r = 0; r < 30; r++)
  for (let n = 0; n < 40; n++) {
    const key = "n" + n;
    if (has(key, memo)) hit += get(memo, key);
    else put(memo, key, n);
  }
console.log(hit, has("n3", memo), has("toString", memo), has("n99", memo));
try { get(null, "a"); } catch (e) { console.log(e.constructor.name); }
try { has("a", 5); } catch (e) { console.log(e.constructor.name); }
try { put(undefined, "a", 1); } catch (e) { console.log(e.constructor.name); }
console.log(get("str", 1), get("str", 5), get("str", "length"), has("length", [1]), has(0, [1]), has(1, [1]));
'''
ELEMS_OUT = '''1,undefined,3,x,null,undefined,undefined,undefined,undefined,undefined,1,undefined,3,6,undefined,1,undefined,3,x,null,undefined,undefined,undefined,undefined,undefined,1,undefined,3,6,undefined,1,undefined,3,x,null,undefined,undefined,undefined,undefined,undefined,1,undefined,3,6,undefined
46 1521 undefined 7 undefined 11 115
3720 0+;1+;2+;getter+;undefined-;undefined-;undefined-;undefined-;undefined-;function toS+;function Obj+;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;0+;1+;2+;3+;4+;5+;6+;7+;undefined-;function toS+;function Obj+;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;0+;1+;2+;3+;4+;5+;6+;7+;8+;9+;10+;11+;12+;13+;14+;15+;16+;17+;undefined-;undefined-
ed-;undefined-;undefined-;undefined-;fa+;undefined-;fc+;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;function toS+;function Fun+;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;0+;1+;2+;3+;undefined-;undefined-;undefined-;undefined-;undefined-;function toS+;function Obj+;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;undefined-;

[[29,29,29,29],[29,29,29,29],[29,29,29,29],[29,29,29,29],[29,29,29,29],[29,29,29,29]]
2true3 2true3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 undefinedfalse3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3 backtrue3
131120 360 uddddddddddddddddduddddddddddddddddduddd
22620 true true false
TypeError
TypeError
TypeError
t undefined 3 true true false
'''
MOD = r'''// % in line: int32 pairs (zero divisors, -0 results, INT_MIN % -1), integral doubles up
// to 2**53 exactly (the dividend's sign, -0), and the generic cases (fractions, huge
// values, infinities, NaN, non-numbers)
function mod(a, b) { return a % b; }
function show(r) { return Object.is(r, -0) ? "-0" : String(r); }
const vals = [0, -0, 1, -1, 3, -3, 7, -7, 5.5, -7.25, 0.1, 2147483647, -2147483648, 2147483648,
  -2147483649, 4294967296 * 3 + 7, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 2 ** 60, 1e300, -1e300,
  Infinity, -Infinity, NaN, 1e15 + 1, -(1e15 + 3), 65536, 1103515245, "12", null, true];
const rows = [];
for (const a of vals) {
  const row = [];
  for (const b of vals) row.push(show(mod(a, b)));
  rows.push(row.join(" "));
}
console.log(rows.join("\n"));
let seed = 7, acc = 0;
for (let i = 0; i < 3000; i++) {
  seed = (seed * 16807) % 2147483647;
  acc = (acc + seed % 1000 - (-seed) % 7) % 1000003;
}
console.log(seed, acc);
'''
MOD_OUT = '''NaN NaN 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 NaN 0 0 0 0 0 NaN 0
NaN NaN -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 -0 NaN -0 -0 -0 -0 -0 NaN -0
NaN NaN 0 0 1 1 1 1 1 1 0.09999999999999995 1 1 1 1 1 1 1 1 1 1 1 1 1 NaN 1 1 1 1 1 NaN 0
NaN NaN -0 -0 -1 -1 -1 -1 -1 -1 -0.09999999999999995 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 NaN -1 -1 -1 -1 -1 NaN -0
NaN NaN 0 0 0 0 3 3 3 3 0.09999999999999984 3 3 3 3 3 3 3 3 3 3 3 3 3 NaN 3 3 3 3 3 NaN 0
NaN NaN -0 -0 -0 -0 -3 -3 -3 -3 -0.09999999999999984 -3 -3 -3 -3 -3 -3 -3 -3 -3 -3 -3 -3 -3 NaN -3 -3 -3 -3 -3 NaN -0
NaN NaN 0 0 1 1 0 0 1.5 7 0.09999999999999962 7 7 7 7 7 7 7 7 7 7 7 7 7 NaN 7 7 7 7 7 NaN 0
NaN NaN -0 -0 -1 -1 -0 -0 -1.5 -7 -0.09999999999999962 -7 -7 -7 -7 -7 -7 -7 -7 -7 -7 -7 -7 -7 NaN -7 -7 -7 -7 -7 NaN -0
NaN NaN 0.5 0.5 2.5 2.5 5.5 5.5 0 5.5 0.0999999999999997 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 5.5 NaN 5.5 5.5 5.5 5.5 5.5 NaN 0.5
NaN NaN -0.25 -0.25 -1.25 -1.25 -0.25 -0.25 -1.75 -0 -0.0499999999999996 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 -7.25 NaN -7.25 -7.25 -7.25 -7.25 -7.25 NaN -0.25
NaN NaN 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 NaN 0.1 0.1 0.1 0.1 0.1 NaN 0.1
NaN NaN 0 0 1 1 1 1 1 7 0.09999988079071051 0 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 2147483647 NaN 2147483647 2147483647 65535 1043968402 7 NaN 0
NaN NaN -0 -0 -2 -2 -2 -2 -2 -0.75 -0.09999988079071045 -1 -0 -0 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 -2147483648 NaN -2147483648 -2147483648 -0 -1043968403 -8 NaN -0
NaN NaN 0 0 2 2 2 2 2 0.75 0.09999988079071045 1 0 0 2147483648 2147483648 2147483648 2147483648 2147483648 2147483648 2147483648 2147483648 2147483648 2147483648 NaN 2147483648 2147483648 0 1043968403 8 NaN 0
NaN NaN -0 -0 -0 -0 -3 -3 -3 -1.75 -0.0999998807907104 -2 -1 -1 -0 -2147483649 -2147483649 -2147483649 -2147483649 -2147483649 -2147483649 -2147483649 -2147483649 -2147483649 NaN -2147483649 -2147483649 -1 -1043968404 -9 NaN -0
NaN NaN 0 0 1 1 5 5 2.5 4.25 0.09999928474426231 13 7 7 1 0 12884901895 12884901895 12884901895 12884901895 12884901895 12884901895 12884901895 12884901895 NaN 12884901895 12884901895 7 746234200 7 NaN 0
NaN NaN 0 0 2 2 4 4 2.5 3.75 2.7755575615628914e-17 4194304 0 0 2143289345 8585041242 0 0 9007199254740992 9007199254740992 9007199254740992 9007199254740992 9007199254740992 9007199254740992 NaN 7199254740983 7199254740965 0 1047812882 8 NaN 0
NaN NaN -0 -0 -2 -2 -4 -4 -2.5 -3.75 -2.7755575615628914e-17 -4194304 -0 -0 -2143289345 -8585041242 -0 -0 -9007199254740992 -9007199254740992 -9007199254740992 -9007199254740992 -9007199254740992 -9007199254740992 NaN -7199254740983 -7199254740965 -0 -1047812882 -8 NaN -0
NaN NaN 0 0 1 1 6 6 4.5 5.75 0.09999999999999992 4194306 2 2 2143289347 8585041244 2 2 0 9007199254740994 9007199254740994 9007199254740994 9007199254740994 9007199254740994 NaN 7199254740985 7199254740967 2 1047812884 10 NaN 0
NaN NaN 0 0 1 1 1 1 1 1.5 3.552713678800501e-15 536870912 0 0 1610612737 3668617901 0 0 9007199254740738 0 1152921504606847000 1152921504606847000 1152921504606847000 1152921504606847000 NaN 921504606845824 921504606843520 0 594704251 4 NaN 0
NaN NaN 0 0 0 0 1 1 1.5 6.5 0.00011215964963492975 260391960 0 0 726187032 5491241610 0 0 1192454727768706 0 0 0 1e+300 1e+300 NaN 338623619727191 229985698383836 0 617326830 0 NaN 0
NaN NaN -0 -0 -0 -0 -1 -1 -1.5 -6.5 -0.00011215964963492975 -260391960 -0 -0 -726187032 -5491241610 -0 -0 -1192454727768706 -0 -0 -0 -1e+300 -1e+300 NaN -338623619727191 -229985698383836 -0 -617326830 -0 NaN -0
NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
NaN NaN 0 0 2 2 0 0 0 5.5 0.04448884876874212 617454334 616988673 616988673 616523012 2763929051 1000000000000001 1000000000000001 1000000000000001 1000000000000001 1000000000000001 1000000000000001 1000000000000001 1000000000000001 NaN 0 1000000000000001 32769 2557226 5 NaN 0
NaN NaN -0 -0 -1 -1 -2 -2 -2 -0.25 -0.04448884876874201 -617454336 -616988675 -616988675 -616523014 -2763929053 -1000000000000003 -1000000000000003 -1000000000000003 -1000000000000003 -1000000000000003 -1000000000000003 -1000000000000003 -1000000000000003 NaN -2 -0 -32771 -2557228 -7 NaN -0
NaN NaN 0 0 1 1 2 2 3.5 3.25 0.09999999999636203 65536 65536 65536 65536 65536 65536 65536 65536 65536 65536 65536 65536 65536 NaN 65536 65536 0 65536 4 NaN 0
NaN NaN 0 0 0 0 0 0 2.5 2.25 0.09999993874259835 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 1103515245 NaN 1103515245 1103515245 20077 0 9 NaN 0
NaN NaN 0 0 0 0 5 5 1 4.75 0.09999999999999934 12 12 12 12 12 12 12 12 12 12 12 12 12 NaN 12 12 12 12 0 NaN 0
NaN NaN 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 NaN 0 0 0 0 0 NaN 0
NaN NaN 0 0 1 1 1 1 1 1 0.09999999999999995 1 1 1 1 1 1 1 1 1 1 1 1 1 NaN 1 1 1 1 1 NaN 0
1822864391 520014
'''

STRINT = r'''// + of a string and an int32 in line (either order; 0, negatives, INT_MIN, INT_MAX,
// empty strings, non-ASCII units), and the generic cases (doubles, -0, others)
function add(a, b) { return a + b; }
const nums = [0, 1, -1, 9, 10, -10, 99, 100, 12345, -98765, 2147483647, -2147483648, 1000000000,
  -0, 0.5, 2147483648, NaN, null, undefined, true];
const strs = ["", "n", "ab", "abc", "abcd", "\u00e9\u4e2d", "x".repeat(30)];
const out = [];
for (const s of strs) for (const n of nums) out.push(add(s, n) + "|" + add(n, s));
console.log(out.join(","));
let memo = {}, k = 0;
for (let i = 0; i < 2000; i++) { const key = "n" + (i % 40); memo[key] = i; k += key.length; }
console.log(k, Object.keys(memo).length, add("a", 5) === "a5", add(-3, "") === "-3");
'''
STRINT_OUT = '''0|0,1|1,-1|-1,9|9,10|10,-10|-10,99|99,100|100,12345|12345,-98765|-98765,2147483647|2147483647,-2147483648|-2147483648,1000000000|1000000000,0|0,0.5|0.5,2147483648|2147483648,NaN|NaN,null|null,undefined|undefined,true|true,n0|0n,n1|1n,n-1|-1n,n9|9n,n10|10n,n-10|-10n,n99|99n,n100|100n,n12345|12345n,n-98765|-98765n,n2147483647|2147483647n,n-2147483648|-2147483648n,n1000000000|1000000000n,n0|0n,n0.5|0.5n,n2147483648|2147483648n,nNaN|NaNn,nnull|nulln,nundefined|undefinedn,ntrue|truen,ab0|0ab,ab1|1ab,ab-1|-1ab,ab9|9ab,ab10|10ab,ab-10|-10ab,ab99|99ab,ab100|100ab,ab12345|12345ab,ab-98765|-98765ab,ab2147483647|2147483647ab,ab-2147483648|-2147483648ab,ab1000000000|1000000000ab,ab0|0ab,ab0.5|0.5ab,ab2147483648|2147483648ab,abNaN|NaNab,abnull|nullab,abundefined|undefinedab,abtrue|trueab,abc0|0abc,abc1|1abc,abc-1|-1abc,abc9|9abc,abc10|10abc,abc-10|-10abc,abc99|99abc,abc100|100abc,abc12345|12345abc,abc-98765|-98765abc,abc2147483647|2147483647abc,abc-2147483648|-2147483648abc,abc1000000000|1000000000abc,abc0|0abc,abc0.5|0.5abc,abc2147483648|2147483648abc,abcNaN|NaNabc,abcnull|nullabc,abcundefined|undefinedabc,abctrue|trueabc,abcd0|0abcd,abcd1|1abcd,abcd-1|-1abcd,abcd9|9abcd,abcd10|10abcd,abcd-10|-10abcd,abcd99|99abcd,abcd100|100abcd,abcd12345|12345abcd,abcd-98765|-98765abcd,abcd2147483647|2147483647abcd,abcd-2147483648|-2147483648abcd,abcd1000000000|1000000000abcd,abcd0|0abcd,abcd0.5|0.5abcd,abcd2147483648|2147483648abcd,abcdNaN|NaNabcd,abcdnull|nullabcd,abcdundefined|undefinedabcd,abcdtrue|trueabcd,é中0|0é中,é中1|1é中,é中-1|-1é中,é中9|9é中,é中10|10é中,é中-10|-10é中,é中99|99é中,é中100|100é中,é中12345|12345é中,é中-98765|-98765é中,é中2147483647|2147483647é中,é中-2147483648|-2147483648é中,é中1000000000|1000000000é中,é中0|0é中,é中0.5|0.5é中,é中2147483648|2147483648é中,é中NaN|NaNé中,é中null|nullé中,é中undefined|undefinedé中,é中true|trueé中,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0|0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1|1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-1|-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx9|9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx10|10xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-10|-10xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx99|99xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx100|100xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx12345|12345xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-98765|-98765xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2147483647|2147483647xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-2147483648|-2147483648xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1000000000|1000000000xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0|0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0.5|0.5xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2147483648|2147483648xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNaN|NaNxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxnull|nullxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxundefined|undefinedxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxtrue|truexxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
5500 40 true true
'''
TYPEOF = r'''// typeof whose result strings the function's constants lack: each made once by the
// generic path, then shared (compared by units, concatenated, used as keys)
function ty(x) { return typeof x; }
class K {}
const vals = [1, 1.5, -0, NaN, "s", "", true, false, null, undefined, {}, [], K, ty, () => 1,
  new K(), Math, JSON];
const counts = {};
let s = "";
for (let r = 0; r < 30; r++)
  for (const v of vals) {
    const t = ty(v);
    counts[t] = (counts[t] || 0) + 1;
    if (r === 0) s += t + ",";
  }
console.log(s, JSON.stringify(counts), ty(1) === "number", ty("") + ty(null) === "stringobject");
'''
TYPEOF_OUT = '''number,number,number,number,string,string,boolean,boolean,object,undefined,object,object,function,function,function,object,object,object, {"number":120,"string":60,"boolean":60,"object":180,"undefined":30,"function":90} true true
'''

BITS = r'''// & | ^ with ToInt32 of doubles in line (fractions, negatives, -0, NaN, 2**31 .. 2**62,
// infinities and 2**63 or more through the guard's generic path), ++/-- and + of
// constants past the int32 range or on doubles, wide constants
function band(a, b) { return a & b; }
function bor(a, b) { return a | b; }
function bxor(a, b) { return a ^ b; }
function inc(x) { x++; return x; }
function dec(x) { x--; return x; }
function addk(x) { return x + 13849; }
function addn(x) { return x - 40; }
function addw(x) { return x + 2000000000; }
const vals = [0, -0, 1, -1, 2.5, -2.5, 255.9, -255.9, 2147483647, 2147483648, -2147483648,
  -2147483649, 4294967295, 4294967296, 4294967297.7, 2 ** 52 + 3, -(2 ** 53), 2 ** 62 + 2 ** 40,
  2 ** 63, -(2 ** 63), 2 ** 70 + 2 ** 20, 1e300, Infinity, -Infinity, NaN, "7", null, true,
  undefined];
const out = [];
for (const a of vals) {
  const row = [];
  for (const b of [0xff, -1, 0x7fffffff, 2.5, -0, 4294967296 + 5, NaN])
    row.push(band(a, b), bor(a, b), bxor(a, b));
  row.push(inc(a), dec(a), addk(a), addn(a), addw(a));
  out.push(row.map((r) => (Object.is(r, -0) ? "-0" : String(r))).join(" "));
}
console.log(out.join("\n"));
let h = 7, s = 0.5;
for (let i = 0; i < 3000; i++) {
  h = ((h ^ (i & 255)) * 31 + i) & 0x3fffffff;
  s = (s * 1.5 + h) % 1000003;
  h = (h + 2000000000) | 0;
}
console.log(h, s);
'''
BITS_OUT = '''0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 1 -1 13849 -40 2000000000
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 1 -1 13849 -40 2000000000
1 255 254 1 -1 -2 1 2147483647 2147483646 0 3 3 0 1 1 1 5 4 0 1 1 2 0 13850 -39 2000000001
255 -1 -256 -1 -1 0 2147483647 -1 -2147483648 2 -1 -3 0 -1 -1 5 -1 -6 0 -1 -1 0 -2 13848 -41 1999999999
2 255 253 2 -1 -3 2 2147483647 2147483645 2 2 0 0 2 2 0 7 7 0 2 2 3.5 1.5 13851.5 -37.5 2000000002.5
254 -1 -255 -2 -1 1 2147483646 -1 -2147483647 2 -2 -4 0 -2 -2 4 -1 -5 0 -2 -2 -1.5 -3.5 13846.5 -42.5 1999999997.5
255 255 0 255 -1 -256 255 2147483647 2147483392 2 255 253 0 255 255 5 255 250 0 255 255 256.9 254.9 14104.9 215.9 2000000255.9
1 -1 -2 -255 -1 254 2147483393 -1 -2147483394 0 -253 -253 0 -255 -255 1 -251 -252 0 -255 -255 -254.9 -256.9 13593.1 -295.9 1999999744.1
255 2147483647 2147483392 2147483647 -1 -2147483648 2147483647 2147483647 0 2 2147483647 2147483645 0 2147483647 2147483647 5 2147483647 2147483642 0 2147483647 2147483647 2147483648 2147483646 2147497496 2147483607 4147483647
0 -2147483393 -2147483393 -2147483648 -1 2147483647 0 -1 -1 0 -2147483646 -2147483646 0 -2147483648 -2147483648 0 -2147483643 -2147483643 0 -2147483648 -2147483648 2147483649 2147483647 2147497497 2147483608 4147483648
0 -2147483393 -2147483393 -2147483648 -1 2147483647 0 -1 -1 0 -2147483646 -2147483646 0 -2147483648 -2147483648 0 -2147483643 -2147483643 0 -2147483648 -2147483648 -2147483647 -2147483649 -2147469799 -2147483688 -147483648
255 2147483647 2147483392 2147483647 -1 -2147483648 2147483647 2147483647 0 2 2147483647 2147483645 0 2147483647 2147483647 5 2147483647 2147483642 0 2147483647 2147483647 -2147483648 -2147483650 -2147469800 -2147483689 -147483649
255 -1 -256 -1 -1 0 2147483647 -1 -2147483648 2 -1 -3 0 -1 -1 5 -1 -6 0 -1 -1 4294967296 4294967294 4294981144 4294967255 6294967295
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 4294967297 4294967295 4294981145 4294967256 6294967296
1 255 254 1 -1 -2 1 2147483647 2147483646 0 3 3 0 1 1 1 5 4 0 1 1 4294967298.7 4294967296.7 4294981146.7 4294967257.7 6294967297.7
3 255 252 3 -1 -4 3 2147483647 2147483644 2 3 1 0 3 3 1 7 6 0 3 3 4503599627370500 4503599627370498 4503599627384348 4503599627370459 4503601627370499
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 -9007199254740991 -9007199254740992 -9007199254727143 -9007199254741032 -9007197254740992
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 4611687117939016000 4611687117939016000 4611687117939030000 4611687117939016000 4611687119939016000
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 9223372036854776000 9223372036854776000 9223372036854790000 9223372036854776000 9223372038854775000
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 -9223372036854776000 -9223372036854776000 -9223372036854761000 -9223372036854776000 -9223372034854776000
0 1048831 1048831 1048576 -1 -1048577 1048576 2147483647 2146435071 0 1048578 1048578 0 1048576 1048576 0 1048581 1048581 0 1048576 1048576 1.1805916207174124e+21 1.1805916207174124e+21 1.1805916207174124e+21 1.1805916207174124e+21 1.1805916207194122e+21
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 1e+300 1e+300 1e+300 1e+300 1e+300
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 Infinity Infinity Infinity Infinity Infinity
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 -Infinity -Infinity -Infinity -Infinity -Infinity
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 NaN NaN NaN NaN NaN
7 255 248 7 -1 -8 7 2147483647 2147483640 2 7 5 0 7 7 5 7 2 0 7 7 8 6 713849 -33 72000000000
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 1 -1 13849 -40 2000000000
1 255 254 1 -1 -2 1 2147483647 2147483646 0 3 3 0 1 1 1 5 4 0 1 1 2 0 13850 -39 2000000001
0 255 255 0 -1 -1 0 2147483647 2147483647 0 2 2 0 0 0 0 5 5 0 0 0 NaN NaN NaN NaN NaN
-1587914201 528940.8288186789
'''

FMOD = r'''// % of finite doubles in line by long division: fractions, mixed signs, huge exponent
// gaps (1e300 % 0.1), results that are exact multiples (-0), and a pseudo-random sweep
function mod(a, b) { return a % b; }
function show(r) { return Object.is(r, -0) ? "-0" : String(r); }
const xs = [5.5, -5.5, 0.1, -0.3, 1e300, -1e300, 1e-300, 123456.789, -(2 ** 60) - 2 ** 9, 7.25,
  4.5e15 + 0.5, 1 / 3, -2 / 3, 2 ** -1000, 1.7976931348623157e308, 2.2250738585072014e-308];
const ys = [2.5, -2.5, 0.1, 3, -7.25, 1e-300, 1e300, 0.3, 2 ** -1022, 1.5, -1 / 3, 5.5, 1e-5];
const rows = [];
for (const x of xs) rows.push(ys.map((y) => show(mod(x, y))).join(" "));
console.log(rows.join("\n"));
const P = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4, 1e5, 1e6];
let seed = 12345, acc = 0, out = [];
for (let i = 0; i < 400; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  const x = (seed / 1000.37) * (i % 2 ? -1 : 1) * P[i % 13];
  seed = (seed * 1103515245 + 12345) % 2147483648;
  const y = (seed / 777.77 + 0.5) * P[(i % 7) + 3];
  const r = mod(x, y);
  acc += r;
  if (i % 40 === 0) out.push(show(r));
}
console.log(out.join(" "), acc);
'''
FMOD_OUT = '''0.5 0.5 0.0999999999999997 2.5 5.5 9.297525904218413e-301 5.5 0.1000000000000002 0 1 0.16666666666666696 0 0.000009999999999550084
-0.5 -0.5 -0.0999999999999997 -2.5 -5.5 -9.297525904218413e-301 -5.5 -0.1000000000000002 -0 -1 -0.16666666666666696 -0 -0.000009999999999550084
0.1 0.1 0 0.1 0.1 1.353654169526866e-301 0.1 0.1 0 0.1 0.1 0.1 0.000009999999999997372
-0.3 -0.3 -0.09999999999999998 -0.3 -0.3 -1.7742849249661237e-301 -0.3 -0 -0 -0.3 -0.3 -0.3 -0.000009999999999964358
0 0 0.00011215964963492975 0 6.5 4.891554850853602e-301 0 0.15321850028067768 0 0 0.1667788290976439 1.5 0.000006148232504163852
-0 -0 -0.00011215964963492975 -0 -6.5 -4.891554850853602e-301 -0 -0.15321850028067768 -0 -0 -0.1667788290976439 -1.5 -0.000006148232504163852
1e-300 1e-300 1e-300 1e-300 1e-300 0 1e-300 1e-300 8.267437675850143e-309 1e-300 1e-300 1e-300 1e-300
1.7890000000043074 1.7890000000043074 0.08899999999745414 0.7890000000043074 3.7890000000043074 4.102579428662808e-301 123456.789 0.18900000000887618 0 0.7890000000043074 0.12233333334449392 3.7890000000043074 0.000009999994208224542
-0.5 -0.5 -0.09999999999997514 -0 -6 -8.093325566372288e-301 -1152921504606847500 -0.06666666666668719 -0 -0 -3.197442310920451e-14 -1.5 -0.000009999999965831888
2.25 2.25 0.0499999999999996 1.25 0 9.983102328287908e-301 7.25 0.050000000000000266 0 1.25 0.2500000000000004 1.75 0.000009999999999406929
0.5 0.5 0.05019981945933977 0.5 6.25 6.055058262864839e-301 4500000000000000.5 0.0665334536937735 0 0.5 0.08313351387399359 1.5 0.0000062573868590962554
0.3333333333333333 0.3333333333333333 0.0333333333333333 0.3333333333333333 0.3333333333333333 4.796610453603588e-301 0.3333333333333333 0.033333333333333326 0 0.3333333333333333 0 0.3333333333333333 0.000003333333333287562
-0.6666666666666666 -0.6666666666666666 -0.0666666666666666 -0.6666666666666666 -0.6666666666666666 -9.593220907207175e-301 -0.6666666666666666 -0.06666666666666665 -0 -0.6666666666666666 -0 -0.6666666666666666 -0.000006666666666575124
9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 0 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302 9.332636185032189e-302
0.5 0.5 0.050000000000000044 2 6.25 2.589523889680434e-302 4.8623156137578274e+299 0.2830052136624779 0 0.5 0.08333333333333331 3 0.000004001863842184145
2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 0 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308 2.2250738585072014e-308
1.4064122334736147 10.47669962114018 20.785858032527965 618.5111188860121 20968.144506532582 172768.40848885913 137272.44318978486 254.62629945957406 45068790.14764537 1482686.5836140125 1364255760.868995
'''

SIDX = r'''// s[i] of an int32 index in line: every unit of a string (ASCII, Latin-1, CJK), indices
// past the end and negative (undefined), fractional and string keys (the generic path),
// the units as strings (compared, concatenated, used as keys)
function at(s, i) { return s[i]; }
const strs = ["", "a", "hello", "d\u00e9j\u00e0 vu", "\u4e2d\u6587\u5b57", "x".repeat(40)];
const out = [];
for (const s of strs)
  for (const i of [0, 1, 2, 4, 39, 40, -1, 1.5, "1", "length", 2147483647, -2147483648])
    out.push(String(at(s, i)));
console.log(out.join("|"));
let count = {}, rev = "";
const text = "the quick brown fox jumps over the lazy dog";
for (let r = 0; r < 20; r++)
  for (let i = 0; i < text.length; i++) {
    const c = at(text, i);
    count[c] = (count[c] || 0) + 1;
    if (r === 0) rev = c + rev;
  }
console.log(rev, JSON.stringify(count), at(text, 4) === "q", at(text, 3) + at(text, 4));
'''
SIDX_OUT = '''undefined|undefined|undefined|undefined|undefined|undefined|undefined|undefined|undefined|0|undefined|undefined|a|undefined|undefined|undefined|undefined|undefined|undefined|undefined|undefined|1|undefined|undefined|h|e|l|o|undefined|undefined|undefined|undefined|e|5|undefined|undefined|d|é|j| |undefined|undefined|undefined|undefined|é|7|undefined|undefined|中|文|字|undefined|undefined|undefined|undefined|undefined|文|3|undefined|undefined|x|x|x|x|x|undefined|undefined|undefined|x|40|undefined|undefined
god yzal eht revo spmuj xof nworb kciuq eht {"t":40,"h":40,"e":60," ":160,"q":20,"u":40,"i":20,"c":20,"k":20,"b":20,"r":40,"o":80,"w":20,"n":20,"f":20,"x":20,"j":20,"m":20,"p":20,"s":20,"v":20,"l":20,"a":20,"z":20,"y":20,"d":20,"g":20} true  q
'''

SHIFTS = r'''// << >> >>> and ~ with ToInt32 of doubles in line (fractions, -0, NaN, 2**31 .. 2**62,
// negative; counts taken mod 32 from doubles too), infinities and 2**63 or more through
// the guard's generic path, non-numbers generic
function shl(a, b) { return a << b; }
function sar(a, b) { return a >> b; }
function shr(a, b) { return a >>> b; }
function not(a) { return ~a; }
const vals = [0, -0, 1, -1, 2.5, -2.5, 255.9, 2147483647, 2147483648, -2147483649, 4294967295,
  4294967297.7, 2 ** 52 + 3, -(2 ** 53), 2 ** 62 + 2 ** 40, 2 ** 63, 2 ** 70 + 2 ** 20, Infinity,
  NaN, "7", null, true, undefined];
const out = [];
for (const a of vals) {
  const row = [not(a)];
  for (const b of [0, 1, 31, 32, 33.9, -1, 2 ** 32 + 3, NaN]) row.push(shl(a, b), sar(a, b), shr(a, b));
  out.push(row.join(" "));
}
console.log(out.join("\n"));
let h = 0.5;
for (let i = 0; i < 2000; i++) h = ((h * 3.7) >>> 3) + (~(i * 1.5) >> 1) + 0.25;
console.log(h);
'''
SHIFTS_OUT = '''-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-2 1 1 1 2 0 0 -2147483648 0 0 1 1 1 2 0 0 -2147483648 0 0 8 0 0 1 1 1
0 -1 -1 4294967295 -2 -1 2147483647 -2147483648 -1 1 -1 -1 4294967295 -2 -1 2147483647 -2147483648 -1 1 -8 -1 536870911 -1 -1 4294967295
-3 2 2 2 4 1 1 0 0 0 2 2 2 4 1 1 0 0 0 16 0 0 2 2 2
1 -2 -2 4294967294 -4 -1 2147483647 0 -1 1 -2 -2 4294967294 -4 -1 2147483647 0 -1 1 -16 -1 536870911 -2 -2 4294967294
-256 255 255 255 510 127 127 -2147483648 0 0 255 255 255 510 127 127 -2147483648 0 0 2040 31 31 255 255 255
-2147483648 2147483647 2147483647 2147483647 -2 1073741823 1073741823 -2147483648 0 0 2147483647 2147483647 2147483647 -2 1073741823 1073741823 -2147483648 0 0 -8 268435455 268435455 2147483647 2147483647 2147483647
2147483647 -2147483648 -2147483648 2147483648 0 -1073741824 1073741824 0 -1 1 -2147483648 -2147483648 2147483648 0 -1073741824 1073741824 0 -1 1 0 -268435456 268435456 -2147483648 -2147483648 2147483648
-2147483648 2147483647 2147483647 2147483647 -2 1073741823 1073741823 -2147483648 0 0 2147483647 2147483647 2147483647 -2 1073741823 1073741823 -2147483648 0 0 -8 268435455 268435455 2147483647 2147483647 2147483647
0 -1 -1 4294967295 -2 -1 2147483647 -2147483648 -1 1 -1 -1 4294967295 -2 -1 2147483647 -2147483648 -1 1 -8 -1 536870911 -1 -1 4294967295
-2 1 1 1 2 0 0 -2147483648 0 0 1 1 1 2 0 0 -2147483648 0 0 8 0 0 1 1 1
-4 3 3 3 6 1 1 -2147483648 0 0 3 3 3 6 1 1 -2147483648 0 0 24 0 0 3 3 3
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-1048577 1048576 1048576 1048576 2097152 524288 524288 0 0 0 1048576 1048576 1048576 2097152 524288 524288 0 0 0 8388608 131072 131072 1048576 1048576 1048576
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-8 7 7 7 14 3 3 -2147483648 0 0 7 7 7 14 3 3 -2147483648 0 0 56 0 0 7 7 7
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
-2 1 1 1 2 0 0 -2147483648 0 0 1 1 1 2 0 0 -2147483648 0 0 8 0 0 1 1 1
-1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
11358547.25
'''


CASES = [("elems", ELEMS, ELEMS_OUT), ("mod", MOD, MOD_OUT), ("strint", STRINT, STRINT_OUT),
         ("typeof", TYPEOF, TYPEOF_OUT), ("bits", BITS, BITS_OUT),
         ("fmod", FMOD, FMOD_OUT), ("sidx", SIDX, SIDX_OUT),
         ("shifts", SHIFTS, SHIFTS_OUT)]


test_matches_node_and_interpreter, test_stress_bailouts = node_case_tests(
    CASES, ("all", 5))
test_recorded_output_is_nodes = node_recheck(CASES)


@pytest.mark.parametrize(("name", "src", "want"), CASES, ids=[c[0] for c in CASES])
def test_with_collections(tmp_path: Path, name: str, src: str, want: str) -> None:
    """In a small poisoned semispace: key strings move (the keyed tables hold copies of
    the units, no references), strings made in line and typeof's root strings too, and
    every word stays right."""
    from a64js.hvm.core import R

    # KiB past the realm's live set: room for each case's own (elems' is the largest),
    # little enough that each collects (typeof allocates 9 KiB in all)
    margin = {"elems": 47, "typeof": 6}.get(name, 24)
    proc, _ = run_jit(_write(tmp_path, src), threshold=0,
                      semispace=small_semispace(margin << 10), poison=True)
    assert (proc.stdout, proc.stderr) == (want, "")
    assert R.heap.stats.collections >= 1


HOT_KEYS = r'''// string keys made fresh each time on one object (memoization), an int32
// loop over an array with holes and reads past the end, appends with room
function run() {
  const cache = {};
  let s = 0;
  for (let r = 0; r < 50; r++)
    for (let n = 0; n < 40; n++) {
      const key = "n" + n;
      if (key in cache) s += cache[key];
      else cache[key] = n;
    }
  const a = [1, , 3];
  for (let i = 0; i < 500; i++) s += a[i % 5] === undefined ? 1 : a[i % 5];
  const b = [];
  for (let i = 0; i < 3; i++) b.push(0);
  b.pop(); b.pop(); b.pop();
  for (let i = 0; i < 3; i++) b[i] = i;
  return s + b.length;
}
console.log(run());
'''


def test_keyed_accesses_stay_in_machine_code(tmp_path: Path) -> None:
    """HOT_KEYS: after one miss per key (40 keys, on the object's final shape, 2,000
    accesses of each kind), ``in``, ``cache[key]``, the holes and the reads past the end
    are done in line: no element guard fails, keyed misses are one per key and site
    (with every keyed template removed: 2,000 steps each)."""
    proc, jit = run_jit(_write(tmp_path, HOT_KEYS), threshold=0)
    assert proc.stdout == "38923\n"  # node's output
    st = jit.stats
    assert not st.guard_failures.get("element miss")
    # `in`: 40 absent keys (the first round), then one miss per key on the final shape;
    # cache[key] one miss per key; the stores all add a key (a new shape each)
    assert (st.step_ops["In"], st.step_ops["GetElem"], st.step_ops["SetElem"]) == (80, 40, 40)
    assert st.guard_failures["keyed cache miss"] == 160


def test_mod_of_doubles_in_line(tmp_path: Path) -> None:
    """MOD's loop (6,000 % of doubles up to 2**31 with int32 divisors) takes no
    slow-path step; of the 32 x 32 table only pairs with a zero, an infinity, NaN or a
    non-number do (403 of 1,024: with the integral path alone, 690); FMOD's table and
    400 pseudo-random pairs (exponent gaps up to 2,000) one (a subnormal result)."""
    proc, jit = run_jit(_write(tmp_path, MOD), threshold=0)
    assert proc.stdout == MOD_OUT
    assert jit.stats.step_ops["Mod"] == 403, jit.stats.step_ops
    proc, jit = run_jit(_write(tmp_path, FMOD), threshold=0)
    assert proc.stdout == FMOD_OUT
    assert jit.stats.step_ops["Mod"] == 1, jit.stats.step_ops
    assert not jit.stats.guard_failures.get("int32 result not representable")


def test_keyed_hash_spreads_and_matches_the_code_layout() -> None:
    """The hash (first unit word and length, as the code computes it) spreads similar
    keys; keyed_put puts the newest entry first in its set, the previous one second."""
    sets = {keyed_set(f"n{i}") for i in range(40)}
    assert len(sets) > 30
    assert 0 <= keyed_set("") < KEYED_SETS
    assert len({keyed_set(f"sink{c}") for c in "ABCDEFGH"}) > 6
    # "ab": units 0x61, 0x62; the word 0x00620061 (first and last), length 2
    w = 0x0062_0061
    x = w ^ (w >> 29 | w << 35) & (1 << 64) - 1 ^ 2
    want = (((x ^ x >> 24) * 0x9E37_79B9_7F4A_7C15) & (1 << 64) - 1) >> 58
    assert keyed_set("ab") == want
    table = [0] * KEYED_TABLE_WORDS
    keyed_put(table, "ab", (0x1000, 16))
    base = want * KEYED_WAYS * KEYED_ENTRY_WORDS
    size = KEYED_ENTRY_WORDS
    assert table[base:base + size] == [0x1000, 2, 16, 0x0062_0061, 0, 0, 0, 0]
    keyed_put(table, "ab", (0x2000, 25))
    assert table[base:base + 3] == [0x2000, 2, 25]
    assert table[base + size:base + size + 3] == [0x1000, 2, 16]
    keyed_put(table, "ab", (0x1000, 16))  # the same entry again: moved to the front
    assert [table[base + size * j] for j in range(KEYED_WAYS)] == [0x1000, 0x2000, 0, 0]
    for shape in range(0x3000, 0x3000 + 0x1000 * KEYED_WAYS, 0x1000):
        keyed_put(table, "ab", (shape, 8))
    # the newest first, the oldest dropped
    assert [table[base + size * j] for j in range(KEYED_WAYS)] == \
        [0x3000 + 0x1000 * j for j in reversed(range(KEYED_WAYS))]
    assert sum(1 for w in table if w) == KEYED_WAYS * 4  # nothing outside the set


def test_bit_operators_and_addk_on_doubles_in_line(tmp_path: Path) -> None:
    """BITS: ``& | ^`` of doubles below 2**63 in magnitude are done in line (ToInt32 by
    ``fcvtzs``); non-numbers (4 x 7 per operator) and 2**63 or more, infinities (6 x 7
    per operator, through the guard's stub) are not; ++/--/+k past the int32 range or
    of doubles, and the wide constants, take no slow-path step but for non-numbers;
    the loop none."""
    proc, jit = run_jit(_write(tmp_path, BITS), threshold=0)
    assert proc.stdout == BITS_OUT
    ops = jit.stats.step_ops
    assert (ops["BitAnd"], ops["BitOr"], ops["BitXor"]) == (70, 70, 70), ops
    assert jit.stats.guard_failures["not int32"] == 3 * 6 * 7
    assert ops["AddK"] + ops["Inc"] + ops["Dec"] + ops["Add"] + ops["Sub"] <= 4 * 5, ops
    assert not jit.stats.guard_failures.get("int32 overflow")


def test_string_index_in_line(tmp_path: Path) -> None:
    """SIDX: the 860 ``s[i]`` of its loop are done in line (a one-unit string bumped in
    code): no element miss; the GetElem steps left are the string and fractional keys
    of its table and the first sight of each character as a key of ``count``."""
    proc, jit = run_jit(_write(tmp_path, SIDX), threshold=0)
    assert proc.stdout == SIDX_OUT
    assert not jit.stats.guard_failures.get("element miss")
    assert jit.stats.step_ops["GetElem"] < 100, jit.stats.step_ops


def test_shifts_and_not_of_doubles_in_line(tmp_path: Path) -> None:
    """SHIFTS: ``<< >> >>>`` and ``~`` of doubles below 2**63 are done in line; only
    the 4 non-numbers and 3 values of 2**63 or more (x 8 counts, 1 for ``~``) are
    slow-path steps, those 3 through the guard's stub; the loop takes none."""
    proc, jit = run_jit(_write(tmp_path, SHIFTS), threshold=0)
    assert proc.stdout == SHIFTS_OUT
    ops = jit.stats.step_ops
    assert (ops["Shl"], ops["Sar"], ops["Shr"], ops["BitNot"]) == (56, 56, 56, 7), ops
    assert jit.stats.guard_failures["not int32"] == 3 * (3 * 8 + 1)


# A function with 300 property reads (its cache cells end past an ldr's reach of x23),
# then keyed accesses, whose cache words are addressed by their own address there.
_PROPS = [f"p{i}" for i in range(300)]
REACH = (
    "const o = {" + ", ".join(f"{p}: {i}" for i, p in enumerate(_PROPS)) + "};\n"
    "function big(o, k) {\n  let s = 0;\n"
    + "".join("  s += " + " + ".join(f"o.{p}" for p in _PROPS[i:i + 10]) + ";\n"
              for i in range(0, 300, 10))
    + "  return s + o[k] + (k in o ? 1 : 0);\n}\n"
    "function small(o, k, v) { o[k] = v; return o[k] + (k in o ? 1 : 0); }\n"
    "let t = 0;\n"
    'for (let i = 0; i < 30; i++) t += big(o, "p" + (i * 7 % 300)) + small(o, "q" + (i % 5), i);\n'
    "console.log(t, o.q0, o.q4, Object.keys(o).length);\n")
REACH_OUT = "1349040 25 29 305\n"  # node


def test_keyed_words_in_the_data_block(tmp_path: Path) -> None:
    """A GetElem, SetElem or In site's keyed-cache word is a word of its function's data
    block (x23), after the cache cells, loaded by one ``ldr x3, [x23, #offset]``;
    past an ldr's reach (300 cache cells) a word of its own again: node's output."""
    import io

    from a64jit import MacroAssembler, mem, x3, x23
    from a64js.compiler import compile_module
    from a64js.hvm import vm
    from a64js.jit.compiler import DataArena, FunctionCompiler

    path = _write(tmp_path, REACH)
    vm.HeapVM(["node", str(path)], io.StringIO())
    code = compile_module(REACH, str(path))
    small = next(c for c in code.consts if getattr(c, "name", "") == "small")
    fc = FunctionCompiler(small, 7, arena=DataArena())
    out = fc.compile()
    data = out.masm.finalize()
    assert fc.keyed_sites is not None and len(fc.keyed_sites) == 3  # SetElem, GetElem, In
    ncells = sum(ins[0] in fc_ic for ins in small.insns for fc_ic in [_ic_opcodes()])
    first = 16 + 128 * ncells
    for j, site in enumerate(fc.keyed_sites.values()):
        site[0][0] = 0x1234 + j
    # the block's words after the cells, one per site (in the order they were emitted)
    got = sorted(fc.block_words[(first >> 3) + j] for j in range(3))
    assert got == [0x1234, 0x1235, 0x1236]
    for j in range(3):
        ldr = MacroAssembler()
        ldr.ldr(x3, mem(x23, first + 8 * j))
        assert ldr.finalize() in data
    proc, jit = run_jit(path, threshold=0)
    assert (proc.stdout, proc.returncode) == (REACH_OUT, 0)
    assert jit.stats.step_ops["GetElem"] + jit.stats.step_ops["In"] <= 8, jit.stats.step_ops


def _ic_opcodes() -> frozenset[int]:
    from a64js.jit.t_props import IC_OPCODES
    return IC_OPCODES
