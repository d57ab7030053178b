#!/usr/bin/env bash
# The main job: assemble examples/sum.s, install it in executable memory, call it
# with (40, 2) and print the listing and the result. Native on AArch64 hosts,
# through the emulator backend elsewhere. Sets up .venv itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/dev-env.sh
exec .venv/bin/a64jit run examples/sum.s --args 40 2 "$@"
