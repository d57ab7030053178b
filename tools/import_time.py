"""``import a64jit`` time: this working tree against another commit, measured in one run.

The machine may be shared and noisy, so both trees are timed in the same run, their
runs interleaved, and the minimum of each kept (bytecode caches warm: a first import of
each writes them). Two figures per tree:

* ``importtime``: the cumulative microseconds that ``python -X importtime`` gives the
  ``a64jit`` package (everything it imports, the standard library included);
* ``wall``: ``time.perf_counter()`` around ``import a64jit`` in a fresh interpreter.

With ``--modules K`` it also lists the K modules whose own (self) time differs most
between the two trees (the minimum over the runs of each). With ``--instructions`` it
also counts the instructions ``import a64jit`` executes in each tree under valgrind
(``python -c 'import a64jit'`` minus ``python -c pass``): a figure that the machine's
load does not move.

Run: ``.venv/bin/python tools/import_time.py [--base 8df2908] [--runs 15]``. The other
commit is checked out into a temporary git worktree, removed at the end (``--base-path``
names a source directory to use instead).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The commit before the ISA work of issue 12 (the figure the README compares with).
DEFAULT_BASE = "8df2908"

_WALL = ("import time; t = time.perf_counter(); import a64jit; "
         "print(time.perf_counter() - t)")


def _env() -> dict[str, str]:
    # Caches warm: an environment that forbids writing them would time the compiler.
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _importtime(src: Path) -> dict[str, tuple[int, int]]:
    """module -> (self, cumulative) microseconds of one ``-X importtime`` import."""
    cmd = [sys.executable, "-X", "importtime", "-c",
           f"import sys; sys.path.insert(0, {str(src)!r}); import a64jit"]
    err = subprocess.run(cmd, check=True, capture_output=True, text=True, env=_env()).stderr
    found: dict[str, tuple[int, int]] = {}
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = line[len("import time:"):].split("|")
        found[name.strip()] = (int(own), int(total))
    return found


def _instructions(src: Path) -> int:
    """Instructions of ``import a64jit`` beyond the interpreter's start (valgrind)."""
    counts = []
    for stmt in ("import a64jit", "pass"):
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null", sys.executable, "-c",
               f"import sys; sys.path.insert(0, {str(src)!r}); {stmt}"]
        err = subprocess.run(cmd, check=True, capture_output=True, text=True,
                             env=_env()).stderr
        refs = [line for line in err.splitlines() if "I   refs:" in line or "I refs:" in line]
        if not refs:
            raise RuntimeError(f"no instruction count in valgrind's output: {err[-300:]!r}")
        counts.append(int(refs[-1].rsplit(":", 1)[1].replace(",", "")))
    return counts[0] - counts[1]


def _wall(src: Path) -> float:
    """Milliseconds of ``import a64jit`` timed inside a fresh interpreter."""
    cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r}); {_WALL}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=_env()).stdout
    return 1000 * float(out)


class _Tree:
    """The best figures seen so far for one source tree."""

    def __init__(self, label: str, src: Path) -> None:
        self.label = label
        self.src = src
        self.total = float("inf")
        self.wall = float("inf")
        self.own: dict[str, int] = {}

    def run(self) -> None:
        found = _importtime(self.src)
        self.total = min(self.total, found["a64jit"][1] / 1000)
        for name, (own, _) in found.items():
            self.own[name] = min(self.own.get(name, own), own)
        self.wall = min(self.wall, _wall(self.src))


def _measure(head: Path, base: Path, base_label: str, runs: int, modules: int,
             instructions: bool) -> None:
    trees = [_Tree("this tree", head), _Tree(base_label, base)]
    for tree in trees:
        tree.run()  # writes the bytecode caches; also counted (a minimum is kept)
    for _ in range(runs):
        for tree in trees:
            tree.run()
    print(f"import a64jit, best of {runs} interleaved runs (ms):")
    for tree in trees:
        print(f"  {tree.label:<24} importtime {tree.total:6.1f}   wall {tree.wall:6.1f}")
    now, then = trees
    print(f"  ratio (this tree / {base_label}): importtime {now.total / then.total:.3f}, "
          f"wall {now.wall / then.wall:.3f}")
    if instructions:
        counts = [_instructions(tree.src) for tree in trees]
        print("instructions (valgrind, import a64jit minus python -c pass):")
        for tree, count in zip(trees, counts, strict=True):
            print(f"  {tree.label:<24} {count / 1e6:8.1f}M")
        print(f"  ratio: {counts[0] / counts[1]:.3f}")
    if modules:
        names = set(now.own) | set(then.own)
        diffs = sorted(names, key=lambda n: -abs(now.own.get(n, 0) - then.own.get(n, 0)))
        print(f"modules whose self time differs most (us, this tree vs {base_label}):")
        for name in diffs[:modules]:
            print(f"  {name:<36} {now.own.get(name, 0):7d} {then.own.get(name, 0):7d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=DEFAULT_BASE,
                        help=f"the commit to compare with (default {DEFAULT_BASE})")
    parser.add_argument("--base-path", type=Path,
                        help="a source directory (holding a64jit/) to compare with instead")
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--modules", type=int, default=0, metavar="K",
                        help="also list the K modules whose own time differs most")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions under valgrind (needs valgrind)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs: {args.runs} given; expected at least 1")
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions: valgrind is not installed")
    head = ROOT / "src"
    if args.base_path is not None:
        if not (args.base_path / "a64jit" / "__init__.py").is_file():
            parser.error(f"--base-path: no a64jit package in {args.base_path}")
        _measure(head, args.base_path, str(args.base_path), args.runs, args.modules,
                 args.instructions)
        return 0
    with tempfile.TemporaryDirectory(prefix="a64jit-import-") as tmp:
        where = Path(tmp) / "base"
        made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach",
                               str(where), args.base], capture_output=True, text=True)
        if made.returncode:
            print(f"import_time: cannot check out {args.base!r}: {made.stderr.strip()}",
                  file=sys.stderr)
            return 2
        try:
            _measure(head, where / "src", args.base, args.runs, args.modules,
                     args.instructions)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(where)], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
