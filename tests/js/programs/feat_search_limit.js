// String.prototype.search with text (node makes a RegExp of it) and Error.stackTraceLimit
const line = 'GET /index.html HTTP/1.1';
console.log(line.search('index'), line.search('HTTP'), line.search('POST'), line.search(''));
console.log('abc'.search(), 'a1b2'.search(2), 'undefined!'.search(undefined), 'nullish null'.search(null));
const words = ['alpha', 'beta', 'gamma'];
console.log(words.map(w => w.search('a')), words.filter(w => w.search('mm') >= 0));
console.log(typeof Error.stackTraceLimit, Error.stackTraceLimit, 'stackTraceLimit' in Error);
Error.stackTraceLimit = 0;
console.log(Error.stackTraceLimit, TypeError.stackTraceLimit, Object.keys(Error));
Error.stackTraceLimit = Infinity;
console.log(Error.stackTraceLimit);
const e = new RangeError('bad');
console.log(e.message, String(e));
console.log(Object.getPrototypeOf(TypeError) === Error, Object.getPrototypeOf(RangeError).name);
class AppError extends Error {}
console.log(AppError.stackTraceLimit, Object.getPrototypeOf(AppError) === Error);
