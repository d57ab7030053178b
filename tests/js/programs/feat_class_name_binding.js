// A class's own name inside it is in its TDZ while the heritage and the computed keys are
// evaluated (node: ReferenceError; a64js read undefined), and is a constant afterwards; a
// named function expression's own name ignores sloppy code's stores (a64js threw), which
// strict code's throw.
function t(f) { try { console.log(f()); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
t(() => { class X extends X {} });
t(() => { class D { [D.name]() {} } });
t(() => { class D { static [(() => 'k')()]() { return D.name; } } return D.k(); });
t(() => { const E = class Inner extends (Inner, Object) {}; });
t(() => { class C { m() { C = 1; } } new C().m(); });
t(() => { const Q = class Inner { static who() { return Inner.name; } }; return Q.who(); });
t(() => { class D { static s = D.name + '!'; } return D.s; });
t(() => { class E { static m() { return E; } } const F = E; E = 5; return [typeof F.m(), E]; });
t(() => { const fn = function named() { named = 1; return typeof named; }; return fn(); });
t(() => { const fn = function named() { named++; named += 1; return typeof named; }; return fn(); });
t(() => { const fn = function named() { 'use strict'; named = 1; return typeof named; }; return fn(); });
t(() => { const fn = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }; return fn(5); });
