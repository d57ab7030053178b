// Default and rest parameters, spread in calls and array literals, arguments counted by rest.
function greet(name = "world", punct = "!") {
  return "hello " + name + punct;
}
console.log(greet(), greet("js"), greet("js", "?"), greet(undefined, "."));

function defaultsSeeEarlier(a, b = a * 2, c = a + b) {
  return [a, b, c].join(",");
}
console.log(defaultsSeeEarlier(1), defaultsSeeEarlier(1, 5), defaultsSeeEarlier(1, undefined, 0));

function count(...args) {
  return args.length;
}
console.log(count(), count(1), count(1, 2, 3));

function tail(first, ...others) {
  return first + "|" + others.join("+");
}
console.log(tail("a"), tail("a", "b", "c"));

const nums = [5, 1, 9, 3];
console.log(Math.max(...nums), Math.min(...nums, 0), count(...nums, ...nums));

const merged = [0, ...nums, 10, ...[11, 12]];
console.log(merged.length, merged.join(" "));

const copy = [...nums];
copy.push(100);
console.log(nums.length, copy.length);

function sum3(a, b, c) {
  return a + b + c;
}
console.log(sum3(...[1, 2, 3]), sum3(1, ...[2, 3]), sum3(...[1], 2, ...[3, 4]));

const variadic = (...xs) => xs.map((x) => x * x).join(",");
console.log(variadic(1, 2, 3));

function missing(a, b) {
  return typeof b;
}
console.log(missing(1), missing(1, 2));

class Vec {
  constructor(...coords) {
    this.coords = coords;
  }
  plus(...others) {
    const out = this.coords.slice();
    for (const o of others) for (let i = 0; i < out.length; i++) out[i] += o.coords[i];
    return new Vec(...out);
  }
}
console.log(new Vec(1, 2).plus(new Vec(3, 4), new Vec(5, 6)).coords.join(","));
