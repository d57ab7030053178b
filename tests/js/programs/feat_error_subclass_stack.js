// An error's stack names the error as it is when the stack is first read (node formats
// it then): a subclass setting this.name after super() has its name in its stack.
class ValidationError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "ValidationError";
    this.field = field;
  }
}
class InsufficientFunds extends Error {
  constructor(needed) {
    super(`need ${needed} more`);
    this.name = this.constructor.name;
    this.needed = needed;
  }
}
class Early extends Error {
  constructor(message) {
    super(message);
    this.seen = this.stack.split("\n")[0]; // read before the name is set: kept
    this.name = "Early";
  }
}
class Renamed extends Error {}
Renamed.prototype.name = "Renamed";

const head = (e) => e.stack.split("\n")[0];
const errors = [new ValidationError("age", "must be positive"), new InsufficientFunds(25),
  new Early("too soon"), new Renamed("by prototype"), new RangeError("plain")];
for (const e of errors) {
  console.log(head(e), "|", String(e), "|", e instanceof Error, Object.keys(e));
}
console.log(errors[2].seen);
const late = new ValidationError("name", "empty");
late.message = "changed before reading";
console.log(head(late));
late.name = "AfterRead";
console.log(head(late), String(late));
late.stack = "replaced";
console.log(late.stack);
// thrown and caught in a hot function (the JIT compiles it)
function withdraw(balance, amount) {
  if (amount > balance) throw new InsufficientFunds(amount - balance);
  return balance - amount;
}
let failures = 0;
let last = "";
for (let i = 0; i < 200; i++) {
  try {
    withdraw(100, i);
  } catch (e) {
    failures++;
    last = head(e);
  }
}
console.log(failures, last);
