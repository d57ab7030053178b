// A module whose function fails with a TypeError inside the module.
function firstField(record) {
  const fields = record.fields;
  return fields[0].name;
}
module.exports = { firstField };
