// a64js-expect: exit=2 at=4:21 mentions=regular expression|regexp
// Out of the subset: regular expression literals (node runs it).
const words = ["a1", "b", "c3"];
const digit = () => /[0-9]/;
console.log(words.length, typeof digit);
