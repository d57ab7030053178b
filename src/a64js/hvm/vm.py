"""Running a program on the heap VM: CommonJS modules (require/exports) and the entry."""

from __future__ import annotations

import os
from typing import Any, TextIO

from ..compiler import compile_module, module_dir, module_path, read_source
from ..errors import JSCompileError
from ..heap import Handle
from ..vm import (
    ModuleNotFound,
    ModuleOutsideSubset,
    ModuleSyntaxError,
    not_found_message,
    read_json,
    require_id_message,
    resolve_module,
)
from . import builtins, core, interp
from .core import R, get_prop, new_str, throw, to_str
from .interp import call


class HeapVM:
    """One realm of the heap VM (replaces any previous one in this process)."""

    def __init__(self, argv: list[str], out: TextIO, print_bytecode: bool = False,
                 **heap: Any) -> None:
        self.out = out
        self.print_bytecode = print_bytecode
        builtins.setup(argv, out, **heap)
        self.modules: dict[str, Handle] = {}

    def compile_file(self, path: str) -> Any:
        source = read_source(path)
        builtins.fill_env(source)  # (process.env: filled before a module reading it)
        code = compile_module(source, path)
        if self.print_bytecode:
            self.out.write(code.disassemble() + "\n")
        return code

    def load(self, path: str) -> int:
        """Run the module at ``path`` (once); its ``module.exports`` word."""
        path = module_path(path)  # "-": the program on stdin, named [stdin]
        cached = self.modules.get(path)
        if cached is not None:
            return get_prop(cached.word, "exports")
        code = self.compile_file(path)
        heap = R.heap
        info = core.code_info(code)
        module = heap.handle(core.new_object(R.protos["Object"].word))
        self.modules[path] = module
        exports = heap.handle(core.new_object(R.protos["Object"].word))
        heap.put(module, "exports", exports.word)
        main = next(iter(self.modules.values()))  # the first loaded: node's main
        heap.put(module, "id", new_str("." if main is module else path))
        require = heap.handle(self.make_require(module_dir(path), path))
        # require.main, as node's: `if (require.main === module) main()` runs
        heap.put(require, "main", main.word)
        heap.put(module, "require", require.word)
        fn = heap.handle(heap.alloc_closure(R.fn_shape, info.id))
        fname = heap.handle(new_str(path))
        dname = heap.handle(new_str(module_dir(path)))
        call(fn.word, exports.word, [exports.word, require.word, module.word, fname.word,
                                     dname.word])
        for h in (exports, require, fn, fname, dname):
            h.release()
        return get_prop(module.word, "exports")

    def make_require(self, base: str, path: str = "") -> int:
        def require(this: int, args: list[int]) -> int:
            if not args or not core.is_string(args[0]):
                raise builtins.arg_type_error(require_id_message(
                    "undefined" if not args else builtins.describe_received(args[0])))
            spec = to_str(args[0])
            try:  # (the Python VM's resolution: a64js.vm)
                found = resolve_module(base, spec)
                text = read_json(found) if found.endswith(".json") \
                    and found not in self.modules else ""
            except ModuleNotFound as e:
                raise _module_error(spec, not_found_message(spec, e.why, path)) from None
            except ModuleSyntaxError as e:
                raise throw("SyntaxError", str(e)) from None
            except ModuleOutsideSubset as e:
                raise core.HVMUnsupported(str(e)) from None
            if found.endswith(".json") or found == "util":
                cached = self.modules.get(found)
                if cached is None:
                    if found == "util":
                        cached = R.heap.handle(builtins.util_module())
                    else:
                        with R.heap.handle(new_str(text)) as th:  # (parse read after)
                            parse = get_prop(get_prop(R.global_obj.word, "JSON"), "parse")
                            cached = R.heap.handle(call(parse, core.UNDEFINED_WORD,
                                                        [th.word]))
                    self.modules[found] = cached
                return cached.word
            return self.load(found)
        return builtins.native("require", require, 1)


def _module_error(spec: str, message: str) -> core.HThrow:
    e = throw("Error", message)
    R.heap.put(e.handle, "code", new_str("MODULE_NOT_FOUND"))  # (the handle: read after)
    return e


__all__ = ["HeapVM", "heap_options", "prepare", "run_program"]

#: The semispace a program starts with (bytes; the heap grows with its live data). 32 MiB:
#: gc_churn (400 MB allocated, a small live set) runs in 12 collections, 109 MB max RSS,
#: 1.47 s CPU; 8 MiB took 55 collections (61 MB, 2.64 s); a fixed 384 MiB 437 MB, 1.39 s.
INITIAL_SEMISPACE = 32 << 20


