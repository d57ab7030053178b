// instanceof with a bound function asks its target (a64js read the bound function's own
// prototype: undefined, a TypeError).
function Pt(x) { this.x = x; }
const BP = Pt.bind(null, 7);
const bp = new BP();
console.log(bp.x, bp instanceof Pt, bp instanceof BP, new Pt(1) instanceof BP, {} instanceof BP);
const BB = BP.bind(null);
console.log(new BB() instanceof BB, new BB() instanceof Pt, [] instanceof Array.bind(null));
class K { constructor(a) { this.a = a; } }
const BK = K.bind(null, 'k');
let n = 0;
for (let i = 0; i < 30; i++) { const o = i % 2 ? new BK() : new K(i); if (o instanceof BK) n++; }
console.log(n, new BK().a);
