// An uncaught TypeError raised inside a required module: stderr names the module's file
// and line (where it was thrown), not the caller's.
const { firstField } = require("./lib/thrower");
console.log(firstField({ fields: [{ name: "id" }] }));
console.log(firstField({ fields: [] }));
