// A function's arguments object, where programs can tell it from an array: its
// prototype is Object.prototype (no array methods, not instanceof Array) in both VMs,
// in the interpreter and in compiled code (m runs hot), while its elements, length,
// spread and Array.prototype methods called on it read it as node does.
function g() { return arguments instanceof Array; }
console.log(g(1, 2));
function h() {
  try { return arguments.map((x) => x); } catch (e) { return e.constructor.name + ": " + e.message; }
}
console.log(h(1, 2));
function k() {
  console.log(arguments, Array.isArray(arguments), JSON.stringify(arguments), String(arguments));
  console.log(arguments.length, arguments[0], [...arguments], Array.prototype.slice.call(arguments, 1));
  console.log(Object.prototype.toString.call(arguments), typeof arguments, Object.keys(arguments));
  console.log(arguments instanceof Object, Object.getPrototypeOf(arguments) === Object.prototype);
  console.log(arguments.hasOwnProperty("0"), "length" in arguments, arguments.push, arguments.forEach);
  return Array.from(arguments).map((x) => x * 2);
}
for (let i = 0; i < 3; i++) console.log(k(i, i + 1, 3));
function m() {
  const a = arguments;
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j];
  return [s, a instanceof Array, typeof a.indexOf];
}
let t = 0;
for (let i = 0; i < 200; i++) t += m(i, 1, 2)[0];
console.log(t, m(), m(5));
