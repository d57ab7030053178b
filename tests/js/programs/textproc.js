// Text processing: generate pseudo-random words, count frequencies in an object, find
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
// palindromes, Caesar-encode and decode, and build a report string.
const letters = "etaoinshrdlucmfwypvbgkjqxz";
let seed = 7;
function rand(n) {
  seed = (seed * 16807) % 2147483647;
  return seed % n;
}
function word() {
  const len = 2 + rand(5);
  let w = "";
  for (let i = 0; i < len; i++) w += letters.charAt(rand(rand(3) === 0 ? 26 : 8));
  return w;
}

const text = [];
for (let i = 0; i < 3000 * SCALE; i++) text.push(word());
const joined = text.join(" ");
console.log("chars", joined.length);

const freq = {};
let distinct = 0;
for (const w of text) {
  if (freq[w] === undefined) {
    freq[w] = 0;
    distinct++;
  }
  freq[w]++;
}
const top = Object.keys(freq).sort((a, b) => freq[b] - freq[a] || (a < b ? -1 : a > b ? 1 : 0));
console.log("distinct", distinct, "top", top.slice(0, 5).join(","), freq[top[0]]);

function isPalindrome(s) {
  for (let i = 0, j = s.length - 1; i < j; i++, j--) if (s.charCodeAt(i) !== s.charCodeAt(j)) return false;
  return true;
}
const pals = [];
for (const w of top) if (w.length > 2 && isPalindrome(w)) pals.push(w);
console.log("palindromes", pals.length, pals.slice(0, 4).join(" "));

function caesar(s, k) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(((c - 97 + k) % 26) + 97) : s.charAt(i);
  }
  return out;
}
const secret = caesar(joined.substring(0, 2000), 3);
const back = caesar(secret, 23);
console.log("caesar", secret.substring(0, 24), back === joined.substring(0, 2000));

let report = "";
for (let i = 0; i < 40; i++) {
  const w = top[i];
  report += `${w}:${freq[w]}${i % 10 === 9 ? "\n" : ","}`;
}
process.stdout.write(report);
let hash = 0;
for (let i = 0; i < joined.length; i++) hash = (hash * 131 + joined.charCodeAt(i)) % 1000000007;
console.log("checksum", hash);
