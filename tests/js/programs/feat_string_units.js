// Strings beyond the BMP: iteration (for-of, spread, destructuring, Array.from) gives code
// points, indexing gives UTF-16 units; console.log escapes lone surrogates and C1 controls.
const s = "a😀b";
console.log([...s], [...s].length, s.length, Array.from(s).length);
for (const ch of s) console.log(ch, ch.length);
const [x, y] = "😀z"; console.log(x, y);
console.log(s.split(""), Object.keys(s), s.charAt(1) + s.charAt(2));
console.log(Math.max(..."123"), String.fromCharCode(...[0xD83D, 0xDE00]));
console.log(["\x80", "\x9f", "\xa0", "\x7f", "\x1b", "\ud83d", "\ude00x", "a\ud800", "\ud83d\ude00", "\udbff\udfff", "\ud800\ud800", "\u2028", "\u00ad"]);
console.log({ "\ud800": 1, k: "\udfff" });
console.log([..."x\ud800y\udc00"], Array.from("\ud83d\ude00\ud83d"), [..."\udc00\ud800"].length);
