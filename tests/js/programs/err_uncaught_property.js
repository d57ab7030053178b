// Uncaught TypeError from reading a property of undefined, several calls deep: stdout so far
// is kept, exit status 1, stderr starts with "Uncaught TypeError: ..." and names the line.
function lookup(table, key) {
  return table[key].value;
}
function report(table) {
  console.log("found", lookup(table, "a"));
  console.log("found", lookup(table, "b"));
}
report({ a: { value: 1 } });
