// An uncaught error whose name is a getter that allocates (an array and a string): the
// report reads the error again after it, so under the heap VM's GC stress run (a
// collection at every allocation) the error's word must be rooted across the getter.
"use strict";
class ParseFailure extends Error {
  get name() {
    return ["Parse", "Failure"].join("");
  }
}
console.log("before");
throw new ParseFailure("unexpected " + ["end", "of", "input"].join(" "));
