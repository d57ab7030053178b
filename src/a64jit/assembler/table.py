"""Declarative instruction tables: one line per instruction, one function per encoding class.

A group of instructions is a :class:`Table`. Each *encoding class* of the group is a
:class:`Form`: one function that checks the operands and builds the word, written
once for every instruction of the class. Each *instruction* is one row: a call of the
form with the row's mnemonic, its fixed fields and a few words of documentation,
assigned in the mixin's class body::

    from . import table
    from .core import AssemblerCore

    ATOMIC = table.Table("atomic", "exclusive, acquire/release and LSE atomic accesses")

    @ATOMIC.form("{name} rt, [xn|sp]")
    def _load(self: AssemblerCore, spec: table.Spec, rt: GPRegister, addr: Mem) -> None:
        sz = _reg(spec.name, "register", rt, spec["size"])
        self._put(enc.exclusive(spec.name, sz, spec["o2"], ..., rt.code))

    class AtomicMixin(AssemblerCore):
        ldxr = _load("ldxr", "load exclusive", size=None, o2=0, l=1, o0=0)
        ldxrb = _load("ldxrb", "load exclusive byte", size=0, o2=0, l=1, o0=0)

Then ``Assembler().ldxr(x0, mem(x1))`` works, and the one table drives everything else:

* **The Python method.** Each row is a real function ``ldxr(self, rt, addr)``: the
  form's parameters after ``spec``, with their names, annotations and defaults, so
  keyword calls, ``inspect.signature`` and ``help()`` show them; its docstring is
  built from the form's syntax and the row's words. Type checkers see the same
  signature: a form is generic in its parameters (``ParamSpec``), so a row's type is
  ``(self, rt: GPRegister, addr: Mem) -> None``. Nothing is compiled at import time
  (each row is one of a few hand-written templates whose parameters are renamed,
  see :func:`bind`), and every row is built on first use: the row itself is the
  lazy method (a :class:`Spec` is a ``memo.LazyMethod``), so declaring one costs a
  call and one object at import, and the memo's rule is checked once per form.
* **The text front-end.** :func:`mnemonics` maps every assembly mnemonic (the row's
  ``mnemonic``, e.g. ``b.eq``, and its ``aliases``, e.g. ``beq``) to its row; it is the
  parser's list of names. A row whose operand may be a label says which PC-relative
  field the label fills in its ``target`` field (``target=BRANCH19``); a form with an
  operand named ``cond`` makes the parser read bare identifiers there as conditions.
* **The memo.** A form is memo-eligible unless declared ``position_dependent=True``
  (its word depends on where it lands: branches to labels); the memo's registration
  rules (see memo.py) are checked for every row of an eligible form.
* **The MacroAssembler.** A form may carry ``masm`` tags (e.g. ``"short_branch"``:
  a branch whose reach the MacroAssembler extends with a veneer). :func:`tagged`
  lists the rows with a tag, so the MacroAssembler can override exactly those.

Adding an instruction is one row (plus its llvm-mc vectors); adding an encoding class
is one form. A row may also pass ``method=`` to name its Python method differently
from the mnemonic (``b_eq`` for ``b.eq``; a trailing ``_`` for Python keywords).

**Aliases.** A row's ``aliases`` are other assembly spellings of the same instruction
(``b.cs``, ``bhs`` and ``bcs`` for ``b.hs``). Their Python spellings
(:func:`python_name`: ``b_cs``, ``bhs``, ``bcs``) are the same method under other names,
written in the class body as ``b_cs = bhs = bcs = b_hs`` and checked by
:func:`spellings`, which the mixin's module calls after the class: every alias must have
its Python name there, and each name gets its own lazy method, so that each is replaced
by the plain function on first use.

**Overloads.** One mnemonic may have several forms chosen by the class of an operand
(``fadd`` of s/d registers is the floating table's row, ``fadd`` of arranged vectors the
SIMD table's). Each form is an ordinary row of its own table; :func:`overload` makes the
one Python method that picks between them::

    fadd = table.overload(FLOAT.rows["fadd"], ("rd", VArrangement, SIMD_FP.rows["fadd"]))

The first row is the default; each ``(operand, class, row)`` case sends a call whose
operand is exactly of that class (one ``type(x) is`` test) to its row. The method's
signature is the default row's operand names, each annotated with the union of the forms'
annotations at that position; its docstring lists every form; it is memoized like any
row (a hit skips the dispatch too). A wrong operand class falls to the default row, whose
message says what it accepts (a case's row says what its form accepts). :func:`mnemonics`
maps the mnemonic to one of its rows (all of them share the method's name); :func:`rows`
lists them all.
"""

