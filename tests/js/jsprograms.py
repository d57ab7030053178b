"""The JavaScript test programs and what each must produce (shared by tests and tools).

Every ``tests/js/programs/NAME.js`` (modules they ``require`` live in ``programs/lib/``) is
run by node once, by ``tools/gen_js_expected.py``, and node's behaviour is recorded next to it:

- ``NAME.expected``: node's stdout, byte for byte;
- ``NAME.status`` (only when node exits non-zero): ``exit N``, ``error <Name>: <message>``
  (the error line node prints after its source excerpt), ``line L``, ``file F`` when the
  place is in another file (a required module) and, for syntax errors, ``column C``
  (from node's caret).

The contract a64js must meet (checked by test_programs.py), derived from those files:

- exit 0 under node: a64js exits 0 with the same stdout.
- an uncaught exception under node: a64js prints the same stdout, exits 1, the first line of
  its stderr is ``Uncaught <Name>: <message>`` (node's error line with the REPL's prefix),
  and its stderr names the place as ``NAME.js:L`` (node's file and line: the innermost
  frame, where the error was thrown, which may be a required module). Node's source excerpt and
  stack trace are not compared.
- a SyntaxError under node: a64js exits 2 before running anything (empty stdout), and the
  first line of its stderr contains ``SyntaxError`` and ``NAME.js:L:C`` (node's line and
  caret column).
- a program whose first lines hold ``// a64js-expect: exit=N at=L:C mentions=A|B node=skip``
  overrides node's verdict (for constructs outside the subset, which node runs fine): a64js
  exits N; with exit 2, stdout is empty; the first stderr line contains ``NAME.js:L:C`` when
  ``at`` is given and one of the ``mentions`` alternatives (case-insensitive). ``node=skip``
  means node is not run (heap exhaustion: node would take gigabytes and minutes).
- a line ``// a64js-flags: ...`` in the first lines adds those options to a64js's command
  line (gc_churn.js runs in a small heap: ``--max-heap 64``).
- in every case stderr holds no Python traceback. Lines and columns count from 1, as node's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).resolve().parent / "programs"
NODE_TIMEOUT = 30.0
VM_TIMEOUT = 120.0

_DIRECTIVE = re.compile(r"^//\s*a64js-expect:\s*(.*)$")
_FLAGS = re.compile(r"^//\s*a64js-flags:\s*(.*)$")
_NODE_PLACE = re.compile(r"^(.*\.js):(\d+)$")
_ERROR_LINE = re.compile(r"^([A-Za-z_$][\w$]*(?: \[[\w$]+\])?): ?(.*)$")


@dataclass(frozen=True)
class Directive:
    """An ``a64js-expect`` line: what a64js must do where it differs from node on purpose."""

    exit: int
    at: tuple[int, int] | None
    mentions: tuple[str, ...]
    node: bool


@dataclass(frozen=True)
class NodeResult:
    """Node's recorded behaviour for one program."""

    stdout: str
    exit: int
    error: str | None = None  # "TypeError: message" for an uncaught error
    line: int | None = None
    column: int | None = None  # syntax errors only
    file: str | None = None  # the file node names when it is not the program itself


def programs() -> list[Path]:
    """Every test program (not the library modules under programs/lib)."""
    return sorted(PROGRAMS.glob("*.js"))


def directive(path: Path) -> Directive | None:
    """The ``a64js-expect`` directive in the first lines of ``path``, if any."""
    for line in path.read_text(encoding="utf-8").splitlines()[:5]:
        m = _DIRECTIVE.match(line.strip())
        if not m:
            continue
        fields = dict(f.split("=", 1) for f in re.split(r"\s+(?=\w+=)", m.group(1).strip()))
        at = None
        if "at" in fields:
            ln, col = fields["at"].split(":")
            at = (int(ln), int(col))
        mentions = tuple(fields["mentions"].split("|")) if "mentions" in fields else ()
        return Directive(int(fields["exit"]), at, mentions, fields.get("node") != "skip")
    return None


def extra_flags(path: Path) -> list[str]:
    """The a64js options a ``// a64js-flags:`` line in the first lines of ``path`` asks for."""
    for line in path.read_text(encoding="utf-8").splitlines()[:5]:
        m = _FLAGS.match(line.strip())
        if m:
            return m.group(1).split()
    return []


def node_binary() -> str | None:
    """Path of node (or nodejs, Debian's old name), or None where neither is installed."""
    return shutil.which("node") or shutil.which("nodejs")


def run_node(path: Path, node: str) -> NodeResult:
    """Run ``path`` under node and reduce its output to what the contract compares."""
    proc = subprocess.run(
        [node, str(path)], capture_output=True, text=True, timeout=NODE_TIMEOUT,
        cwd=ROOT, check=False,
    )
    if proc.returncode == 0:
        return NodeResult(proc.stdout, 0)
    return _node_failure(proc.stdout, proc.returncode, proc.stderr, path)


def _node_failure(stdout: str, code: int, stderr: str, path: Path) -> NodeResult:
    # Node prints: "FILE:LINE", the source line, a caret line, a blank line, then
    # "Name: message" and the stack trace.
    lines = stderr.splitlines()
    place = _NODE_PLACE.match(lines[0]) if lines else None
    if place is None:
        raise ValueError(f"{path.name}: unexpected node stderr:\n{stderr}")
    line = int(place.group(2))
    where = Path(place.group(1)).name
    caret = lines[2] if len(lines) > 2 else ""
    column = caret.index("^") + 1 if "^" in caret else None
    error = next((ln for ln in lines[3:] if ln.strip()), "")
    if not _ERROR_LINE.match(error):
        raise ValueError(f"{path.name}: node threw a non-Error ({error!r}); not supported")
    is_syntax = error.startswith("SyntaxError")
    return NodeResult(
        stdout, code, error, line, column if is_syntax else None,
        where if where != path.name else None,
    )


def expected_paths(path: Path) -> tuple[Path, Path]:
    """(stdout file, status file) recorded next to ``path``."""
    return path.with_suffix(".expected"), path.with_suffix(".status")


def write_expected(path: Path, result: NodeResult) -> None:
    """Record node's result for ``path`` (the status file only when it failed)."""
    out, status = expected_paths(path)
    out.write_text(result.stdout, encoding="utf-8")
    if result.exit == 0:
        status.unlink(missing_ok=True)
        return
    rows = [f"exit {result.exit}", f"error {result.error}", f"line {result.line}"]
    if result.column is not None:
        rows.append(f"column {result.column}")
    if result.file is not None:
        rows.append(f"file {result.file}")
    status.write_text("\n".join(rows) + "\n", encoding="utf-8")


def read_expected(path: Path) -> NodeResult:
    """Node's recorded result for ``path`` (FileNotFoundError when never recorded)."""
    out, status = expected_paths(path)
    stdout = out.read_text(encoding="utf-8")
    if not status.exists():
        return NodeResult(stdout, 0)
    fields: dict[str, str] = {}
    for row in status.read_text(encoding="utf-8").splitlines():
        key, _, value = row.partition(" ")
        fields[key] = value
    column = int(fields["column"]) if "column" in fields else None
    return NodeResult(
        stdout, int(fields["exit"]), fields["error"], int(fields["line"]), column,
        fields.get("file"),
    )


def run_a64js(path: Path, flags: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``python -m a64js [flags] [the file's a64js-flags] path`` with this interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "a64js", *flags, *extra_flags(path), str(path)],
        capture_output=True, text=True, timeout=VM_TIMEOUT, cwd=ROOT, check=False,
    )
