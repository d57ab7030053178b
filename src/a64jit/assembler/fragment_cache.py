"""Fragments kept between processes: build once, load in later runs.

Building a :class:`~a64jit.Fragment` runs its body tens to hundreds of times (every
register of every register hole, every bit of every immediate hole) to find where each
hole lands: 10-150 ms for a JIT's template. A :class:`FragmentCache` keeps what the
build finds (the words, the hole tables, the label references, the out-of-line part's
moves) in a directory, one small file per fragment, as Python keeps ``.pyc`` files, and
a later process loads it instead of probing again::

    from a64jit import FragmentCache, hole, mem, x0, x19

    CACHE = FragmentCache("/var/cache/myjit/fragments")

    def load_slot(a, dst, slot):
        a.ldr(dst, mem(x19, slot))

    LOAD = CACHE.fragment(load_slot, dst=hole.x, slot=hole.offset(8))

What makes a file's entry the one for a fragment (its *key*, a digest): the body's
code (bytecode, constants, names, argument counts, recursively for nested code and for
the functions it calls through globals), its defaults and closure values, the values of
the global names it reads (registers, ints, strings, tuples, functions, a64jit objects;
a module's attributes the code names), the fragment's name and holes (names, kinds,
ranges), a fingerprint of the a64jit package's sources (each ``.py`` file's path, size
and modification time) and of the interpreter (:func:`a64jit.cachefile.fingerprint`) and
this module's format. A file is named by its key and
:func:`a64jit.cachefile.interpreter_tag`. A body that reads something the key cannot
describe (an object of a user class, an open file, a lock) is built as without a cache
(:attr:`FragmentCache.unkeyable` counts them).

Safety first, never wrong bytes: a file is used only when it is whole (a checksum over
its key and contents), of this key and format, and well formed, *and* when one run of
the body (with values other than the probes': other registers, an immediate inside its
range) gives exactly the words, label references and binds the file predicts (for a
fragment with an out-of-line part, also its moves: two more runs). Anything else (a
stale, truncated, edited or corrupt file) is rebuilt and the file replaced. Files are
:mod:`a64jit.cachefile` files, written atomically (a temporary file in the directory,
then renamed over the entry); a
directory that cannot be made or written means the fragment is built as without a
cache (:attr:`FragmentCache.unwritable` counts the failures) and nothing is raised.
"""

from __future__ import annotations

import marshal
import os
import sys
import types
from collections.abc import Callable
from typing import Any, Final

from .. import cachefile
from .fragment import Fragment, Hole, _compile, _sources

#: The file format; part of every key.
FORMAT: Final = 2
_MAGIC: Final = b"a64jit-fragment\x00\x02\n"


class _Unkeyable(Exception):
    """The body reads something a key cannot describe."""


def fingerprint() -> str:
    """A digest (hex) of the a64jit package's ``.py`` files (relative path, size,
    modification time in ns), the interpreter and :data:`FORMAT`
    (:func:`a64jit.cachefile.fingerprint`: computed once per process)."""
    root = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    return cachefile.fingerprint(root, salt=_MAGIC)[0].hex()


# -- keys -------------------------------------------------------------------------------

_SCALARS: Final = (type(None), bool, int, float, complex, str, bytes)


