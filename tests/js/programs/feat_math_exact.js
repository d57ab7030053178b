// Math's transcendental functions give node's doubles to the last bit (V8 computes them
// with its fdlibm port, not the C library): arguments where glibc's last digit differs.
const show = (label, v) => console.log(label + ' = ' + v + (Object.is(v, -0) ? ' (-0)' : ''));

for (const x of [-8.784, -8.765, -8.631, -8.562, -8.55, -8.479]) show('sin(' + x + ')', Math.sin(x));
for (const x of [-9.977, -9.972, -9.906, -8.92, -8.712, -8.635]) show('cos(' + x + ')', Math.cos(x));
for (const x of [-9.251, -8.801, -8.746, -8.712, -8.557, -8.508]) show('tan(' + x + ')', Math.tan(x));
for (const x of [-19.881, -19.843, -19.713, -19.531, -19.264, -19.121]) show('exp(' + x + ')', Math.exp(x));
for (const x of [0.079, 0.10200000000000001, 0.341, 0.361, 0.42, 0.425]) show('log(' + x + ')', Math.log(x));
for (const x of [-9.919, -9.835, -9.311, -8.832, -8.766, -8.763]) show('atan(' + x + ')', Math.atan(x));
for (const x of [-0.995, -0.987, -0.96, -0.954, -0.949, -0.905]) show('asin(' + x + ')', Math.asin(x));
for (const x of [-0.965, -0.948, -0.94, -0.937, -0.924, -0.868]) show('acos(' + x + ')', Math.acos(x));
for (const x of [-19.86, -19.804, -19.605, -19.484, -19.238, -18.68]) show('cosh(' + x + ')', Math.cosh(x));
for (const x of [-7.384, 1.026, 1.867, 3.939, 13.519, 14.969]) show('sinh(' + x + ')', Math.sinh(x));
for (const x of [0.004, 0.005, 0.013000000000000001, 0.021, 0.026000000000000002, 0.031]) show('cbrt(' + x + ')', Math.cbrt(x));
for (const x of [0.354, 0.427, 0.748, 0.949, 1.2149999999999999, 8.343]) show('log2(' + x + ')', Math.log2(x));
for (const x of [0.146, 0.153, 0.292, 0.596, 0.612, 0.631]) show('log10(' + x + ')', Math.log10(x));
for (const x of [14.903]) show('expm1(' + x + ')', Math.expm1(x));
for (const x of [1e22, 1e300, -3.0e200, 1.5707963267948966, 3.141592653589793, 2 ** 60]) {
  show('sin(' + x + ')', Math.sin(x));
  show('cos(' + x + ')', Math.cos(x));
  show('tan(' + x + ')', Math.tan(x));
}
const pairs = [[10.86, -9.15], [10.83, 6.53], [6.71, 7.16], [12.03, 4.85], [10.4, -9.88], [3.63, 9.61], [1.12, 3.51], [11.82, -8.87], [94.0, -13.0], [35.0, -17.0], [88.0, 20.0], [18.0, 17.0], [35.0, 29.0], [86.0, 29.0]];
for (const [x, y] of pairs) {
  show('pow(' + x + ', ' + y + ')', Math.pow(x, y));
  show(x + ' ** ' + y, x ** y);
}
let b = 10, e = -5;
show('10 ** -5', b ** e);
// pairs where fdlibm's pow as published (r = z*t1/(t1-2) - (w+z*w)) is one unit off from V8's
// (r = z*t1/((t1-2) - (w+z*w))): integers, negative bases, fractions
const fdlibmPairs = [[10, -4], [5, -4], [25, -2], [9, -9], [30, -6], [17, 18], [39, 16],
  [-10, -4], [-3, -18], [-17, 18], [-23, -5], [-15, -13], [-21, -7],
  [4.15, 8.48], [6.27, 0.59], [7.34, -0.51], [0.76, 3.95], [1.94, -6.82], [10.24, -6.07]];
for (const [x, y] of fdlibmPairs) {
  show('pow(' + x + ', ' + y + ')', Math.pow(x, y));
  show('(' + x + ') ** ' + y, x ** y);
}
show('10 ** -4 (literal)', 10 ** -4);
show('(-10) ** -4 (literal)', (-10) ** -4);
let hot = 0;
for (let i = 0; i < 20000; i++) hot += b ** (i % 7 - 6) + Math.pow(i % 40 + 1, -(i % 19));
show('hot', hot);
for (const [y, x] of [[-6.99, -8.68], [8.47, -3.03], [-4.36, -1.12], [5.8, 8.62], [-8.34, -0.48], [4.71, -1.38]]) show('atan2(' + y + ', ' + x + ')', Math.atan2(y, x));
for (const f of ['sin', 'tan', 'atan', 'asin', 'sinh', 'tanh', 'asinh', 'atanh', 'cbrt', 'log1p', 'expm1']) show(f + '(-0)', Math[f](-0));
show('atan2(-0, -1)', Math.atan2(-0, -1));
show('pow(-0, -3)', Math.pow(-0, -3));
show('pow(1, Infinity)', Math.pow(1, Infinity));
show('pow(-8, 1/3)', Math.pow(-8, 1 / 3));
let acc = 0;
for (let i = 1; i <= 200; i++) acc += Math.sin(i) * Math.cos(i / 3) + Math.exp(-i / 50) + Math.log(i) * Math.atan2(i, 7);
show('sum', acc);
