// A module that replaces module.exports with a class and requires another module itself.
const { gcd } = require("./mathutil.js");

class Stack {
  constructor() {
    this.items = [];
  }
  push(x) {
    this.items.push(x);
    return this;
  }
  pop() {
    return this.items.pop();
  }
  get size() {
    return this.items.length;
  }
  gcdAll() {
    let g = 0;
    for (const x of this.items) g = gcd(g, x);
    return g;
  }
}

module.exports = Stack;
