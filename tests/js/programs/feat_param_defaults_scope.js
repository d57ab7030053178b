// Parameters with defaults: a default reading a later parameter (or its own) is in its TDZ,
// node's ReferenceError (a64js read undefined); arguments in a default is the function's
// arguments object (a64js: not defined); an object rest of a string has its indices.
function t(f) { try { console.log(f()); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
t(() => { function g(a, b = arguments.length, ...c) { return [a, b, c, arguments.length]; } return g(1); });
t(() => { function g(a = arguments[1], b) { return [a, b]; } return g(undefined, 7); });
t(() => { function g(a = b, b = 2) { return [a, b]; } return g(); });
t(() => { function g(a = b, b = 2) { return [a, b]; } return g(1); });
t(() => { function g(a = a) { return a; } return g(); });
t(() => { function g({ x } = { x: y }, y = 1) { return x; } return g(); });
t(() => { function g(a, b = a + 1, { c } = { c: b * 2 }, [d] = [c + 1]) { return [a, b, c, d]; } return g(1); });
t(() => { const h = (a = 1, b = a * 2) => a + b; return h(); });
t(() => { function g(a, b = () => a) { a = 5; return b(); } return g(1); });
t(() => { function g(x = 1) { var x; return x; } return g(); });
t(() => { function g(x = 1) { var x = 2; return x; } return g(); });
t(() => { function g(f = () => 'dflt') { function f() { return 'decl'; } return f(); } return g(); });
t(() => { const { 0: first, length, ...r } = 'xyz'; return [first, length, r]; });
