// A directory without package.json: its index.js.
exports.area = (w, h) => w * h;
exports.loadedFrom = "index";
