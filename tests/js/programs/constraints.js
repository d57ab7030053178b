// A small finite-domain constraint solver: variables with domains, constraint objects of
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// several classes, arc-consistency propagation and backtracking search (an object graph).
class Variable {
  constructor(name, lo, hi) {
    this.name = name;
    this.domain = [];
    for (let v = lo; v <= hi; v++) this.domain.push(v);
    this.constraints = [];
  }
  get fixed() {
    return this.domain.length === 1;
  }
  get value() {
    return this.domain[0];
  }
}

class Constraint {
  constructor(vars) {
    this.vars = vars;
    for (const v of vars) v.constraints.push(this);
  }
  // Removes unsupported values from the domains; returns the changed variables or null on failure.
  revise() {
    const changed = [];
    for (const v of this.vars) {
      const keep = [];
      for (const x of v.domain) if (this.supported(v, x)) keep.push(x);
      if (keep.length === 0) return null;
      if (keep.length !== v.domain.length) {
        v.domain = keep;
        changed.push(v);
      }
    }
    return changed;
  }
}

class NotEqual extends Constraint {
  constructor(a, b) {
    super([a, b]);
  }
  supported(v, x) {
    const other = v === this.vars[0] ? this.vars[1] : this.vars[0];
    return !(other.fixed && other.value === x);
  }
}

class LessThan extends Constraint {
  constructor(a, b) {
    super([a, b]);
  }
  supported(v, x) {
    const [a, b] = this.vars;
    if (v === a) return x < b.domain[b.domain.length - 1];
    return x > a.domain[0];
  }
}

class SumEquals extends Constraint {
  constructor(vars, total) {
    super(vars);
    this.total = total;
  }
  supported(v, x) {
    let lo = x;
    let hi = x;
    for (const w of this.vars) {
      if (w === v) continue;
      lo += w.domain[0];
      hi += w.domain[w.domain.length - 1];
    }
    return lo <= this.total && this.total <= hi;
  }
}

class Solver {
  constructor(vars) {
    this.vars = vars;
    this.nodes = 0;
  }
  propagate(queue) {
    while (queue.length > 0) {
      const c = queue.pop();
      const changed = c.revise();
      if (changed === null) return false;
      for (const v of changed) for (const d of v.constraints) if (d !== c) queue.push(d);
    }
    return true;
  }
  snapshot() {
    return this.vars.map((v) => v.domain);
  }
  restore(saved) {
    this.vars.forEach((v, i) => {
      v.domain = saved[i];
    });
  }
  solve(onSolution) {
    this.nodes++;
    let pick = null;
    for (const v of this.vars) {
      if (!v.fixed && (pick === null || v.domain.length < pick.domain.length)) pick = v;
    }
    if (pick === null) {
      onSolution(this.vars.map((v) => v.value));
      return;
    }
    const saved = this.snapshot();
    for (const x of saved[this.vars.indexOf(pick)]) {
      pick.domain = [x];
      if (this.propagate(pick.constraints.slice())) this.solve(onSolution);
      this.restore(saved);
    }
  }
}

// Puzzle 1: reduced Latin squares: rows and columns all different, first row and column ordered.
function latin(n) {
  const cells = [];
  for (let r = 0; r < n; r++) {
    const row = [];
    for (let c = 0; c < n; c++) row.push(new Variable("c" + r + c, 1, n));
    cells.push(row);
  }
  const all = [];
  const constraints = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      all.push(cells[r][c]);
      for (let k = c + 1; k < n; k++) constraints.push(new NotEqual(cells[r][c], cells[r][k]));
      for (let k = r + 1; k < n; k++) constraints.push(new NotEqual(cells[r][c], cells[k][c]));
    }
  }
  for (let c = 0; c + 1 < n; c++) constraints.push(new LessThan(cells[0][c], cells[0][c + 1]));
  for (let r = 1; r + 1 < n; r++) constraints.push(new LessThan(cells[r][0], cells[r + 1][0]));
  return { all, constraints };
}

let count = 0;
let hash = 0;
let nodes = 0;
for (let rep = 0; rep < SCALE; rep++) {
  const { all, constraints } = latin(5);
  const solver = new Solver(all);
  if (solver.propagate(constraints.slice())) {
    solver.solve((values) => {
      count++;
      for (const v of values) hash = (hash * 7 + v) % 1000003;
    });
  }
  nodes += solver.nodes;
}
console.log("latin 5:", count, "solutions,", nodes, "nodes, hash", hash);

// Puzzle 2: pick increasing digits a<b<c<d with a sum, all different.
const digits = ["a", "b", "c", "d"].map((n) => new Variable(n, 0, 9));
const cs = [new SumEquals(digits, 20)];
for (let i = 0; i + 1 < digits.length; i++) cs.push(new LessThan(digits[i], digits[i + 1]));
const s2 = new Solver(digits);
const found = [];
if (s2.propagate(cs.slice())) s2.solve((values) => found.push(values.join("")));
console.log("sum 20:", found.length, found[0], found[found.length - 1], s2.nodes);
console.log("checksum", (hash + found.length * 1000 + nodes + s2.nodes) % 1000000007);
