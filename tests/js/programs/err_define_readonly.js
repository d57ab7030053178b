// a64js-expect: exit=2 at=9:14 mentions=read-only data property
// Out of the subset: a read-only data property (Object.defineProperty's writable is false
// when not given; node runs it). Both VMs stop with its place: a catch around it must not
// hide the difference.
class Account {
  constructor(id) {
    let ok = true;
    try {
      Object.defineProperty(this, "id", { value: id, enumerable: true });
    } catch (e) {
      ok = false;
    }
    this.ok = ok;
  }
}
console.log(new Account(7));
