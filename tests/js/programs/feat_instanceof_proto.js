// instanceof needs the function's prototype to be an object (after a primitive left side)
function tryIt(f) { try { return String(f()); } catch (e) { return e.constructor.name + ": " + e.message; } }
const arrow = () => 1;
function F() {}
F.prototype = 5;
class C {}
for (let i = 0; i < 3; i++) {
  console.log(tryIt(() => ({}) instanceof arrow), tryIt(() => 1 instanceof arrow),
              tryIt(() => ({}) instanceof F), tryIt(() => new C() instanceof C),
              tryIt(() => ({}) instanceof Math.max));
}
function G() {}
G.prototype = "s";
console.log(tryIt(() => ({}) instanceof G), tryIt(() => "x" instanceof G));
