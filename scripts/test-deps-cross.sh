#!/usr/bin/env bash
# Make sure Debian's AArch64 cross compiler is installed for the loader tests
# (tests/loader): gcc-aarch64-linux-gnu compiles the C test programs to assembly and
# its GNU assembler (binutils-aarch64-linux-gnu) gives the bytes ours are compared with.
# Without root/apt this prints a warning and exits 0 (the tests then skip), except with
# CI=true, where a missing compiler is a failure.
set -euo pipefail

if command -v aarch64-linux-gnu-gcc >/dev/null && command -v aarch64-linux-gnu-as >/dev/null \
   && command -v gcc >/dev/null; then
  exit 0
fi
fail() {
  echo "test-deps-cross: the AArch64 cross compiler is missing and cannot be installed here: $*" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  echo "test-deps-cross: the compiler-output tests in tests/loader will be skipped" >&2
  exit 0
}
command -v apt-get >/dev/null || fail "no apt-get"
if [ "$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=sudo
else
  fail "not root"
fi
echo "== test-deps-cross: installing gcc-aarch64-linux-gnu" >&2
$SUDO apt-get update -qq >&2 || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu gcc libc6-dev >&2 \
  || fail "apt-get install gcc-aarch64-linux-gnu failed"
command -v aarch64-linux-gnu-gcc >/dev/null || fail "no aarch64-linux-gnu-gcc after install"
