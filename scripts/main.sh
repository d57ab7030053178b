#!/usr/bin/env bash
# The main job: assemble examples/sum.s, install it in executable memory, call it
# with (40, 2) and print the listing and the result (native on AArch64 hosts,
# through the emulator backend elsewhere); then run a JavaScript program on the
# a64js VM with its statistics; then the baseline JIT's benchmark table (issue 14)
# on the default backend, in its quick form, each workload at its realistic scale
# (CPython ~0.3 s each on a quiet x86-64 host: about two minutes in all). Sets up .venv itself. Extra
# arguments go to a64jit run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev-env.sh
echo "== a64jit run examples/sum.s --args 40 2"
.venv/bin/a64jit run examples/sum.s --args 40 2 "$@"
echo
echo "== a64js --stats tests/js/programs/scheduler.js"
.venv/bin/a64js --stats tests/js/programs/scheduler.js
echo
echo "== the baseline JIT against the heap VM's interpreter and CPython (benchmarks/bench_js_jit.py --quick"
echo "   --scale realistic: 5 of the 17 workloads, each at a size where CPython takes ~0.3 s, one run each;"
echo "   the whole table: .venv/bin/python benchmarks/bench_js_jit.py --scale realistic; natively under qemu:"
echo "   --backend native --quick --scale realistic --no-interp, or realistic/10 with the interpreter's column)"
.venv/bin/python benchmarks/bench_js_jit.py --quick --scale realistic
