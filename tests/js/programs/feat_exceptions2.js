// More exception paths: throws from callbacks inside built-ins (forEach, map, sort),
// from getters and constructors, exceptions replaced in finally, return inside catch with
// finally, catch without a binding, errors without messages, nested rethrows, and a
// destructured catch parameter.
function attempt(label, fn) {
  try {
    const r = fn();
    console.log(label, "returned", r);
  } catch (e) {
    console.log(label, "threw", e instanceof Error ? e.name + ":" + e.message : e);
  }
}
attempt("forEach", () => [1, 2, 3].forEach((x) => {
  if (x === 2) throw new Error("in forEach " + x);
}));
attempt("map", () => [1, 2].map((x) => x.missing.deeper));
attempt("sort", () => [3, 1, 2].sort(() => {
  throw new RangeError("bad compare");
}));
const trap = {
  get boom() {
    throw new TypeError("getter");
  },
};
attempt("getter", () => trap.boom);
class Fragile {
  constructor(ok) {
    if (!ok) throw new Error("constructor refused");
    this.ok = ok;
  }
}
attempt("ctor", () => new Fragile(false));
attempt("ctor ok", () => new Fragile(true).ok);
attempt("replaced", () => {
  try {
    throw new Error("first");
  } finally {
    throw new Error("second");
  }
});
function catchReturn() {
  const log = [];
  try {
    try {
      throw new Error("x");
    } catch (e) {
      log.push("catch");
      return log;
    } finally {
      log.push("finally");
    }
  } finally {
    log.push("outer");
  }
}
console.log(catchReturn().join(","));
let noBinding = "";
try {
  null.f();
} catch {
  noBinding = "caught without binding";
}
console.log(noBinding);
const empty = new Error();
console.log(empty.message === "", String(empty), String(new TypeError()), new RangeError("r").name);
function level3() {
  throw new TypeError("deep");
}
function level2() {
  try {
    level3();
  } catch (e) {
    e.message += " +2";
    throw e;
  }
}
function level1() {
  try {
    level2();
  } catch (e) {
    throw new Error("wrapped: " + e.message);
  }
}
attempt("chain", level1);
try {
  throw new Error("destructure me");
} catch ({ name, message }) {
  console.log(name, message);
}
let count = 0;
for (let i = 0; i < 5; i++) {
  try {
    if (i % 2 === 0) continue;
    throw i;
  } catch (v) {
    count += v;
  } finally {
    count += 100;
  }
}
console.log("count", count);
