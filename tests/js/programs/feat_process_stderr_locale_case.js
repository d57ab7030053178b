// process.stderr.write (node's; a64js had stdout only), process.pid/arch/uptime(), and
// String.prototype.toLocaleUpperCase/LowerCase (default locale), trimLeft/trimRight
// (node's aliases of trimStart/trimEnd: the same functions).
process.stderr.write("progress: 50%\n");
process.stdout.write("to stdout\n");
console.log(typeof process.pid, typeof process.arch, process.arch.length > 0);
console.log(typeof process.uptime(), process.uptime() >= 0);
console.log("ABC".toLocaleLowerCase(), "straße".toLocaleUpperCase("en-US"), "Title".toLocaleUpperCase());
console.log("  x ".trimLeft() + "|", "  x ".trimRight() + "|", String.prototype.trimLeft === String.prototype.trimStart, String.prototype.trimRight === String.prototype.trimEnd);
