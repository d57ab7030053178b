// a64js's require("assert") (both VMs): node's assert functions and AssertionError, in
// the JavaScript subset a64js runs. Messages are node 20's for the forms a test program
// meets (two values on a line each, objects compared line by line as node's inspect
// writes them with compact: false and sorted keys).
"use strict";

const util = require("util");

const OPERATOR_TEXT = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: "Expected values to be loosely deep-equal:",
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: "Values identical but not reference-equal:",
  sameStructure: "Values have same structure but are not reference-equal:",
  notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
};
// two values printed as "a !== b" when their texts together are at most this long
const SHORT = 12;

function show(v) {
  return util.inspect(v, {
    compact: false, sorted: true, depth: 1000, breakLength: Infinity,
    maxArrayLength: Infinity,
  });
}

function isObject(v) {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}

// node's "+ actual - expected" view: the two texts compared line by line
function diffMessage(actual, expected, operator) {
  const actualText = show(actual);
  const a = actualText.split("\n");
  const e = show(expected).split("\n");
  if (operator === "strictEqual" && ((isObject(actual) && isObject(expected)))) {
    operator = "strictEqualObject";
  }
  let mark = "";
  if (a.length === 1 && e.length === 1 && a[0] !== e[0]) {
    const both = a[0].length + e[0].length;
    if (both <= SHORT) {
      if (!isObject(actual) && !isObject(expected) && (actual !== 0 || expected !== 0)) {
        return `${OPERATOR_TEXT[operator]}\n\n${a[0]} !== ${e[0]}\n`;
      }
    } else if (operator !== "strictEqualObject" && both < 80) {
      let k = 0;
      while (a[0][k] === e[0][k]) k++;
      if (k > 2) mark = `\n  ${" ".repeat(k)}^`;
    }
  }
  // the lines both end with (up to three shown after the differences)
  let tail = "";
  let same = 0;
  let hidden = "";
  while (a.length && e.length && a[a.length - 1] === e[e.length - 1]) {
    const line = a.pop();
    e.pop();
    if (same++ < 3) tail = `\n  ${line}${tail}`;
    else hidden = line;
  }
  const rows = Math.max(a.length, e.length);
  if (rows === 0) {
    let lines = actualText.split("\n");
    if (lines.length > 50) lines = lines.slice(0, 46).concat(["..."]);
    const text = operator === "strictEqualObject" ? OPERATOR_TEXT.sameStructure
      : OPERATOR_TEXT.notIdentical;
    return `${text}\n\n${lines.join("\n")}\n`;
  }
  let skipped = false;
  if (same >= 5) {
    tail = `\n...${tail}`;
    skipped = true;
  }
  if (hidden !== "") tail = `\n  ${hidden}${tail}`;
  let out = "";
  let pending = ""; // the expected side of the lines that differ, shown after them
  let run = 0; // identical lines since the last difference
  let printed = 0;
  const longer = a.length >= e.length ? a : e;
  const shorter = longer === a ? e.length : a.length;
  const context = (lines, at) => {
    // the identical lines before a difference: two, three, or "..." and the last two
    if (run > 2) {
      if (run > 3) {
        if (run > 4) {
          if (run === 5) {
            out += `\n  ${lines[at - 3]}`;
            printed++;
          } else {
            out += "\n...";
            skipped = true;
          }
        }
        out += `\n  ${lines[at - 2]}`;
        printed++;
      }
      out += `\n  ${lines[at - 1]}`;
      printed++;
    }
    run = 0;
  };
  for (let i = 0; i < rows; i++) {
    if (i >= shorter) {
      context(longer, i);
      if (longer === a) out += `\n+ ${a[i]}`;
      else pending += `\n- ${e[i]}`;
      printed++;
    } else {
      const el = e[i];
      let al = a[i];
      let differ = al !== el && (!al.endsWith(",") || al.slice(0, -1) !== el);
      if (differ && el.endsWith(",") && el.slice(0, -1) === al) {
        differ = false;
        al += ",";
      }
      if (differ) {
        context(a, i);
        out += `\n+ ${al}`;
        pending += `\n- ${el}`;
        printed += 2;
      } else {
        out += pending;
        pending = "";
        run++;
        if (run <= 2) {
          out += `\n  ${al}`;
          printed++;
        }
      }
    }
    if (printed > 50 && i < rows - 2) {
      return `${OPERATOR_TEXT[operator]}\n+ actual - expected ... Lines skipped\n` +
        `${out}\n...${pending}\n...`;
    }
  }
  return `${OPERATOR_TEXT[operator]}\n+ actual - expected` +
    `${skipped ? " ... Lines skipped" : ""}\n${out}${pending}${tail}${mark}`;
}

function notMessage(actual, operator) {
  let lines = show(actual).split("\n");
  if (operator === "notStrictEqual" && isObject(actual)) operator = "notStrictEqualObject";
  if (lines.length > 50) lines = lines.slice(0, 46).concat(["..."]);
  if (lines.length === 1) return `${OPERATOR_TEXT[operator]} ${lines[0]}`;
  return `${OPERATOR_TEXT[operator]}\n\n${lines.join("\n")}\n`;
}

