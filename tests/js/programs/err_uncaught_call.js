// Uncaught TypeError from calling something that is not a function.
const handlers = { start: () => "started" };
console.log(handlers.start());
console.log(typeof handlers.stop);
handlers.stop();
console.log("not reached");
