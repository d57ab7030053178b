// a64js-expect: exit=1 mentions=a regular expression
// Out of the subset: String.prototype.search of a text with pattern characters, which
// node compiles as a regular expression (node prints "plain 2" then "pattern 0"); plain
// text finds itself as in node (feat_search_limit), a pattern is a clear TypeError.
console.log('plain', 'xyabc'.search('ab'));
console.log('pattern', 'abc'.search('a.c'));
