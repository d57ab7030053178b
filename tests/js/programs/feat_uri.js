// encodeURIComponent, encodeURI, decodeURIComponent, decodeURI (a64js lacked them: a
// ReferenceError), with node's URIError for a lone surrogate or a bad escape.
const samples = ["a b&c/ü", "", "ABCxyz019-_.!~*'()", ";/?:@&=+$,#", "€😀\u00e9", "100%", "\u0000\u007f\u0080\u07ff\u0800\uffff"];
for (const s of samples) {
  const e1 = encodeURIComponent(s), e2 = encodeURI(s);
  console.log(JSON.stringify(s), e1, e2, decodeURIComponent(e1) === s, decodeURI(e2) === s, decodeURI(e1));
}
for (const bad of ["%", "%2", "%zz", "%C3", "%C3%28", "%E2%82", "%F0%9F%98", "%C0%80", "%ED%A0%80", "%FF"]) {
  try { console.log(decodeURIComponent(bad)); } catch (e) { console.log(bad, e.name, e.message); }
}
for (const bad of ["\ud800", "a\udc00"]) { try { encodeURIComponent(bad); } catch (e) { console.log(e.name, e.message); } }
console.log(decodeURI("%3B%2F%3f%41%25"), decodeURIComponent("%3B%2F%3f%41%25"), encodeURIComponent.length, decodeURI.length, typeof encodeURI);
console.log(decodeURIComponent("%F0%9F%98%80").length, decodeURIComponent("%e2%82%ac"));
let total = 0;
for (let i = 0; i < 200; i++) total += encodeURIComponent("k=" + i + "&v=é").length + decodeURIComponent("%41" + i).length;
console.log(total);
