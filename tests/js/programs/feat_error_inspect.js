// console.log of errors laid out as node's inspect does (formatError): the class named
// where the stack names another error, brackets only without frame lines, nested lines
// indented, keys the stack shows left out, the cause in brackets. node's stacks hold
// node's frames, so each error's stack is rewritten to one frame line first.
const strip = (e) => { e.stack = e.stack.split('\n')[0] + '\n    at <anonymous>'; return e; };
class F extends Error {}
console.log(strip(new F('q')));
class ValidationError extends Error {}
console.log(strip(new ValidationError('bad input')));
const n = new Error('no frames');
n.stack = 'Error: no frames';
console.log(n, [n]);
console.log({ inner: strip(new RangeError('deep')) });
console.log({ a: { b: strip(new TypeError('deeper')) } });
console.log([strip(new Error('in array'))]);
console.log(strip(new Error('with cause', { cause: 'why' })));
console.log(strip(new Error('outer', { cause: strip(new Error('inner')) })));
const k = strip(new TypeError('keys'));
k.code = 'E_X';
k.details = { a: 1 };
console.log(k);
const m = strip(new Error('msg'));
m.message = 'changed';
console.log(m);
const noStack = new Error('gone');
noStack.stack = '';
console.log(noStack);
