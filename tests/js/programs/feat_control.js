// Control flow: labelled break/continue, switch (fallthrough, default in the middle, strings),
// try/finally, for-of, do-while, comma-free loops with several variables.
outer: for (let i = 0; i < 5; i++) {
  for (let j = 0; j < 5; j++) {
    if (j === 3) continue outer;
    if (i === 3) break outer;
    process.stdout.write(i + "" + j + " ");
  }
}
process.stdout.write("\n");

let found = null;
search: {
  for (const row of [[1, 2], [3, 4], [5, 6]]) {
    for (const v of row) {
      if (v * v > 10) {
        found = v;
        break search;
      }
    }
  }
  found = "never";
}
console.log("found", found);

function classify(x) {
  switch (x) {
    case 0:
      return "zero";
    case 1:
    case 2:
      return "small";
    default:
      return "other";
    case "1":
      return "string one";
    case 10:
      return "ten";
  }
}
console.log([0, 1, 2, "1", 10, 11, "x"].map(classify).join(" "));

function fallthrough(n) {
  const out = [];
  switch (n) {
    case 1:
      out.push("one");
    case 2:
      out.push("two");
      break;
    case 3:
      out.push("three");
    default:
      out.push("dflt");
  }
  return out.join("+");
}
console.log(fallthrough(1), fallthrough(2), fallthrough(3), fallthrough(4));

let log = "";
for (let i = 0; i < 3; i++) {
  try {
    log += "t" + i;
    if (i === 1) continue;
    log += "u";
  } finally {
    log += "f";
  }
}
console.log(log);

function nestedFinally() {
  const out = [];
  try {
    try {
      out.push(1);
      throw new Error("inner");
    } finally {
      out.push(2);
    }
  } catch (e) {
    out.push(e.message);
  } finally {
    out.push(3);
  }
  return out.join(",");
}
console.log(nestedFinally());

let k = 0;
do {
  k += 3;
} while (k < 10);
console.log("do", k);

let w = 0;
while (true) {
  w++;
  if (w > 5) break;
}
console.log("while", w);

const sumOf = (arr) => {
  let s = 0;
  for (const v of arr) s += v;
  return s;
};
console.log("for-of", sumOf([1, 2, 3, 4]), sumOf([]));
for (const ch of ["x", "y"]) console.log("item", ch);

let evens = 0;
for (let i = 0, j = 10; i < j; i++, j--) if ((i + j) % 2 === 0) evens++;
console.log("two vars", evens);

if (k > 100) console.log("no");
else if (k > 10) console.log("mid");
else console.log("low");
console.log(k > 5 ? (k > 11 ? "big" : "medium") : "small");
