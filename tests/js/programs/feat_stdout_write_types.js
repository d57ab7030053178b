// process.stdout.write / process.stderr.write take a string only: anything else is
// node's TypeError (code ERR_INVALID_ARG_TYPE naming what it received; null:
// ERR_STREAM_NULL_VALUES), nothing written (a64js wrote the value's ToString).
const values = [5, undefined, "s".repeat(40), {}, [1], true, function foo() {},
  function () {}, -0, 1e21, NaN, Object.create(null), new (class Foo {})(),
  { constructor: { name: "" } }, 12345678901234567890, null];
for (const v of values) {
  try {
    process.stdout.write(v);
    console.log("| wrote");
  } catch (e) {
    console.log(e.name, e.code, e instanceof TypeError, Object.keys(e));
    console.log(e.message);
    console.log(e.stack.split("\n")[0]);
  }
}
try { process.stderr.write(1); } catch (e) { console.log("stderr:", e.message); }
console.log(process.stdout.write(""), process.stdout.write("é\n"));
