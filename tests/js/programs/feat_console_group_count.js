// console.group/groupCollapsed/groupEnd (every later line indented, console.table and dir
// too), count/countReset, assert (stderr), and the timers' presence (their output is a time).
console.group('Group A');
console.log('inside a');
console.group();
console.log('nested\nmultiline');
console.info({ a: 1, b: [1, 2] });
console.groupEnd();
console.warn('warned in a');
console.groupCollapsed('collapsed %s', 'B');
console.table([{ x: 1 }]);
console.dir({ d: 1 });
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log('outside');
console.count(); console.count(); console.count('x'); console.countReset(); console.count(); console.count('x');
console.countReset('nope');
console.assert(true, 'never');
console.assert(false, 'failed %s', 'here', 42);
console.assert(false);
console.assert(0, { o: 1 });
console.log(typeof console.time, typeof console.timeEnd, typeof console.timeLog, typeof console.trace);
class Logger {
  constructor(name) { this.name = name; }
  section(title, fn) {
    console.group(`[${this.name}] ${title}`);
    try { return fn(); } finally { console.groupEnd(); }
  }
}
const log = new Logger("build");
log.section("compile", () => {
  for (const f of ["a.js", "b.js"]) console.count("files");
  log.section("nested", () => console.log({ ok: true, files: 2 }));
});
console.log("done");
