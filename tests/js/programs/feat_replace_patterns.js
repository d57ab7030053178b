// String.prototype.replace/replaceAll with a string pattern: the replacement's $ patterns
// ($$, $&, $`, $'; others literal), a replacer object converted once, replacer functions.
const subs = ["$$", "$&", "$`", "$'", "$", "$$$", "$$&", "[$&|$`|$'|$$|$1|$<n>|$0|$]", "a$", "$x", "$$$&$$", "", "$'$'", "$`$&$'"];
for (const r of subs) console.log(JSON.stringify(r), "one-X-two-X".replace("X", r), "one-X-two-X".replaceAll("X", r), "abc".replace("", r), "abc".replaceAll("", r), "abc".replace("c", r));
const calls = [];
const rep = { toString() { calls.push("ts"); return "<$&>"; } };
console.log("xax".replaceAll("x", rep), calls.length);
console.log("aaa".replace("a", (m, i, str) => `${m}${i}${str.length}`), "aaa".replaceAll("a", (m, i) => i), "abc".replaceAll("", (m, i) => "[" + i + "]"));
