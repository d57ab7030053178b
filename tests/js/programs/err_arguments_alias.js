// a64js-expect: exit=2 at=15:3 mentions=arguments
// Out of the subset: in sloppy-mode code a parameter and arguments[i] are one variable
// (node prints 11 below); a64js keeps them apart, so a function that assigns one and
// reads arguments (other than arguments.length) is rejected before anything runs.
// Strict functions, arrows and reads of arguments.length only are fine.
console.log("never printed by a64js");
function total() {
  let t = 0;
  for (let i = 0; i < arguments.length; i++) t += arguments[i];
  return t;
}
function withDefault(a, b) { if (b === undefined) b = 1; return a + b + arguments.length; }
function strictOne(a) { "use strict"; a = 10; return arguments[0]; }
function aliased(a, b) {
  a++;
  return arguments[0] + b;
}
console.log(total(1, 2), withDefault(1), strictOne(1), aliased(1, 9));
