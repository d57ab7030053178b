// TypeErrors that node words with the source text of the expression: destructuring
// undefined or null, iterating what is not iterable (for-of, spread, array patterns).
function t(f) { try { f(); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
const o = { n: null, num: 5, inner: { z: undefined } };
let u;
function f() {}
t(() => { const { x } = o.n; });
t(() => { const { x } = u; });
t(() => { const { x } = null; });
t(() => { const { x } = f(); });
t(() => { const { x } = o.inner.z; });
t(() => { const { x } = o['n']; });
t(() => { const {} = u; });
t(() => { const { ...r } = u; });
t(() => { function g({ x }) {} g(); });
t(() => { let x; ({ x } = o.n); });
t(() => { const { 'q': x } = u; });
t(() => { const { 1: x } = u; });
t(() => { const { x } = this.zz; });
t(() => { const { x = 1 } = u; });
t(() => { const { x = 1, y } = null; });
t(() => { const { y, x = 1 } = u; });
t(() => { const [a] = o.n; });
t(() => { const [a] = o.num; });
t(() => { const [a] = f(); });
t(() => { const [a] = 5; });
t(() => { const [a] = u; });
t(() => { const [[a]] = [null]; });
t(() => { function g([a]) {} g(); });
t(() => { for (const a of u) ; });
t(() => { for (const a of o.inner.z) ; });
t(() => { for (const a of o['num']) ; });
t(() => { for (const a of f()) ; });
t(() => { for (const a of this.q) ; });
t(() => { for (const a of 5) ; });
t(() => [...u]);
t(() => [...o.n]);
t(() => [...f()]);
t(() => [...true]);
t(() => [...o[0]]);
t(() => f(...u));
t(() => Math.max(...o.num));
t(() => new f(...o.n));
function hot(v) { const { k } = v; return k; }
let s = 0;
for (let i = 0; i < 40; i++) {
  try { s += hot(i % 5 ? { k: i } : null); } catch (e) { if (i < 6) console.log(e.message); }
}
console.log(s);
