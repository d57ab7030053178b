// node's TypeError for iterating an object literal names it by its shape: {} or one
// "(intermediate value)" a property (for...of, spread, an array pattern, a member of
// one); for...of over a literal whose values are not all constants names it by its
// type, as an assigned array pattern does; spreading one among a call's arguments is
// "Spread syntax requires ...". An array literal is named by its items.
const t = (f) => {
  try { f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
};
const x = 1, o = {};
function f() {}
t(() => { for (const y of {a: 1}) {} });
t(() => { for (const y of {a: 1, b: "s", c: {d: null}, e: -2, g: [true]}) {} });
t(() => { for (const y of {}) {} });
t(() => { for (const y of {get a() { return 1; }, set a(v) {}}) {} });
t(() => { for (const y of {...o}) {} });
t(() => { for (const y of {a: x}) {} });
t(() => { for (const y of {[x]: 1}) {} });
t(() => { for (const y of {f() {}}) {} });
t(() => { for (const y of {x}) {} });
t(() => { for (const y of {a: 1, ...o}) {} });
t(() => { [...{}]; });
t(() => { [...{a: x, b: 2}]; });
t(() => { const [z] = {a: x}; });
t(() => { let z; [z] = {a: 1}; });
t(() => { for (const y of {a: 1}.b) {} });
t(() => { [...{a: 1}.b]; });
t(() => { f(...{a: 1}); });
t(() => { Math.max(...{a: 1}); });
t(() => { ({a: 1}).g(); });
t(() => { ({}).g(); });
t(() => { const {q} = {a: 1}.b; });
t(() => { for (const y of [1][5]) {} });
t(() => { for (const y of [x, "s", o.p, null, true, -1, 1.50, [1, 2], {c: 1}, , 3][9]) {} });
t(() => { [].g(); });
