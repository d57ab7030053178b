// console.log / util.inspect of strings inside containers as node's: a string longer
// than the line has room for is split after each newline ('a\n' + 'b'), one past 10000
// units is cut with '... N more characters', and \v is \x0B.
console.log(['a\u{1F600}b', '\u0000', '\b\f\v', '\ud83d', "'", `'"`, `'"\``]);
console.log(['z'.repeat(10001)][0].length, ['z'.repeat(10001)].toString().length);
const cut = require('util').inspect(['z'.repeat(10003)]);
console.log(cut.length, cut.slice(-30));
console.log({ s: 'line1\nline2\n' + 'x'.repeat(80), t: 'short\nx' });
console.log(['a\nb'.repeat(30)]);
console.log([['deep\n'.repeat(20)]]);
console.log({ a: { b: 'first line that is quite long\nsecond line that is also long\nthird' } });
const util = require('util');
console.log(util.inspect('top\n'.repeat(25)), util.inspect({ k: 'it\'s\n"q"\n'.repeat(8) }));
console.log([' \n'.repeat(9)], { short: 'a\nb' }, ['x'.repeat(60) + '\n' + 'y'.repeat(30)]);
console.log({ outer: { inner: { s: 'abc\n'.repeat(30) } } });
console.log(['\n'.repeat(20)], ['é\n'.repeat(40)]);
