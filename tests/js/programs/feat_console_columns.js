// console.log's grouping of a long array into columns rounds the column count as
// Math.round does (a half up): for these ten numbers sqrt(2.5 * 4 * 10) / 4 is 2.5, so node
// prints three columns, where Python's round (half to even) gave two.
console.log([-1, -22, 333, -4444, 55555, -666666, 7, 8, 9, 10]);
console.log(["-1", "-22", "333", "-4444", "55555", "-666666", "7", "8", "9", "10"]);
console.log([[-1, -22, 333, -4444, 55555, -666666, 7, 8, 9, 10]]);
console.log({ list: [-1, -22, 333, -4444, 55555, -666666, 7, 8, 9, 10] });
