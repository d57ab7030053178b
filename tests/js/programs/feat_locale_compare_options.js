// String.prototype.localeCompare(b, locales, options) for ASCII strings as node's ICU
// collation: numeric (digit runs by value), sensitivity, caseFirst, ignorePunctuation,
// en/en-US locales; bad option values are node's RangeErrors.
const files = ["file10.txt", "file2.txt", "File1.txt", "file1.txt", "apple", "Zebra", "zebra", "eclair", "v1.10", "v1.9", "x-ray", "xray", "x ray"];
console.log([...files].sort((a, b) => a.localeCompare(b)));
console.log([...files].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
console.log([...files].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
console.log([...files].sort((a, b) => a.localeCompare(b, ["en-US"], { caseFirst: "upper" })));
console.log([...files].sort((a, b) => a.localeCompare(b, "en-US", { ignorePunctuation: true })));
const c = (a, b, o) => a.localeCompare(b, undefined, o);
console.log(c("a01", "a1", { numeric: true }), c("a2", "a10", { numeric: true }), c("a2", "a10"),
  c("A", "a", { sensitivity: "base" }), c("A", "a", { sensitivity: "accent" }), c("A", "a", { sensitivity: "case" }),
  c("a", "b", { sensitivity: "base" }), c("x-1", "x1", { ignorePunctuation: true }), c("a", "A", { caseFirst: "upper" }),
  c("1.5", "1.10", { numeric: true }), c("007", "7", { numeric: true }), c("", "a"), c("a", "b", {}), c("b", "a", { usage: "sort" }));
for (const bad of [{ sensitivity: "loud" }, { caseFirst: "up" }, { usage: "find" }]) {
  try { "a".localeCompare("b", undefined, bad); } catch (e) { console.log(e.name, e.message); }
}
try { "a".localeCompare("b", "not a locale!"); } catch (e) { console.log(e.name, e.message); }
const people = [{ n: "item 10" }, { n: "Item 9" }, { n: "item 1" }];
for (let i = 0; i < 50; i++) people.sort((p, q) => p.n.localeCompare(q.n, "en", { numeric: true, sensitivity: "base" }));
console.log(people.map((p) => p.n));
