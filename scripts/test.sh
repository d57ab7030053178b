#!/usr/bin/env bash
# Run every check: ruff, mypy (strict on src/ and the clean test directories), the host
# test suite (runtime tests go through the emulator backend on non-AArch64 hosts) and the
# native suite (under qemu-user on x86-64, directly on AArch64). Sets up what it needs
# itself. The host suite runs in pytest-xdist workers, one per core (arguments given go
# to pytest: -n 0 for one process).
set -euo pipefail
cd "$(dirname "$0")/.."
# Bytecode caches for src/ and tests/ (git ignores them): where the environment sets
# PYTHONDONTWRITEBYTECODE, every subprocess the tests start (the CLI, a64js, the tools)
# compiles each module it imports again, about a second each; tests/js/test_cli_exit.py
# took 19 s with it set and 8 s without.
unset PYTHONDONTWRITEBYTECODE
scripts/dev-env.sh
scripts/debug-tools-env.sh  # gdb-multiarch, linux-perf, arm64 sysroot for tests/debug
scripts/test-deps-node.sh
scripts/test-deps-cross.sh  # aarch64-linux-gnu-gcc/as and gcc for tests/loader
echo "== ruff"
.venv/bin/ruff check src tests tools benchmarks examples
echo "== mypy --strict (src/a64jit, src/a64js)"
.venv/bin/mypy
# Every clean test directory (tools/ and docs/ on the path: tests import fuzz_api and
# isa_coverage from there).
MYPY_TESTS=(tests/__init__.py tests/vectorfiles.py tests/nobody.py tests/api tests/bridge tests/cli tests/debug
            tests/docs tests/encoding tests/isa tests/js tests/loader tests/macro tests/runtime
            tests/text)
echo "== mypy --strict (${MYPY_TESTS[*]})"
MYPYPATH=tools:docs .venv/bin/mypy --strict "${MYPY_TESTS[@]}"
echo "== pytest (host: $(uname -m))"
# (Every file runs in the workers, whatever they mapped before: a worker that mapped
# much emulator memory may give a JIT buffer a chunk beyond a bl's reach of the one
# before, and test_jit_placed_subroutines, which counts the JIT's subroutine placements,
# counts them per generation (a far_subroutines event places them again) and forces the
# layout where a test needs one: one chunk, or chunks far apart.)
.venv/bin/python -m pytest -n auto tests "$@"
echo "== native suite"
scripts/native-test.sh tests/bridge/test_bridge_runtime.py tests/debug/test_jitdump.py tests/loader/test_gcc.py
