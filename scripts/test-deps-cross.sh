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
TAG=test-deps-cross WHAT="the AArch64 cross compiler"
SKIPPED="the compiler-output tests in tests/loader"
. "$(dirname "$0")/apt-lib.sh"
apt_install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu gcc libc6-dev
command -v aarch64-linux-gnu-gcc >/dev/null || fail "no aarch64-linux-gnu-gcc after install"
