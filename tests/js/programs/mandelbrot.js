// Mandelbrot set on a small grid with doubles: escape counts, an ASCII picture row, checksums.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
const width = 48;
const height = 24;
const maxIter = 60;
let inside = 0;
let iterSum = 0;
const rows = [];
for (let rep = 0; rep < SCALE; rep++) for (let y = 0; y < height; y++) {
  const ci = (y / height) * 2.4 - 1.2;
  let line = "";
  for (let x = 0; x < width; x++) {
    const cr = (x / width) * 3.2 - 2.2;
    let zr = 0.0;
    let zi = 0.0;
    let i = 0;
    while (i < maxIter && zr * zr + zi * zi <= 4.0) {
      const t = zr * zr - zi * zi + cr;
      zi = 2.0 * zr * zi + ci;
      zr = t;
      i++;
    }
    iterSum += i;
    if (i === maxIter) {
      inside++;
      line += "#";
    } else {
      line += i > 8 ? "+" : i > 3 ? "." : " ";
    }
  }
  rows.push(line);
}
for (let y = 0; y < height; y += 4) console.log(rows[y]);
console.log("inside", inside, "iterations", iterSum);

// Doubles accumulated across the picture, printed exactly.
let area = 0.0;
const step = 0.05;
for (let rep = 0; rep < SCALE; rep++) for (let cr = -2.0; cr < 0.5; cr += step) {
  for (let ci = -1.2; ci < 1.2; ci += step) {
    let zr = cr;
    let zi = ci;
    let k = 0;
    for (; k < 40; k++) {
      const zr2 = zr * zr;
      const zi2 = zi * zi;
      if (zr2 + zi2 > 4.0) break;
      zi = 2 * zr * zi + ci;
      zr = zr2 - zi2 + cr;
    }
    if (k === 40) area += step * step;
  }
}
console.log("area", area);
console.log("checksum", inside * 100000 + iterSum);
