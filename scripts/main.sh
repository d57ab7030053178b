#!/usr/bin/env bash
# The main job: assemble examples/sum.s, install it in executable memory, call it
# with (40, 2) and print the listing and the result (native on AArch64 hosts,
# through the emulator backend elsewhere); then run a JavaScript program on the
# a64js VM with its statistics. Sets up .venv itself. Extra arguments go to a64jit run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev-env.sh
echo "== a64jit run examples/sum.s --args 40 2"
.venv/bin/a64jit run examples/sum.s --args 40 2 "$@"
echo
echo "== a64js --stats tests/js/programs/scheduler.js"
.venv/bin/a64js --stats tests/js/programs/scheduler.js
