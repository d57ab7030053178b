// A package's main module (package.json "main": "src/ledger", found as src/ledger.js).
const rates = require("../../rates.json");

class Ledger {
  constructor(currency) {
    this.currency = currency;
    this.entries = [];
  }
  add(label, amount) {
    this.entries.push({ label, amount });
    return this;
  }
  total(to = this.currency) {
    const sum = this.entries.reduce((s, e) => s + e.amount, 0);
    return sum * rates[this.currency] / rates[to];
  }
}
module.exports = { Ledger, rates };