from __future__ import annotations

import keyword
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any, Concatenate, Final, Generic, ParamSpec, TypeVar, cast

from .memo import (
    _CHECKED,
    LazyMethod,
    check_registration,
    check_signature,
    is_position_dependent,
    position_dependent,
    renamed,
)

#: The attribute of every method made here: the rows it emits (one, or an overload's).
ROW: Final = "__table_rows__"

P = ParamSpec("P")
S = TypeVar("S")


class Spec(LazyMethod):
    """One row of a table: what the form's function receives as ``spec``.

    ``name`` is the assembly mnemonic (what error messages call the instruction),
    ``method`` the Python method's name, ``fields`` the row's fixed values
    (``spec["size"]``), ``form`` and ``table`` where it belongs.

    In the mixin's class body the row is also the method: a ``memo.LazyMethod`` whose
    :meth:`build` is :func:`bind` (replaced by the function, or its memo wrapper, on
    first access)."""

    __slots__ = ("_doc", "aliases", "fields", "form", "method", "name", "spellings")

    def __init__(self, form: Form[Any, Any], name: str, method: str, doc: str,
                 aliases: tuple[str, ...], fields: dict[str, Any]) -> None:
        LazyMethod.__init__(self, None, method, form._params, form.position_dependent)
        self.form: Final = form
        self.name: Final = name
        self.method: Final = method
        self._doc = doc
        self.aliases: Final = aliases
        self.fields: Final = fields
        #: The method's other Python names (those of the aliases), set by :func:`spellings`.
        self.spellings: tuple[str, ...] = ()

    def __getitem__(self, field: str) -> Any:
        return self.fields[field]

    @property
    def table(self) -> Table:
        """The table the row belongs to."""
        return self.form.table

    @property
    def doc(self) -> str:
        """The words after the syntax in the method's docstring (the row's, else the
        form's ``doc(spec)``, computed when first asked for)."""
        doc = self._doc
        if not doc:
            make = self.form.doc
            assert make is not None, "checked where the row is declared"
            doc = self._doc = make(self)
        return doc

    def build(self) -> Callable[..., None]:
        """The row's method (built once, by :func:`bind`)."""
        method = self._method
        if method is None:
            method = self._method = bind(self.form, self)
        return method

    @property
    def methods(self) -> tuple[str, ...]:
        """Every Python name of the row's method (``b_hs``, ``b_cs``, ``bhs``, ``bcs``)."""
        return (self.method, *self.spellings)

    def __repr__(self) -> str:
        return f"Spec({self.name!r}, {self.fields})"


class Form(Generic[S, P]):
    """An encoding class: ``encode(self, spec, *operands)`` for every row of it.

    Calling a form declares a row and returns its method (see the module docstring)."""

    def __init__(self, table: Table, encode: Callable[Concatenate[S, Spec, P], None],
                 syntax: str, *, position_dependent: bool = False,
                 masm: tuple[str, ...] = (), doc: Callable[[Spec], str] | None = None) -> None:
        self.table: Final = table
        self.doc: Final = doc
        self.encode: Final = encode
        self.syntax: Final = syntax
        self.position_dependent: Final = position_dependent
        self.masm: Final = masm
        self.rows: Final[list[Spec]] = []
        # Check the form's signature once; each row then only renames a template.
        self._params: Final = _operand_names(encode)
        #: Whether the memo's rule was checked (on the first row; position-dependent
        #: forms are not memoized on their signature: memo.pc_relative rows are checked
        #: when their wrapper is made).
        self._checked = position_dependent

    @property
    def params(self) -> tuple[str, ...]:
        """The operand names of every row's method (after ``self``)."""
        return self._params

    def __call__(self, name: str, doc: str = "", *, method: str | None = None,
                 aliases: tuple[str, ...] = (), **fields: Any) -> Callable[Concatenate[S, P], None]:
        """Declare the instruction ``name`` (its assembly mnemonic) of this class.

        ``doc``: a few words after the syntax in the docstring (default: the form's
        ``doc(spec)``); ``method``: the
        Python name if it is not ``name`` (``b_eq`` for ``b.eq``); ``aliases``: other
        mnemonics the text front-end accepts for it; ``fields``: the row's values."""
        # Hundreds of rows run this at import: one object, no calls beyond the Spec's.
        if not doc and self.doc is None:
            raise TypeError(f"table {self.table.name}: {name} needs a doc")
        spec = Spec(self, name, method or name, doc, aliases, fields)
        known = self.table.rows
        for mnemonic in (name, *aliases) if aliases else (name,):
            if mnemonic in known:
                raise ValueError(f"table {self.table.name}: {mnemonic} is declared twice")
            known[mnemonic] = spec
        rows = self.rows
        rows.append(spec)
        if not self._checked:
            _check_form(self, spec)  # the memo's rule, once per form
            self._checked = True
        # The row is its own lazy method, built on first use.
        return spec  # type: ignore[return-value]  # its method has the form's signature

    def __repr__(self) -> str:
        return f"Form({self.table.name}: {self.syntax!r}, {len(self.rows)} rows)"


