// console.error and console.warn write to stderr (the heap VM wrote console.error to
// stdout and had no console.warn), console.info and console.debug to stdout (the Python
// VM had no console.debug). Only stdout is compared: node's holds no error lines.
console.log("first");
console.error("an error line", { code: 1 });
console.warn("a warning", [1, 2]);
console.info("info", 2);
console.debug("debug", 3);
for (let i = 0; i < 50; i++) {
  if (i % 10 === 0) console.error("progress", i);
}
console.log("last");
