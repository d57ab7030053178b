// Strings are sequences of UTF-16 code units: lengths, charCodeAt and substring over
// non-ASCII text, surrogate pairs (one astral character counts 2), fromCharCode of both
// halves, comparison by code units.
const s = "héllo wörld";
console.log(s.length, s.charCodeAt(1), s.charAt(7), s.indexOf("ö"), s.substring(6));
const smile = "a😀b";
console.log(smile.length, smile.charCodeAt(1), smile.charCodeAt(2), smile.charAt(3), smile.indexOf("b"));
const pair = String.fromCharCode(0xd83d, 0xde00);
console.log(pair === "😀", pair.length, ("x" + pair).slice(1) === pair);
const cjk = "日本語テキスト";
console.log(cjk.length, cjk.charCodeAt(0), cjk.substring(2, 4), cjk.indexOf("テ"));
console.log("é" < "z", "z" < "é", "😀" > "\uffff", "Ω".charCodeAt(0), String.fromCharCode(937));
let codes = 0;
const mixed = "añ😀€";
for (let i = 0; i < mixed.length; i++) codes += mixed.charCodeAt(i);
console.log(mixed.length, codes);
