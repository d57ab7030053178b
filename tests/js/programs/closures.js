// Closures and callbacks: counters sharing captured variables, function factories,
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// composition, callbacks through Array methods, closures captured per loop iteration.
function makeCounter(start, step) {
  let value = start;
  return {
    next() {
      value += step;
      return value;
    },
    reset: () => {
      value = start;
    },
    peek: function () {
      return value;
    },
  };
}

const c1 = makeCounter(0, 3);
const c2 = makeCounter(100, -1);
for (let i = 0; i < 5; i++) {
  c1.next();
  c2.next();
}
console.log("counters", c1.peek(), c2.peek());
c1.reset();
console.log("after reset", c1.peek(), c1.next());

const compose = (...fs) => (x) => {
  let v = x;
  for (let i = fs.length - 1; i >= 0; i--) v = fs[i](v);
  return v;
};
const add = (n) => (x) => x + n;
const mul = (n) => (x) => x * n;
const f = compose(add(1), mul(3), add(-2));
console.log("compose", f(10), [1, 2, 3].map(f).join(" "));

// Each let iteration gets its own binding; var shares one.
const lets = [];
for (let i = 0; i < 4; i++) lets.push(() => i * 10);
const vars = [];
for (var j = 0; j < 4; j++) vars.push(() => j * 10);
console.log("let", lets.map((g) => g()).join(","), "var", vars.map((g) => g()).join(","));

// Memoization with a closure over an object.
function memo(fn) {
  const cache = {};
  let misses = 0;
  const wrapped = (n) => {
    const key = "n" + n;
    if (key in cache) return cache[key];
    misses++;
    const v = fn(n);
    cache[key] = v;
    return v;
  };
  wrapped.misses = () => misses;
  return wrapped;
}
const slowSquare = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += n;
  return s;
};
const fast = memo(slowSquare);
let sq = 0;
for (let r = 0; r < 50; r++) for (let n = 0; n < 40; n++) sq += fast(n);
console.log("memo", sq, fast.misses());

// Callbacks: forEach, map, sort with comparator, a hand-written reduce and filter.
function reduce(arr, fn, init) {
  let acc = init;
  arr.forEach((x, i) => {
    acc = fn(acc, x, i);
  });
  return acc;
}
function filter(arr, pred) {
  const out = [];
  for (const x of arr) if (pred(x)) out.push(x);
  return out;
}
const nums = [];
for (let i = 0; i < 200; i++) nums.push((i * 37) % 101);
const evens = filter(nums, (x) => x % 2 === 0);
const sorted = evens.slice().sort((a, b) => a - b);
const desc = nums.slice().sort((a, b) => b - a);
console.log("filter", evens.length, sorted.slice(0, 6).join(","), desc.slice(0, 4).join(","));
console.log("reduce", reduce(nums, (a, x, i) => (a * 3 + x + i) % 100003, 7));

// An event emitter built on closures.
function emitter() {
  const handlers = {};
  return {
    on(name, h) {
      if (!(name in handlers)) handlers[name] = [];
      handlers[name].push(h);
    },
    emit(name, arg) {
      const hs = handlers[name];
      if (hs === undefined) return 0;
      for (const h of hs) h(arg);
      return hs.length;
    },
  };
}
const em = emitter();
let log = "";
let total = 0;
em.on("add", (x) => {
  total += x;
});
em.on("add", (x) => {
  log += "+" + x;
});
em.on("reset", () => {
  total = 0;
  log += "|";
});
let fired = 0;
for (let i = 1; i <= 30; i++) fired += em.emit(i % 10 === 0 ? "reset" : "add", i);
fired += em.emit("none", 0);
console.log("events", fired, total, log.length, log.substring(0, 20));

let acc = 0;
for (let round = 0; round < 300 * SCALE; round++) {
  const k = makeCounter(round, round % 5);
  for (let i = 0; i < 10; i++) acc = (acc + k.next()) % 1000003;
}
console.log("checksum", (acc + sq + total + fired) % 1000000007);
