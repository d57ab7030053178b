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
fail() {
  echo "test-deps-node: node is missing and cannot be installed here: $*" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  echo "test-deps-node: the node re-check tests in tests/js will be skipped" >&2
  exit 0
}
command -v apt-get >/dev/null || fail "no apt-get"
if [ "$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=sudo
else
  fail "not root"
fi
echo "== test-deps-node: installing Debian's nodejs" >&2
$SUDO apt-get update -qq >&2 || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs >&2 \
  || fail "apt-get install nodejs failed"
command -v node >/dev/null || command -v nodejs >/dev/null || fail "nodejs installed no node binary"
