// Object.defineProperty's enumerability in both VMs: a value or accessor defined with
// enumerable false (or left out) is not listed by Object.keys, for-in, JSON, spread or
// console.log, yet reads and writes as any property.
const o = { a: 1 };
Object.defineProperty(o, "hidden", { value: 2, writable: true });
Object.defineProperty(o, "shown", { value: 3, writable: true, enumerable: true });
Object.defineProperty(o, "acc", { get() { return this.a * 10; }, configurable: true });
Object.defineProperty(o, "accShown", { get() { return 7; }, enumerable: true });
console.log(Object.keys(o).join(), o.hidden, o.shown, o.acc, o.accShown);
const seen = [];
for (const k in o) seen.push(k);
console.log(seen.join(), JSON.stringify(o), JSON.stringify({ ...o }));
console.log(o);
o.hidden = 5;
console.log(o.hidden, Object.keys(o).length, "hidden" in o, o.hasOwnProperty("hidden"));
class P { constructor() { Object.defineProperty(this, "secret", { value: 42, writable: true }); this.v = 1; } }
const p = new P();
console.log(Object.keys(p), p.secret, JSON.stringify(p));