class Table:
    """One instruction group: its forms and rows (see the module docstring)."""

    def __init__(self, name: str, doc: str, *, register: bool = True) -> None:
        """``register=False`` keeps the table out of :func:`tables`, :func:`mnemonics`
        and :func:`tagged` (a table for a test or an experiment)."""
        self.name: Final = name
        self.doc: Final = doc
        self.forms: Final[list[Form[Any, Any]]] = []
        self.rows: Final[dict[str, Spec]] = {}  # by mnemonic
        if register:
            _TABLES.append(self)

    def form(self, syntax: str, *, position_dependent: bool = False,
             masm: tuple[str, ...] = (), doc: Callable[[Spec], str] | None = None,
             ) -> Callable[[Callable[Concatenate[S, Spec, P], None]],
                                                     Form[S, P]]:
        """Decorator: the function is the encoding class's ``encode(self, spec, ...)``.

        ``syntax`` is the assembly syntax with ``{name}`` for the mnemonic (it starts
        every row's docstring); ``position_dependent``: the word depends on where it
        lands (label operands), so the memo leaves these rows alone; ``masm``: tags
        for the MacroAssembler (:func:`tagged`); ``doc(spec)``: the rows' default doc."""
        def declare(encode: Callable[Concatenate[S, Spec, P], None]) -> Form[S, P]:
            made = Form(self, encode, syntax, position_dependent=position_dependent, masm=masm,
                        doc=doc)
            self.forms.append(made)
            return made
        return declare

    def __repr__(self) -> str:
        return f"Table({self.name!r}, {len(self.rows)} mnemonics)"


_TABLES: Final[list[Table]] = []


def tables() -> tuple[Table, ...]:
    """Every instruction table declared so far (every group once ``a64jit`` is imported)."""
    return tuple(_TABLES)


def mnemonics() -> dict[str, Spec]:
    """Every table mnemonic and alias (``b.eq``, ``beq``, ``ldaddal``) -> its row (for an
    :func:`overload`'s mnemonic, the row declared first: its default; :func:`rows` has all)."""
    known: dict[str, Spec] = {}
    for t in _TABLES:
        for m, spec in t.rows.items():
            known.setdefault(m, spec)
    return known


def python_name(mnemonic: str) -> str:
    """The Python method name of an assembly mnemonic: ``b.eq`` -> ``b_eq``, ``and`` ->
    ``and_`` (a trailing ``_`` for Python keywords)."""
    name = mnemonic.replace(".", "_")
    return name + "_" if keyword.iskeyword(name) else name


def spellings(cls: type, group: Table) -> None:
    """Check and finish the aliases of ``group``'s rows declared in ``cls`` (see the
    module docstring): each alias's :func:`python_name` must name the row's method in
    ``cls``; a lazy row under several names gets one lazy method per name."""
    attrs = vars(cls)
    for spec in dict.fromkeys(group.rows.values()):
        value = attrs.get(spec.method)
        if value is None:
            continue
        names = []
        for alias in spec.aliases:
            name = python_name(alias)
            if name == spec.method or name in names:
                continue
            if attrs.get(name) is not value:
                raise TypeError(f"table {group.name}: {cls.__name__}.{name} must be "
                                f"{spec.method} (the alias {alias} of {spec.name})")
            names.append(name)
            if isinstance(value, LazyMethod):  # each name replaced on its first use
                setattr(cls, name, LazyMethod(value.build, name, value.params,
                                              value.position_dependent))
        spec.spellings = tuple(names)


