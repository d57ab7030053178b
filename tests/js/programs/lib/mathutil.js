// A module that adds to `exports` one name at a time and keeps private state.
let calls = 0;

function gcd(a, b) {
  calls++;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

exports.gcd = gcd;
exports.lcm = (a, b) => (a / gcd(a, b)) * b;
exports.callCount = () => calls;
exports.VERSION = "1.2";
