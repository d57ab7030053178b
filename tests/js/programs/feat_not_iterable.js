// Iterating a value that is never iterable (undefined, null, a number, a boolean) in
// destructuring, for-of and spread throws node's TypeError, which programs can catch.
for (const v of [undefined, null, 5, true, 1.5]) {
  try { const [q] = v; console.log("no throw", q); } catch (e) { console.log(e instanceof TypeError, e.name); }
  try { for (const x of v) console.log(x); } catch (e) { console.log(e instanceof TypeError); }
  try { console.log([...v]); } catch (e) { console.log(e instanceof TypeError); }
  try { Math.max(...v); } catch (e) { console.log(e instanceof TypeError); }
}
function f([a, b] = [1, 2]) { return a + b; }
console.log(f(), f([3, 4]));
try { f(null); } catch (e) { console.log(e.name); }
try { const [q] = undefined; } catch (e) { console.log(e.message); }
try { const [q] = null; } catch (e) { console.log(e.message); }
const [last] = null;
