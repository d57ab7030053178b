// A JSON parser and printer written over strings (charAt/charCodeAt/substring), then a checksum
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// over a generated document that is printed, parsed back and walked.
class ParseError extends Error {
  constructor(message, pos) {
    super(message + " at " + pos);
    this.name = "ParseError";
    this.pos = pos;
  }
}

class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }
  fail(msg) {
    throw new ParseError(msg, this.pos);
  }
  skip() {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else return;
    }
  }
  expect(ch) {
    if (this.text.charAt(this.pos) !== ch) this.fail("expected '" + ch + "'");
    this.pos++;
  }
  value() {
    this.skip();
    const c = this.text.charAt(this.pos);
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.word("true", true);
      case "f":
        return this.word("false", false);
      case "n":
        return this.word("null", null);
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.number();
        this.fail(c === "" ? "unexpected end" : "unexpected '" + c + "'");
    }
  }
  word(w, v) {
    if (this.text.substring(this.pos, this.pos + w.length) !== w) this.fail("bad literal");
    this.pos += w.length;
    return v;
  }
  number() {
    const start = this.pos;
    if (this.text.charAt(this.pos) === "-") this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos);
      if ((c >= "0" && c <= "9") || c === "." || c === "e" || c === "E" || c === "+" || c === "-") {
        this.pos++;
      } else {
        break;
      }
    }
    return parseFloat(this.text.substring(start, this.pos));
  }
  string() {
    this.expect('"');
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string");
      const c = this.text.charAt(this.pos++);
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.text.charAt(this.pos++);
      if (e === "n") out += "\n";
      else if (e === "t") out += "\t";
      else if (e === "u") {
        out += String.fromCharCode(parseInt(this.text.substring(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else out += e;
    }
  }
  array() {
    this.expect("[");
    const out = [];
    this.skip();
    if (this.text.charAt(this.pos) === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skip();
      if (this.text.charAt(this.pos) === ",") {
        this.pos++;
        continue;
      }
      this.expect("]");
      return out;
    }
  }
  object() {
    this.expect("{");
    const out = {};
    this.skip();
    if (this.text.charAt(this.pos) === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skip();
      const key = this.string();
      this.skip();
      this.expect(":");
      out[key] = this.value();
      this.skip();
      if (this.text.charAt(this.pos) === ",") {
        this.pos++;
        continue;
      }
      this.expect("}");
      return out;
    }
  }
}

function parse(text) {
  const p = new Parser(text);
  const v = p.value();
  p.skip();
  if (p.pos !== text.length) p.fail("trailing characters");
  return v;
}

function quote(s) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else out += c;
  }
  return out + '"';
}

function stringify(v) {
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return "[" + v.map(stringify).join(",") + "]";
  const keys = Object.keys(v);
  return "{" + keys.map((k) => quote(k) + ":" + stringify(v[k])).join(",") + "}";
}

function generate(depth, seed) {
  const kind = seed % 5;
  if (depth === 0 || kind === 0) return (seed % 1000) / 8 - 40;
  if (kind === 1) return "s" + seed + (seed % 3 === 0 ? ' "q"\n' : "");
  if (kind === 2) {
    const arr = [];
    for (let i = 0; i < 4; i++) arr.push(generate(depth - 1, (seed * 31 + i * 7) % 10007));
    return arr;
  }
  if (kind === 3) return seed % 2 === 0 ? true : null;
  const obj = {};
  for (let i = 0; i < 3; i++) obj["k" + i + "_" + (seed % 13)] = generate(depth - 1, (seed * 17 + i) % 10007);
  return obj;
}

function walk(v) {
  if (v === null) return 1;
  if (typeof v === "number") return Math.floor(v * 8) + 7;
  if (typeof v === "boolean") return v ? 3 : 5;
  if (typeof v === "string") {
    let h = v.length;
    for (let i = 0; i < v.length; i++) h = (h * 31 + v.charCodeAt(i)) % 1000003;
    return h;
  }
  let h = Array.isArray(v) ? 11 : 13;
  if (Array.isArray(v)) for (const x of v) h = (h * 7 + walk(x)) % 1000003;
  else for (const k of Object.keys(v)) h = (h * 7 + walk(k) + walk(v[k])) % 1000003;
  return h;
}

let checksum = 0;
let chars = 0;
for (let seed = 1; seed <= 20 * SCALE; seed++) {
  const doc = { id: seed, items: generate(5, seed * 104 + 4), tag: "t\u00e9\\" + seed };
  const text = stringify(doc);
  chars += text.length;
  const back = parse(text);
  if (stringify(back) !== text) console.log("round trip failed for", seed);
  checksum = (checksum * 3 + walk(back)) % 1000000007;
}
console.log("chars", chars);
console.log(stringify(parse(' { "a" : [1, 2.5, -3e2, "x\\u0041y"], "b": {"c": null, "d": [true, false]} } ')));
for (const bad of ["[1, 2", '{"a" 1}', "tru", "[1,]x", '"abc']) {
  try {
    parse(bad);
    console.log("parsed?", bad);
  } catch (e) {
    console.log(e.name, e.message, e instanceof ParseError, e instanceof Error);
  }
}
console.log("checksum", checksum);
