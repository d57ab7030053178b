// Inline caches and dictionary-mode objects (more keys than a shape tracks), which
// gain keys without a new shape: a method added to a big prototype, or to a big
// receiver, after a call site cached the one further up the chain.
const base0 = { m() { return "base"; } };
const big0 = {};
for (let i = 0; i < 70; i++) big0["k" + i] = i;
Object.setPrototypeOf(big0, base0);
const kid0 = {};
Object.setPrototypeOf(kid0, big0);
function getM(o) { return o.m() + o.k5; }
const got = [];
for (let i = 0; i < 4; i++) {
  got.push(getM(kid0));
  if (i === 1) big0.m = function () { return "big"; };
  if (i === 2) big0.k5 = "five";
}
const mid = { n() { return "mid"; } };
Object.setPrototypeOf(mid, base0);
const top = {};
Object.setPrototypeOf(top, mid);
function getN(o) { return o.m() + o.n(); }
for (let i = 0; i < 3; i++) {
  got.push(getN(top));
  if (i === 0) mid.m = function () { return "mid.m"; };
  if (i === 1) base0.m = function () { return "base2"; };
}
console.log(got.join(" "));

// a receiver in dictionary mode that gains the key itself
const bigKid = {};
for (let i = 0; i < 70; i++) bigKid["q" + i] = i;
Object.setPrototypeOf(bigKid, base0);
function getM2(o) { return o.m(); }
const got2 = [];
for (let i = 0; i < 3; i++) {
  got2.push(getM2(bigKid));
  if (i === 0) bigKid.m = function () { return "own"; };
}
console.log(got2.join(" "));
