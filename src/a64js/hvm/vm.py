"""Running a program on the heap VM: CommonJS modules (require/exports) and the entry."""

from __future__ import annotations

import os
from typing import Any, TextIO

from ..compiler import compile_module
from ..errors import JSCompileError
from ..heap import Handle
from . import builtins, core
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
        try:
            with open(path, encoding="utf-8") as fh:
                source = fh.read()
        except OSError as e:
            raise JSCompileError(f"{path}: cannot read: {e.strerror}") from None
        if source.startswith("#!"):
            source = "//" + source[2:]
        code = compile_module(source, path)
        if self.print_bytecode:
            self.out.write(code.disassemble() + "\n")
        return code

    def load(self, path: str) -> int:
        """Run the module at ``path`` (once); its ``module.exports`` word."""
        path = os.path.abspath(path)
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
        heap.put(module, "id", new_str(path))
        require = heap.handle(self.make_require(os.path.dirname(path)))
        heap.put(module, "require", require.word)
        fn = heap.handle(heap.alloc_closure(R.fn_shape, info.id))
        fname = heap.handle(new_str(path))
        dname = heap.handle(new_str(os.path.dirname(path)))
        call(fn.word, exports.word, [exports.word, require.word, module.word, fname.word,
                                     dname.word])
        for h in (exports, require, fn, fname, dname):
            h.release()
        return get_prop(module.word, "exports")

    def make_require(self, base: str) -> int:
        def require(this: int, args: list[int]) -> int:
            spec = to_str(args[0]) if args else "undefined"
            if not (spec.startswith("./") or spec.startswith("../") or spec.startswith("/")):
                raise _module_error(spec, "a64js loads only relative files")
            p = os.path.normpath(os.path.join(base, spec))
            for cand in (p, p + ".js", os.path.join(p, "index.js")):
                if os.path.isfile(cand):
                    return self.load(cand)
            raise _module_error(spec, "no such file")
        return builtins.native("require", require, 1)


def _module_error(spec: str, why: str) -> core.HThrow:
    e = throw("Error", f"Cannot find module '{spec}' ({why})")
    R.heap.put(e.word, "code", new_str("MODULE_NOT_FOUND"))
    return e


__all__ = ["HeapVM"]
