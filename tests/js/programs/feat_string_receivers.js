// String methods called on receivers that are not strings: an object receiver is
// converted with ToPrimitive(hint string) (its toString first) before the arguments,
// which are converted after it; both conversions may run JavaScript that allocates.
console.log(String.prototype.charCodeAt.call([65], 0));
console.log(String.prototype.charAt.call([1, 2], 1));
console.log(String.prototype.indexOf.call({ toString() { return "abc"; } }, "c"));
console.log(String.prototype.slice.call(true, 1), String.prototype.substring.call(12345, 1, 3));
const order = [];
const recv = {
  toString() { order.push("recv"); return ["x", "y", "z"].join("") + "abc".repeat(2); },
  valueOf() { order.push("valueOf"); return 0; },
};
const idx = { valueOf() { order.push("arg"); const junk = []; for (let i = 0; i < 50; i++) junk.push({ i }); return junk.length - 47; } };
console.log(String.prototype.charAt.call(recv, idx), String.prototype.slice.call(recv, idx, 7));
console.log(order.join(","));
let total = 0;
for (let i = 0; i < 200; i++) {
  const r = { toString() { return "k" + i + "-" + [i, i + 1].join(":"); } };
  total += String.prototype.indexOf.call(r, ":") + String.prototype.charCodeAt.call(r, { valueOf() { return { i } && 1; } });
}
console.log(total);
try {
  String.prototype.charAt.call({ toString() { return {}; }, valueOf() { return {}; } }, 0);
} catch (e) {
  console.log(e instanceof TypeError);
}
try {
  String.prototype.charAt.call({ toString() { throw new RangeError("from toString"); } }, 0);
} catch (e) {
  console.log(e.name, e.message);
}
