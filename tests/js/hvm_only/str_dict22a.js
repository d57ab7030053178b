// String relational compares and dictionary-object keyed access in compiled blocks (heap VM, session 22)
const xs = ["", "a", "b", "ab", "abc", "abcd", "abcde", "abcdef", "abcdeg", "abcdf", "a\0", "a\0b",
  "\0", "\0\0\0\0\0", "\u00e9", "\uffff", "\ud800", "\udc00x", "\ud83d\ude00", "\ud83d\ude01", "Z", "zz",
  "abcdefgh", "abcdefghi", "abcdefgi", "ab\u0100", "ab\u00ff", "abc\u0101", "abc\u0201", "\u0100a", "\u00ffb"];
function rel(a, b) {
  return (a < b ? 1 : 0) + 2 * (a <= b ? 1 : 0) + 4 * (a > b ? 1 : 0) + 8 * (a >= b ? 1 : 0);
}
function table(list) {
  let h = 0;
  let s = "";
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      const r = rel(list[i], list[j]);
      h = (h * 31 + r) % 1000003;
      if (i === 3 || j === 7) s += r;
    }
  }
  return h + " " + s;
}
function fresh(s) {  // the same string in a new cell
  return (s + "!").slice(0, s.length);
}
const mixed = [1, "1", "10", 2, "", null, undefined, true, "true", {}, [], "[object Object]", 1.5, "1.5", NaN];
for (let rep = 0; rep < 2; rep++) {
  console.log("table", table(xs));
  console.log("fresh", table(xs.map(fresh)));
  console.log("mixed", table(mixed));
  const sorted = xs.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  console.log("sorted", JSON.stringify(sorted));
  let digits = 0;
  const txt = "a1-9.0e+5Z" + rep;
  for (let k = 0; k < 200; k++) {
    const c = txt.charAt(k % txt.length);
    if (c >= "0" && c <= "9") digits++;
    if (c > "Z" || c < "-") digits += 100;
  }
  console.log("digits", digits);
}

// a dictionary-mode object (computed keys past 64): reads and writes of its keys
function words(n, seed) {
  const out = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    out.push("w" + (seed % 97) + (i % 3 === 0 ? "\u00e9" : ""));
  }
  return out;
}
function count(list) {
  const freq = {};
  for (const w of list) {
    if (freq[w] === undefined) freq[w] = 0;
    freq[w]++;
  }
  return freq;
}
const ws = words(1200, 11);
const freq = count(ws);
const keys = Object.keys(freq).sort((a, b) => freq[b] - freq[a] || (a < b ? -1 : a > b ? 1 : 0));
console.log("keys", keys.length, keys.slice(0, 6).join(","), freq[keys[0]], freq[keys[keys.length - 1]]);
// reads with fresh key cells, absent keys, a key deleted and added again, the table
// growing between two reads of one block, allocations between
function churn(o, list, rounds) {
  let s = 0;
  let grown = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < list.length; i++) {
      const k = list[i];
      const a = o[k];
      o["n" + r + "_" + i] = i;  // the table grows, now and then, between the reads
      grown++;
      const b = o[fresh(k)];
      const c = o[k + "?"];  // absent
      s = (s * 7 + (a === undefined ? 1 : a) + (b === undefined ? 3 : b) + (c === undefined ? 5 : 0)) % 1000003;
      o[k] = (a === undefined ? 0 : a) + 1;
      if (i % 50 === 7) {
        delete o[k];
        s = (s + (o[k] === undefined ? 11 : 13)) % 1000003;
        o[k] = i;
      }
      if (i % 8 === 3) {
        const junk = [k + k, { k }, k.split("")];
        s = (s + junk[0].length + junk[2].length) % 1000003;
      }
    }
  }
  return s + " " + grown;
}
console.log("churn", churn(freq, keys, 2));
console.log("after", Object.keys(freq).length, freq[keys[0]], freq[keys[5]], freq["n1_5"]);
// a prototype's key through a dictionary object, and a setter on an own accessor
const proto = { inherited: 42 };
const d = Object.create(proto);
for (let i = 0; i < 80; i++) d["p" + i] = i;
let t = 0;
const names = ["inherited", "p3", "p79", "p80", "toString", "p0"];
for (let r = 0; r < 700; r++) {
  const k = names[r % names.length];
  const v = d[k];
  t += typeof v === "number" ? v : typeof v === "function" ? 1000 : 7;
  if (r === 350) {
    Object.defineProperty(d, "p3", { get() { return 5; }, set(x) { t += x * 1000000; }, configurable: true });
  }
  if (k === "p0") d[k] = r;
  if (k === "p3") d[k] = 1;
}
console.log("proto", t, d.p0, d.p3, d.inherited);
// a loop's per-iteration `let` context copied (CopyContext), closures keeping some
function lets(n) {
  const fns = [];
  let s = 0;
  for (let i = 0, j = 10; i < n; i++, j += 2) {
    if (i % 97 === 0) fns.push(() => i * 1000 + j);
    if (i % 211 === 5) fns.push(() => { j++; return j; });
    s += i + j;
  }
  return s + " " + fns.map((f) => f()).join(",");
}
console.log("lets", lets(1500), lets(700));
// `+` past the int32 and double cases in a block: strings, a double and an int, objects
// (valueOf, toString, one that throws), a surrogate pair split and joined
function plus(n) {
  let s = "";
  let h = 0;
  const o = { valueOf() { return 7; } };
  const t = { toString() { return "T"; } };
  const bad = { valueOf() { throw new Error("no" + n); } };
  const pair = "\ud83d\ude00";
  for (let i = 0; i < n; i++) {
    const d = i + 0.5;
    h = (h * 131 + i) % 1000000007;  // int * int past int32 (a double), plus an int
    const a = (i % 3 === 0 ? "x" : i) + (i % 5 === 0 ? d : "y");
    const b = o + i;
    const c = t + d;
    let e = 0;
    try { e = bad + i; } catch (err) { e = err.message; }
    const u = pair.charAt(i % 2) + pair.charAt(1 - (i % 2));
    if (i % 101 === 0) s += a + b + c + e + u.length + (u === pair) + ",";
  }
  return h + " " + s;
}
console.log("plus", plus(900));
