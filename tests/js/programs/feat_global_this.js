// globalThis is the global object in both VMs (the Python VM's was an empty object):
// built-ins read through it, unlisted; properties given to it are globals, and back.
console.log(typeof globalThis.Array, typeof globalThis.Math, globalThis.Math === Math, typeof Function);
var gv = 1; globalThis.newG = 2;
console.log(typeof globalThis.gv, typeof newG);
console.log(Object.keys(globalThis).filter(k => !['global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'performance', 'fetch', 'crypto'].includes(k)), typeof globalThis.console.log);
globalThis.fromObj = 5; console.log(fromObj, typeof fromObj);
implicitG = 7; console.log(globalThis.implicitG, Object.keys(globalThis).slice(-2));
try { console.log(notThere); } catch (e) { console.log(e.message); }
console.log(typeof notThere2, 'Math' in globalThis, globalThis.globalThis === globalThis, globalThis.Math === Math, typeof globalThis.Array.isArray);
var modVar = 1; console.log(typeof globalThis.modVar);
