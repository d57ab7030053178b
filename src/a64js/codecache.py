"""Compiled programs kept on disk between runs, as CPython keeps bytecode in ``__pycache__``.

Parsing (esprima, pure Python) is a large fixed cost of every run: tens of milliseconds
per program on the host, ~12x that natively under qemu, and importing esprima costs as
much again; the bytecode compiler takes about half as long again. Both results depend
only on the source and on code that changes only with a64js or esprima, so a module's
bytecode (:class:`a64js.bytecode.Code`, with its nested functions' and constants) is
written once and read back by later runs, which then neither parse, compile nor import
esprima. A program the parser accepts and the compiler rejects (a construct outside the
subset) has its parse tree stored instead (:func:`a64js.compiler.parse`'s plain dicts,
lists, strings, numbers, booleans and None), which the compiler rejects again in every
run, with the same message.

Where: ``<program's directory>/__pycache__/<file name>.a64js-<cache tag>-<id>.ast``
(``<cache tag>-<id>``: :func:`a64jit.cachefile.interpreter_tag`, so that the host's and
the arm64 CPython under qemu keep one file each), or under ``sys.pycache_prefix`` when
that is set, as Python's own ``.pyc``. A directory that cannot be written means the
program is parsed in every run (nothing is reported). ``PYTHONDONTWRITEBYTECODE`` is
about Python's ``.pyc`` and does not apply; the switches are ``A64JS_CACHE=0`` (or
``off``, ``no``, ``false``) and ``a64js --no-cache``, which neither read nor write
entries.

What keeps an entry valid: its header holds a digest (the *key*) of the source text, the
file name as given (messages and the bytecode name it), the format, the interpreter
and a fingerprint of the parser and of a64js's front end
(:func:`a64jit.cachefile.fingerprint` of each ``.py`` file of the esprima package found
on ``sys.path``, and ``compiler.py``, ``bytecode.py``, ``values.py`` and this module: size
and modification time in ns, the rule ``.pyc`` files use); and a checksum of the payload
(the file is an :mod:`a64jit.cachefile` file: read, written and checked there). An
entry whose key differs (an edited program, another esprima, an edited front end), or that is
truncated, torn or corrupt, is not used: the program is parsed and compiled and the entry
written again. Writes are atomic (a temporary file in the same directory, then
``os.replace``; two processes writing one entry leave one whole file). A syntax error
is reported by the parser in every run (nothing is stored), so every error reads as
without the cache.

Format: ``MAGIC``, the 16-byte key, a 16-byte checksum of the payload (both SipHash, as
in hash-based ``.pyc`` files: :mod:`a64jit.cachefile`), then the payload: ``marshal.dumps`` of
``("code", <Code as plain data>)`` or ``("tree", <tree>)`` (plain data only; never pickle,
never Python code). Trust: as with ``.pyc`` files, whoever can write the ``__pycache__``
directory can change what runs.
"""

from __future__ import annotations

import marshal
import os
import sys
from types import ModuleType
from typing import Any

#: ``A64JS_CACHE=0`` (or ``off``, ``no``, ``false``) turns the cache off.
ENV = "A64JS_CACHE"
#: The values of ``ENV`` that turn the cache off (any case, spaces around ignored).
OFF = ("0", "off", "no", "false")
#: The entry format; part of the magic and of the key.
FORMAT = 4
MAGIC = b"a64js-ast\x00\x04\n"

#: a64js's modules whose code decides an entry's content: the parse step and bytecode
#: compiler, the bytecode's definition, the values it folds constants with, this module.
_FRONT_END = ("compiler.py", "bytecode.py", "values.py", "codecache.py")

_switch = [True]
_fingerprint: list[bytes] = []


def enabled() -> bool:
    """Whether programs' parse trees are read from and written to the cache."""
    if not _switch[0]:
        return False
    return os.environ.get(ENV, "1").strip().lower() not in OFF


def set_enabled(on: bool) -> None:
    """Turn the cache on or off for this process (``a64js --no-cache``)."""
    _switch[0] = on


_FILES: list[ModuleType] = []


