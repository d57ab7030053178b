// process.env holds the environment (node's), process.platform and process.cwd() exist
// in both VMs; String.prototype.isWellFormed/toWellFormed (lone surrogates).
const mode = process.env.A64JS_TEST_NO_SUCH_VARIABLE || "default";
console.log(mode, typeof process.env.PATH, typeof process.platform, process.platform.length > 0);
console.log(typeof process.cwd(), process.cwd().length > 0, typeof process.env);
const samples = ["abc", "a\ud800b", "\udc00x", "emoji \ud83d\ude00 ok", "\ud83d", "pair\ud83d\ude00"];
for (const s of samples) {
  console.log(s.isWellFormed(), JSON.stringify(s.toWellFormed()), s.toWellFormed().length);
}
