// Strings: length, charAt, charCodeAt, substring, slice, indexOf, concatenation,
// comparison, String.fromCharCode, String(x), escapes, immutability, building in loops.
const s = "Hello, World";
console.log(s.length, s.charAt(0), s.charAt(7), s.charAt(99) === "", s.charCodeAt(1), s.charCodeAt(99));
console.log(s[4], s[100], s.substring(0, 5), s.substring(7), s.substring(5, 0), s.substring(-3, 2));
console.log(s.slice(7), s.slice(-5), s.slice(-5, -2), s.slice(3, 1) === "", s.slice(0, 100));
console.log(s.indexOf("o"), s.indexOf("o", 5), s.indexOf("xyz"), s.indexOf(""), s.indexOf("World"));
console.log("a" + "b" + 1 + 2, 1 + 2 + "c", "x".length + "yz".length);
console.log("apple" < "banana", "apple" < "Apple", "abc" < "abcd", "b" > "abc", "a" === "a", "10" > "9");
console.log(String.fromCharCode(72, 105), String.fromCharCode(0x263a).length, String.fromCharCode(65 + 25));
console.log(String(12), String(-0.5), String(null), String([1, 2]), String(false) + "!");
console.log("tab\tnew\\line", "quote\"s", 'single\'s', "\u0041\x42", "e\u0301".length);
let built = "";
for (let i = 0; i < 26; i++) built += String.fromCharCode(97 + i);
console.log(built, built.length, built.charAt(25), built.indexOf("mno"));
let rev = "";
for (let i = built.length - 1; i >= 0; i--) rev += built.charAt(i);
console.log(rev.substring(0, 5));
const t = s;
const u = t + "!";
console.log(t, u, s === t, u.length - s.length);
let codes = 0;
for (let i = 0; i < s.length; i++) codes += s.charCodeAt(i);
console.log("codes", codes);
const words = ["delta", "alpha", "charlie", "bravo"];
words.sort();
console.log(words.join(" "), words.indexOf("charlie"));
console.log("ü".length, "ü".charCodeAt(0), "naïve".length, typeof s.length);
const csv = "a,bb,,ccc";
const parts = [];
let start = 0;
for (;;) {
  const comma = csv.indexOf(",", start);
  if (comma < 0) {
    parts.push(csv.substring(start));
    break;
  }
  parts.push(csv.substring(start, comma));
  start = comma + 1;
}
console.log(parts.length, parts.join("|"));
