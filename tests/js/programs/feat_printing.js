// console.log of values beyond plain data, as node prints them: class instances with their
// class name, functions and classes, nesting deeper than two levels ([Array], [Object]),
// objects too long for one line, strings needing other quotes, default sort order.
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
  norm() {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }
}
class Point3 extends Point {}
console.log(new Point(1, 2), [new Point(3, 4)], { p: new Point(5, 6) }, new Point3(0, 0));
console.log(Object.keys(new Point(1, 2)), new Point(3, 4).norm());
function named() {
  return 1;
}
console.log(named, () => 1, Point, [named], { f: named, m() {} });
console.log([3, undefined, , 1, "10", "9", 2].sort());
console.log([1.5, -0.25, 1e21, 1e-7, -1e-7]);
console.log({ a: undefined, b: null, c: NaN, "d-e": -0, f: [], g: {}, h: "it's" });
console.log(["a\nb", "tab\t", "back\\slash", 'q"uote', "both'\""]);
console.log("top\nlevel", ["x"]);
console.log([[[[1]]]], { a: { b: { c: {} } } }, { a: { b: { c: { d: 1 } } } });
console.log({ first: "a fairly long string value", second: "another long string", third: 3 });
console.log([true, false].map((b) => !b), [0, 1, 2].map((i) => i * 0.5));
