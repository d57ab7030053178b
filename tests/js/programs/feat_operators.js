// Operators: arithmetic on ints and doubles, int32 overflow into doubles, bitwise and shifts
// (signed and unsigned), comparisons and equality (== and ===), logical operators with
// short-circuit values, compound assignment, ++/--, typeof, instanceof, in.
console.log(7 + 3, 7 - 10, 7 * 6, 7 / 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1);
console.log(2147483647 + 1, -2147483648 - 1, 65536 * 65536, 46341 * 46341);
console.log(1 / 0, -1 / 0, 0 / 0, 5.5 % 2, -5.5 % 2, 0 * -1);
console.log(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, -1 >>> 0, -1 >>> 28, -16 >> 2, 1 << 31, 1 << 32);
console.log(4294967295 | 0, 2 ** 32 + 5 | 0, 3.7 | 0, -3.7 | 0, 1e20 | 0, NaN | 0);
console.log(1 < 2, 2 <= 2, "a" < "b", "B" < "a", "10" < "9", 10 < 9, "10" < 9, null >= 0);
console.log(1 == "1", 0 == "", null == undefined, null == 0, undefined == 0, NaN == NaN);
console.log(1 === "1", null === undefined, "x" === "x", 0 === -0, true == 1, false == "0");
const o = {};
console.log(o == o, o === {}, "3" * "4", "3" + 4, 3 + "4", "5" - 2, +"", +" 12 ", -"x");
console.log(true + true, null + 1, undefined + 1, "a" + null, [1, 2] + "", typeof ("" + {}));
console.log(0 || "zero", 1 || "one", 0 && "zero", 1 && "one", "" || null, NaN && 1);
console.log(!0, !1, !"", !"a", !null, !!undefined, !NaN, ![]);

let calls = 0;
const bump = () => {
  calls++;
  return true;
};
const r1 = false && bump();
const r2 = true || bump();
const r3 = true && bump();
console.log(r1, r2, r3, calls);

let x = 10;
x += 5;
x -= 3;
x *= 2;
x /= 4;
x %= 4;
console.log(x);
let y = 6;
y <<= 3;
y >>= 1;
y |= 1;
y &= 0x1d;
y ^= 0xff;
y >>>= 2;
y **= 2;
console.log(y);
let z = 5;
console.log(z++, z, ++z, z, z--, z, --z, z);
const arr = [1, 2];
arr[0]++;
arr[1] += 10;
const obj = { n: 1 };
obj.n *= 7;
obj["n"]--;
console.log(arr.join(","), obj.n);

class Animal {}
class Dog extends Animal {}
const d = new Dog();
console.log(typeof 1, typeof 1.5, typeof "s", typeof true, typeof undefined, typeof null);
console.log(typeof {}, typeof [], typeof (() => 1), typeof Dog, typeof notDeclared);
console.log(d instanceof Dog, d instanceof Animal, d instanceof Object, [] instanceof Array);
console.log(new Animal() instanceof Dog, {} instanceof Array);
const bag = { a: 1, b: undefined };
console.log("a" in bag, "b" in bag, "c" in bag, 0 in [5], 1 in [5], "length" in []);
