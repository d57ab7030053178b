// new.target is the constructor `new` named, whatever the constructor does to `this`
// afterwards (a64js finds it at the constructor's entry): a replaced prototype
// `constructor`, this's prototype changed, an arrow function called after the object's
// prototype changed, a derived constructor reading it before super().
class A { constructor() { console.log('A', new.target === A, new.target && new.target.name); } }
A.prototype.constructor = function Fake() {};
new A();
class B { constructor() { Object.setPrototypeOf(this, Array.prototype); console.log('B', new.target === B); } }
new B();
class C { constructor() { const f = () => new.target; this.f = f; } }
const c = new C();
Object.setPrototypeOf(c, null);
console.log('C', c.f() === C);
class E { constructor() { this.t = new.target; } }
class E2 extends E { constructor() { console.log('E2', typeof new.target, new.target.name); super(); } }
console.log(new E2().t === E2);
const Anon = class { constructor() { console.log('anon', new.target === Anon); } };
new Anon();
class Base { constructor() { this.kinds = [new.target.name]; } }
class Mid extends Base { constructor() { super(); this.kinds.push(new.target.name); } }
class Leaf extends Mid {}
let s = '';
for (let i = 0; i < 40; i++) s = new Leaf().kinds.join('/') + ' ' + new Mid().kinds.join('/');
console.log(s);
