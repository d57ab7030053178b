// Array.prototype.findLast, findLastIndex, flatMap, Object.fromEntries and Object.hasOwn, which
// read as undefined; a string's own length and indexes for hasOwnProperty (the Python VM said false).
const a = [1, 2, 3, 4, 5, , 7];
console.log(a.findLast(x => x % 2 === 0), a.findLastIndex(x => x % 2 === 0), a.findLast(x => x > 10), a.findLastIndex(x => x > 10), a.findLast(x => x === undefined), a.findLastIndex(x => x === undefined));
const seen = []; [1, 2, 3].findLast(function (x, i, arr) { seen.push([x, i, arr.length, this.tag]); return false; }, { tag: 't' }); console.log(JSON.stringify(seen));
console.log([1, 2, 3].flatMap(x => [x, x * 10]), [1, 2].flatMap(x => [[x]]), ['a b', 'c'].flatMap(s => s.split(' ')), [1, , 3].flatMap(x => x), [1, 2].flatMap(x => (x === 1 ? [] : [, x])), [].flatMap(x => x));
console.log([1, 2, 3].flatMap(function (x, i) { return [this.k + i]; }, { k: 10 }));
try { [1].flatMap(5); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
try { [1].findLast(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
let s = 0; for (let i = 0; i < 50; i++) s += [i, i + 1, i + 2].flatMap(x => [x, -x / 2]).length + [i, 5, i].findLastIndex(x => x === i);
console.log(s);
for (const v of [undefined, null, 5, 'ab', {}, [1], [[1, 2], ['k'], [{ toString() { return 'ts'; } }, 3]], [null], []]) {
  try { console.log(JSON.stringify(Object.fromEntries(v))); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
console.log(Object.fromEntries(Object.entries({ a: 1, b: [2] }).map(([k, v]) => [k + k, v])));
try { Object.hasOwn(null, 'a'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
console.log(Object.hasOwn([1], 0), Object.hasOwn('ab', 'length'), Object.hasOwn({ a: 1 }, 'a'), Object.hasOwn(Object.create({ a: 1 }), 'a'), Object.hasOwn([1, , 3], 1));
console.log('ab'.hasOwnProperty('length'), 'ab'.hasOwnProperty(1), 'ab'.hasOwnProperty(2), 'ab'.hasOwnProperty('x'));
