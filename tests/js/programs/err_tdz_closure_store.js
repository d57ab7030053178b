// A function that stores to a let of an outer scope before its declaration has run: node's
// uncaught ReferenceError, at the name's line (a64js stored silently).
function setLater(v) {
  later =
    v;
}
console.log('before');
setLater(1);
let later = 0;
console.log('never', later);
