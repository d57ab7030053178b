"""Running a program: the realm, CommonJS modules (require/exports) and the entry point."""

from __future__ import annotations

import os
from typing import Any, TextIO

from . import builtins
from .bytecode import Code
from .compiler import compile_module, module_dir, module_path, read_source
from .interp import run
from .runtime import R, get, to_string
from .values import JSFunction, JSObject, JSThrow, JSValue, NativeFunction


class VM:
    """One JavaScript realm with its module cache."""

    def __init__(self, argv: list[str], out: TextIO, print_bytecode: bool = False) -> None:
        self.out = out
        self.globals = builtins.setup(argv, out)
        self.modules: dict[str, JSObject] = {}
        self.print_bytecode = print_bytecode
        self.codes: list[Code] = []

    def compile_file(self, path: str) -> Code:
        code = compile_module(read_source(path), path)
        self.codes.append(code)
        if self.print_bytecode:
            self.out.write(code.disassemble() + "\n")
        return code

    def load(self, path: str) -> JSValue:
        """Run the module at ``path`` (once) and return its ``module.exports``."""
        path = module_path(path)  # "-": the program on stdin, named [stdin]
        cached = self.modules.get(path)
        if cached is not None:
            return get(cached, "exports")
        code = self.compile_file(path)
        module = JSObject(R.object_proto)
        exports = JSObject(R.object_proto)
        module.put("exports", exports)
        module.put("id", path if self.modules else ".")  # (node's id of the main one)
        self.modules[path] = module
        fn = JSFunction(R.function_proto, code, None)
        require = self.make_require(module_dir(path))
        # require.main: the main module (the first loaded), as node's, so that
        # `if (require.main === module) main()` runs the program's main
        require.put("main", next(iter(self.modules.values())))
        module.put("require", require)
        run(fn, exports, [exports, require, module, path, module_dir(path)])
        return get(module, "exports")

    def make_require(self, base: str) -> NativeFunction:
        def require(this: JSValue, args: list[JSValue]) -> JSValue:
            spec = to_string(args[0]) if args else "undefined"
            if not (spec.startswith("./") or spec.startswith("../") or spec.startswith("/")):
                raise _module_error(spec, "a64js loads only relative files")
            p = os.path.normpath(os.path.join(base, spec))
            for cand in (p, p + ".js", os.path.join(p, "index.js")):
                if os.path.isfile(cand):
                    return self.load(cand)
            raise _module_error(spec, "no such file")
        return NativeFunction(R.function_proto, "require", require, 1)


def _module_error(spec: str, why: str) -> JSThrow:
    from .runtime import make_error
    e = make_error("Error", f"Cannot find module '{spec}' ({why})")
    e.put("code", "MODULE_NOT_FOUND")
    return JSThrow(e)


def describe_uncaught(value: JSValue) -> str:
    """How an uncaught exception is reported (after ``Uncaught``)."""
    from .inspect import inspect
    if isinstance(value, JSObject) and value.cls == "Error":
        name = to_string(get(value, "name"))
        msg = to_string(get(value, "message"))
        return f"{name}: {msg}" if msg else name
    if type(value) is str:
        from .inspect import quote
        return quote(value)
    return inspect(value)


_ = Any

__all__ = ["VM", "describe_uncaught"]