class AssertionError extends Error {
  constructor(options) {
    const { actual, expected, operator } = options;
    let message = options.message;
    const generated = message === undefined;
    if (generated) {
      if (operator === "deepStrictEqual" || operator === "strictEqual") {
        message = diffMessage(actual, expected, operator);
      } else if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") {
        message = notMessage(actual, operator);
      } else if (operator === "deepEqual") {
        message = `${OPERATOR_TEXT.deepEqual}\n\n${show(actual)}\n\nshould loosely ` +
          `deep-equal\n\n${show(expected)}`;
      } else if (operator === "notDeepEqual") {
        message = `${OPERATOR_TEXT.notDeepEqualUnequal}\n\n${show(actual)}\n\nshould not ` +
          `loosely deep-equal\n\n${show(expected)}`;
      } else {
        message = `${show(actual)} ${operator} ${show(expected)}`;
      }
    } else if (message instanceof Error) {
      throw message;
    }
    super(String(message));
    this.generatedMessage = generated;
    this.code = "ERR_ASSERTION";
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    // node's stack (and so its report of an uncaught one) names the code too
    Object.defineProperty(this, "name", {
      value: "AssertionError [ERR_ASSERTION]", enumerable: false, writable: true,
      configurable: true,
    });
    this.stack; // eslint-disable-line no-unused-expressions
    this.name = "AssertionError";
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

function fail(actual, expected, message, operator) {
  throw new AssertionError({ actual, expected, message, operator });
}

// node's message for a custom message beside two short values that differ strictly
function withValues(message, actual, expected) {
  if (message === undefined || message instanceof Error) return message;
  const a = show(actual);
  const e = show(expected);
  if (a.indexOf("\n") < 0 && e.indexOf("\n") < 0 && a.length + e.length <= SHORT &&
      !isObject(actual) && !isObject(expected)) {
    return `${message}\n\n${a} !== ${e}\n`;
  }
  return message;
}

function ok(...args) {
  if (args.length === 0) {
    fail(undefined, true, "No value argument passed to `assert.ok()`", "==");
  }
  if (!args[0]) {
    let message = args[1];
    if (message === undefined) {
      message = "The expression evaluated to a falsy value";
    }
    const e = new AssertionError({ actual: args[0], expected: true, message, operator: "==" });
    e.generatedMessage = args[1] === undefined;
    throw e;
  }
}

function isDeepEqual(a, b, strict, seen) {
  if (strict ? Object.is(a, b) : a == b) return true; // eslint-disable-line eqeqeq
  if (!isObject(a) || !isObject(b)) {
    if (strict) return false;
    // loosely: NaN equals NaN, other primitives by ==
    return a !== a && b !== b; // eslint-disable-line no-self-compare
  }
  if (typeof a === "function" || typeof b === "function") return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  for (const [x, y] of seen) {
    if (x === a && y === b) return true;
  }
  seen.push([a, b]);
  if (Array.isArray(a) && a.length !== b.length) return false;
  if (a instanceof Error && b instanceof Error &&
      (a.message !== b.message || a.name !== b.name)) {
    return false;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!isDeepEqual(a[k], b[k], strict, seen)) return false;
  }
  seen.pop();
  return true;
}

function errorName(v) {
  if (typeof v === "function") return v.name;
  return isObject(v) && v.constructor ? v.constructor.name : typeof v;
}

// assert.throws' check of the error thrown against ``expected`` (a class, an object of
// properties, or a validation function)
function checkError(actual, expected, message) {
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (expected === Error || expected.prototype instanceof Error) {
      const got = errorName(actual);
      let text = message;
      if (text === undefined) {
        text = `The error is expected to be an instance of "${expected.name}". Received ` +
          `"${got}"`;
        if (isObject(actual) && "message" in actual) {
          text += `\n\nError message:\n\n${actual.message}`;
        }
      }
      const e = new AssertionError({ actual, expected, message: text, operator: "throws" });
      e.generatedMessage = message === undefined;
      throw e;
    }
    if (expected.prototype !== undefined && expected.prototype === Object.getPrototypeOf(
      actual)) {
      return;
    }
    const res = expected.call({}, actual);
    if (res !== true) {
      const text = message !== undefined ? message : "The " +
        `${expected.name ? `"${expected.name}" ` : ""}validation function is expected ` +
        `to return "true". Received ${show(res)}` +
        (isObject(actual) && "message" in actual
          ? `\n\nCaught error:\n\n${actual}` : "");
      const e = new AssertionError({ actual, expected, message: text, operator: "throws" });
      e.generatedMessage = message === undefined;
      throw e;
    }
    return;
  }
  if (isObject(expected)) {
    for (const k of Object.keys(expected)) {
      if (!isObject(actual) || !isDeepEqual(actual[k], expected[k], true, [])) {
        // node compares the keys given as a "Comparison" object
        const a = {};
        const e = {};
        for (const key of Object.keys(expected)) {
          if (isObject(actual) && key in actual) a[key] = actual[key];
          e[key] = expected[key];
        }
        const text = message !== undefined ? message
          : diffMessage(a, e, "deepStrictEqual").replace("\n  {\n", "\n  Comparison {\n");
        const err = new AssertionError({ actual, expected, message: text,
          operator: "throws" });
        err.generatedMessage = message === undefined;
        throw err;
      }
    }
  }
}