def rows(mnemonic: str) -> tuple[Spec, ...]:
    """Every row of ``mnemonic`` (or alias) across the tables, in declaration order: one
    for most, the forms of an :func:`overload` for the others (``fadd``: scalar, vector)."""
    return tuple(t.rows[mnemonic] for t in _TABLES if mnemonic in t.rows)


def tagged(tag: str) -> Iterator[Spec]:
    """The rows whose form carries the MacroAssembler tag ``tag``."""
    for t in _TABLES:
        for f in t.forms:
            if tag in f.masm:
                yield from f.rows


# -- building a row's method without compiling code ------------------------------------
# One template per operand count: it calls the form's encode with the row's spec. Its
# parameters _p0.._pN are renamed to the form's own (CodeType.replace), so the method has
# the form's signature and a call costs one extra direct call, not a *args forward.

def _b0(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any) -> None:
        encode(self, spec)
    return instruction


def _b1(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any) -> None:
        encode(self, spec, _p0)
    return instruction


def _b2(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any) -> None:
        encode(self, spec, _p0, _p1)
    return instruction


def _b3(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any) -> None:
        encode(self, spec, _p0, _p1, _p2)
    return instruction


def _b4(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any, _p3: Any) -> None:
        encode(self, spec, _p0, _p1, _p2, _p3)
    return instruction


def _b5(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any, _p3: Any, _p4: Any) -> None:
        encode(self, spec, _p0, _p1, _p2, _p3, _p4)
    return instruction


def _b6(encode: Callable[..., None], spec: Spec) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any, _p3: Any, _p4: Any,
                    _p5: Any) -> None:
        encode(self, spec, _p0, _p1, _p2, _p3, _p4, _p5)
    return instruction


_BINDERS: Final = (_b0, _b1, _b2, _b3, _b4, _b5, _b6)


def _operand_names(encode: Callable[..., None]) -> tuple[str, ...]:
    """The operand names of ``encode(self, spec, ...)``, checked."""
    code = getattr(encode, "__code__", None)
    where = getattr(encode, "__qualname__", repr(encode))
    if not isinstance(code, types.CodeType):
        raise TypeError(f"table form {where}: not a plain Python function")
    if code.co_flags & (0x04 | 0x08) or code.co_kwonlyargcount or code.co_posonlyargcount:
        raise TypeError(f"table form {where}: *, ** or keyword-only parameters")
    names = code.co_varnames[:code.co_argcount]
    if len(names) < 2 or names[1] != "spec":
        raise TypeError(f"table form {where}: parameters must start with (self, spec, ...)")
    operands = names[2:]
    if len(operands) >= len(_BINDERS):
        raise TypeError(f"table form {where}: more than {len(_BINDERS) - 1} operands")
    return operands


F = TypeVar("F", bound=Callable[..., None])


def typed_as(encode: Callable[..., None], signature: F) -> F:
    """``encode`` itself (its code, nothing in between) under ``signature``'s operand
    annotations and defaults: for the rows of an encoding class that accept more operand
    classes than the others (add and sub take the vector forms their error path hands to
    simd.vector_dp, adds and subs do not), so that each row's type says what it accepts.
    ``signature`` is a body-less function with the same parameter names."""
    code, sig = encode.__code__, signature.__code__
    names = code.co_varnames[:code.co_argcount]
    if names != sig.co_varnames[:sig.co_argcount]:
        raise TypeError(f"typed_as {encode.__qualname__}: parameters {names} but "
                        f"{signature.__qualname__} has {sig.co_varnames[:sig.co_argcount]}")
    made = types.FunctionType(code, encode.__globals__, encode.__name__,
                              signature.__defaults__, encode.__closure__)
    made.__annotations__ = dict(signature.__annotations__)
    made.__qualname__ = encode.__qualname__
    made.__module__ = signature.__module__
    return cast(F, made)


