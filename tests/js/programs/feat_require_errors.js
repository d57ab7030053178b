// require's errors as node's: a missing file (MODULE_NOT_FOUND, first line of node's
// message), a .json file or package.json that is not JSON (SyntaxError naming it),
// require() of a non-string; and node's messages of util.inherits, assert.throws,
// Array Iterator next, Error.captureStackTrace and localeCompare for bad arguments.
const t = (what, f) => {
  try {
    console.log(what, f());
  } catch (e) {
    console.log(what, e.name, e.code, e.message.split("\n")[0].split(__dirname).join("<dir>"));
  }
};
t("missing", () => require("./lib/no_such_module"));
t("bad json", () => require("./lib/bad_data.json"));
t("bad package", () => require("./lib/bad_pkg"));
t("no id", () => require());
t("number id", () => require(42));
t("inherits", () => require("util").inherits(function A() {}, 2));
t("inherits null", () => require("util").inherits(null, Object));
t("throws", () => require("assert").throws(5));
t("throws string", () => require("assert").throws("not a function"));
t("next", () => [1].values().next.call({}));
t("next array", () => [1].keys().next.call([1, 2]));
t("capture", () => Error.captureStackTrace(5));
t("locale null", () => "a".localeCompare("b", "en", null));
t("inspect depth", () => require("util").inspect({ a: { b: 1 } }, { depth: -1 }));