def _files() -> Any:
    """:mod:`a64jit.cachefile`. A run on the Python VM imports nothing else of a64jit, and
    the package's ``__init__`` loads the Assembler (~25 ms on the host): unless the
    package is loaded already, the module (which imports only the standard library, so
    that it can be) is loaded on its own, under its own name, where ``import`` finds it
    later."""
    if _FILES:
        return _FILES[0]
    module: ModuleType | None = sys.modules.get("a64jit.cachefile")
    if module is None and "a64jit" not in sys.modules:
        # where an import of a64jit would find it: the first sys.path entry holding the
        # package (the path finder's rule for a regular package; else the import below)
        for entry in sys.path:
            path = os.path.join(entry or os.getcwd(), "a64jit", "cachefile.py")
            if os.path.isfile(os.path.join(os.path.dirname(path), "__init__.py")):
                if type(__spec__.loader).__name__ == "SourceFileLoader":
                    module = _alone("a64jit.cachefile", path)
                break
    if module is None:
        from a64jit import cachefile

        module = cachefile
    _FILES.append(module)
    return module


def _esprima_dir() -> str | None:
    """The directory of the esprima package an import would load, without importing it
    (that import is as costly as a parse)."""
    got: str | None = _files().package_dir("esprima")
    return got


def _alone(name: str, path: str) -> ModuleType:
    """The module at ``path`` loaded as ``name`` (its ``.pyc`` used and written as by
    ``import``), its package not imported. By the loader and spec classes that loaded
    this module (importlib's SourceFileLoader and ModuleSpec, without importing
    ``importlib``: 0.9M instructions, a fifth of a warm front end's cache work)."""
    spec: Any = __spec__
    loader = type(spec.loader)(name, path)
    module = ModuleType(name)
    module.__spec__ = type(spec)(name, loader, origin=path)
    module.__spec__.has_location = True
    module.__file__, module.__loader__ = path, loader
    module.__package__ = name.rpartition(".")[0]
    module.__cached__ = module.__spec__.cached  # type: ignore[attr-defined]
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def fingerprint() -> bytes:
    """A digest of the interpreter, the parser (esprima's files, found without importing
    it) and a64js's front end (:data:`_FRONT_END`): computed once per process."""
    if _fingerprint:
        return _fingerprint[0]
    files = _files()
    here = os.path.dirname(os.path.realpath(__file__))
    esprima = _esprima_dir()
    if esprima is None:  # found by no rule we know: ask the import system
        try:
            import esprima as module
            esprima = os.path.dirname(os.path.realpath(module.__file__ or ""))
        except ImportError:  # none: no entry can be shown to be its (parse says so)
            esprima = os.path.join(here, "\0no esprima")  # (a digest of this process)
    got = files.fingerprint(*(os.path.join(here, name) for name in _FRONT_END), esprima,
                            salt=MAGIC, fresh=True)  # (kept here: once per process)
    _fingerprint.append(got[0])
    return _fingerprint[0]


def entry_path(filename: str) -> str:
    """Where the entry for the program at ``filename`` lives (see the module docstring)."""
    full = os.path.abspath(filename)
    directory, base = os.path.split(full)
    name = f"{base}.a64js-{_files().interpreter_tag()}.ast"
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, directory.lstrip(os.sep), name)
    return os.path.join(directory, "__pycache__", name)


def key(source: str, filename: str) -> bytes:
    """The digest an entry for ``source`` parsed as ``filename`` must carry."""
    return bytes(_files().digest(fingerprint(), filename, source))


def _payload(source: str, filename: str) -> bytes | None:
    """The payload of a whole entry of this key, or None."""
    got: bytes | None = _files().read(entry_path(filename), MAGIC, key(source, filename))
    return got


def has_entry(source: str, filename: str) -> bool:
    """Whether an entry of this key is there, whole (its payload not decoded)."""
    return enabled() and _payload(source, filename) is not None


def load(source: str, filename: str) -> Any:
    """What is stored for ``source`` compiled as ``filename``: its bytecode (a fresh
    :class:`~a64js.bytecode.Code`), or its parse tree (a dict) when the compiler rejected
    it; None when there is no valid entry (none, another key, truncated, corrupt, not of
    this form)."""
    payload = _payload(source, filename)
    if payload is None:
        return None
    try:
        kind, data = marshal.loads(payload)
        if kind == "code":
            return _decode(data)
        if kind == "tree" and type(data) is dict and data.get("type") == "Program" \
                and type(data.get("body")) is list:
            return data
    except (ValueError, EOFError, TypeError, KeyError, IndexError, AttributeError):
        pass
    return None


