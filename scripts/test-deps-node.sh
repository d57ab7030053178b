#!/usr/bin/env bash
# Make sure node is installed for the JavaScript differential tests (tests/js): installs
# Debian's nodejs package where neither `node` nor `nodejs` is on PATH. The tests compare
# a64js with recorded node output either way; node lets them re-check those recordings.
# Without root/apt this prints a warning and exits 0 (the re-check tests then skip),
# except with CI=true, where a missing node is a failure.
set -euo pipefail

if command -v node >/dev/null || command -v nodejs >/dev/null; then
  exit 0
fi
TAG=test-deps-node WHAT=node SKIPPED="the node re-check tests in tests/js"
. "$(dirname "$0")/apt-lib.sh"
apt_install nodejs
command -v node >/dev/null || command -v nodejs >/dev/null || fail "nodejs installed no node binary"