def heap_options(max_heap_mb: int) -> dict[str, Any]:
    """The Heap options for ``--max-heap MB``: both semispaces at their largest take half
    of it (the rest is the Python side's: key tables, decoded code, the JIT); they start
    at INITIAL_SEMISPACE and double while more than half of one is live. A semispace
    is at most 2**40 bytes (Heap's bound): a larger --max-heap is as large as the VM goes."""
    top = min(1 << 40, max(1 << 20, (max_heap_mb << 20) // 4))
    return {"semispace": min(INITIAL_SEMISPACE, top), "max_semispace": top}


def prepare(path: str, args: list[str], print_bytecode: bool = False,
            max_heap_mb: int = 1536, heap: dict[str, Any] | None = None) -> HeapVM:
    """The realm ``run_program`` would make for ``path`` (the CLI makes it before it
    bounds the process's memory: --max-heap counts what the program adds)."""
    import sys

    argv = ["node", path if path == "-" else os.path.abspath(path), *args]
    return HeapVM(argv, sys.stdout, print_bytecode, **(heap or heap_options(max_heap_mb)))


def run_program(path: str, args: list[str], print_bytecode: bool = False,
                stats: bool = False, max_heap_mb: int = 1536,
                heap: dict[str, Any] | None = None, jit: Any = None,
                vm: HeapVM | None = None) -> int:
    """Run ``path`` on the heap VM; the exit status (as ``a64js.cli.run_program``).
    ``heap``: Heap options (semispace=, stress=, poison=, max_semispace=) in place of
    those for ``max_heap_mb``; ``jit``: a baseline JIT (``a64js.jit.Jit``) to install once
    the realm exists; ``vm``: the realm made already by :func:`prepare`."""
    import sys
    import time

    from ..builtins import ProcessExit
    from ..errors import JSHeapError
    from ..values import host_str
    from .builtins import describe_uncaught, exit_code

    out = sys.stdout
    t0 = time.perf_counter()
    status = 0
    interp.COUNT_CALLS = stats
    try:
        if vm is None:
            vm = prepare(path, args, print_bytecode, max_heap_mb, heap)
        if jit is not None:
            from .interp import set_jit
            set_jit(jit)
        vm.load(path)
        process = core.get_prop(core.R.global_obj.word, "process")
        if core.typeof(process) == "object":  # (node's exit status of a normal end)
            status = exit_code(core.get_prop(process, "exitCode"))
    except JSCompileError as e:
        out.flush()
        sys.stderr.write(f"a64js: {e}\n")
        return 2
    except ProcessExit as e:
        status = e.code
    except core.HThrow as e:
        out.flush()
        loc = "" if e.where is None else f"\n    at {e.where[0].place(e.where[1])}"
        try:
            text = describe_uncaught(e.word)
        except (core.HThrow, RecursionError):
            text = "<exception>"
        sys.stderr.write(host_str(f"Uncaught {text}{loc}") + "\n")
        status = 1
    except RecursionError:
        out.flush()
        sys.stderr.write("Uncaught RangeError: Maximum call stack size exceeded\n")
        status = 1
    except JSHeapError as e:
        out.flush()
        why = str(e).removeprefix("heap exhausted: ")  # (said once, before the parenthesis)
        sys.stderr.write(f"a64js: fatal: heap exhausted: JavaScript heap out of memory "
                         f"({why})\n")
        status = 1
    except MemoryError:
        out.flush()
        sys.stderr.write("a64js: fatal: heap exhausted: JavaScript heap out of memory "
                         "(limit set by --max-heap)\n")
        status = 1
    except (ValueError, TypeError, AttributeError, KeyError, IndexError,
            AssertionError) as e:
        out.flush()
        sys.stderr.write(f"a64js: internal error: {type(e).__name__}: {e}\n")
        status = 70
    out.flush()
    if stats:
        dt = time.perf_counter() - t0
        st = R.heap.stats
        calls = sum(c.calls for c in R.codes)
        edges = sum(c.backedges for c in R.codes)
        sys.stderr.write(
            f"a64js stats: vm heap, time {dt:.3f}s, functions decoded "
            f"{sum(1 for c in R.codes if c.ops is not None)}, calls {calls}, "
            f"loop back-edges {edges}, collections {st.collections}, "
            f"allocated {R.heap.allocated_total()} bytes, copied {st.bytes_copied} bytes, "
            f"max pause {st.max_pause * 1000:.1f} ms, "
            f"{'jit: off' if jit is None else jit.summary()}\n")
    return status
