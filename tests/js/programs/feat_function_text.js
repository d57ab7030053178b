// Function.prototype.toString of JavaScript functions: their source text as node gives it
// (a method's from its key, a static one's past 'static', a class constructor's whole class,
// columns in UTF-16 units); the heap VM refused it and the Python VM printed
// 'function f() { [native code] }'
function add(a, b) { return a + b; }
const arrow = (x) => x * 2;
const obj = { method() { return 1; }, get g() { return 2; }, set g(v) {}, "quoted key"(a) { return a; }, [`comp${1}`]() {} };
class A {
  constructor(x) { this.x = x; }
  m() { return "m"; }
  static s(a, b) { return a; }
  get v() { return 1; }
  #p() {}
}
class B extends A {}
const fe = function named(q) {
  return q; // a comment
};
console.log(add.toString());
console.log(String(arrow), `${obj.method}`);
console.log(String(obj["quoted key"]), String(obj.comp1));
console.log(A.toString());
console.log(String(B), String(A.prototype.m), String(A.s));
console.log(fe.toString(), String(Math.max), String(function () {}), String(async => 1));
console.log(String(class {}), (() => {}).toString());
try { Function.prototype.toString.call({}); } catch (e) { console.log(e.name + ": " + e.message); }
console.log("é" + String((s = "é😀") => s));
