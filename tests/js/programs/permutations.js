// Permutations: Heap's algorithm over an array, plus a recursive generator into a callback.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
function heapPermute(arr, visit) {
  const n = arr.length;
  const c = new Array(n).fill(0);
  visit(arr);
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      const t = arr[j];
      arr[j] = arr[i];
      arr[i] = t;
      visit(arr);
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

let count = 0;
let weighted = 0;
for (let rep = 0; rep < SCALE; rep++) heapPermute([1, 2, 3, 4, 5, 6, 7], (p) => {
  count++;
  let w = 0;
  for (let k = 0; k < p.length; k++) w += p[k] * (k + 1);
  weighted = (weighted + w * count) % 1000000007;
});
console.log("heap", count, weighted);

function permuteInto(prefix, rest, out) {
  if (rest.length === 0) {
    out.push(prefix.join(""));
    return;
  }
  for (let i = 0; i < rest.length; i++) {
    const next = [...rest.slice(0, i), ...rest.slice(i + 1)];
    prefix.push(rest[i]);
    permuteInto(prefix, next, out);
    prefix.pop();
  }
}
const words = [];
permuteInto([], ["a", "b", "c", "d", "e"], words);
console.log("words", words.length, words[0], words[words.length - 1], words[57]);
let code = 0;
for (const w of words) code = (code * 7 + w.charCodeAt(2)) % 1000003;
console.log("checksum", (weighted + code) % 1000000007);
