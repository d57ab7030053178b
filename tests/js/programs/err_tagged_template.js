// a64js-expect: exit=2 at=6:13 mentions=tagged template
// Out of the subset: tagged templates (node runs it).
function tag(strings, value) {
  return strings.length + value;
}
console.log(tag`a${1}b`);