// how node's ERR_INVALID_ARG_TYPE names the value it received
function received(v) {
  if (v === undefined || v === null) return String(v);
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v === "object") {
    return v.constructor && v.constructor.name ? `an instance of ${v.constructor.name}`
      : show(v);
  }
  let text = show(v);
  if (text.length > 28) text = `${text.slice(0, 25)}...`;
  return `type ${typeof v} (${text})`;
}

function getThrown(fn, name) {
  if (typeof fn !== "function") {
    const e = new TypeError(`The "fn" argument must be of type function. Received ${
      received(fn)}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    throw e;
  }
  try {
    fn();
  } catch (e) {
    return { error: e };
  }
  return name;
}

const assert = function assert(...args) {
  ok(...args);
};

Object.assign(assert, {
  AssertionError,
  ok,
  fail(message) {
    if (message instanceof Error) throw message;
    const e = new AssertionError({ message: message === undefined ? "Failed" : message,
      operator: "fail" });
    e.generatedMessage = message === undefined;
    throw e;
  },
  equal(actual, expected, message) {
    // (== and both NaN)
    if (!(actual == expected || (actual !== actual && expected !== expected))) { // eslint-disable-line
      fail(actual, expected, message, "==");
    }
  },
  notEqual(actual, expected, message) {
    if (actual == expected || (actual !== actual && expected !== expected)) { // eslint-disable-line
      fail(actual, expected, message, "!=");
    }
  },
  strictEqual(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      fail(actual, expected, withValues(message, actual, expected), "strictEqual");
    }
  },
  notStrictEqual(actual, expected, message) {
    if (Object.is(actual, expected)) fail(actual, expected, message, "notStrictEqual");
  },
  deepStrictEqual(actual, expected, message) {
    if (!isDeepEqual(actual, expected, true, [])) {
      fail(actual, expected, message, "deepStrictEqual");
    }
  },
  notDeepStrictEqual(actual, expected, message) {
    if (isDeepEqual(actual, expected, true, [])) {
      fail(actual, expected, message, "notDeepStrictEqual");
    }
  },
  deepEqual(actual, expected, message) {
    if (!isDeepEqual(actual, expected, false, [])) {
      fail(actual, expected, message, "deepEqual");
    }
  },
  notDeepEqual(actual, expected, message) {
    if (isDeepEqual(actual, expected, false, [])) {
      fail(actual, expected, message, "notDeepEqual");
    }
  },
  ifError(value) {
    if (value === null || value === undefined) return;
    let text = "ifError got unwanted exception: ";
    text += isObject(value) && typeof value.message === "string"
      ? (value.message.length === 0 && value.constructor
        ? value.constructor.name : value.message)
      : show(value);
    const e = new AssertionError({ actual: value, expected: null, message: text,
      operator: "ifError" });
    e.generatedMessage = false;
    throw e;
  },
  throws(fn, expected, message) {
    if (typeof expected === "string") {
      message = expected;
      expected = undefined;
    }
    const got = getThrown(fn, null);
    if (got === null) {
      let text = "Missing expected exception";
      if (typeof expected === "function" && expected.name) text += ` (${expected.name})`;
      text += message !== undefined ? `: ${message}` : ".";
      const e = new AssertionError({ actual: undefined, expected, message: text,
        operator: "throws" });
      e.generatedMessage = false;
      throw e;
    }
    if (expected !== undefined) checkError(got.error, expected, message);
  },
  doesNotThrow(fn, expected, message) {
    if (typeof expected === "string") {
      message = expected;
      expected = undefined;
    }
    const got = getThrown(fn, null);
    if (got === null) return;
    if (typeof expected === "function" && !(got.error instanceof expected)) throw got.error;
    const detail = isObject(got.error) && "message" in got.error
      ? got.error.message : String(got.error);
    const text = `Got unwanted exception${message !== undefined ? `: ${message}` : "."}\n` +
      `Actual message: "${detail}"`;
    const e = new AssertionError({ actual: got.error, expected, message: text,
      operator: "doesNotThrow" });
    e.generatedMessage = false;
    throw e;
  },
});
// assert.strict: the same with equal, deepEqual and their negations strict
const strict = function strict(...args) {
  ok(...args);
};
Object.assign(strict, assert, {
  equal: assert.strictEqual,
  notEqual: assert.notStrictEqual,
  deepEqual: assert.deepStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
