// JavaScript's white space (the Unicode space separators U+1680, U+2000-U+200A, U+202F,
// U+205F, U+3000, and the BOM) and line terminators: what trim, Number(), parseInt and
// parseFloat skip; a64js knew only ASCII's, U+00A0, U+FEFF and U+2028/9 (NaN, untrimmed)
const spaces = "\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const s = spaces + "x y" + spaces;
console.log(JSON.stringify([s.trim(), s.trimStart().length, s.trimEnd().length]));
console.log(Number(spaces + "12" + spaces), Number(spaces), parseInt(spaces + "42px"), parseFloat(spaces + "3.5e1x"), Number("\u180e1"), Number("\u200b1"), "\u200b".trim().length, "\u0085x".trim().length);
let total = 0;
for (let i = 0; i < 300; i++) total += parseInt("\u3000" + i) + parseFloat("\u2003" + i + ".5") + Number("\u00a0" + i);
console.log(total);
