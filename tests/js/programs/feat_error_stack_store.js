// An error's stack can be replaced (the Python VM lost the store), and console.log prints
// an error from its name and message in both VMs (the heap VM printed "undefined:
// undefined": its printer saw neither the hidden message nor Error.prototype's name).
// node's stack holds node's frames, so the program writes the stack it prints.
const e = new Error('m');
e.stack = 'custom';
console.log(e.stack, Object.keys(e), e.hasOwnProperty('stack'));
const t = new TypeError('t');
console.log(t.stack.split('\n')[0], 'stack' in t);
const logged = new Error('in log');
logged.stack = 'Error: in log\n    at <anonymous>';
console.log(logged);
try {
  null.x;
} catch (err) {
  err.stack = `${err.name}: ${err.message}\n    at <anonymous>`;
  console.log(err);
  console.log(String(err), err.message);
}
const r = new RangeError('out of range');
r.stack = 'RangeError: out of range\n    at <anonymous>';
console.log(r);
const withKeys = new Error('keys');
withKeys.stack = 'Error: keys\n    at <anonymous>';
withKeys.code = 'E_KEYS';
console.log(withKeys);
