// Built-in functions' lengths and names as node's, and the Object statics nothing here makes
// false (isFrozen/isSealed of an object; propertyIsEnumerable).
const groups = {
  Array: Array, 'Array.prototype': Array.prototype, Object: Object, 'Object.prototype': Object.prototype,
  String: String, 'String.prototype': String.prototype, Number: Number, 'Number.prototype': Number.prototype,
  Math: Math, JSON: JSON, console: console, 'Function.prototype': Function.prototype, Error: Error,
  'Error.prototype': Error.prototype, Boolean: Boolean, 'Boolean.prototype': Boolean.prototype,
};
const names = {
  Array: ['isArray', 'of', 'from'],
  'Array.prototype': ['push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'concat', 'join', 'reverse', 'indexOf', 'lastIndexOf', 'includes', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'map', 'forEach', 'some', 'every', 'reduce', 'reduceRight', 'sort', 'fill', 'keys', 'values', 'entries', 'flat', 'flatMap', 'at', 'copyWithin', 'toString', 'toSorted', 'toReversed', 'with', 'toSpliced'],
  Object: ['keys', 'values', 'entries', 'assign', 'create', 'freeze', 'isFrozen', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty', 'defineProperties', 'getOwnPropertyNames', 'getOwnPropertyDescriptor', 'fromEntries', 'is', 'seal', 'hasOwn', 'groupBy'],
  'Object.prototype': ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', 'toLocaleString'],
  String: ['fromCharCode', 'fromCodePoint', 'raw'],
  'String.prototype': ['charAt', 'charCodeAt', 'codePointAt', 'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'slice', 'substring', 'substr', 'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'padStart', 'padEnd', 'repeat', 'split', 'replace', 'replaceAll', 'concat', 'at', 'localeCompare', 'normalize', 'match', 'search', 'toString', 'valueOf'],
  Number: ['isInteger', 'isSafeInteger', 'isFinite', 'isNaN', 'parseFloat', 'parseInt'],
  'Number.prototype': ['toFixed', 'toPrecision', 'toExponential', 'toString', 'toLocaleString', 'valueOf'],
  Math: ['abs', 'floor', 'ceil', 'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'pow', 'exp', 'log', 'log2', 'log10', 'min', 'max', 'random', 'sin', 'cos', 'tan', 'atan2', 'hypot', 'fround', 'clz32', 'imul', 'expm1', 'log1p', 'sinh', 'asin'],
  JSON: ['parse', 'stringify'],
  console: ['log', 'error', 'warn', 'info', 'debug', 'table', 'dir'],
  'Function.prototype': ['call', 'apply', 'bind', 'toString'],
  Error: ['captureStackTrace'],
  'Error.prototype': ['toString'],
  Boolean: [],
  'Boolean.prototype': ['toString', 'valueOf'],
};
for (const g of Object.keys(names)) {
  const line = [];
  for (const n of names[g]) {
    const f = groups[g][n];
    line.push(typeof f === 'function' ? `${n}/${f.length}/${f.name}` : `${n}:${typeof f}`);
  }
  console.log(g, line.join(' '));
}
console.log(Array.length, Object.length, String.length, Number.length, Error.length, TypeError.length, Boolean.length, Function.length, Array.name, TypeError.name);
