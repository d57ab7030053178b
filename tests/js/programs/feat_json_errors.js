// JSON.parse: what is not JSON is node's SyntaxError with V8's message (NaN and Infinity
// included, which Python's json module takes), -0 stays -0, and a reviver runs (the Python
// VM ignored it); an own "__proto__" key prints as node prints it.
function t(s) {
  try { const v = JSON.parse(s); console.log(typeof v, v); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
['NaN', 'Infinity', '-Infinity', 'undefined', '[object Object]', ' NaN', '12345678901234567890', '-0', '1E400',
  '[1,]', '{"a":1,}', "{'a':1}", '01', '[01]', '1.', '.5', '1.e5', '1e+', '-', '-a', '"\t"', '"\\x41"', '"\\u12G4"',
  '"\\u', '"\\', '', ' ', '{"a" 1}', '{"a":1 "b"}', '{"a":1,"b" 2}', '{"a":1,"b"', '[1 2]', '["a" "b"]', 'tru', 't',
  'nul1', 'trux', 'f"', '"abc', '1 2', '{"a":1}x', '{1:2}', '{', '[', '[1', '{"a":', '{"a"',
  '[1, 2, 3, 4, 5, 6, 7, x, 8, 9, 10, 11]', 'x[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]',
  '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, x]', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] x', '\u00a0 1', '"\\\u00a0"',
].forEach(t);
console.log(1 / JSON.parse('-0'), 1 / JSON.parse('[-0]')[0], JSON.parse('-0.0'), JSON.parse('9007199254740993'));
console.log(JSON.parse('{"a":1,"b":[1,2,{"c":3}],"d":"x"}', function (k, v) {
  if (k === 'd') return undefined;
  return typeof v === 'number' ? v * 10 : v;
}));
const seen = [];
JSON.parse('[1,{"x":[2]}]', function (k, v) { seen.push(k + ':' + JSON.stringify(v) + ':' + Array.isArray(this)); return v; });
console.log(seen);
console.log(JSON.parse('{"__proto__": 1, "a": [1, 2, {"b": null}]}'), { ['__proto__']: 2 });
