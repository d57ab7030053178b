// Evaluation order node shows through side effects: a > b and a <= b convert a to a primitive
// before b (a64js computed them as b < a, b's valueOf first), and an assignment pattern's
// property target (o().x, o[k()]) is evaluated before the value it gets is read and before
// that value's default (a64js read and defaulted first).
const log = [];
const mk = (n, v) => ({ valueOf() { log.push(n); return v; }, toString() { log.push(n + 's'); return String(v); } });
const L = (n, v) => { log.push(n); return v; };
function t(name, f) {
  log.length = 0;
  let r;
  try { r = f(); } catch (e) { r = e.constructor.name + ': ' + e.message; }
  console.log(name, JSON.stringify(r), log.join(','));
}

t('a > b', () => mk('a', 1) > mk('b', 2));
t('a <= b', () => mk('a', 1) <= mk('b', 2));
t('a < b', () => mk('a', 1) < mk('b', 2));
t('a >= b', () => mk('a', 1) >= mk('b', 2));
t('str > str', () => mk('a', 'b') > mk('b', 'a'));
t('NaN <=', () => mk('a', NaN) <= mk('b', 1));
t('a == b', () => mk('a', 1) == mk('b', 2));
t('a + b', () => mk('a', 1) + mk('b', 2));
t('a ** b', () => mk('a', 2) ** mk('b', 3));
t('a << b', () => mk('a', 1) << mk('b', 3));
t('template', () => `${mk('a', 1)}${mk('b', 2)}`);
t('o.p += r', () => { const o = { p: mk('p', 5) }; o.p += mk('r', 1); return o.p; });
let hits = 0;
for (let i = 0; i < 200; i++) { log.length = 0; if (mk('a', i) > mk('b', 100)) hits++; if (log.join() !== 'a,b') throw new Error('order ' + log); }
for (let i = 0; i < 200; i++) { log.length = 0; if (mk('a', i) <= mk('b', 100)) hits++; if (log.join() !== 'a,b') throw new Error('order ' + log); }
console.log('hot', hits);

const src = { get x() { log.push('get x'); return 1; }, get y() { log.push('get y'); return undefined; }, get z() { log.push('get z'); return 3; } };
t('object pattern targets', () => {
  const o = {};
  const tg = (n) => { log.push('target ' + n); return o; };
  ({ x: tg(1).x, y: tg(2)[L('key y', 'y')] = L('default y', 2), ...tg(3).rest } = src);
  return o;
});
t('computed key first', () => {
  const o = {};
  ({ [L('key', 'x')]: (L('target', o)).got } = src);
  return o;
});
t('array pattern targets', () => {
  const o = {};
  const tg = (n) => { log.push('target ' + n); return o; };
  [tg(1).a, tg(2).b = L('default', 3), ...tg(3).rest] = [1, undefined, 4, 5];
  return o;
});
t('nested', () => {
  const o = {};
  [{ x: (L('inner', o)).x }, (L('outer', o)).y] = [src, 7];
  return o;
});
t('target on null', () => { let o = null; [(L('t', o)).a = L('d', 1)] = []; });
t('target reassigned by default', () => {
  let o = { name: 'first' };
  const first = o;
  [o.v = (o = { name: 'second' }, 9)] = [];
  return [first, o];
});
t('declaration defaults', () => { const { x, y = L('dy', 2), z } = src; return [x, y, z]; });
t('array declaration', () => { const [a = L('da', 1), b = L('db', 2)] = [undefined, 5]; return a + b; });
