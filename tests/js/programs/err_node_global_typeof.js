// a64js-expect: exit=2 at=6:10 mentions=node's built-in setTimeout
// Out of the subset: a typeof test of a node global a64js lacks is refused too (node
// prints "timers"; a64js printed "no timers", a different path taken silently).
console.log("never printed by a64js");
const hasTimers =
  typeof setTimeout === "function";
console.log(hasTimers ? "timers" : "no timers");