def bind(form: Form[S, P], spec: Spec) -> Callable[Concatenate[S, P], None]:
    """The method of one row: ``form.encode`` with ``spec`` bound, under the row's
    name, with the form's operand names, annotations and defaults."""
    params = form._params
    encode = form.encode
    template = _BINDERS[len(params)](encode, spec)
    name = spec.method
    method = types.FunctionType(renamed(template.__code__, params),
                                template.__globals__, name, encode.__defaults__,
                                template.__closure__)
    method.__qualname__ = name
    method.__module__ = encode.__module__
    notes = dict(getattr(encode, "__annotations__", {}))
    notes.pop("spec", None)
    notes.pop("self", None)
    method.__annotations__ = notes
    syntax = form.syntax.format(name=spec.name)
    method.__doc__ = f"``{syntax}``: {spec.doc}."
    method.__dict__[ROW] = (spec,)
    if form.position_dependent:
        # A row whose target fills a PC-relative field is memoized on its other operands
        # (memo.pc_relative: its form hands one word to _emit_pcrel).
        position_dependent(method, pc_relative="target" in spec.fields)
    else:
        # The memo's rule was checked on the form (_check_form): every row of a form has
        # the same signature.
        method.__dict__[_CHECKED] = params  # memoize_methods need not check it again
    return method  # the renamed template has the form's signature (P)


def _check_form(form: Form[S, P], spec: Spec) -> None:
    """Check the memo's rule on the signature every row of ``form`` will have (its
    operand names and annotations), without building a row."""
    check_signature(spec.method, form._params, getattr(form.encode, "__annotations__", {}))


# -- overloads: one method, several forms chosen by operand class -----------------------
# One dispatcher per operand count (like the row templates); the cases are a tuple of
# (position, class, form's encode, row) tried in order, the default row's encode taken
# when none matches.

_Case = tuple[int, type, Callable[..., None], "Spec"]


def _d1(encode: Callable[..., None], spec: Spec, cases: tuple[_Case, ...]) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any) -> None:
        for _, cls, form, row in cases:
            if type(_p0) is cls:
                form(self, row, _p0)
                return
        encode(self, spec, _p0)
    return instruction


def _d2(encode: Callable[..., None], spec: Spec, cases: tuple[_Case, ...]) -> Callable[..., None]:
    if len(cases) == 1 and cases[0][0] == 0:  # the usual case: one test of the first operand
        _, cls, form, row = cases[0]

        def first(self: Any, _p0: Any, _p1: Any) -> None:
            if type(_p0) is cls:
                form(self, row, _p0, _p1)
            else:
                encode(self, spec, _p0, _p1)
        return first

    def instruction(self: Any, _p0: Any, _p1: Any) -> None:
        args = (_p0, _p1)
        for position, cls, form, row in cases:
            if type(args[position]) is cls:
                form(self, row, _p0, _p1)
                return
        encode(self, spec, _p0, _p1)
    return instruction


def _d3(encode: Callable[..., None], spec: Spec, cases: tuple[_Case, ...]) -> Callable[..., None]:
    if len(cases) == 1 and cases[0][0] == 0:
        _, cls, form, row = cases[0]

        def first(self: Any, _p0: Any, _p1: Any, _p2: Any) -> None:
            if type(_p0) is cls:
                form(self, row, _p0, _p1, _p2)
            else:
                encode(self, spec, _p0, _p1, _p2)
        return first

    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any) -> None:
        args = (_p0, _p1, _p2)
        for position, cls, form, row in cases:
            if type(args[position]) is cls:
                form(self, row, _p0, _p1, _p2)
                return
        encode(self, spec, _p0, _p1, _p2)
    return instruction


def _d4(encode: Callable[..., None], spec: Spec, cases: tuple[_Case, ...]) -> Callable[..., None]:
    def instruction(self: Any, _p0: Any, _p1: Any, _p2: Any, _p3: Any) -> None:
        args = (_p0, _p1, _p2, _p3)
        for position, cls, form, row in cases:
            if type(args[position]) is cls:
                form(self, row, _p0, _p1, _p2, _p3)
                return
        encode(self, spec, _p0, _p1, _p2, _p3)
    return instruction


_DISPATCHERS: Final = {1: _d1, 2: _d2, 3: _d3, 4: _d4}


def _union(notes: list[object]) -> str:
    """``"A | B"`` of annotations (strings under ``from __future__ import annotations``),
    each class once, in the order given."""
    seen: list[str] = []
    for note in notes:
        text = note if type(note) is str else getattr(note, "__name__", repr(note))
        for token in str(text).split("|"):
            token = token.strip()
            if token and token not in seen:
                seen.append(token)
    none = [t for t in seen if t == "None"]  # "X | None" reads best with None last
    return " | ".join([t for t in seen if t != "None"] + none)


