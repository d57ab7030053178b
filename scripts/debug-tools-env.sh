#!/usr/bin/env bash
# Tools the a64jit.debug tests drive (tests/debug): Debian's gdb-multiarch
# (the GDB JIT interface test, against qemu-aarch64's gdb stub) and linux-perf
# (`perf inject --jit` on our jitdump files), plus the arm64 sysroot from
# scripts/native-env.sh that the gdb test runs. Idempotent and quick when all
# is there. Where they cannot be installed (not root, no apt) this says so and
# exits 0: the tests skip -- except with CI=true, where the gdb test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
command -v gdb-multiarch >/dev/null || missing="$missing gdb-multiarch"
command -v perf >/dev/null || missing="$missing linux-perf"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== debug-tools-env: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 || {
      apt-get update -qq >&2
      # shellcheck disable=SC2086
      apt-get install -y -qq --no-install-recommends $missing >&2
    }
  else
    echo "debug-tools-env: cannot install$missing here (needs root and apt-get);" \
         "the tests that need them will skip" >&2
  fi
fi

case "$(uname -m)" in
  aarch64|arm64) ;;
  *)
    status=0
    scripts/native-env.sh || status=$?
    if [ "$status" != 0 ] && [ "$status" != 77 ]; then
      echo "debug-tools-env: scripts/native-env.sh failed (exit $status)" >&2
      exit "$status"
    fi
    ;;
esac
