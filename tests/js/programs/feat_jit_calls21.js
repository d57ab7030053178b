// direct calls after session 21's changes (jit/t_calls.py): string constants that no
// code reads from their slot (property names) are stored as undefined by the direct
// entry; strings a LoadK copies, strings a typeof may return and register operands
// still loaded; the result of a direct call read from a register (every status-0
// exit: Return, the return of slot 0, a generic or bailed-out Return); the depth word
// counted once a call; the caller's fp from x19. Collections inside callees (the
// strings move), deep recursion to RangeError, constructors, methods.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  norm1() {
    return Math.abs(this.x) + Math.abs(this.y);
  }
  label() {
    return "P(" + this.x + "," + this.y + ")";
  }
}

function names(o) {
  // property names only (k operands): no slot read
  return o.alpha + o.beta * 2 + o.gamma.length;
}

function loaded(n) {
  // a string copied by LoadK, after allocations that collect
  let junk = [];
  for (let i = 0; i < n; i++) junk.push({ v: i, s: "item" + i });
  const tag = "tag-after-gc";
  return tag + ":" + junk.length + ":" + junk[n - 1].s;
}

function kind(v) {
  return typeof v;
}

function kindIs(v) {
  return typeof v === "string" ? "str" : typeof v === "number" ? "num" : "other";
}

function nothing(a) {
  if (a > 1) return;
  return a;
}

function viaThrow(a) {
  try {
    if (a % 3 === 0) throw new Error("e" + a);
    return a * 2;
  } catch (e) {
    return e.message;
  }
}

function depth(n) {
  return n === 0 ? 0 : 1 + depth(n - 1);
}

function runaway(n) {
  return runaway(n + 1) + 1;
}

function deep(n) {
  try {
    return runaway(n);
  } catch (e) {
    return e instanceof RangeError ? "RangeError" : "other " + e;
  }
}

function keyed(i) {
  // a class expression: DefineMethod with a constant key inside a direct-called function
  const C = class {
    get() {
      return i;
    }
    twice() {
      return this.get() * 2;
    }
  };
  return new C().twice();
}

function mixed(a, b) {
  // a string constant as a register operand (an Add of a constant) and as a name
  return (a + "-mid-" + b).length + { q: 1 }.q;
}

let out = [];
let sum = 0;
for (let r = 0; r < 40; r++) {
  const p = new Point(r, -r);
  sum += p.norm1();
  if (r % 13 === 0) out.push(p.label());
  sum += names({ alpha: r, beta: 1, gamma: "abc" });
  if (r % 10 === 0) out.push(loaded(200 + r));
  out.push(kind(r % 2 ? "s" : r));
  out.push(kindIs(r % 3 ? r : "x"));
  out.push(String(nothing(r % 3)));
  out.push(String(viaThrow(r)));
  sum += depth(r * 5);
  sum += keyed(r);
  sum += mixed(r, r * 2);
}
console.log(sum);
console.log(out.join(" "));
console.log(depth(3000));
console.log(deep(0));
