// Template literals: interpolation of every value kind, nesting, multi-line, escapes.
const n = 42;
const s = "str";
console.log(`plain`);
console.log(`n=${n} s=${s} sum=${n + 1} call=${Math.max(1, 2)}`);
console.log(`${true} ${false} ${null} ${undefined} ${0.5} ${-0} ${1e21} ${NaN}`);
console.log(`arr=${[1, 2, [3, 4]]} empty=${[]}`);
const who = { name: "ann" };
console.log(`nested ${`inner ${who.name.length > 2 ? `long ${who.name}` : "short"}`} end`);
console.log(`line one
line two`);
console.log(`tab\there \`backtick\` dollar \${not} ${"$"}{x}`);
const rows = [1, 2, 3].map((i) => `<${i}:${i * i}>`).join("");
console.log(rows);
let built = "";
for (let i = 0; i < 3; i++) built += `${i}${i < 2 ? "," : ""}`;
console.log(built, `${built.length}`);
