// CommonJS modules: require with relative paths (with and without ".js"), exports and
// module.exports, a module required twice is loaded once (shared state), modules requiring
// other modules.
const util = require("./lib/mathutil.js");
const Stack = require("./lib/stack");
const again = require("./lib/mathutil");

console.log(util.VERSION, typeof util.gcd, typeof Stack, util === again);
console.log(util.gcd(84, 36), util.lcm(4, 6), util.callCount());
const s = new Stack().push(12).push(18).push(30);
console.log(s.size, s.gcdAll(), s.pop(), s.size);
console.log("calls seen by both", util.callCount(), again.callCount());
console.log(typeof module, typeof exports, typeof require);
module.exports = { done: true };
console.log(module.exports.done);
