// sloppy code (feat_configurable): a delete that cannot happen is false, not a TypeError
function sloppy(o, arr, F, K) {
  return [delete o.b, o.b, delete arr.length, delete F.prototype, delete K.prototype,
    typeof K.prototype, delete Math.E, Math.E > 2, delete o.nothing];
}
sloppy.del = function (o, k) { return delete o[k]; };
module.exports = sloppy;
