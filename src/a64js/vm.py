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
        require = self.make_require(module_dir(path), path)
        # require.main: the main module (the first loaded), as node's, so that
        # `if (require.main === module) main()` runs the program's main
        require.put("main", next(iter(self.modules.values())))
        module.put("require", require)
        run(fn, exports, [exports, require, module, path, module_dir(path)])
        return get(module, "exports")

    def make_require(self, base: str, path: str = "") -> NativeFunction:
        def require(this: JSValue, args: list[JSValue]) -> JSValue:
            if not args or type(args[0]) is not str:
                raise builtins.arg_type_error(require_id_message(
                    "undefined" if not args else describe_received(args[0])))
            spec = args[0]
            try:
                found = resolve_module(base, spec)
            except ModuleNotFound as e:
                raise _module_error(spec, not_found_message(spec, e.why, path)) from None
            except ModuleSyntaxError as e:
                from .runtime import make_error
                raise JSThrow(make_error("SyntaxError", str(e))) from None
            except ModuleOutsideSubset as e:
                from .runtime import Unsupported
                raise Unsupported(str(e)) from None
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
            try:
                text = read_json(path)
            except ModuleSyntaxError as e:
                from .runtime import make_error
                raise JSThrow(make_error("SyntaxError", str(e))) from None
            cached.put("exports", call(parse, None, [text]))
            self.modules[path] = cached
        return get(cached, "exports")


#: The built-in modules a program may require (with or without node's "node:" prefix):
#: util (inspect, format: console.log's formatting) is made by each VM; assert is
#: JavaScript, a64js/lib/assert.js, loaded as a module
BUILTIN_MODULES = ("assert", "util")
LIB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")


class ModuleOutsideSubset(Exception):
    """require of a name a64js does not load (a node module or package): exit 2 at the
    place, in each VM, not a MODULE_NOT_FOUND error a catch could hide."""


#: ModuleNotFound's reason for a file that is not there
NO_SUCH_FILE = "no such file"


class ModuleSyntaxError(Exception):
    """A required .json file or a package.json that is not JSON (node's SyntaxError:
    the message names the file)."""


def require_id_message(received: str) -> str:
    """node's TypeError for require() of what is not a string."""
    return f'The "id" argument must be of type string. Received {received}'


def describe_received(v: JSValue) -> str:
    """How node's ERR_INVALID_ARG_TYPE names a value it received (a Python VM value)."""
    from .runtime import typeof
    from .values import NULL
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    if isinstance(v, JSObject):
        if typeof(v) == "function":
            name = to_string(get(v, "name"))
            return f"function {name}" if name else "function "
        from .runtime import has_property
        ctor = get(v, "constructor")
        if isinstance(ctor, JSObject) and (typeof(ctor) == "function"  # (node's test: an
                                           or has_property(ctor, "name")):  # anonymous
            return f"an instance of {to_string(get(ctor, 'name'))}"  # class's name is "")
        from .inspect import inspect_shallow  # (no constructor: util.inspect at depth -1)
        return inspect_shallow(v)
    from .inspect import inspect, quote
    text = quote(v) if type(v) is str else inspect(v)
    if len(text) > 28:
        text = text[:25] + "..."
    return f"type {typeof(v)} ({text})"


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
        raise ModuleOutsideSubset(
            f"require('{spec}'): node's other built-in modules and packages (node_modules) "
            f"are not supported by a64js (it loads files and {', '.join(BUILTIN_MODULES)})")
    p = os.path.normpath(os.path.join(base, spec))
    found = _as_file(p) or _as_directory(p)
    if found is None:
        raise ModuleNotFound(NO_SUCH_FILE)
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
        text = read_source(pkg)
        try:
            data = json.loads(text)
        except ValueError:
            from .builtins import json_error
            raise ModuleSyntaxError(f"Error parsing {pkg}: {json_error(text)}") from None
        main = data.get("main") if isinstance(data, dict) else None
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
    """A required .json file's text (a JSCompileError naming it when it cannot be read; a
    ModuleSyntaxError, node's message after the file's name, when it is not JSON)."""
    import json
    text = read_source(path)
    try:
        json.loads(text)
    except ValueError:
        from .builtins import json_error
        raise ModuleSyntaxError(f"{path}: {json_error(text)}") from None
    return text


def not_found_message(spec: str, why: str, path: str) -> str:
    """require's error message (both VMs): node's, naming the requiring module, for a file
    that is not there; a module a64js lacks says so."""
    if why == NO_SUCH_FILE:
        return f"Cannot find module '{spec}'\nRequire stack:\n- {path}"
    return f"Cannot find module '{spec}' ({why})"


def _module_error(spec: str, message: str) -> JSThrow:
    from .runtime import make_error
    e = make_error("Error", message)
    e.put("code", "MODULE_NOT_FOUND")
    return JSThrow(e)


#: what follows an error's text in its stack (a64js has no frames there yet)
STACK_FRAMES = "\n    at <anonymous>"


def describe_uncaught(value: JSValue) -> str:
    """How an uncaught exception is reported (after ``Uncaught``)."""
    from .inspect import inspect
    if isinstance(value, JSObject) and value.cls == "Error":
        name = to_string(get(value, "name"))
        # node prints the stack: a stack naming a code too (AssertionError
        # [ERR_ASSERTION]) is its text, else the name and message (hvm.builtins' rule)
        stack = value.get_own("stack")
        if type(stack) is str and stack.startswith(name + " [") \
                and stack.endswith(STACK_FRAMES):
            return stack[:-len(STACK_FRAMES)]
        msg = to_string(get(value, "message"))
        return f"{name}: {msg}" if msg else name
    if type(value) is str:
        from .inspect import quote
        return quote(value)
    return inspect(value)


_ = Any

__all__ = ["BUILTIN_MODULES", "VM", "ModuleNotFound", "ModuleOutsideSubset", "ModuleSyntaxError",
           "describe_received", "describe_uncaught", "not_found_message", "read_json",
           "require_id_message",
           "resolve_module"]
