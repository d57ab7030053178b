// Built-ins a64js lacked or got wrong (session 16): isPrototypeOf, getOwnPropertyNames,
// normalize, the copying array methods (toSorted, toReversed, with, toSpliced), splice()
// with no arguments, JSON.stringify of lone surrogates.
class Animal { constructor(n) { this.name = n; } speak() { return this.name; } }
class Dog extends Animal { bark() { return "woof"; } }
const rex = new Dog("rex");
console.log(Animal.prototype.isPrototypeOf(rex), Dog.prototype.isPrototypeOf(new Animal("a")),
            Object.prototype.isPrototypeOf(rex), Object.prototype.isPrototypeOf(1),
            Function.prototype.isPrototypeOf(Dog), Array.prototype.isPrototypeOf([]),
            String.prototype.isPrototypeOf("s"), rex.isPrototypeOf(rex));
const base = { kind: "base" };
console.log(base.isPrototypeOf(Object.create(base)), Object.prototype.isPrototypeOf.call(base, {}));

console.log(Object.getOwnPropertyNames({ x: 1, 2: "two", b: 3, 1: "one" }));
console.log(Object.getOwnPropertyNames([5, , 7]), Object.getOwnPropertyNames("hey"));
console.log(Object.getOwnPropertyNames(rex), Object.getOwnPropertyNames(Dog.prototype));
console.log(Object.getOwnPropertyNames(42), Object.keys(Dog.prototype));
try { Object.getOwnPropertyNames(null); } catch (e) { console.log(e.name + ": " + e.message); }

console.log("abc".normalize(), "e\u0301".normalize() === "\u00e9", "\u00e9".normalize("NFD").length,
            "\ufb01".normalize("NFKC"), "\u00c5ngstr\u00f6m".normalize("NFKD").length);
try { "a".normalize("nfc"); } catch (e) { console.log(e.name + ": " + e.message); }

const nums = [5, 1, 4, , 2];
console.log(nums.toSorted(), nums.toSorted((a, b) => b - a), nums.toReversed(), nums);
console.log(nums.with(0, "x"), nums.with(-1, "y"), [1, 2].with(1.9, "z"), nums.with("2", 0));
for (const i of [5, -6, Infinity]) {
  try { nums.with(i, 0); } catch (e) { console.log(e.name + ": " + e.message); }
}
try { nums.toSorted("no"); } catch (e) { console.log(e.name + ": " + e.message); }
console.log(nums.toSpliced(1, 2, "a", "b", "c"), nums.toSpliced(), nums.toSpliced(-2),
            nums.toSpliced(1, 0, 9), nums);
console.log([].toSorted.length, [].toReversed.length, [].with.length, [].toSpliced.length);
const sp = [1, 2, 3];
console.log(sp.splice(), sp.length, sp.splice(undefined), sp.length);

console.log(JSON.stringify("\ud800"), JSON.stringify("a\udc00b"), JSON.stringify("\ud83d\ude00"),
            JSON.stringify({ "\udc01": "\ud83d", ok: "\ud83d\ude00x\udbff" }));
console.log(JSON.stringify(["\udfff\ud800", "\ud800\udfff"]));

// a hot loop: the copies in compiled code
let total = 0;
const row = [3, 1, 2];
for (let i = 0; i < 300; i++) {
  const s = row.toSorted();
  const r = row.with(i % 3, i).toReversed();
  total += s[0] + s[2] + r[0] + (Dog.prototype.isPrototypeOf(rex) ? 1 : 0) + row.toSpliced(0, 1).length;
}
console.log(total, row);
