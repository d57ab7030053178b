// A variable's value read before an expression that assigns it is the value node uses: the
// target of a[i] = i = 1, o.v = (o = other, 1) and o[k] += ..., the left side of
// x += (x = 5) and s += s += 'b' (a64js read the variable's register after the assignment).
function t(f) { try { console.log(f()); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
t(() => { const a = [1, 2]; let i = 0; a[i] = i = 1; return [a, i]; });
t(() => { let x = 1; x += (x = 5); return x; });
t(() => { let s = 'a'; s += s += 'b'; return s; });
t(() => { let x = 2; x *= x++ + x; return x; });
t(() => { let o = { v: 1 }; const first = o; o.v = (o = { v: 2 }, 3); return [first, o]; });
t(() => { let o = { v: 1 }; const first = o; o.v += (o = { v: 10 }, 3); return [first, o]; });
t(() => { let o = { v: 1 }; const first = o; o['v'] += (o = { v: 10 }, 3); return [first, o]; });
t(() => { const a = [0, 0]; let i = 0; a[i] += (i = 1, 5); return [a, i]; });
t(() => { let x = 1; return x + (x = 5); });
t(() => { let x = 1; return [x, x = 2, x]; });
t(() => { let x = 1; return { a: x, b: x = 2, c: x }; });
t(() => { let x = 1; return `${x}${x = 2}${x}`; });
t(() => { let x = 1; const f = (...a) => a; return f(x, x = 2, x); });
t(() => { let x = 1; return x < (x = 0); });
t(() => { let x = 1; return x === (x = 2) ? 'eq' : 'ne'; });
t(() => { let x = 'a'; return x + (x += 'b') + x; });
t(() => { let x = 1; let y = x++ + x++ * x--; return [x, y]; });
t(() => { let o = { n: 1 }; let k = 'n'; o[k] ||= (k = 'm', 7); return [o, k]; });
t(() => { let x = 0; x ||= (x = 3) + 1; return x; });
t(() => { let x = 1; let y = (x = 2) + x; return [x, y]; });
t(() => { let a = 1, b = 2; [a, b] = [b, a]; return [a, b]; });
t(() => { let x = 1; x = x + (x = 3) * x; return x; });
t(() => { let x = 5; return x - (x = 2) - x; });
