"""``a64js FILE`` runs the heap VM with its baseline JIT (the flagship, what the README's
main command runs); ``--vm python`` names the Python-object VM. Where the heap VM has no
runtime backend (no Unicorn and not AArch64, or ``A64JIT_BACKEND=native`` on another CPU)
the default falls back to the Python VM with a one-line note, while the heap VM asked for
by name (``--vm heap``, or one of the JIT's options) stays an error (exit 2)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from a64js import cli

PROGRAM = "function sq(x) { return x * x; }\nconsole.log([1, 2].map(sq), sq(7));\n"
OUT = "[ 1, 4 ] 49\n"


def a64js(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in {**os.environ, **(env or {})}.items() if v}  # "": unset
    r = subprocess.run([sys.executable, "-m", "a64js", *argv], capture_output=True, text=True,
                       timeout=120, env=full)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def test_the_default_is_the_heap_vm() -> None:
    assert cli.DEFAULT_VM == "heap"
    ns = cli._parse(["p.js"])
    assert (ns.vm, ns.vm_given, ns.no_jit) == ("heap", False, False)
    ns = cli._parse(["--vm", "heap", "p.js"])
    assert (ns.vm, ns.vm_given) == ("heap", True)
    ns = cli._parse(["--vm", "python", "p.js"])
    assert (ns.vm, ns.vm_given) == ("python", True)


def test_jit_options_apply_without_vm() -> None:
    """--jit-threshold, --stress-bailouts and --print-code need no --vm heap any more."""
    ns = cli._parse(["--jit-threshold", "0", "--stress-bailouts", "3", "--print-code", "p.js"])
    assert (ns.vm, ns.jit_threshold, ns.stress_bailouts, ns.print_code) == ("heap", 0, 3, True)
    assert ns.jit_options == ["--jit-threshold", "--stress-bailouts", "--print-code"]


def _backend_here() -> bool:
    from a64jit.runtime import get_backend

    try:
        get_backend()
    except (OSError, ValueError, ImportError):
        return False
    return True


@pytest.mark.skipif(not _backend_here(), reason="no runtime backend: the default falls back")
def test_a_run_without_vm_compiles(tmp_path: Path) -> None:
    p = tmp_path / "p.js"
    p.write_text(PROGRAM)
    r = a64js("--stats", "--jit-threshold", "0", str(p))
    assert (r.returncode, r.stdout) == (0, OUT), r.stderr
    stats = r.stderr.splitlines()[-1]
    assert stats.startswith("a64js stats: vm heap,") and "jit: functions compiled 2," in stats
    r = a64js("--stats", str(p))  # the default threshold: nothing here is hot
    assert (r.returncode, r.stdout) == (0, OUT), r.stderr
    assert r.stderr.startswith("a64js stats: vm heap,") and "jit: functions compiled" in r.stderr
    r = a64js("--stats", "--no-jit", str(p))
    assert (r.returncode, r.stdout) == (0, OUT), r.stderr
    assert r.stderr.startswith("a64js stats: vm heap,") and r.stderr.endswith("jit: off\n")
    r = a64js("--print-code", "--jit-threshold", "0", str(p))
    assert r.returncode == 0 and r.stdout.endswith(OUT) and "sq" in r.stdout
    assert len(r.stdout.splitlines()) > 10  # the machine code of <module> and sq
    r = a64js("--stress-bailouts", "--jit-threshold", "0", "--stats", str(p))
    assert (r.returncode, r.stdout) == (0, OUT), r.stderr
    assert "bailouts (none)" not in r.stderr


def _no_backend_envs(tmp_path: Path) -> list[tuple[str, dict[str, str]]]:
    """Environments where the heap VM has no backend: Unicorn hidden (an import that
    fails, as where it is not installed), and the native backend on another CPU."""
    shim = tmp_path / "shim" / "unicorn"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('No module named unicorn (hidden)')\n")
    hidden = {"PYTHONPATH": os.pathsep.join([str(shim.parent), *sys.path]),
              "A64JIT_BACKEND": ""}
    envs = [("no unicorn", hidden)]
    if platform.machine() not in ("aarch64", "arm64"):
        envs.append(("native elsewhere", {"A64JIT_BACKEND": "native"}))
    return envs


def test_the_default_falls_back_where_no_backend(tmp_path: Path) -> None:
    p = tmp_path / "p.js"
    p.write_text(PROGRAM)
    envs = _no_backend_envs(tmp_path)
    if platform.machine() in ("aarch64", "arm64"):
        envs = envs[1:]  # the native backend runs here: Unicorn is never needed
    for what, env in envs:
        r = a64js(str(p), env=env)
        assert (r.returncode, r.stdout) == (0, OUT), (what, r.stderr)
        lines = r.stderr.splitlines()
        assert len(lines) == 1, (what, r.stderr)
        assert lines[0].startswith("a64js: note: the heap VM has no runtime backend here ("), \
            lines[0]
        assert lines[0].endswith("); running the Python VM (no JIT)"), lines[0]
        r = a64js("--stats", "--no-jit", str(p), env=env)  # --no-jit: the fallback is fine
        assert (r.returncode, r.stdout) == (0, OUT), (what, r.stderr)
        assert "jit: none (this VM interprets" in r.stderr
        # asked for by name: an error, one line, nothing run
        for argv, asked in ((["--vm", "heap"], "--vm heap"),
                            (["--jit-threshold", "0"], "--jit-threshold"),
                            (["--stress-bailouts"], "--stress-bailouts")):
            r = a64js(*argv, str(p), env=env)
            assert (r.returncode, r.stdout) == (2, ""), (what, argv, r.stderr)
            lines = r.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith(
                f"a64js: error: {asked}: no runtime backend: "), (what, r.stderr)


def test_help_names_the_default() -> None:
    r = a64js("--help")
    text = " ".join(r.stdout.split())
    assert r.returncode == 0
    assert "by default the heap VM with its baseline JIT" in text
    assert "default 'heap' (where it has no runtime backend, 'python' with a note" in text
    assert "'-' reads it from stdin" in text


def test_stats_count_the_calls_blocks_make(tmp_path: Path) -> None:
    """``--stats --no-jit`` counts every call, those compiled blocks make in line too
    (they count only when stats are asked for: the count is the stats' alone then)."""
    p = tmp_path / "calls.js"
    p.write_text("function f(x) { return x + 1; }\n"
                 "function run(n) { let s = 0; for (let i = 0; i < n; i++) s = f(s); "
                 "return s; }\nconsole.log(run(3000));\n")
    r = a64js("--stats", "--no-jit", str(p))
    assert (r.returncode, r.stdout) == (0, "3000\n"), r.stderr
    # run, f 3000 times, the module
    assert ", calls 3002, loop back-edges 3000," in r.stderr, r.stderr
