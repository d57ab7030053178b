// console.log's format specifiers as node's formatWithOptions: %O is util.inspect's text
// (a string quoted, as %o's: ours printed it bare), %d is Number(v) and %i / %f parse
// String(v), so an array of primitives counts by its join ([] 0, [5] 5, [1, 'a'] NaN for
// %d but 1 for %f: ours gave NaN for every object).
console.log("%O|%O|%o", "str", "0x1f", "it's");
console.log("%d|%d|%d|%d|%d", null, true, [], "", "0x1f");
console.log("%d|%d|%d|%d|%d|%d", [5], [[" 7 "]], [1, 2], [null], [undefined, ,], {});
const keyed = [3];
keyed.k = 1;
console.log("%d", keyed, "%d");
console.log("%i|%i|%i|%f|%f", null, true, "0x1f", null, "1e3x");
console.log("%f|%i|%f|%i|%f", [1, "a"], [" 12.5px"], [], {}, [[2.5]]);
console.log("%x %f %s%s", [1, "a"]);
console.log("%d", class K {}, "%d", function () {});
console.log("%s", "x", "%o", "y");
console.log("%j", "str", "%j");
console.log("%s:%s", "-0", -0);
console.log("%c%s", "css", "after");
