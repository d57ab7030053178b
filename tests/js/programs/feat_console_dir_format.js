// console.dir (util.inspect's text of one value, with its options) and console.log's
// %o (showHidden: an array's [length]; depth 4) and %j (JSON.stringify's text).
const ast = { op: "-", left: { op: "+", left: 1, right: { op: "*", left: 2, right: 3 } }, right: 4 };
console.dir(ast);
console.dir(ast, { depth: 0 });
console.dir(ast, { depth: null });
console.dir("a string", { colors: false });
console.dir([ast.left, "x"], { compact: false });
console.log("%o", [1, [2, []]]);
console.log("%o|%o", { a: [] }, "str");
console.log("%o", { x: { y: { z: { w: { v: { u: 1 } } } } } });
const cyclic = { name: "loop" };
cyclic.self = cyclic;
console.log("%j and %j and %j (%s)", { x: [1, "a"] }, cyclic, undefined, "done");
console.log("%j", "text", [undefined, () => 1]);
