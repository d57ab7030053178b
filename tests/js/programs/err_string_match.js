// a64js-expect: exit=1 mentions=String.prototype.match (a regular expression match)
// Out of the subset: String.prototype.match and matchAll (node makes a RegExp of the
// argument; node prints "function function" then "[ 'b', index: 1, ... ]"): they exist,
// as in node, and calling one is a clear TypeError (was "'abc'.match is not a function").
console.log(typeof 'a'.match, typeof ''.matchAll);
console.log('abc'.match('b'));
