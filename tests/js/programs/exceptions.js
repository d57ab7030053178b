// Exceptions across calls: throw through several frames, catch by type, finally ordering,
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// rethrow, errors from the runtime (TypeError/RangeError) caught by the program.
class ValidationError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "ValidationError";
    this.field = field;
  }
}

class DeepError extends ValidationError {
  constructor(depth) {
    super("depth", "too deep: " + depth);
    this.name = "DeepError";
    this.depth = depth;
  }
}

function descend(n, limit) {
  if (n === limit) throw new DeepError(n);
  return descend(n + 1, limit) + 1;
}

const events = [];
function guarded(n) {
  try {
    events.push("enter" + n);
    if (n % 3 === 0) throw new ValidationError("n", "multiple of three: " + n);
    if (n % 5 === 0) return descend(0, n);
    return n * 2;
  } catch (e) {
    if (e instanceof DeepError) {
      events.push("deep" + e.depth);
      throw e;
    }
    events.push("caught " + e.field);
    return -1;
  } finally {
    events.push("leave" + n);
  }
}

let sum = 0;
for (let i = 1; i <= 10; i++) {
  try {
    sum += guarded(i);
  } catch (e) {
    sum += 1000 * e.depth;
    console.log("outer caught", e.name, e.message, e instanceof ValidationError, e.field);
  }
}
console.log("sum", sum);
console.log(events.slice(0, 9).join(" "));

// finally runs on break, continue and return; its own return wins.
function finallyOrder() {
  const order = [];
  for (let i = 0; i < 4; i++) {
    try {
      if (i === 1) continue;
      if (i === 3) break;
      order.push("body" + i);
    } finally {
      order.push("fin" + i);
    }
  }
  return order.join(",");
}
console.log(finallyOrder());
function overriding() {
  try {
    return "try";
  } finally {
    // eslint-disable-next-line no-unsafe-finally
    return "finally";
  }
}
console.log(overriding());

// Runtime errors are ordinary exceptions.
const probes = [
  () => null.x,
  () => undefined.foo(),
  () => {
    const o = {};
    return o.missing();
  },
  () => new Array(-1),
  () => {
    throw "a string";
  },
  () => {
    throw 42;
  },
  () => {
    throw { code: 7 };
  },
];
for (const p of probes) {
  try {
    p();
    console.log("no error");
  } catch (e) {
    if (e instanceof Error) {
      console.log(e.name, e.constructor === TypeError, e instanceof TypeError, e instanceof RangeError);
    } else {
      console.log("thrown", typeof e, typeof e === "object" ? e.code : e);
    }
  }
}

// Error objects carry name, message and constructor.
const errs = [new Error("plain"), new TypeError("tt"), new RangeError("rr"), new ValidationError("f", "vv")];
for (const e of errs) console.log(e.name + ": " + e.message, e.constructor === Error, String(e));

// Exceptions in a loop: cost of throwing many times.
let caught = 0;
for (let i = 0; i < 3000 * SCALE; i++) {
  try {
    if (i % 2) throw new RangeError("odd " + i);
    caught += 2;
  } catch (e) {
    caught += e.message.length;
  } finally {
    caught++;
  }
}
console.log("checksum", (sum * 100000 + caught) % 1000000007);
