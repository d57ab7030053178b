#!/usr/bin/env bash
# Create (or reuse) the project virtualenv .venv with a64jit installed editable
# plus its dev, emulator and disasm extras. Prints nothing when already current.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
stamp=.venv/.a64jit-stamp
want=$(sha1sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== setting up .venv" >&2
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e ".[dev,emulator,disasm]" >&2
  echo "$want" > "$stamp"
fi
