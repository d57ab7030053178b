// A library of feat_require_main.js: it is not the main module, so its own main does not run.
exports.isMain = require.main === module;
exports.mainId = require.main.id;
exports.sameMain = (m) => m === require.main;
exports.twice = (x) => 2 * x;
if (require.main === module) console.log("library's main ran (wrong)");