def overload(default: Spec, *cases: tuple[str, type, Spec],
             annotations: dict[str, str] | None = None) -> Callable[..., None]:
    """The method of a mnemonic with several forms (see the module docstring): ``default``
    unless an operand named in a case is exactly of its class, then that case's row.

    Every row must be the same mnemonic with the same number of operands; the method has
    the default row's operand names and defaults, annotated with the forms' unions
    (``annotations`` overrides some: a subclass's override that narrows one needs ``Any``)."""
    params = default.form.params
    name = default.method
    picks: list[_Case] = []
    for operand, cls, spec in cases:
        if spec.method != name or len(spec.form.params) != len(params):
            raise TypeError(f"table overload {name}: {spec.name} in {spec.table.name} has "
                            f"method {spec.method} with {len(spec.form.params)} operands; "
                            f"need {name} with {len(params)}")
        if operand not in params:
            raise TypeError(f"table overload {name}: no operand {operand!r} in {params}")
        picks.append((params.index(operand), cls, spec.form.encode, spec))
    specs = tuple(dict.fromkeys((default, *(spec for _, _, spec in cases))))
    _OVERLOADS[name] = specs
    # The module that declares the overload (it imports every form's operand classes:
    # the memo reads the annotations' names there to pick its template).
    module = sys._getframe(1).f_globals.get("__name__", default.form.encode.__module__)
    shape = (default.form, tuple((p, c, row.form) for p, c, _, row in picks),
             tuple(sorted((annotations or {}).items())))
    notes = _SHAPES.get(shape)

    if notes is None:  # the first of its shape: built now, the memo's rule checked
        notes = _SHAPES[shape] = _notes(params, specs, annotations)
        method = _overload_method(default, specs, tuple(picks), module, notes)
        check_registration(method)
        return method
    shared = notes

    def build() -> Callable[..., None]:
        return _overload_method(default, specs, tuple(picks), module, shared)
    # the others (the same forms, so the same checked signature) on first use
    return cast("Callable[..., None]", LazyMethod(build, name, params, False))


def _notes(params: tuple[str, ...], specs: tuple[Spec, ...],
           annotations: dict[str, str] | None) -> dict[str, object]:
    """An overload's annotations: the forms' unions, position by position."""
    notes: dict[str, object] = {}
    for position, param in enumerate(params):
        found = [getattr(s.form.encode, "__annotations__", {}).get(s.form.params[position])
                 for s in specs]
        if any(n is not None for n in found):
            notes[param] = _union([n for n in found if n is not None])
    notes.update(annotations or {})
    notes["return"] = "None"
    return notes


def _overload_method(default: Spec, specs: tuple[Spec, ...], picks: tuple[_Case, ...],
                     module: str, notes: dict[str, object]) -> Callable[..., None]:
    params = default.form.params
    name = default.method
    # The forms' encode functions are called with their rows directly (no row method
    # between: the dispatch is the only cost over a plain row).
    template = _DISPATCHERS[len(params)](default.form.encode, default, picks)
    method = types.FunctionType(renamed(template.__code__, params),
                                template.__globals__, name, default.form.encode.__defaults__,
                                template.__closure__)
    method.__qualname__ = name
    method.__module__ = module
    method.__annotations__ = dict(notes)
    method.__doc__ = "; or ".join(
        f"``{s.form.syntax.format(name=s.name)}``: {s.doc}" for s in reversed(specs)) + "."
    method.__dict__[_CHECKED] = params
    method.__dict__[ROW] = specs
    return method


#: Overload shapes (default form, cases' positions, classes and forms) -> annotations.
_SHAPES: Final[dict[object, dict[str, object]]] = {}


_OVERLOADS: Final[dict[str, tuple[Spec, ...]]] = {}


def overloads() -> dict[str, tuple[Spec, ...]]:
    """Every :func:`overload`'s method name -> its rows (the default first)."""
    return dict(_OVERLOADS)


__all__ = ["ROW", "Form", "Spec", "Table", "bind", "is_position_dependent", "mnemonics",
           "overload", "overloads", "python_name", "rows", "spellings", "tables", "tagged"]
