// Found by tools/fuzz_js.py: an array's negative index is a property key ("-1"), read back
// as stored (the heap VM's generic element read took it as an index past the end:
// undefined), in a loop hot enough to be compiled
const a = [1, 2];
a[-1] = 5;
console.log(a[-1], a["-1"], a.length);
let s = 0;
for (let i = 0; i < 40; i++) {
  const j = (i % 4) - 2;
  s += String(a[j]).length;
  a[j] = i;
}
console.log(a[-1], a[-2], a.length, s, Object.keys(a).join());