class _Keyer:
    """Describes a body and what it reads as nested tuples of plain values."""

    def __init__(self) -> None:
        self.seen: dict[int, int] = {}  # id -> its number (functions, modules, classes)
        self.keep: list[Any] = []  # (the objects seen stay alive while keying)

    def _again(self, obj: Any) -> tuple[str, int] | None:
        """("seen", n) for an object keyed already (recursion, sharing), else None."""
        n = self.seen.get(id(obj))
        if n is not None:
            return ("seen", n)
        self.seen[id(obj)] = len(self.seen)
        self.keep.append(obj)
        return None

    def value(self, v: Any, names: tuple[str, ...]) -> Any:
        """The key of a value the code reads; ``names``: the names the reading code
        uses (a module's or class's attributes among them are keyed too)."""
        t = type(v)
        if t in _SCALARS:
            return (t.__name__, repr(v))
        if t is tuple or t is list:
            return (t.__name__, *(self.value(x, names) for x in v))
        if t is frozenset or t is set:
            return (t.__name__, *sorted((self.value(x, names) for x in v), key=repr))
        if t is dict:
            return ("dict", *sorted(((self.value(k, names), self.value(x, names))
                                     for k, x in v.items()), key=repr))
        if t is types.FunctionType:
            return self.function(v)
        if t is types.CodeType:
            return self.code(v, {})
        if t is types.MethodType:
            return ("method", self.value(v.__func__, names), self.value(v.__self__, names))
        if t is types.BuiltinFunctionType:
            module = getattr(v, "__module__", None) or getattr(v.__self__, "__name__", "")
            if module in ("builtins", "_operator", "math") or _ours(module):
                return ("builtin", module, v.__qualname__)
            raise _Unkeyable(f"builtin {v!r}")
        if t is types.ModuleType:
            again = self._again(v)
            if again is not None:
                return again
            name = v.__name__
            if _ours(name) or name in sys.builtin_module_names:
                return ("module", name)  # a64jit: its fingerprint; built in: Python's
            return ("module", name, *((n, self.value(getattr(v, n), names))
                                      for n in sorted(set(names)) if hasattr(v, n)))
        if isinstance(v, type):
            again = self._again(v)
            if again is not None:
                return again
            if v.__module__ == "builtins" or _ours(v.__module__):
                return ("class", v.__module__, v.__qualname__)
            # a user class: what the code names of it (methods are functions, keyed)
            return ("class", v.__module__, v.__qualname__,
                    *((n, self.value(v.__dict__[n], names))
                      for n in sorted(set(names)) if n in v.__dict__))
        for base in (int, str, float, bytes):  # IntEnum members and the like
            if isinstance(v, base):
                plain: Any = base
                return ("sub", t.__module__, t.__qualname__, repr(v), base.__name__,
                        repr(plain(v)))
        if isinstance(v, Hole):
            return ("hole", v.kind, v.name, v.top, v.scale)
        if _ours(t.__module__):
            # an a64jit operand (a register, a memory operand, a shift, a condition):
            # its repr says what it is, unless it is the default one (an address)
            text = repr(v)
            if " at 0x" in text or "object at" in text:
                raise _Unkeyable(f"{t.__qualname__} object")
            return ("a64jit", t.__module__, t.__qualname__, text)
        raise _Unkeyable(f"{t.__module__}.{t.__qualname__} object")

    def function(self, fn: types.FunctionType) -> Any:
        if _ours(fn.__module__):  # a64jit's own: its fingerprint says what it does
            return ("a64jit", fn.__module__, fn.__qualname__)
        again = self._again(fn)
        if again is not None:
            return again
        names = fn.__code__.co_names
        cells = tuple(self.cell(c, names) for c in fn.__closure__ or ())
        return ("function", fn.__qualname__, self.code(fn.__code__, fn.__globals__),
                self.value(fn.__defaults__, names), self.value(fn.__kwdefaults__, names),
                cells)

    def cell(self, cell: Any, names: tuple[str, ...]) -> Any:
        try:
            content = cell.cell_contents
        except ValueError:
            return ("empty",)
        return self.value(content, names)

    def code(self, code: types.CodeType, globals_: dict[str, Any]) -> Any:
        """A code object: what it does (not where it is: no file name, no line numbers)
        and the values of the global (or builtin) names it reads."""
        names = code.co_names
        consts = tuple(self.code(c, globals_) if type(c) is types.CodeType
                       else self.value(c, names) for c in code.co_consts)
        builtins = globals_.get("__builtins__", {})
        if type(builtins) is types.ModuleType:
            builtins = builtins.__dict__
        reads: list[Any] = []
        for name in names:
            if name in globals_:
                reads.append(("g", name, self.value(globals_[name], names)))
            elif name in builtins:
                reads.append(("b", name, self.value(builtins[name], names)))
        return ("code", code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
                code.co_flags, code.co_code, names, code.co_varnames, code.co_freevars,
                code.co_cellvars, consts, tuple(reads))


def _ours(module: str | None) -> bool:
    return module is not None and (module == "a64jit" or module.startswith("a64jit."))


