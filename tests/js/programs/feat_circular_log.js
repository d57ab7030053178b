// console.log of objects that contain themselves: node marks the object a [Circular *N]
// names with <ref *N>, numbered in the order the cycles are met.
const cyc = { name: "c" }; cyc.self = cyc; console.log(cyc);
const ca = [1]; ca.push(ca); console.log(ca);
const a = { n: "a" }, b = { n: "b", a }; a.b = b; console.log(a, [a], { wrap: b });
const p = { n: 1 }, q = { n: 2 }; p.q = q; q.q = q; q.p = p; console.log(p);
const r = { list: [] }; r.list.push({ up: r }, { up: r, me: null }); r.list[1].me = r.list[1]; console.log(r);
class Node { constructor(v) { this.v = v; this.next = this; } } console.log(new Node(1), [new Node(2)]);
const f = function named() {}; f.self = f; console.log(f);
const e = new Error("circ"); e.self = e; console.log({ e: 1 }); 
const wide = { aaaaaaaaaaaaaaa: 1, bbbbbbbbbbbbbbbbbb: 2, ccccccccccccccccc: 3, dddddddddddd: 4 }; wide.me = wide; console.log(wide);
