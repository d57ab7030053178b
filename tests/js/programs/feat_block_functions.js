// Sloppy code's functions declared in blocks are also the enclosing function's vars once
// their block ran (node's web-compatibility rule, Annex B.3.3); strict code's stay in the block.
console.log(typeof early);
{
  function blockFn() { return 'block'; }
  console.log(blockFn());
}
console.log(typeof blockFn, blockFn());
if (true) { function condFn() { return 'cond'; } }
console.log(typeof condFn);
if (false) { function never() {} }
console.log(typeof never);
{ function early() { return 'early'; } }
function outer() {
  const r = [typeof inner];
  for (let i = 0; i < 2; i++) { function inner() { return i; } r.push(inner()); }
  r.push(typeof inner, inner());
  function g() { return 1; }
  { function g() { return 2; } }
  r.push(g());
  switch (1) { case 1: function sw() { return 'sw'; } }
  r.push(typeof sw);
  try { function inTry() { return 't'; } } finally { r.push(typeof inTry); }
  const cap = () => typeof later;
  { function later() {} }
  r.push(cap());
  return r;
}
console.log(outer());
function strictOne() { 'use strict'; { function hidden() {} } return typeof hidden; }
console.log(strictOne());
function shadow(p) { { function p() {} } return typeof p; }
console.log(shadow(1));
function withLet() { { function q() {} } { let q = 1; } return typeof q; }
console.log(withLet());
class K { m() { { function inClass() {} } return typeof inClass; } }
console.log(new K().m());
const arrow = () => { { function inArrow() { return 'arrow'; } } return inArrow(); };
console.log(arrow());
