"""Running a test program on the heap VM with the baseline JIT, in this process (for
tests/js/test_jit*.py)."""

from __future__ import annotations

import contextlib
import io
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.js.hvmrun import block_sources, in_vm_thread, run_heap

if TYPE_CHECKING:
    from a64js.bytecode import Code


def run_jit(path: Path, threshold: int | None = 0, bailouts: str | int | None = None,
            **heap: Any) -> tuple[subprocess.CompletedProcess[str], Any]:
    """Run ``path`` as ``a64js --vm heap --jit-threshold N`` would (``threshold`` None:
    no JIT), in a thread with the CLI's stack and recursion budget; the run and the JIT
    (closed: only its counters remain). ``bailouts``: ``--stress-bailouts``' value;
    ``heap``: Heap options (``stress=True`` is the collector's stress, a collection at
    every allocation)."""
    from a64js.hvm import vm
    from a64js.jit import Jit

    out, err = io.StringIO(), io.StringIO()
    status = [2]
    jit = None if threshold is None else Jit(threshold, bailouts)

    def body() -> None:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status[0] = vm.run_program(str(path), [], heap=heap or None, jit=jit)

    try:
        in_vm_thread(body)
    finally:
        from a64js.hvm import interp
        interp.set_jit(None)
        if jit is not None:
            jit.close()
    proc = subprocess.CompletedProcess([str(path)], status[0], out.getvalue(), err.getvalue())
    return proc, jit


def blocks_per_iteration(tmp_path: Path, src: str, want: Callable[[int], str]) -> float:
    """The emulated blocks per iteration of ``src``'s loop of 2000, the JIT at threshold
    0 (run with 1000 and 2000 iterations: the difference over 1000); ``want(n)`` its
    output. Skips where the backend is not the emulator (only it counts blocks)."""
    from a64jit.runtime import get_backend

    backend: Any = get_backend()
    if backend.name != "emulator":
        pytest.skip("counts the emulator's blocks")
    blocks = []
    for n in (1000, 2000):
        path = write_program(tmp_path, src.replace("2000", str(n)), f"n{n}.js")
        count = [0]

        def on_block(address: int, size: int, count: list[int] = count) -> None:
            count[0] += 1

        token = backend.add_block_hook(on_block)
        try:
            proc, _ = run_jit(path, threshold=0)
        finally:
            backend.remove_block_hook(token)
        assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", want(n))
        blocks.append(count[0])
    return (blocks[1] - blocks[0]) / 1000


def write_program(tmp_path: Path, src: str, name: str = "t.js") -> Path:
    """``src`` written as ``tmp_path / name``."""
    p = tmp_path / name
    p.write_text(src, encoding="utf-8")
    return p


