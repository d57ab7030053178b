"""``a64js FILE.js [args]``: run a JavaScript program (``a64js - [args]``: the program on
stdin, named ``[stdin]`` as node names it), by default on the heap VM with its baseline JIT
(:data:`DEFAULT_VM`; the Python-object VM, with a note on stderr, where the heap VM has no
runtime backend).

Exit status: 0 on success, 1 on an uncaught JavaScript exception (printed to stderr as
``Uncaught TypeError: ...`` with its location, node's line and column), 2 when the file
does not parse or uses a construct outside the supported subset (or cannot be read; a bad
option; ``--vm heap`` or a JIT option where no runtime backend can run: no Unicorn, or
``A64JIT_BACKEND=native`` on x86-64), 70 on a bug of
a64js itself (one line, no traceback), 141 when the reader of the output went away
(``a64js FILE | head``: the program stops quietly, as one killed by SIGPIPE), 130 after
Ctrl-C (quietly, as node).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
import threading
import time
from typing import Any, NoReturn

from .errors import JSCompileError

#: Python recursion budget: a JavaScript call takes two Python frames.
RECURSION_LIMIT = 24000
THREAD_STACK = 256 * 1024 * 1024
#: Default bound on the memory the program may add beyond the VM's own (MiB).
DEFAULT_HEAP_MB = 1536
#: Runs of a function in the interpreter (calls, and loop iterations as their loop's share
#: of its bytecodes) after which the heap VM's JIT compiles it: measured with
#: benchmarks/bench_js_jit.py --sweep (0 compiles run-once code; 1000 leaves hot callers
#: interpreted, each call into compiled code ~20 us in the emulator).
DEFAULT_JIT_THRESHOLD = 10
#: The execution mode without --vm: the one place that decides it ("python": values are
#: Python objects; "heap": value words, frames and cells in data memory, with the JIT).
#: Where "heap" has no runtime backend (no Unicorn and not AArch64), a run without --vm
#: falls back to "python" with a note on stderr; an explicit --vm heap is an error there.
DEFAULT_VM = "heap"
#: Room (MiB) beyond --max-heap for the JIT's code and the emulator's translations.
NATIVE_MARGIN_MB = 64
#: Room (MiB) beyond --max-heap for the VM's own work on the program's code: the parser,
#: imported at the first module not in the code cache (~1 MiB), and parsing and compiling
#: (~2 MiB for minilang.js); Python's allocator takes memory 1 MiB at a time.
FRONTEND_MARGIN_MB = 8
VMS = ("python", "heap")
#: Exit status after Ctrl-C (as node's: 128 + SIGINT).
EXIT_INTERRUPTED = 130


def limit_heap(mb: int) -> None:
    """Bound the process's address space to its current size plus ``mb`` MiB, so that a
    program whose live data keeps growing gets a clean MemoryError, not the OOM killer."""
    try:
        import resource
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
        now = pages * os.sysconf("SC_PAGE_SIZE")
        limit = now + THREAD_STACK + mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        elif limit >= 1 << 63:  # past any address space (setrlimit's OverflowError)
            return
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError, ImportError):
        pass  # not Linux: no bound


class _Parser(argparse.ArgumentParser):
    #: While options are added: argparse checks each one with a help formatter, whose
    #: width is the terminal's, and shutil (its get_terminal_size) costs ~60 ms of every
    #: run natively under qemu (bz2, lzma, fnmatch ...): a fixed width until help is shown.
    building = True

    def _get_formatter(self) -> argparse.HelpFormatter:
        if self.building:
            return argparse.HelpFormatter(prog=self.prog, width=80)
        return super()._get_formatter()

    def error(self, message: str) -> NoReturn:
        # argparse lists the optional REMAINDER "args" as required too: say what is missing
        if message.startswith("the following arguments are required"):
            message = "a JavaScript file is required (a64js FILE.js [args...])"
        # one line (argparse's own prints the whole usage first), as a64jit's
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _mib(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in MiB (1 or more)")
    return n


def _nonneg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count (0 or more)")
    return n


def _stress(text: str) -> str | int:
    if text == "all":
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a seed (an integer)") from None


class _VmAction(argparse.Action):
    """--vm, remembering that it was given (``vm_given``): the default VM falls back to
    the Python VM where the heap VM cannot run, a VM asked for by name does not."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.vm_given = True


