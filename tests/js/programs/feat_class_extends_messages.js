// class C extends F where F.prototype is a primitive: node's TypeError names the value.
for (const v of [3, 'str', true, undefined]) {
  function F() {}
  F.prototype = v;
  try { class C extends F {} } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
try { class D extends 5 {} } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