def store(source: str, filename: str, entry: Any) -> bool:
    """Write ``entry`` (a module's :class:`~a64js.bytecode.Code` as the compiler returned
    it, before it ran, or a parse tree) for ``source`` compiled as ``filename``,
    atomically; False when it cannot be (a directory not writable, what marshal refuses,
    a constant with no stored form)."""
    try:
        if type(entry) is dict:
            payload = marshal.dumps(("tree", entry))
        else:
            payload = marshal.dumps(("code", _encode(entry)))
    except ValueError:  # nested too deeply for marshal, or not plain data
        return False
    return bool(_files().write(entry_path(filename), MAGIC, key(source, filename), payload))


# -- bytecode as plain data ----------------------------------------------------------------
# A Code is a dict of its slots; its constants a list of plain values, with the three
# kinds that are not plain data tagged as 1-tuples or pairs (no constant is a tuple).
_PLAIN = (str, int, float, bool, type(None))


def _encode(code: Any) -> dict[str, Any]:
    from .bytecode import Code
    from .values import NULL, UNINITIALIZED

    if type(code) is not Code or code.ops is not None:
        raise ValueError("not a Code before its first run")
    out: dict[str, Any] = {}
    for slot in Code.__slots__:
        if slot != "consts":
            out[slot] = getattr(code, slot)
    consts: list[Any] = []
    for k in code.consts:
        if type(k) in _PLAIN:
            consts.append(k)
        elif type(k) is Code:
            consts.append(("code", _encode(k)))
        elif k is NULL:
            consts.append(("null",))
        elif k is UNINITIALIZED:
            consts.append(("uninitialized",))
        else:
            raise ValueError(f"constant {k!r} has no stored form")
    out["consts"] = consts
    return out


#: What decoding needs of a64js (Code, NULL, UNINITIALIZED, Code's slots), imported at
#: the first decode (not at this module's import): an import statement in _decode ran
#: once per function, half of decoding a program (json's 18 functions: 1.19M
#: instructions, 0.63M with these looked up once).
_DECODING: list[Any] = []


def _decode(data: dict[str, Any]) -> Any:
    if not _DECODING:
        from .bytecode import Code
        from .values import NULL, UNINITIALIZED

        _DECODING.extend((Code, NULL, UNINITIALIZED, frozenset(Code.__slots__)))
    code_class, null, uninitialized, slots = _DECODING
    if type(data) is not dict or data.keys() != slots:
        raise ValueError("not a stored Code")
    code = code_class(data["name"], data["filename"])
    for slot, value in data.items():
        if slot != "consts":
            setattr(code, slot, value)
    code.consts = [
        k if type(k) is not tuple
        else _decode(k[1]) if k[0] == "code" else null if k[0] == "null"
        else uninitialized if k[0] == "uninitialized" else _bad(k[0])
        for k in data["consts"]]
    return code


def _bad(tag: Any) -> Any:
    raise ValueError(f"no constant of kind {tag!r}")


def main(argv: list[str] | None = None) -> int:
    """``python -m a64js.codecache FILE.js ...``: compile each file and store its entry (as
    ``python -m compileall`` for ``.pyc``; the benchmarks warm the cache so). Exit status 0,
    or 2 when a file cannot be read or compiled (each reported on one line)."""
    from .compiler import compile_module, read_source
    from .errors import JSCompileError

    files = sys.argv[1:] if argv is None else argv
    usage = ("usage: python -m a64js.codecache FILE.js ... (stores each file's bytecode in "
             "the a64js code cache)\n")
    if files in (["-h"], ["--help"]):  # asked for: on stdout, status 0
        sys.stdout.write(usage)
        return 0
    options = [f for f in files if f.startswith("-")]
    if not files or options:
        sys.stderr.write((f"a64js.codecache: unknown option {options[0]!r}\n" if options
                          else "") + usage)
        return 2
    if not enabled():
        sys.stderr.write(f"a64js.codecache: the cache is off ({ENV}); nothing stored\n")
        return 0
    status = 0
    for name in files:
        full = os.path.abspath(name)  # the name the VMs compile a program under
        try:
            compile_module(read_source(full), full, cache=True)
        except JSCompileError as e:
            sys.stderr.write(f"a64js.codecache: {e}\n")
            status = 2
        except RecursionError:
            sys.stderr.write(f"a64js.codecache: {full}: program nests too deeply to parse\n")
            status = 2
    return status


__all__ = ["ENV", "OFF", "enabled", "entry_path", "fingerprint", "has_entry", "key", "load",
           "main", "set_enabled", "store"]


if __name__ == "__main__":  # run as a64js.codecache, the module compiler.py uses
    from a64js.codecache import main as _main

    raise SystemExit(_main())