class _VersionAction(argparse.Action):
    """--version (as node's): the package's version, imported only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                         nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from a64jit import __version__  # (one project: a64js ships with a64jit)
        print(f"a64js {__version__}")
        parser.exit()


def _parser() -> _Parser:
    # allow_abbrev=False: "--jit" was taken for --jit-threshold and asked for its number
    p = _Parser(prog="a64js", allow_abbrev=False, description="Run a JavaScript program on the "
                "a64js register-bytecode VM: by default the heap VM with its baseline JIT "
                "(AArch64 machine code, run natively on AArch64 and in the emulator "
                "elsewhere).",
                epilog="exit status: 0 ok, 1 uncaught exception or heap exhausted, 2 syntax "
                "error, construct outside the subset, unreadable file, bad option or no runtime "
                "backend for --vm heap, 70 internal error, 130 interrupted (Ctrl-C), 141 "
                "output pipe closed; process.exit(N) exits with N, as in node")
    p.add_argument("file", help="the program (a CommonJS module); '-' reads it from stdin "
                   "(named [stdin] in messages, as node names it)")
    p.add_argument("args", nargs=argparse.REMAINDER, help="arguments (process.argv[2:])")
    p.add_argument("--version", action=_VersionAction)
    p.add_argument("--no-jit", action="store_true",
                   help="interpret only (the heap VM's baseline JIT off; the Python VM "
                   "has no JIT)")
    p.add_argument("--print-bytecode", action="store_true",
                   help="print each module's bytecode before running it")
    p.add_argument("--no-cache", action="store_true",
                   help="parse every module, neither reading nor writing the code cache "
                   "(compiled programs kept in __pycache__ next to each module; "
                   "A64JS_CACHE=0 turns it off too)")
    p.add_argument("--stats", action="store_true", help="print VM counters to stderr at exit")
    p.add_argument("--max-heap", type=_mib, default=DEFAULT_HEAP_MB, metavar="MB",
                   help=f"memory the program may use (default {DEFAULT_HEAP_MB} MiB)")
    p.add_argument("--jit-threshold", type=_nonneg, default=None, metavar="N",
                   help="the JIT (heap VM): compile a function once it ran N times in the "
                   "interpreter (a call counts one, a loop iteration its loop's share of "
                   "the function's bytecodes; a hot loop is entered compiled mid-way); "
                   f"0: at its first call; default {DEFAULT_JIT_THRESHOLD}")
    p.add_argument("--stress-bailouts", default=None, metavar="SEED",
                   type=_stress,
                   help="the JIT (heap VM): every guard fails and bails out to the interpreter "
                   "(with a SEED, --stress-bailouts=SEED or before the file: a random "
                   "quarter of them, reproducibly)")
    p.add_argument("--print-code", action="store_true",
                   help="the JIT (heap VM): print each compiled function's bytecode and "
                   "machine code")
    p.add_argument("--vm", choices=VMS, default=DEFAULT_VM, action=_VmAction,
                   help="execution mode: 'heap' (value words, frames and cells in data "
                   "memory, a64js.hvm, with the baseline JIT) or 'python' (values are "
                   f"Python objects, no JIT); default '{DEFAULT_VM}' (where it has no "
                   "runtime backend, 'python' with a note on stderr)")
    p.building = False
    return p


#: The options of the heap VM's JIT (their attribute names, as the user spells them).
_JIT_OPTIONS = (("jit_threshold", "--jit-threshold"), ("stress_bailouts", "--stress-bailouts"),
                ("print_code", "--print-code"))


def _parse(argv: list[str]) -> argparse.Namespace:
    """The command line: a bare ``--stress-bailouts`` means all guards (argparse would
    take the file for its SEED), a word between it and the ``.js`` file is its SEED;
    options of the JIT without one running are usage errors, not ignored."""
    head = next((i for i, a in enumerate(argv) if a.endswith(".js") or a == "-"), len(argv))
    out: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--stress-bailouts" and i < head:
            seed = argv[i + 1] if i + 1 < head else ""
            # before the .js file: the SEED whatever it is (checked) unless it is another
            # option (--stress-bailouts --stats p.js); else only a number
            if seed and not seed.startswith("--") and (
                    head < len(argv) or seed.lstrip("-").isdigit()):
                out.append(f"--stress-bailouts={seed}")
                i += 2
                continue
            a = "--stress-bailouts=all"
        out.append(a)
        i += 1
    p = _parser()
    ns = p.parse_args(out)
    ns.vm_given = getattr(ns, "vm_given", False)
    ns.jit_options = []  # the JIT's options given (they need the heap VM)
    for attr, option in _JIT_OPTIONS:
        value = getattr(ns, attr)
        if value is None or value is False:  # not given (0 is a threshold)
            continue
        ns.jit_options.append(option)
        if ns.vm != "heap":
            p.error(f"{option} applies to --vm heap (the {ns.vm} VM has no JIT)")
        if ns.no_jit:
            p.error(f"{option} applies to the JIT, which --no-jit turns off")
    if ns.jit_threshold is None:
        ns.jit_threshold = DEFAULT_JIT_THRESHOLD
    return ns


def run_program(path: str, args: list[str], print_bytecode: bool = False,
                stats: bool = False) -> int:
    """Run ``path``; returns the exit status. Output goes to sys.stdout."""
    from . import runtime as rt
    from .builtins import ProcessExit, exit_code
    from .interp import Stats
    from .values import JSThrow, host_str
    from .vm import VM, describe_uncaught

    out = sys.stdout
    argv = ["node", path if path == "-" else os.path.abspath(path), *args]
    t0 = time.perf_counter()
    status = 0
    try:
        vm = VM(argv, out, print_bytecode)
        # JavaScript objects are Python objects: reference counting frees most of them at
        # once; the cycle collector need not run every 700 allocations, and never over
        # the built-ins (frozen without a collection first: one over the loaded modules
        # costs ~16 ms, more than some whole programs, and frees next to nothing)
        gc.freeze()
        gc.set_threshold(50_000, 20, 20)
        vm.load(path)
        process = vm.globals.get("process")  # (node's exit status of a normal end)
        if process is not None:
            status = exit_code(rt.get(process, "exitCode"))
    except JSCompileError as e:
        out.flush()
        sys.stderr.write(f"a64js: {e}\n")
        return 2
    except ProcessExit as e:
        status = e.code
    except JSThrow as e:
        out.flush()
        where = getattr(e, "where", None)
        loc = "" if where is None else f"\n    at {where[0].place(where[1])}"
        try:
            text = describe_uncaught(e.value)
        except (JSThrow, RecursionError):
            text = "<exception>"
        sys.stderr.write(host_str(f"Uncaught {text}{loc}") + "\n")
        status = 1
    except RecursionError:
        out.flush()
        sys.stderr.write("Uncaught RangeError: Maximum call stack size exceeded\n")
        status = 1
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, AssertionError) as e:
        # a bug of a64js, not of the program: report it without a Python traceback
        out.flush()
        sys.stderr.write(f"a64js: internal error: {type(e).__name__}: {e}\n")
        status = 70
    except MemoryError:
        out.flush()
        sys.stderr.write("a64js: fatal: heap exhausted: JavaScript heap out of memory "
                         "(limit set by --max-heap)\n")
        status = 1
    out.flush()
    if stats:
        dt = time.perf_counter() - t0
        sys.stderr.write(
            f"a64js stats: time {dt:.3f}s, functions decoded {Stats.functions_decoded}, "
            f"instructions decoded {Stats.instructions_decoded}, "
            f"property-cache misses {Stats.ic_misses}, jit: none (this VM interprets; "
            "--vm heap has the baseline JIT)\n")
    return status


def main(argv: list[str] | None = None) -> int:
    """Console entry point."""
    ns = _parse(sys.argv[1:] if argv is None else argv)
    if ns.no_cache:
        from . import codecache
        codecache.set_enabled(False)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")  # node writes UTF-8 whatever the locale
    result = [2]
    realm: list[object] = [None, None]  # the heap VM's realm and JIT, made before the bound

    def target() -> None:
        try:
            run()
        except KeyboardInterrupt:  # the emulator stopped the JIT's code for Ctrl-C
            result[0] = EXIT_INTERRUPTED
        except BrokenPipeError:
            _quiet_stdout()
            result[0] = 141
        except (MemoryError, OSError) as e:
            if isinstance(e, OSError) and e.errno != errno.ENOMEM:
                sys.stderr.write(f"a64js: error: {e}\n")
                result[0] = 70
                return
            sys.stderr.write("a64js: fatal: heap exhausted: JavaScript heap out of memory "
                             f"(--max-heap {ns.max_heap} MiB)\n")
            result[0] = 1
        except Exception as e:  # a bug of a64js: one line, never a traceback
            sys.stderr.write(f"a64js: internal error: {type(e).__name__}: {e}\n")
            result[0] = 70

    def run() -> None:
        sys.setrecursionlimit(RECURSION_LIMIT)
        if ns.vm == "heap":
            from .hvm.vm import run_program as run_heap
            jit = realm[1]
            if jit is None and not ns.no_jit:
                from .jit import Jit
                jit = Jit(ns.jit_threshold, ns.stress_bailouts,
                          sys.stdout if ns.print_code else None)
            result[0] = run_heap(ns.file, ns.args, ns.print_bytecode, ns.stats, ns.max_heap,
                                 jit=jit, vm=realm[0])  # type: ignore[arg-type]
            return
        result[0] = run_program(ns.file, ns.args, ns.print_bytecode, ns.stats)

    # the VM's own code is loaded before the bound: --max-heap is what the program adds
    # (only the VM that runs: the Python VM's interpreter is not the heap VM's)
    if ns.vm == "heap":
        from a64jit.runtime import get_backend

        try:  # and the backend its data memory lives in (the emulator's is large)
            get_backend()
        except (OSError, ValueError, ImportError) as e:  # none here (A64JIT_BACKEND, unicorn)
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            # the API's words (backend='emulator') name nothing this command takes
            reason = reason.replace("use backend='emulator' (or A64JIT_BACKEND=emulator)",
                                    "use A64JIT_BACKEND=emulator (or leave it unset)")
            if ns.vm_given or ns.jit_options:  # asked for by name: an error
                asked = "--vm heap" if ns.vm_given else ns.jit_options[0]
                sys.stderr.write(f"a64js: error: {asked}: no runtime backend: {reason}\n")
                return 2
            # the default: the VM that needs none, said in one line
            sys.stderr.write(f"a64js: note: the heap VM has no runtime backend here "
                             f"({reason}); running the Python VM (no JIT)\n")
            ns.vm = "python"
    if ns.vm == "python":
        from . import vm  # noqa: F401
    else:
        from .hvm import vm as _hvm
        # and the realm (its heap starts small and grows under the bound) and the JIT
        try:
            realm[0] = _hvm.prepare(ns.file, ns.args, ns.print_bytecode, ns.max_heap)
            if not ns.no_jit:
                from .jit import Jit
                realm[1] = Jit(ns.jit_threshold, ns.stress_bailouts,
                               sys.stdout if ns.print_code else None)
        except Exception:  # run() makes them again and reports why
            realm[0] = realm[1] = None
    # the heap VM's JS heap is bounded by its semispaces (heap_options); the JIT's machine
    # code and, on the emulator, Unicorn's own allocations need room the program's data
    # must not take: a native allocation failing there would be a crash, not an error
    limit_heap(ns.max_heap + FRONTEND_MARGIN_MB
               + (NATIVE_MARGIN_MB if ns.vm == "heap" and not ns.no_jit else 0))
    threading.stack_size(THREAD_STACK)
    t = threading.Thread(target=target, name="a64js", daemon=True)
    try:
        try:
            t.start()
        except RuntimeError:
            sys.stderr.write(f"a64js: fatal: cannot start the VM thread (its stack is "
                             f"{THREAD_STACK >> 20} MiB) within --max-heap {ns.max_heap} "
                             f"MiB\n")
            return 1
        t.join()
    except KeyboardInterrupt:  # Ctrl-C: the main thread hears it, the VM's cannot be stopped
        # (also while start() returns: the VM thread may have printed already)
        _exit_interrupted()
    if result[0] == EXIT_INTERRUPTED:
        _exit_interrupted()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return 141
    return result[0]


#: Set (to anything) in the environment, :func:`end_process` leaves the ending to the
#: interpreter (SystemExit): for a harness that runs a64js as ``__main__`` in its own
#: process (runpy) and reports after it.
ENV_INTERPRETER_EXIT = "A64JS_INTERPRETER_EXIT"


def console() -> NoReturn:
    """The ``a64js`` console script: :func:`main`, then :func:`end_process` (the same fast
    ending as ``python -m a64js``)."""
    end_process(main())


def end_process(status: int) -> NoReturn:
    """End ``python -m a64js`` with ``status``: stdout and stderr flushed, the atexit
    handlers run (a64jit's debug tools' files, the JIT's memo cache, weakref finalizers),
    then ``os._exit``. What it skips is the interpreter's finalization of every module and
    object (the heap, the backend's memory, the compiler's tables), which the process's
    end frees anyway: ~0.09 s natively under qemu for a JIT run."""
    if os.environ.get(ENV_INTERPRETER_EXIT):
        raise SystemExit(status)
    import atexit

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        status = 141
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    atexit._run_exitfuncs()  # (prints what a handler raised, as the interpreter's exit)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _exit_interrupted() -> NoReturn:
    """End the process at once for Ctrl-C, quietly, with node's status (128 + SIGINT):
    what the program printed is flushed first (by a helper thread: the VM's may hold
    stdout's lock), the VM thread is left to die with the process."""
    def flush() -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()

    helper = threading.Thread(target=flush, daemon=True)
    helper.start()
    helper.join(1.0)
    os._exit(EXIT_INTERRUPTED)


def _quiet_stdout() -> None:
    """The reader of stdout went away: say nothing more, and keep Python's flush at exit
    from reporting the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
