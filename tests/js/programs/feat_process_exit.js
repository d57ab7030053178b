// process.exit's argument as node 20 checks it: the TypeError and RangeError it
// throws for codes that are not integers, which programs can catch (the statuses:
// tests/js/test_cli_exit.py).
class Job {}
const codes = [true, "x", "", "3.5", 1.5, NaN, Infinity, -Infinity, 2 ** 60, -(2 ** 60),
  1e21, 2 ** 32 + 0.5, {}, [1, 2], Object.create(null), new Job(), function named() {},
  () => 1, "a code written out in far too many characters"];
for (let round = 0; round < 30; round++) {  // hot enough for the JIT to compile the loop
  for (const c of codes) {
    try {
      process.exit(c);
    } catch (e) {
      if (round === 0) console.log(e.name + ": " + e.message);
    }
  }
}
console.log("done");
