"""Running a program: the realm, CommonJS modules (require/exports) and the entry point."""

from __future__ import annotations

import os
from typing import Any, TextIO

from . import builtins
from .bytecode import Code
from .compiler import compile_module, module_dir, module_path, read_source
from .interp import run
from .runtime import R, call, get, to_string
from .values import JSFunction, JSObject, JSThrow, JSValue, NativeFunction


class VM:
    """One JavaScript realm with its module cache."""

    def __init__(self, argv: list[str], out: TextIO, print_bytecode: bool = False) -> None:
        self.out = out
        self.globals = builtins.setup(argv, out)
        self.modules: dict[str, JSObject] = {}
        self.print_bytecode = print_bytecode
        self.codes: list[Code] = []
        self.util: JSObject | None = None  # require("util"), made at the first

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
            try:
                found = resolve_module(base, spec)
            except ModuleNotFound as e:
                raise _module_error(spec, e.why) from None
            if found == "util":
                if self.util is None:
                    self.util = builtins.util_module()
                return self.util
            if found.endswith(".json"):
                return self.load_json(found)
            return self.load(found)
        return NativeFunction(R.function_proto, "require", require, 1)

    def load_json(self, path: str) -> JSValue:
        """A required .json file: its value (JSON.parse of its text, once), as node's."""
        cached = self.modules.get(path)
        if cached is None:
            parse = get(get(R.global_obj, "JSON"), "parse")
            cached = JSObject(R.object_proto)
            cached.put("exports", call(parse, None, [read_json(path)]))
            self.modules[path] = cached
        return get(cached, "exports")


#: The built-in modules a program may require (with or without node's "node:" prefix):
#: util (inspect, format: console.log's formatting) is made by each VM; assert is
#: JavaScript, a64js/lib/assert.js, loaded as a module
BUILTIN_MODULES = ("assert", "util")
LIB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")


class ModuleNotFound(Exception):
    """What require cannot find (``why``: the reason its error names)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def resolve_module(base: str, spec: str) -> str:
    """What ``require(spec)`` in a module of directory ``base`` loads (both VMs): a file's
    path (a .js module, or a .json file: its value), or "util" (the VM's own module).
    As node's: a relative or absolute path is the file, else that name plus .js or .json,
    else a directory's package.json "main" (a file, or a directory's index.js), else its
    index.js or index.json; "assert" and "util" (or "node:assert") are built in. Raises
    ModuleNotFound."""
    name = spec[5:] if spec.startswith("node:") else spec
    if name in BUILTIN_MODULES:
        return "util" if name == "util" else os.path.join(LIB_DIR, name + ".js")
    if not (spec.startswith("./") or spec.startswith("../") or spec.startswith("/")
            or spec in (".", "..")):
        raise ModuleNotFound("a64js loads only relative files and the built-in modules "
                             + ", ".join(BUILTIN_MODULES))
    p = os.path.normpath(os.path.join(base, spec))
    found = _as_file(p) or _as_directory(p)
    if found is None:
        raise ModuleNotFound("no such file")
    return found


def _as_file(p: str) -> str | None:
    for cand in (p, p + ".js", p + ".json"):
        if os.path.isfile(cand):
            return cand
    return None


def _as_directory(p: str) -> str | None:
    if not os.path.isdir(p):
        return None
    pkg = os.path.join(p, "package.json")
    if os.path.isfile(pkg):
        import json
        try:
            with open(pkg, encoding="utf-8") as fh:
                main = json.load(fh).get("main")
        except (OSError, ValueError, AttributeError) as e:
            raise ModuleNotFound(f"{pkg}: cannot read its \"main\": {e}") from None
        if isinstance(main, str) and main:
            target = os.path.normpath(os.path.join(p, main))
            found = _as_file(target) or _index(target)
            if found is not None:
                return found
    return _index(p)


def _index(p: str) -> str | None:
    for cand in ("index.js", "index.json"):
        if os.path.isfile(os.path.join(p, cand)):
            return os.path.join(p, cand)
    return None


def read_json(path: str) -> str:
    """A required .json file's text (a JSCompileError naming it when it cannot be read)."""
    return read_source(path)


def _module_error(spec: str, why: str) -> JSThrow:
    from .runtime import make_error
    e = make_error("Error", f"Cannot find module '{spec}' ({why})")
    e.put("code", "MODULE_NOT_FOUND")
    return JSThrow(e)


#: what follows an error's text in its stack (a64js has no frames there yet)
STACK_FRAMES = "\n    at <anonymous>"


def describe_uncaught(value: JSValue) -> str:
    """How an uncaught exception is reported (after ``Uncaught``)."""
    from .inspect import inspect
    if isinstance(value, JSObject) and value.cls == "Error":
        stack = value.get_own("stack")  # (node prints the stack: its text as first read)
        if type(stack) is str and stack.endswith(STACK_FRAMES):
            return stack[:-len(STACK_FRAMES)]
        name = to_string(get(value, "name"))
        msg = to_string(get(value, "message"))
        return f"{name}: {msg}" if msg else name
    if type(value) is str:
        from .inspect import quote
        return quote(value)
    return inspect(value)


_ = Any

__all__ = ["BUILTIN_MODULES", "VM", "ModuleNotFound", "describe_uncaught", "read_json",
           "resolve_module"]
