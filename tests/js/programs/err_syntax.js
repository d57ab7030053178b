// Bad input: a syntax error. a64js exits with status 2 and names file, line and column.
console.log("never printed");
let x = ;
