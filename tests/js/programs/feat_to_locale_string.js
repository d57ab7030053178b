// Array.prototype.toLocaleString (locales and options go to each element) and
// Object.prototype.toLocaleString (this.toString())
const prices = [1234.5, 2, 0.125];
console.log(prices.toLocaleString());
console.log(prices.toLocaleString('en-US', { style: 'currency', currency: 'USD' }));
console.log(prices.toLocaleString('en-US', { maximumFractionDigits: 1 }));
console.log([1234.5, 'x', null, undefined, [5000, [6000]], true].toLocaleString());
console.log([{ toLocaleString() { return 'L'; } }, { toString() { return 'S'; } }].toLocaleString());
class Money { constructor(c) { this.c = c; } toString() { return `${(this.c / 100).toFixed(2)} EUR`; } }
console.log([new Money(150), new Money(99)].toLocaleString(), new Money(5).toLocaleString());
console.log(({}).toLocaleString(), 'text'.toLocaleString(), (true).toLocaleString(), [].toLocaleString());
const cyc = [1, 2]; cyc.push(cyc); console.log(cyc.toLocaleString());
try { [{ toLocaleString: 5 }].toLocaleString(); } catch (e) { console.log(e.name, e.message); }
try { Object.prototype.toLocaleString.call(null); } catch (e) { console.log(e.name, e.message); }
