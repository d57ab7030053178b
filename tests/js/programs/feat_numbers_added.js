// Number.prototype.toExponential (exact value, ties away from zero), Math.clz32, fround, log1p,
// expm1 and String.fromCodePoint, which read as undefined.
console.log(Math.clz32(1), Math.clz32(0), Math.clz32(-1), Math.clz32(0.5), Math.clz32(2 ** 32), Math.fround(5.5), Math.fround(5.05), Math.fround(1e40), Math.fround(-1e-50), Math.fround(3.4028235677973366e38), Math.log1p(-1), Math.log1p(-2), Math.log1p(1e-10), Math.expm1(1e-10), Math.expm1(-Infinity), Math.expm1(-0), Math.log1p(-0));
console.log(String.fromCodePoint(65, 0x1F600, 0x10FFFF).length, String.fromCodePoint(), String.fromCodePoint('66'));
for (const v of [-1, 1.5, 0x110000, NaN, 'x', Infinity]) { try { String.fromCodePoint(v); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
console.log((123.456).toExponential(), (0).toExponential(2), (-1.5).toExponential(0), (1e-7).toExponential(3), NaN.toExponential(2), (-Infinity).toExponential());
for (const f of [-1, 101]) { try { (1).toExponential(f); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
let te = '';
for (let i = 0; i < 60; i++) te += (i * 1.37 - 20.5).toExponential(i % 4) + (i % 7 === 0 ? (i / 7 + 0.125).toExponential() : '') + ' ';
console.log(te);
console.log((1.25).toExponential(1), (1.35).toExponential(1), (99.995).toExponential(3), (5e-324).toExponential(), (1.7976931348623157e308).toExponential(20), (123456789).toExponential(100).length);
