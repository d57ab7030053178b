// Error's options.cause (the heap VM ignored it), not enumerable in either VM.
const e2 = new Error('m', { cause: 'c' }); console.log(e2.cause, 'cause' in e2, Object.keys(e2), JSON.stringify(e2));
const e5 = new TypeError('t', { cause: { deep: [1] } }); console.log(e5.cause.deep[0], e5 instanceof TypeError, new Error('n', {}).cause, 'cause' in new Error('n', { other: 1 }));
const e6 = new RangeError('r', { get cause() { return 'got'; } }); console.log(e6.cause);
class E7 extends Error { constructor(m, o) { super(m, o); } } console.log(new E7('x', { cause: 7 }).cause);
for (let i = 0; i < 20; i++) { const e = new Error('loop' + i, { cause: i }); if (e.cause !== i) console.log('bad', i); }
console.log('done');
