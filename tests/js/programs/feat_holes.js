// Array holes and odd elements: forEach and map skip holes (map keeps them), for-of and
// join see undefined, indexOf never finds NaN, sort puts undefined last, length writes
// create and drop holes, computed keys that are numeric strings index the elements.
const a = [1, , 3];
a[6] = 7;
let visited = "";
a.forEach((v, i) => {
  visited += i + "=" + v + " ";
});
console.log(visited.length, visited);
const doubled = a.map((v) => v * 2);
console.log(doubled.length, doubled, 1 in doubled, 2 in doubled);
let seen = 0;
let undef = 0;
for (const v of a) {
  seen++;
  if (v === undefined) undef++;
}
console.log(seen, undef, a.join("-"));
console.log([NaN].indexOf(NaN), [0].indexOf(-0), [1, "1"].indexOf("1"));
const withUndef = [3, undefined, 1, undefined, 2];
withUndef.sort((p, q) => p - q);
console.log(withUndef);
const mixed = [10, 9, 1, undefined, 100];
mixed.sort();
console.log(mixed);
const b = [];
b["2"] = "two";
b[0] = "zero";
console.log(b.length, b[2], b["0"], b);
b.length = 5;
b.push("end");
console.log(b.length, b.indexOf("end"), b[4]);
const filled = new Array(4).fill();
console.log(filled, filled.length);
const c = [1, 2, 3];
c[c.length] = 4;
c.length--;
c.length += 1;
console.log(c, c.length);
const words = ["b", "a"];
words[3] = "d";
console.log(words.slice(1), words.map((w) => w.charCodeAt(0)));
