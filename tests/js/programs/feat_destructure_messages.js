// node's TypeError messages for destructuring (and spreading) what cannot be: an assigned
// array pattern names the value by its type, a nested object pattern's reads the property,
// a parameter's names null "object null", a declared for...of's names ".for", a `new`
// expression is named like a call, an optional chain "(intermediate value)"; and
// Array.from(undefined or null) throws.
function t(f) { try { f(); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
let u, n = null, a, o = {};
function g() {}
function F() {}

// assigned array patterns
t(() => { [a] = u; });
t(() => { [a] = n; });
t(() => { [a] = null; });
t(() => { [a] = 5; });
t(() => { [a] = true; });
t(() => { [a] = g(); });
t(() => { [a] = o; });
t(() => { let x = [a] = u; });
t(() => { for ([a] of [u]) ; });
// declared ones name the source where node does
t(() => { const [b] = u; });
t(() => { const [b] = n; });
t(() => { const [b] = this; });
t(() => { const [b] = new F(); });
t(() => { const [b] = new F; });
t(() => { const [b] = o.missing; });
t(() => { const [b] = g(); });
// nested object patterns read the property
t(() => { const { x: { y } } = {}; });
t(() => { const { x: { y } } = { x: null }; });
t(() => { const [{ y }] = [undefined]; });
t(() => { const [{ y }] = []; });
t(() => { const [{ y = 2 }] = [null]; });
t(() => { const [{}] = [null]; });
t(() => { const [{ ...r }] = [u]; });
t(() => { ({ a: { a } } = {}); });
t(() => { [{ a }] = [n]; });
t(() => { for ({ a } of [u]) ; });
t(() => { const [[y]] = [undefined]; });
t(() => { const [[y]] = [5]; });
// top-level object patterns name the source
t(() => { const { x } = u; });
t(() => { const { x } = null; });
t(() => { const { x } = o.missing; });
t(() => { const { x = 1 } = u; });
t(() => { ({ a } = u); });
t(() => { const { x } = o.x?.y; });
t(() => { const { x } = o?.x; });
// parameters
t(() => { (function ({ x }) {})(null); });
t(() => { (function ({ x }) {})(u); });
t(() => { (function ({ x }) {})(); });
t(() => { (function (p, { x }) {})(1, null); });
t(() => { (({ x }) => x)(null); });
t(() => { (function ([x]) {})(null); });
t(() => { (function ([x]) {})(5); });
// for...of declarations
t(() => { for (const [b] of [5]) ; });
t(() => { for (const [b] of [u]) ; });
t(() => { for (const { b } of [u]) ; });
t(() => { for (const { b } of [null]) ; });
t(() => { for (const x of new F()) ; });
t(() => { for (const x of o?.x) ; });
t(() => { for (const x of this) ; });
// spread arguments
t(() => { Math.max(...5); });
t(() => { Math.max(...null); });
t(() => { Math.max(...true); });
t(() => { Math.max(...(1 + 1)); });
t(() => { Math.max(...u); });
t(() => { Math.max(...g()); });
// Array.from
t(() => { Array.from(u); });
t(() => { Array.from(null); });
t(() => { console.log(Array.from(5).length, Array.from({ length: 2 }).length); });
