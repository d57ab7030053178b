// require.main is the program's main module, in it and in every module it requires, so
// that the CommonJS idiom `if (require.main === module) main()` runs main in the file
// node was started with and not in a library (node's module.id of the main one is ".").
const lib = require("./lib/require_main_lib");
console.log(require.main === module, module.id, typeof require.main);
console.log(lib.isMain, lib.mainId, lib.sameMain(require.main), lib.sameMain(module));
function main() {
  console.log("main ran", lib.twice(21));
}
if (require.main === module) main();
