// A method defined under a computed key is named by it ([k]() {}: name, console.log), and a
// class's static computed method stays hidden.
const k = 'dyn';
const o = { ['comp' + 1]() { return 1; }, [k]() {}, [2 + 3]() {}, plain() {}, ['']() {} };
console.log(o.comp1.name, o.dyn.name, o[5].name, o.plain.name, JSON.stringify(o[''].name), Object.keys(o.comp1), o.comp1);
class C { [k + 'M']() {} static ['s' + k]() {} }
console.log(C.prototype.dynM.name, C.sdyn.name, Object.keys(C), C.prototype.dynM);
for (let i = 0; i < 20; i++) { const oo = { ['m' + (i % 3)]() {} }; if (oo['m' + (i % 3)].name !== 'm' + (i % 3)) console.log('bad', i); }
console.log('done');
