// console.log of arrays as node's util.inspect: "... N more items" counts the indexes
// past the last entry shown (a run of holes is one entry: ours counted entries, "1 more
// item" for 20), the columns of grouped arrays are measured in terminal columns (a wide
// character takes two: ours counted units and misaligned CJK and emoji), numbers are
// right-aligned only when every entry's index holds a number (an own key after the
// elements makes it left-aligned), and the entry left out of the column widths is the
// last one when there are more entries than maxArrayLength (node's rule, keys included).
const g = Array.from({ length: 120 }, (_, i) => i);
for (let i = 10; i < 30; i++) delete g[i];
console.log(g);
const e = Array.from({ length: 150 }, (_, i) => i);
delete e[2];
delete e[3];
console.log(e);
const tail = Array.from({ length: 130 }, (_, i) => i);
for (let i = 95; i < 130; i++) delete tail[i];
console.log(tail);
const trailing = [1, 2, 3];
trailing.length = 10;
console.log(trailing, [, , 1, , ], new Array(200));
console.log(["汉字汉字汉字", "a", "bb", "日本", "é", "😀", "x", "y", "汉字", "zz", "q", "日本語"]);
console.log(["汉字汉字汉字", [], [], "xxxxx", "😀", [], "汉字汉字汉字", "\x1b", [], "é", [], [], "bb", "汉字汉字汉字", "bb", []]);
console.log({ key: ["日本", -330227, "é", -380186, "xxxxxxxxxxxxxxxxxxx", "a", "a", 22318, "汉字汉字汉字", "😀", 143424] });
const keyed = [1, 2, 3, 4, 5, 6, 7, 100];
keyed.extra = "prop";
console.log(keyed);
const keyedMore = Array.from({ length: 101 }, (_, i) => i * 3);
keyedMore.extra = 1;
keyedMore.other = 2;
console.log(keyedMore);
console.log([-0, -360414, 1e21, -0, 5, 6, 7, 8, NaN, -Infinity, 0.5]);
