// An interpreter for a tiny expression language, written with classes: a tokenizer over
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// charCodeAt, a recursive-descent parser building AST node objects, and an evaluator with
// closures over linked environments (polymorphic eval() on many node classes).
class Token {
  constructor(kind, text) {
    this.kind = kind;
    this.text = text;
  }
}

function tokenize(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 10) {
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < src.length && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
      out.push(new Token("num", src.substring(i, j)));
      i = j;
    } else if ((c >= 97 && c <= 122) || c === 95) {
      let j = i;
      while (j < src.length) {
        const d = src.charCodeAt(j);
        if ((d >= 97 && d <= 122) || d === 95 || (d >= 48 && d <= 57)) j++;
        else break;
      }
      const word = src.substring(i, j);
      const kw = word === "let" || word === "in" || word === "if" || word === "then" || word === "else" || word === "fn";
      out.push(new Token(kw ? word : "id", word));
      i = j;
    } else {
      const two = src.substring(i, i + 2);
      if (two === "==" || two === "<=" || two === "->") {
        out.push(new Token(two, two));
        i += 2;
      } else {
        out.push(new Token(src.charAt(i), src.charAt(i)));
        i++;
      }
    }
  }
  out.push(new Token("eof", ""));
  return out;
}

class Num {
  constructor(v) {
    this.v = v;
  }
  eval() {
    return this.v;
  }
}
class Var {
  constructor(name) {
    this.name = name;
  }
  eval(env) {
    for (let e = env; e !== null; e = e.next) if (e.name === this.name) return e.value;
    throw new ReferenceError("unbound " + this.name);
  }
}
class BinOp {
  constructor(op, left, right) {
    this.op = op;
    this.left = left;
    this.right = right;
  }
  eval(env) {
    const a = this.left.eval(env);
    const b = this.right.eval(env);
    switch (this.op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return Math.trunc(a / b);
      case "%":
        return a % b;
      case "<":
        return a < b ? 1 : 0;
      case "<=":
        return a <= b ? 1 : 0;
      case "==":
        return a === b ? 1 : 0;
    }
    throw new Error("bad operator " + this.op);
  }
}
class Let {
  constructor(name, init, body) {
    this.name = name;
    this.init = init;
    this.body = body;
  }
  eval(env) {
    // The binding is visible in its own initializer, so functions can recurse.
    const frame = { name: this.name, value: undefined, next: env };
    frame.value = this.init.eval(frame);
    return this.body.eval(frame);
  }
}
class If {
  constructor(cond, yes, no) {
    this.cond = cond;
    this.yes = yes;
    this.no = no;
  }
  eval(env) {
    return this.cond.eval(env) !== 0 ? this.yes.eval(env) : this.no.eval(env);
  }
}
class Fn {
  constructor(param, body) {
    this.param = param;
    this.body = body;
  }
  eval(env) {
    return new Closure(this, env);
  }
}
class Closure {
  constructor(fn, env) {
    this.fn = fn;
    this.env = env;
  }
  apply(arg) {
    return this.fn.body.eval({ name: this.fn.param, value: arg, next: this.env });
  }
}
class Call {
  constructor(callee, arg) {
    this.callee = callee;
    this.arg = arg;
  }
  eval(env) {
    const f = this.callee.eval(env);
    if (!(f instanceof Closure)) throw new TypeError("not a function: " + f);
    return f.apply(this.arg.eval(env));
  }
}

class Parser {
  constructor(tokens) {
    this.tokens = tokens;
    this.pos = 0;
  }
  peek() {
    return this.tokens[this.pos].kind;
  }
  take(kind) {
    const t = this.tokens[this.pos];
    if (t.kind !== kind) throw new SyntaxError("expected " + kind + " got " + t.kind);
    this.pos++;
    return t;
  }
  expr() {
    const k = this.peek();
    if (k === "let") {
      this.take("let");
      const name = this.take("id").text;
      this.take("=");
      const init = this.expr();
      this.take("in");
      return new Let(name, init, this.expr());
    }
    if (k === "if") {
      this.take("if");
      const c = this.expr();
      this.take("then");
      const y = this.expr();
      this.take("else");
      return new If(c, y, this.expr());
    }
    if (k === "fn") {
      this.take("fn");
      const p = this.take("id").text;
      this.take("->");
      return new Fn(p, this.expr());
    }
    return this.compare();
  }
  compare() {
    const left = this.sum();
    const k = this.peek();
    if (k === "<" || k === "<=" || k === "==") {
      this.pos++;
      return new BinOp(k, left, this.sum());
    }
    return left;
  }
  sum() {
    let left = this.product();
    while (this.peek() === "+" || this.peek() === "-") {
      const op = this.tokens[this.pos++].kind;
      left = new BinOp(op, left, this.product());
    }
    return left;
  }
  product() {
    let left = this.call();
    while (this.peek() === "*" || this.peek() === "/" || this.peek() === "%") {
      const op = this.tokens[this.pos++].kind;
      left = new BinOp(op, left, this.call());
    }
    return left;
  }
  call() {
    let f = this.atom();
    while (this.peek() === "(") {
      this.take("(");
      const arg = this.expr();
      this.take(")");
      f = new Call(f, arg);
    }
    return f;
  }
  atom() {
    const t = this.tokens[this.pos];
    if (t.kind === "num") {
      this.pos++;
      return new Num(parseInt(t.text));
    }
    if (t.kind === "id") {
      this.pos++;
      return new Var(t.text);
    }
    this.take("(");
    const e = this.expr();
    this.take(")");
    return e;
  }
}

function run(src) {
  const p = new Parser(tokenize(src));
  const ast = p.expr();
  p.take("eof");
  return ast.eval(null);
}

const programs = [
  "1 + 2 * 3 - 4 / 2",
  "let fact = fn n -> if n <= 1 then 1 else n * fact(n - 1) in fact(10)",
  "let fib = fn n -> if n < 2 then n else fib(n - 1) + fib(n - 2) in fib(15)",
  "let add = fn a -> fn b -> a + b in let inc = add(1) in inc(inc(40))",
  "let gcd = fn a -> fn b -> if b == 0 then a else gcd(b)(a % b) in gcd(1071)(462)",
  "let sum = fn n -> if n == 0 then 0 else n + sum(n - 1) in sum(150)",
  "let twice = fn f -> fn x -> f(f(x)) in twice(twice(fn x -> x * 2))(3)",
  "let collatz = fn n -> if n == 1 then 0 else 1 + collatz(if n % 2 == 0 then n / 2 else 3 * n + 1) in collatz(27)",
];
let checksum = 0;
for (let rep = 0; rep < SCALE; rep++) {
  for (const src of programs) {
    const v = run(src);
    if (rep === 0) console.log(v);
    checksum = (checksum * 31 + v) % 1000000007;
  }
}
for (const bad of ["1 +", "let x = 1 x", "y + 1", "3(4)", "(1 + 2"]) {
  try {
    console.log("value", run(bad));
  } catch (e) {
    console.log(e.name + ": " + e.message);
  }
}
console.log("checksum", checksum);
