// An array iterator taken by for...of, spread or Array.from is done afterwards, in every mode
function drain(it) { let s = 0; for (const x of it) s += x; return s; }
const a = [1, 2, 3];
for (let i = 0; i < 20; i++) {
  const it = a.values();
  const s = drain(it);
  const r = it.next();
  if (i === 19) console.log(s, r);
}
const k = a.keys();
console.log([...k], k.next());
const e = a.entries();
console.log(e.next(), Array.from(e), e.next());
const v = a.values();
v.next();
console.log([...v], [...v]);
const [first, ...others] = ["x", "y", "z"].values();
console.log(first, others);
