// Number.parseInt and Number.parseFloat are the global functions themselves (node's), and
// the global functions have node's lengths.
console.log(Number.parseInt === parseInt, Number.parseFloat === parseFloat, Number.isNaN === isNaN);
console.log(parseInt.length, parseFloat.length, isNaN.length, isFinite.length, encodeURIComponent.length);
const parse = Number.parseInt;
let total = 0;
for (let i = 0; i < 100; i++) total += parse(`${i}px`, 10) + Number.parseFloat(`${i}.5`);
console.log(total, ["1", "2", "3"].map(Number.parseFloat), ["10", "10", "10"].map(parseInt));
