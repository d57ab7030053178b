// An uncaught RangeError thrown by the program through a finally block: the finally runs,
// then the program ends with exit status 1 and "Uncaught RangeError: ...".
function check(level) {
  if (level > 3) throw new RangeError("level " + level + " is out of range");
  return level;
}
try {
  for (let i = 0; i < 10; i++) console.log("level", check(i));
} finally {
  console.log("cleanup");
}
