// N-queens by backtracking with column and diagonal occupancy arrays.
// Scale: process.argv[2] (default 1) repeats the work; the checksum covers all of it.
const SCALE = process.argv.length > 2 ? Number(process.argv[2]) : 1;
function solve(n) {
  const cols = new Array(n).fill(false);
  const diag1 = new Array(2 * n).fill(false);
  const diag2 = new Array(2 * n).fill(false);
  const placement = [];
  let solutions = 0;
  let firstSolution = null;
  function place(row) {
    if (row === n) {
      if (solutions === 0) firstSolution = placement.slice();
      solutions++;
      return;
    }
    for (let c = 0; c < n; c++) {
      const d1 = row + c;
      const d2 = row - c + n;
      if (cols[c] || diag1[d1] || diag2[d2]) continue;
      cols[c] = diag1[d1] = diag2[d2] = true;
      placement.push(c);
      place(row + 1);
      placement.pop();
      cols[c] = diag1[d1] = diag2[d2] = false;
    }
  }
  place(0);
  return { solutions, firstSolution };
}

let checksum = 0;
for (let rep = 0; rep < SCALE; rep++) {
  for (let n = 4; n <= 8; n++) {
    const { solutions, firstSolution } = solve(n);
    if (rep === 0) console.log(n, solutions, firstSolution.join(","));
    checksum = (checksum * 100 + solutions) % 1000000007;
  }
}
console.log("checksum", checksum % 1000000007);
