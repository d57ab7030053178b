const o = { a: 1 };
Object.defineProperty(o, "h", { value: 2, writable: true });
Object.defineProperty(o, "e", { value: 3, writable: true, enumerable: true });
o.h = 5;
console.log(o, Object.keys(o), o.h, "h" in o, o.hasOwnProperty("h"), JSON.stringify(o));
for (const k in o) console.log(k);
