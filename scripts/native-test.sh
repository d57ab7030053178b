#!/usr/bin/env bash
# Run the runtime test suite natively on AArch64: under qemu-user with the
# arm64 CPython from scripts/native-env.sh on other hosts, with the host
# python3 on AArch64; with a64js's correctness matrix on the native backend
# (tests/js/test_native_matrix.py: the JavaScript test programs against node's
# recorded output) and the built-ins the JIT does in machine code
# (tests/js/test_jit_builtins_inline.py). Extra arguments go to pytest.
# Where the environment cannot be built (not root, no apt) this prints a loud
# SKIPPED banner and exits 0 -- unless CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
scripts/native-env.sh || status=$?
if [ "$status" = 77 ]; then
  {
    echo "################################################################"
    echo "##  NATIVE AArch64 TESTS SKIPPED: the qemu-user + arm64 CPython"
    echo "##  environment cannot be built on this machine (see above)."
    echo "##  Run scripts/native-test.sh as root on Debian/Ubuntu, or on"
    echo "##  an AArch64 host, to run them."
    echo "################################################################"
  } >&2
  if [ "${CI:-}" = true ]; then
    echo "native-test: CI=true, so a skipped native suite is a failure" >&2
    exit 1
  fi
  exit 0
elif [ "$status" != 0 ]; then
  echo "native-test: building the native environment failed (exit $status)" >&2
  exit "$status"
fi

echo "== native suite ($(scripts/native-python -c 'import platform; print(platform.machine())'), A64JIT_BACKEND=native)"
export A64JIT_BACKEND=native
exec scripts/native-python -m pytest tests/runtime tests/bridge/test_bridge_runtime.py \
  tests/loader/test_loader_native.py tests/loader/test_gcc.py tests/js/test_heap_code.py \
  tests/js/test_native_matrix.py tests/js/test_jit_builtins_inline.py -p no:cacheprovider -q -ra "$@"
