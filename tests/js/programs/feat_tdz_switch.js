// The temporal dead zone where a64js only knew it statically: a switch body's let/const/class
// used in a later case clause than its declaration (the switch may have jumped past it), a
// closure's store to a let/const of an outer scope before the declaration ran, and a store
// in the same scope before it (x = 1; let x), which a64js compiled as a plain move.
function msg(f) { try { return f(); } catch (e) { return e.constructor.name + ': ' + e.message; } }

function sw(v) {
  const out = [];
  switch (v) {
    case 0: let x = 'x0'; out.push(x);
    case 1: out.push(msg(() => x));
      try { out.push(x); } catch (e) { out.push(e.message); }
      try { x = 'set'; out.push(x); } catch (e) { out.push(e.message); }
      try { out.push(typeof x); } catch (e) { out.push(e.message); }
      break;
    case 2: { const g = () => y; out.push(msg(g)); }
    case 3: const y = 'y' + v; out.push(y); break;
    case 4: try { z++; } catch (e) { out.push(e.message); }
    default: class Z {} out.push(typeof Z);
    case 5: out.push(msg(() => new Z()));
      try { out.push(String(Z).slice(0, 5)); } catch (e) { out.push(e.message); }
  }
  let z = 0;
  return out.join(' | ');
}
for (let v = 0; v < 7; v++) console.log(v, sw(v));

// one clause: a let is initialized wherever it can be seen
function one(v) { switch (v) { default: let w = v * 2; return w; } }
console.log(one(21));

// hot: a switch with lets in a loop, each entry a fresh TDZ
let sum = 0, errs = 0;
for (let i = 0; i < 300; i++) {
  switch (i % 3) {
    case 0: let a = i;
    case 1: try { sum += a; } catch (e) { errs++; } break;
    case 2: sum += 1;
  }
}
console.log(sum, errs);

// closures' stores before the declaration ran
console.log(msg(() => { const g = () => { c = 1; }; g(); const c = 0; return c; }));
console.log(msg(() => { const c = 0; const g = () => { c = 1; }; g(); return c; }));
console.log(msg(() => { const g = () => { k = 5; }; let k = 1; g(); return k; }));
console.log(msg(() => { const g = () => { k++; }; let k = 1; g(); return k; }));
console.log(msg(() => { function g() { k = 5; } g(); let k = 1; return k; }));
console.log(msg(() => { function g() { k = 5; } let k = 1; g(); return k; }));
function outer() {
  function set(v) { late = v; }
  try { set(1); } catch (e) { console.log('set', e.message); }
  let late = 0;
  set(2);
  return late;
}
console.log(outer());

// stores in the same scope before the declaration (the right side runs first)
console.log(msg(() => { a = 1; let a; return a; }));
console.log(msg(() => { a++; let a = 0; return a; }));
console.log(msg(() => { ++a; let a = 0; return a; }));
console.log(msg(() => { a += 1; let a = 0; return a; }));
console.log(msg(() => { [a] = [1]; let a = 0; return a; }));
console.log(msg(() => { ({ a } = { a: 1 }); let a = 0; return a; }));
console.log(msg(() => { c = 1; const c = 0; return c; }));
let trace = '';
console.log(msg(() => { a = (trace += 'right side ran', 1); let a; return a; }), trace);
console.log(msg(() => { class Q extends (Q0 = 1, Object) {} let Q0; }));

// a store whose right side reads the name first was checked there; one that may not read
// it (in a branch, a nested function, an optional chain, a property key) checks itself
const o = { t: 1 };
console.log(msg(() => { const g = () => { t = o.t; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = { t: 2 }; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = true ? 1 : t; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = 1 || t; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = t + 1; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = (() => t)(); }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = o?.[t]; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t ??= 3; }; g(); let t = 0; return t; }));
console.log(msg(() => { const g = () => { t = `${t}`; }; g(); let t = 0; return t; }));
