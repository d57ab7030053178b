// `this` in sloppy and strict code: a plain call of a sloppy function gets the global
// object (undefined and null too, through call/apply/bind), strict code (classes,
// "use strict") gets what it was called with, arrows take their function's, and the
// module's own is module.exports.
var out = [];
function say(label, value) { out.push(label + "=" + value); }

function plain() { return this; }
say("plain", plain() === globalThis);
say("typeof", typeof plain());
say("call undefined", plain.call(undefined) === globalThis);
say("call null", plain.call(null) === globalThis);
say("apply", plain.apply(undefined, []) === globalThis);
say("bind", plain.bind(null)() === globalThis);

function setCounter() { this.counter = (this.counter || 0) + 1; }
setCounter();
setCounter();
say("global counter", globalThis.counter);

function Point(x) { this.x = x; }
var p = new Point(3);
say("new", p.x + "," + typeof globalThis.x);

var obj = {
  name: "obj",
  m() { return this; },
  f: function () { return this; },
  get g() { return this === obj; },
  arrows() { var a = () => this; return a() === this; },
};
say("method", obj.m() === obj && obj.f() === obj && obj.g);
var m = obj.m, f = obj.f;
say("extracted", m() === globalThis && f() === globalThis);
say("arrow in method", obj.arrows());

function outerArrow() { var a = () => this; return a(); }
say("arrow in plain", outerArrow() === globalThis);
say("arrow in method call", outerArrow.call(obj) === obj);

class K {
  m() { return this; }
  static s() { return this; }
  inner() { return (function () { return this; })(); }
}
var km = new K().m, ks = K.s;
say("class extracted", km() === undefined && ks() === undefined && K.s() === K);
say("sloppy function inside a class", new K().inner() === undefined);
try {
  km().x;
} catch (e) {
  say("class this", e instanceof TypeError);
}

function strictOne() {
  "use strict";
  var a = () => this;
  return [this, a(), (function () { return this; })()];
}
var r = strictOne();
say("use strict", r[0] === undefined && r[1] === undefined && r[2] === undefined);
say("use strict call null", strictOne.call(null)[0] === null);

say("callbacks", [1, 2, 3].map(function () { return this === globalThis; }).join(","));
var sum = 0;
[1, 2, 3].forEach(function (v) { this.total = (this.total || 0) + v; sum += v; });
say("forEach", globalThis.total + "," + sum);

say("module", this === module.exports && this === exports);
var top = () => this;
say("module arrow", top() === module.exports);
exports.marker = 7;
say("exports", this.marker);

var hot = 0;
function bump() { this.hotCount = (this.hotCount || 0) + 1; return this; }
for (var i = 0; i < 200; i++) {
  if (bump() === globalThis) hot++;
  if (bump.call(obj) === obj) hot++;
}
say("hot", hot + "," + globalThis.hotCount + "," + obj.hotCount);
console.log(out.join("\n"));
