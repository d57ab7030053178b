// Error.captureStackTrace(obj): obj's own stack (not enumerable) named as an error's; and
// Error.prototype.toString of objects without a name or message (node's 'Error').
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; Error.captureStackTrace(this, MyError); } }
const e = new MyError('bad');
console.log(e.stack.split('\n')[0], Object.keys(e), Object.getOwnPropertyDescriptor(e, 'stack') !== undefined);
e.name = 'Later'; console.log(e.stack.split('\n')[0]);
const o = {}; Error.captureStackTrace(o); console.log(o.stack.split('\n')[0], Object.keys(o));
const p = { name: 'N', message: 'M' }; Error.captureStackTrace(p); console.log(p.stack.split('\n')[0]);
const q = { message: 'only' }; Error.captureStackTrace(q); console.log(q.stack.split('\n')[0]);
console.log(Error.captureStackTrace.length, typeof Error.stackTraceLimit);
function f() { 'use strict'; } console.log(Object.prototype.propertyIsEnumerable.call([1], 0), ({a: 1}).propertyIsEnumerable('a'), [].propertyIsEnumerable('length'), Object.isFrozen(1), Object.isFrozen({}), Object.isSealed('x'));
console.log(Error.prototype.toString.call({}), Error.prototype.toString.call({name: "", message: "m"}), Error.prototype.toString.call({name: undefined, message: undefined}), Object.keys(Error), Object.keys(Object))
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    if (Error.captureStackTrace) Error.captureStackTrace(this, HttpError);
  }
}
function fetchPage(n) {
  if (n % 7 === 0) throw new HttpError(404, `page ${n} not found`);
  return n;
}
let errors = 0;
let lastStack = "";
for (let i = 1; i <= 100; i++) {
  try {
    fetchPage(i);
  } catch (e) {
    errors++;
    lastStack = e.stack.split("\n")[0];
  }
}
console.log(errors, lastStack);
