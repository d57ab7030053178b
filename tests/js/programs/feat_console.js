// console.log formatting of simple values as node prints them: several arguments, strings at
// top level versus inside arrays/objects (quoted), nested arrays and objects, empty ones,
// holes, undefined/null members, -0 inside arrays, and process.stdout.write without newline.
console.log();
console.log("a", "b", 1, true, null, undefined);
console.log([1, 2, 3]);
console.log([]);
console.log({});
console.log(["x", 'it\'s', "q\"uote"]);
console.log([1, "two", [3, [4, []]], null, undefined, true, -0, NaN, 1.5]);
console.log({ a: 1, b: "s", c: [1, 2], d: { e: null } });
console.log({ name: "ann", list: [], nested: {}, f: false });
console.log([{ x: 1 }, { y: [2] }]);
console.log({ "key with space": 1, valid_id: 2, $dollar: 3, 42: "num" });
const holes = new Array(3);
console.log(holes, holes.length);
const sparse = [1, , 3];
console.log(sparse);
const grown = [1, 2];
grown.length = 4;
console.log(grown);
grown.length = 1;
console.log(grown);
console.log("top level string", ["inner string"], { s: "inner" });
console.log("mix:", [1, 2], "and", { k: "v" });
process.stdout.write("no newline;");
process.stdout.write(" still same line\n");
console.log(String([1, [2, 3]]), String({}), String(null), String(undefined), String(true));
console.log([1, 2, 3].join("-"), [null, undefined, 1].join(","), [[1, 2], [3]].join(";"));
console.log("" + [], "" + [5], typeof String(5), String(-1.5e-9));
