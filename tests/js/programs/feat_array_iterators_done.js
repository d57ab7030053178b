// An array iterator is done once iterated (spread, destructuring, for...of, Array.from):
// what is left of it is nothing. Array.isArray of one is false.
const xs = [1, 2, 3, 4];
const it = xs.values();
console.log(Array.isArray(it), Array.isArray(xs));
it.next();
const [a, ...rest] = it;
console.log(a, rest, [...it], it.next());
const keys = xs.keys();
for (const k of keys) if (k > 5) break;
console.log([...keys], Array.from(keys));
const es = xs.entries();
console.log(Array.from(es).length, [...es].length);
function isList(v) { return Array.isArray(v); }
let n = 0;
for (let i = 0; i < 200; i++) if (isList(i % 2 ? xs : xs.keys())) n++;
console.log(n);