def node_prints(node: str, tmp_path: Path, src: str, want: str) -> None:
    """Node runs ``src`` (written into ``tmp_path``) to ``want`` and exit 0: a test
    program's recorded output is node's."""
    path = write_program(tmp_path, src)
    proc = subprocess.run([node, str(path)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert (proc.stdout, proc.returncode) == (want, 0), proc.stderr


def heap_cli_prints(tmp_path: Path, src: str, want: str) -> None:
    """``a64js --vm heap --no-jit`` (a process, the interpreter's default block
    thresholds) runs ``src`` to ``want``, nothing on stderr and exit 0."""
    import sys

    path = write_program(tmp_path, src)
    proc = subprocess.run([sys.executable, "-m", "a64js", "--vm", "heap", "--no-jit",
                           str(path)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)


def jit_prints(tmp_path: Path, src: str, want: str, stress: str | None = None) -> None:
    """The JIT at threshold 0 (bailouts forced with ``stress``) runs ``src`` to ``want``,
    nothing on stderr and exit 0."""
    proc, _ = run_jit(write_program(tmp_path, src), threshold=0, bailouts=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)


#: The parameters (hot, stress) of a program's ``test_blocks_soon_under_gc_stress``,
#: which passes them to :func:`gc_stress_prints`: blocks at the first entry (the sites'
#: caches empty) in small semispaces, and after a few entries (the caches filled: the
#: in-line forms) with a collection at every allocation (each costs the live set: the
#: stressed run is the expensive one).
BLOCKS_SOON_STRESS = pytest.mark.parametrize(("hot", "stress"), [(1, False), (4, True)])


def gc_stress_prints(tmp_path: Path, monkeypatch: Any, hot: int, src: str,
                     want: str, stress: bool = True) -> None:
    """The heap VM with blocks compiled after ``hot`` entries, a collection at every
    allocation and freed space poisoned (1 MiB semispaces; ``stress`` False: only the
    small semispaces) runs ``src`` to ``want``."""
    from a64js.hvm import interp

    monkeypatch.setattr(interp, "_BLOCK_HOT", hot)
    proc = run_heap(write_program(tmp_path, src), semispace=1 << 20, stress=stress,
                    poison=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)


def heap_program_tests(src: str, want: str, small: str | None = None,
                       small_out: str | None = None) -> tuple[Any, Any, Any, Any]:
    """The four tests of a heap VM program ``src`` (node's output ``want``; ``small``
    and ``small_out``: the program made smaller for the collection at every allocation,
    else ``src`` itself), for a test module to bind to their names:
    ``test_program_output_is_nodes`` (:func:`node_prints`, of both programs),
    ``test_heap_vm_default_threshold`` (:func:`heap_cli_prints`),
    ``test_blocks_soon_under_gc_stress`` (:func:`gc_stress_prints` of the small one,
    :data:`BLOCKS_SOON_STRESS`) and ``test_jit_at_threshold_0`` (:func:`jit_prints`
    with and without forced bailouts)."""
    stressed = (src, want) if small is None or small_out is None else (small, small_out)
    programs = [(src, want)] if small is None else [(src, want), stressed]

    @pytest.mark.parametrize(("program", "out"), programs,
                             ids=["program", "small"][:len(programs)])
    def test_program_output_is_nodes(tmp_path: Path, node: str, program: str, out: str
                                     ) -> None:
        node_prints(node, tmp_path, program, out)

    def test_heap_vm_default_threshold(tmp_path: Path) -> None:
        heap_cli_prints(tmp_path, src, want)

    @BLOCKS_SOON_STRESS
    def test_blocks_soon_under_gc_stress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         hot: int, stress: bool) -> None:
        gc_stress_prints(tmp_path, monkeypatch, hot, *stressed, stress)

    @pytest.mark.parametrize("stress", [None, "all"])
    def test_jit_at_threshold_0(tmp_path: Path, stress: str | None) -> None:
        jit_prints(tmp_path, src, want, stress)

    return (test_program_output_is_nodes, test_heap_vm_default_threshold,
            test_blocks_soon_under_gc_stress, test_jit_at_threshold_0)


def block_text(tmp_path: Path, monkeypatch: Any, src: str, want: str) -> str:
    """The source of every heap VM block compiled (:func:`block_sources`) while ``src``
    runs on the heap VM (the interpreter's default thresholds) to ``want``, nothing on
    stderr."""
    seen = block_sources(monkeypatch)
    proc = run_heap(write_program(tmp_path, src))
    assert (proc.stdout, proc.stderr) == (want, "")
    return "\n".join(seen)


def run_matching(path: Path, want: str) -> Any:
    """The interpreter and the JIT at threshold 0 both print ``want`` (node's output),
    the JIT without a bailout; the JIT (for further checks of its counters)."""
    interp, _ = run_jit(path, threshold=None)
    assert (interp.stdout, interp.stderr) == (want, "")
    proc, jit = run_jit(path, threshold=0)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert not jit.stats.bailouts
    return jit


def run_stressed(path: Path, want: str, stress: str | int) -> Any:
    """The JIT at threshold 0 with bailouts forced (``stress``: "all" or a seed) prints
    ``want`` and did bail out; the JIT."""
    proc, jit = run_jit(path, threshold=0, bailouts=stress)
    assert (proc.stdout, proc.stderr, proc.returncode) == (want, "", 0)
    assert jit.stats.bailouts
    return jit


def node_case_tests(cases: list[tuple[str, str, str]],
                    stresses: tuple[str | int, ...] = ("all", 3)) -> tuple[Any, Any]:
    """The two tests every case of ``cases`` (name, program, node's output) takes, for a
    test module to bind to their names: ``test_matches_node_and_interpreter``
    (:func:`run_matching`) and ``test_stress_bailouts`` (:func:`run_stressed` with
    each of ``stresses``)."""
    import pytest

    ids = [c[0] for c in cases]

    @pytest.mark.parametrize(("name", "src", "want"), cases, ids=ids)
    def test_matches_node_and_interpreter(tmp_path: Path, name: str, src: str,
                                          want: str) -> None:
        run_matching(write_program(tmp_path, src), want)

    @pytest.mark.parametrize("stress", list(stresses))
    @pytest.mark.parametrize(("name", "src", "want"), cases, ids=ids)
    def test_stress_bailouts(tmp_path: Path, name: str, src: str, want: str,
                             stress: str | int) -> None:
        run_stressed(write_program(tmp_path, src), want, stress)

    return test_matches_node_and_interpreter, test_stress_bailouts


def node_recheck(cases: list[tuple[Any, ...]]) -> Any:
    """The test that node (where installed: CI installs it) prints each case's recorded
    output, for a test module to bind to a name: ``cases`` as for :func:`node_case_tests`
    (name, program, node's output, anything after). The recorded outputs are what the
    JIT's runs are compared with; this keeps them node's."""
    import pytest

    @pytest.mark.parametrize(("name", "src", "want"), [c[:3] for c in cases],
                             ids=[c[0] for c in cases])
    def test_recorded_output_is_nodes(tmp_path: Path, node: str, name: str, src: str,
                                      want: str) -> None:
        path = write_program(tmp_path, src)
        proc = subprocess.run([node, str(path)], capture_output=True, text=True,
                              timeout=300, check=False)
        assert (proc.stdout, proc.returncode) == (want, 0), proc.stderr[-2000:]

    return test_recorded_output_is_nodes


def functions(code: Code) -> list[Code]:
    """``code`` and every function nested in it, depth first."""
    from a64js.bytecode import Code

    out = [code]
    for c in code.consts:
        if isinstance(c, Code):
            out.extend(functions(c))
    return out


def program_functions(path: str | Path) -> list[Code]:
    """Every function of the program at ``path`` (its module code first), compiled to
    bytecode after a new heap VM realm is made, the one a JIT then compiles for."""
    from a64js.compiler import compile_module, read_source
    from a64js.hvm import vm

    vm.HeapVM(["node", str(path)], io.StringIO())
    return functions(compile_module(read_source(str(path)), str(path)))


def jit_compiled(path: str | Path) -> Iterator[Code]:
    """Each function of the program at ``path`` (``program_functions``), yielded once a
    JIT of its own at threshold 0 compiled it; the JIT is closed at the end."""
    from a64js.jit import Jit

    codes = program_functions(path)
    jit = Jit(0)
    try:
        for c in codes:
            jit.compile(c)
            yield c
    finally:
        jit.close()