def fragment_key(body: Callable[..., None], holes: dict[str, Hole]) -> bytes:
    """The digest that names ``body``'s fragment with ``holes`` in a cache (see the
    module docstring); raises ``_Unkeyable`` (internal) when the body reads something
    no key describes."""
    keyer = _Keyer()
    if type(body) is not types.FunctionType:
        raise _Unkeyable(f"the body is a {type(body).__name__}, not a function")
    what = (fingerprint(), getattr(body, "__name__", "fragment"), keyer.function(body),
            tuple((k, h.kind, h.name, h.top, h.scale) for k, h in holes.items()))
    # marshal version 0: no references, no interning, so the same bytes in every process
    # (and much faster than repr)
    return cachefile.digest(marshal.dumps(what, 0))


# -- the cache --------------------------------------------------------------------------

class FragmentCache:
    """A directory of built fragments, shared by the processes that use it (see the
    module docstring). :meth:`fragment` is :class:`~a64jit.Fragment` with the build
    loaded from the directory when it is there and checked."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        #: The directory (made on the first store).
        self.path = os.fspath(path)
        #: Fragments loaded from a file (and checked by a run of the body).
        self.loaded = 0
        #: Fragments built (no file, or one not used) and stored.
        self.built = 0
        #: Files not used: stale, torn, corrupt, another key or format, or a body whose
        #: run no longer gives what the file says (each was rebuilt).
        self.rejected = 0
        #: Bodies built without the cache: they read something no key describes.
        self.unkeyable = 0
        #: Stores that failed (a directory that cannot be made or written).
        self.unwritable = 0
        self._keys: dict[int, tuple[bytes, str]] = {}

    def fragment(self, body: Callable[..., None], /, **holes: Hole) -> Fragment:
        """``Fragment(body, **holes)``, its build loaded from the cache if it is there
        (and checked), else built and stored."""
        frag = Fragment.__new__(Fragment)
        frag._setup(body, holes, self)
        return frag

    def file_of(self, body: Callable[..., None], /, **holes: Hole) -> str | None:
        """The file that holds (or would hold) ``body``'s fragment with ``holes``, or
        None when the body cannot be keyed."""
        try:
            key = fragment_key(body, holes)
        except (_Unkeyable, RecursionError):
            return None
        return self._file(key)

    def _file(self, key: bytes) -> str:
        return os.path.join(self.path, f"{key.hex()}.{cachefile.interpreter_tag()}.frag")

    # -- called by Fragment._setup ----------------------------------------------------

    def _load(self, frag: Fragment, holes: dict[str, Hole]) -> Any:
        """The checked record of ``frag`` (``holes``: as declared) from its file, or None
        (then it is built)."""
        try:
            key = fragment_key(frag._body, holes)
        except (_Unkeyable, RecursionError):
            self.unkeyable += 1
            return None
        path = self._file(key)
        self._keys[id(frag)] = (key, path)
        payload = cachefile.read(path, _MAGIC, key)
        if payload is None and not os.path.lexists(path):
            return None  # (no file: built, not rejected)
        entry = _decode(payload)
        if (type(entry) is not tuple or len(entry) != 2 or type(entry[1]) is not tuple
                or not all(type(c) is tuple and len(c) == 2 and type(c[0]) is str
                           and type(c[1]) is types.CodeType for c in entry[1])
                or not frag._verify(entry[0])):
            self.rejected += 1
            return None
        del self._keys[id(frag)]
        self.loaded += 1
        # the generated functions' code, used only for exactly the source it came from
        frag._codes.update(entry[1])
        return entry[0]

    def _store(self, frag: Fragment, record: Any) -> None:
        """Write ``frag``'s record to its file (atomically); a failure is counted."""
        entry = self._keys.pop(id(frag), None)
        if entry is None:  # unkeyable
            return
        key, path = entry
        self.built += 1
        for source, what in _sources(frag):
            _compile(frag, source, what)
        try:
            payload = marshal.dumps((record, tuple(frag._codes.items())))
        except ValueError:
            return
        if not cachefile.write(path, _MAGIC, key, payload):
            self.unwritable += 1

    def __repr__(self) -> str:
        return (f"FragmentCache({self.path!r}: {self.loaded} loaded, {self.built} built, "
                f"{self.rejected} rejected, {self.unkeyable} unkeyable)")


def _decode(payload: bytes | None) -> Any:
    """The record in a file's payload (None: no whole file of the key), or None."""
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
