"""The code buffer, labels, fixups and data directives shared by every
instruction group of the :class:`~a64jit.Assembler`."""

from __future__ import annotations

import os
import sys
from _weakref import ref as _weak  # (not weakref.py: a module less to import)
from array import array
from collections.abc import Callable, Iterator
from typing import Any, Final, NamedTuple, cast

from ..encoding.fields import as_int64
from ..encoding.pcrel import ADRP, BRANCH14, BRANCH19, BRANCH26, PcRelField
from ..errors import EncodingError, LabelError, OperandError, show, text_hint

NOP: Final = 0xD503201F
_PACKAGE: Final = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
#: The largest ``align`` accepted (64 KiB, the largest A64 page): code is installed at
#: page-aligned addresses, so more alignment cannot be honoured anyway, and asking
#: for gigabytes of padding is almost always a mistake.
MAX_ALIGNMENT: Final = 1 << 16


class Label:
    """A position in one assembler's code: made by :meth:`AssemblerCore.label`, bound
    once with :meth:`AssemblerCore.bind`."""

    __slots__ = ("_home", "_name", "_refs", "offset")
    #: The assembler's ``_home``, a weak reference to it (the same object for all its
    #: labels: ``label._home is asm._home`` is the owner test). Weak, so that an
    #: assembler and the labels it keeps in ``_labels`` make no reference cycle: both go
    #: when the last reference to the assembler does, without the cyclic collector.
    _home: _weak[AssemblerCore]
    offset: int | None  # byte offset once bound
    #: The name, if given (set only then: one store less per label; see ``name``).
    _name: str
    #: The pending references of an unbound label: (word index, field, instruction name)
    #: of each forward reference, None if there are none. Kept on the label (a forward
    #: branch is a slot read and an append, bind a slot read); see AssemblerCore.bind.
    #: The word of a reference whose field is a plain PcRelField (imm26/imm19/imm14) has
    #: that field zero until bind fills it in (every path that records one puts it so:
    #: _emit_pcrel and the memo clear it, _add_ref clears it in the buffer).
    _refs: list[Ref] | None
    # No __init__: label() calls Label() and sets the slots itself (a class call without
    # an __init__ frame is the cheapest object CPython makes; a JIT makes a label every
    # few instructions).

    @property
    def name(self) -> str | None:
        """The name given to :meth:`AssemblerCore.label`, None if none."""
        try:
            return self._name
        except AttributeError:
            return None

    @name.setter
    def name(self, name: str | None) -> None:
        if name is not None:
            self._name = name
        elif hasattr(self, "_name"):
            del self._name

    @property
    def owner(self) -> AssemblerCore | None:
        """The assembler that made the label (None once it is gone)."""
        return self._home()

    @owner.setter
    def owner(self, asm: AssemblerCore) -> None:
        self._home = asm._home

    @property
    def bound(self) -> bool:
        return self.offset is not None

    def __repr__(self) -> str:
        where = f"@{self.offset}" if self.offset is not None else "unbound"
        return f"Label({self.name or hex(id(self))}, {where})"


#: A pending forward reference: (word index, field, instruction name).
Ref = tuple[int, PcRelField, str]
Target = Label | int  # an int target is a byte offset from the referencing instruction
#: The memo tables of each assembler class (see memo.py): every instance holds its own
#: class's list as ``_memos`` (a subclass never replays its base class's entries).
_CLASS_MEMOS: Final[dict[type, list[Any]]] = {}
#: bind's mark for a label it cannot bind inline (see AssemblerCore._bind_checked).
_NOT_OURS: Final[list[Ref]] = []


def _no_owner() -> None:
    """The ``_home`` of an :meth:`AssemblerCore.address_label` label: no assembler's."""
    return None


_ADDRESS_HOME: Final = cast("_weak[AssemblerCore]", _no_owner)


class _Late(NamedTuple):
    """A fixup that needs the load address, resolved by ``finalize(address)``."""

    offset: int  # byte offset of the word (or quad) to fill in
    kind: str  # "adrp" (page delta), "lo12" (imm12 = page offset >> scale), "abs64",
    # "branch26" (b/bl to an address_label)
    label: Label
    insn: str
    scale: int = 0  # lo12: log2 of the access size the offset must be a multiple of


class _PendingView:
    """A mapping view of an assembler's pending references (label -> list of refs);
    see :attr:`AssemblerCore._pending`."""

    __slots__ = ("_asm",)

    def __init__(self, asm: AssemblerCore) -> None:
        self._asm = asm

    def get(self, label: Label, default: object = None) -> Any:
        refs = (label._refs if isinstance(label, Label) and label._home is self._asm._home
                else None)
        return default if refs is None else refs

    def __getitem__(self, label: Label) -> list[Ref]:
        refs = self.get(label)
        if refs is None:
            raise KeyError(label)
        return cast(list[Ref], refs)

    def __contains__(self, label: object) -> bool:
        return isinstance(label, Label) and self.get(label) is not None

    def setdefault(self, label: Label, default: list[Ref]) -> list[Ref]:
        refs = self.get(label)
        if refs is None:
            label._refs = default  # (as a dict's: the caller appends to it)
            self._asm._npending += 1
            return default
        return cast(list[Ref], refs)

    def __setitem__(self, label: Label, refs: list[Ref]) -> None:
        self._asm._set_refs(label, refs)

    def __delitem__(self, label: Label) -> None:
        if self.get(label) is None:
            raise KeyError(label)
        self._asm._set_refs(label, None)

    def pop(self, label: Label, *default: object) -> Any:
        refs = self.get(label)
        if refs is None:
            if default:
                return default[0]
            raise KeyError(label)
        self._asm._set_refs(label, None)
        return refs

    def __iter__(self) -> Iterator[Label]:
        return iter(self._asm._pending_labels())

    def __len__(self) -> int:
        return self._asm._npending


def _target_hint(insn: str, target: object) -> str:
    """What a newcomer meant by a register or a name as a pc-relative target."""
    from ..operands import GPRegister  # (an error path: no import on the fast path)
    if type(target) is GPRegister and target.size == 64:
        if insn.startswith(("ldr", "prfm")):
            return f"; the address in {target} is written mem({target})"
        if insn in ("b", "bl"):
            return f"; a branch to the address in {target} is {insn}r({target})"
    return text_hint(target)


class AssemblerCore:
    """Code buffer, labels and fixups; instruction groups are mixed in on top.

    Instructions are 32-bit words appended to an ``array('I')``. Data directives
    may leave a partial word in ``_tail``; an instruction may only follow whole
    words (A64 instructions are 4-byte aligned).
    """

    #: Run first thing in every :meth:`finalize` (a fragment Stamper resolves its branch
    #: references there); an instance that needs one assigns a new tuple.
    _on_finalize: tuple[Callable[[], None], ...] = ()

    #: The last ``(word, field, insn)`` handed to :meth:`_emit_pcrel` (read by the memo).
    _pcrel_last: tuple[int, PcRelField, str] | None = None

    def __init__(self, *, record_sites: bool = False) -> None:
        self._code = array("I")
        self._tail = bytearray()
        # How many labels have pending references (Label._refs not None): finalize
        # checks them, a MacroAssembler bounds its pools with the count.
        self._npending = 0
        # What the labels hold for their owner (see Label._home).
        self._home: _weak[AssemblerCore] = _weak(self)
        # What bind compares a label's _home with: _home at a word boundary, None after a
        # partial word of data (kept by data(), the one place _tail changes), so that the
        # usual bind tests owner and alignment at once.
        self._bind_home: _weak[AssemblerCore] | None = self._home
        # The memo tables of this class (memo.py's fast templates: one slot per wrapper).
        cls = type(self)
        memos = _CLASS_MEMOS.get(cls)
        if memos is None:
            memos = _CLASS_MEMOS.setdefault(cls, [])
        self._memos: list[Any] = memos
        # address-dependent fixups resolved by finalize(): adrp and label addresses
        self._late: list[_Late] = []
        # the b/bl references of labels bound by bind_address, each label's as its
        # pending ones were (finalize resolves them from its address): one entry a
        # label, where a _Late a reference cost a tuple made in Python (a JIT's calls of
        # its shared subroutines: ~27 a function)
        self._far: list[tuple[Label, list[Ref]]] = []
        self._labels: list[Label] = []
        # (offset, file, line, is data) of each user call that emitted, for listings;
        # None (nothing recorded, words go straight into the buffer) unless asked for.
        self._sites: list[tuple[int, str, int, bool]] | None = [] if record_sites else None
        self._put: Callable[[int], None]  # see _reroute()
        self._reroute()

    # -- position and raw emission ------------------------------------------------

    @property
    def offset(self) -> int:
        """The byte offset of the next instruction or datum."""
        return len(self._code) * 4 + len(self._tail)

    def emit(self, word: int) -> None:
        """Append one raw 32-bit instruction word (checked: a Python int can be anything)."""
        if self._tail:
            raise EncodingError(
                f"{_caller(self)}: instruction at offset {self.offset} is not 4-byte aligned "
                f"(data before it); use align(4)")
        if type(word) is not int:
            raise OperandError(f"emit: expected an int instruction word, got {show(word)}")
        if not 0 <= word <= 0xFFFFFFFF:
            raise EncodingError(f"emit: instruction word {show(word)} cannot be encoded; "
                                "allowed: 0..0xffffffff")
        self._code.append(word)
        if self._sites is not None:
            self._record_site(self.offset - 4, False)

    def emit_words(self, words: array[int]) -> None:
        """Append the instruction words of ``words``, an ``array('I')`` (32-bit by its
        type: no word is checked): a run of words that a code generator made once
        (with an assembler, then ``finalize``) and copies many times, one C call where
        an instruction method per word is a Python call each."""
        if type(words) is not array or words.typecode != "I":
            raise OperandError(f"emit_words: expected an array('I') of instruction words, "
                               f"got {show(words)}")
        if self._put == self._code.append:
            self._code.extend(words)
        else:  # (data before, sites recorded, a subclass watching every word)
            put = self._put
            for word in words:
                put(word)

    def _record_site(self, offset: int, is_data: bool) -> None:
        """Note the user's call (the first frame outside a64jit) that emitted at ``offset``."""
        frame = sys._getframe(2)
        while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
            frame = frame.f_back
        assert self._sites is not None
        self._sites.append((offset, frame.f_code.co_filename, frame.f_lineno, is_data))

    # Every instruction method hands its word to ``self._put``. Encoders only build
    # in-range words, so while nothing needs to see each word, ``_put`` is the array's
    # own append (one C call: the assembler's hot path). Otherwise it is ``emit``.

    def _direct(self) -> bool:
        """Whether words may go straight into the buffer (subclasses add conditions)."""
        return not self._tail and self._sites is None

    def _reroute(self) -> None:
        """Re-choose ``_put``; call whenever a condition of :meth:`_direct` changes."""
        self._put = self._code.append if self._direct() else self.emit

    def __len__(self) -> int:
        return self.offset

    # -- labels -------------------------------------------------------------------

    def label(self, name: str | None = None) -> Label:
        """Create a new, unbound label."""
        lbl = Label()
        lbl._home = self._home
        lbl.offset = None
        lbl._refs = None
        if name is not None:
            if type(name) is not str:
                raise OperandError(f"{_caller(self)}: label name must be a str or None, "
                                   f"got {show(name)}")
            lbl._name = name
        self._labels.append(lbl)
        return lbl

    def address_label(self, address: int, name: str | None = None) -> Label:
        """A label standing for the absolute ``address``, outside this assembler's
        code (code placed earlier: a shared subroutine, a runtime routine), for ``b``
        and ``bl`` only: :meth:`label` then :meth:`bind_address`."""
        lbl = self.label(name)
        self.bind_address(lbl, address)
        return lbl

    def bind_address(self, label: Label, address: int) -> None:
        """Bind ``label`` (of this assembler, unbound) to the absolute ``address``,
        outside this code: its ``b`` and ``bl`` references, those emitted so far and
        later ones, reach ``address``. Their offsets depend on where the code runs, so
        :meth:`finalize` resolves them from its ``address=`` (the load address) and
        raises :class:`~a64jit.errors.EncodingError` when ``address`` is beyond a
        branch's +-128 MiB from there. Binding at the end of the code generation is
        cheapest (references to an unbound label are the usual forward ones); a
        reference of another instruction (b.cond, cbz, tbz, adr, a literal load)
        raises :class:`~a64jit.errors.LabelError`, before or after."""
        if type(address) is not int or not 0 <= address < 1 << 64 or address % 4:
            raise OperandError(f"bind_address: address must be an int, a multiple of 4 "
                               f"in [0, 2**64), got {show(address)}")
        if not isinstance(label, Label) or label._home is not self._home:
            self._own(label, "bind_address")  # raises: says what is wrong
        if label.offset is not None:
            raise LabelError(f"bind_address: label {label.name or label!r} is already bound")
        refs = label._refs or []
        for _, field, insn in refs:
            if field is not BRANCH26:
                raise LabelError(f"bind_address: label {label.name or label!r} has a "
                                 f"reference of {insn}; only b and bl reach an address")
        label._home = _ADDRESS_HOME
        label.offset = address
        if refs:
            label._refs = None
            self._npending -= 1
            self._far.append((label, refs))

    def label_at(self, offset: int, name: str | None = None) -> Label:
        """A label bound at byte ``offset``: a word already emitted (a word boundary at
        or before the current offset). Code that records positions as plain offsets
        (``a.offset``, one int) makes a label only for the few positions a later branch
        targets, instead of a label and a :meth:`bind` at every one."""
        if (type(offset) is not int or offset & 3 or not 0 <= offset <= len(self._code) * 4
                or name is not None):
            if type(offset) is not int:
                raise OperandError(f"label_at: offset must be an int, got {show(offset)}")
            lbl = self.label(name)
            self._bind_at(lbl, offset)  # (raises what is wrong with the offset)
            return lbl
        # label() and _bind_at inline (a new label has no references): one call
        lbl = Label()
        lbl._home = self._home
        lbl.offset = offset
        lbl._refs = None
        self._labels.append(lbl)
        return lbl

    def here(self, name: str | None = None) -> Label:
        """Create a label bound at the current offset."""
        lbl = self.label(name)
        self.bind(lbl)
        return lbl

    def bind(self, label: Label) -> None:
        """Bind ``label`` to the current offset and backpatch every pending reference."""
        # A JIT binds a label every few instructions: the usual case inline (an unbound
        # label of this assembler after whole words; anything without an owner is no
        # Label), in as few steps as it takes: a label without references is done after
        # the offset is set.
        try:
            if label._home is not self._bind_home or label.offset is not None:
                return self._bind_checked(label)
        except AttributeError:  # (no local for the owner: a try is free, a store is not)
            pass  # no Label: _bind_checked says so below, outside the handler
        else:
            at = len(self._code)
            label.offset = at * 4
            if label._refs is None:  # (no local: most labels have no references)
                return None
            refs = label._refs
            label._refs = None
            self._npending -= 1
            code = self._code
            # A forward reference's delta is a positive number of words, and the field of
            # a pending plain word is zero (see Label._refs): for imm19 and imm26 in code
            # under 1 MiB (no delta is out of their reach) and imm14 in reach the patch is
            # an add; field.patch (which says what is wrong) does the rest, and all in
            # larger code.
            if at < 0x40000:
                for index, field, insn in refs:
                    if field is BRANCH19:
                        code[index] += (at - index) * 32
                    elif field is BRANCH26:
                        code[index] += at - index
                    elif field is BRANCH14 and at - index < 0x2000:
                        code[index] += (at - index) * 32
                    else:
                        code[index] = field.patch(insn, code[index], (at - index) * 4)
            else:
                for index, field, insn in refs:
                    code[index] = field.patch(insn, code[index], (at - index) * 4)
            return None
        return self._bind_checked(label)

    def bind_at(self, label: Label, offset: int) -> None:
        """Bind ``label`` (of this assembler, unbound) to byte ``offset``, a word
        already emitted (a word boundary at or before the current offset), and patch
        its references: for code emitted as one run of words (:meth:`emit_words`)
        whose positions the caller knows."""
        if (type(label) is not Label or label._home is not self._home
                or label.offset is not None or type(offset) is not int or offset & 3
                or not 0 <= offset <= len(self._code) * 4):
            self._bind_at_checked(label, offset)
            return
        # _bind_at inline (one call where a JIT binds its stubs' labels by the dozen)
        label.offset = offset
        refs = label._refs
        if refs is not None:
            label._refs = None
            self._npending -= 1
            code = self._code
            for index, field, insn in refs:
                code[index] = field.patch(insn, code[index], offset - index * 4)

    def _bind_at_checked(self, label: Label, offset: int) -> None:
        """bind_at() of anything but an unbound Label of this assembler and a word
        boundary in the code: raise what is wrong (a subclass of Label is bound)."""
        if type(offset) is not int:
            raise OperandError(f"bind_at: offset must be an int, got {show(offset)}")
        if type(label) is not Label or label._home is not self._home:
            self._own(label, "bind_at")  # raises (a subclass of Label goes on)
        if label.offset is not None:
            raise LabelError(f"bind_at: label {label.name or label!r} is already bound")
        self._bind_at(label, offset)

    def _bind_checked(self, label: Label) -> None:
        """bind() of anything but an unbound Label of this assembler at an aligned
        offset: raise what is wrong (a subclass of Label is bound, as before)."""
        if type(label) is not Label or label._home is not self._home:
            self._own(label, "bind")  # raises (a subclass of Label goes on)
        if label.offset is not None:
            raise LabelError(f"bind: label {label.name or label!r} is already bound")
        if self._tail:
            raise EncodingError(
                f"{_caller(self)}: offset {self.offset} is not 4-byte aligned; use align(4)")
        self._bind_at(label, len(self._code) * 4)

    def _bind_at(self, label: Label, offset: int) -> None:
        """Bind an unbound label of this assembler to ``offset`` (a word already
        emitted, or the end) and backpatch its pending references."""
        if offset & 3 or not 0 <= offset <= len(self._code) * 4:
            # (the memo's branches rely on it: a bound label is at a word boundary at or
            # before the end, so a backward delta is a multiple of 4 and at most 0)
            raise LabelError(f"bind: offset {show(offset)} of label {label.name or label!r} "
                             f"is not a word boundary within the {self.offset}-byte code")
        label.offset = offset
        refs = label._refs
        if refs is not None:
            label._refs = None
            self._npending -= 1
            code = self._code
            for index, field, insn in refs:
                code[index] = field.patch(insn, code[index], offset - index * 4)

    # -- pending references (for the MacroAssembler's veneers and for fragments) ---

    def _add_ref(self, label: Label, ref: Ref) -> None:
        """Record a forward reference to the unbound ``label`` (bind patches it; its
        word, if emitted already, gets a plain field zero, see Label._refs)."""
        index, field = ref[0], ref[1]
        code = self._code
        if type(field) is PcRelField and index < len(code):
            code[index] &= field.clear
        refs = label._refs
        if refs is None:
            label._refs = [ref]
            self._npending += 1
        else:
            refs.append(ref)

    def _set_refs(self, label: Label, refs: list[Ref] | None) -> None:
        """Replace the pending references of the unbound ``label`` (None or [] for none:
        a veneer took them over)."""
        if label._refs is not None:
            self._npending -= 1
        label._refs = refs or None
        if refs:
            self._npending += 1

    def _pending_labels(self) -> list[Label]:
        """The unbound labels with pending references (in the order they were made)."""
        if not self._npending:
            return []
        return [lbl for lbl in self._labels if lbl._refs is not None and lbl.offset is None]

    @property
    def _pending(self) -> _PendingView:
        """The pending references by label, as a mapping (for code written against the
        dictionary this used to be; new code reads ``Label._refs`` or calls
        :meth:`_add_ref`, :meth:`_set_refs`, :meth:`_pending_labels`)."""
        return _PendingView(self)

    def label_offset(self, label: Label) -> int:
        """The byte offset a bound label stands for."""
        self._own(label, "label_offset")
        if label.offset is None:
            raise LabelError(f"label_offset: label {label.name or label!r} is not bound")
        return label.offset

    def label_offsets(self) -> set[int]:
        """The byte offsets at which this assembler's labels are bound so far (labels
        bound by :meth:`bind_address` excluded): every place a branch, ``adr`` or literal
        of this code can reach through a label. For a peephole pass, which must not
        rewrite an instruction another path jumps to."""
        home = self._home
        got = {lbl.offset for lbl in self._labels if lbl._home is home}
        got.discard(None)  # (unbound: one discard where each label had a test more)
        return got  # type: ignore[return-value]

    def references(self, label: Label) -> list[int]:
        """The byte offsets of the instructions that refer to ``label`` (of this
        assembler) while it is unbound: its pending references, in emission order;
        empty once it is bound (binding patched them)."""
        self._own(label, "references")
        refs = label._refs
        return [] if refs is None or label.offset is not None else [r[0] * 4 for r in refs]

    def move_references(self, label: Label, offsets: list[int], to: Label) -> None:
        """Hand the pending references of the unbound ``label`` at the byte ``offsets``
        (some of :meth:`references`) over to the unbound label ``to``: binding each
        label then patches its own. For code that sends some of a label's branches
        elsewhere once it sees where they come from."""
        self._own(label, "move_references")
        self._own(to, "move_references")
        if label.offset is not None or to.offset is not None:
            raise LabelError("move_references: both labels must be unbound")
        refs = label._refs or []
        want = set(offsets)
        moved = [r for r in refs if r[0] * 4 in want]
        if len(moved) != len(want):
            raise LabelError(f"move_references: offsets {sorted(want)} are not all "
                             f"references of label {label.name or label!r}")
        self._set_refs(label, [r for r in refs if r[0] * 4 not in want])
        self._set_refs(to, (to._refs or []) + moved)

    def word_at(self, offset: int) -> int:
        """The instruction word emitted at byte ``offset`` (a multiple of 4 below
        :attr:`offset`), as it stands now (a forward reference's field is filled in
        when its label is bound)."""
        if type(offset) is not int or offset & 3 or not 0 <= offset < len(self._code) * 4:
            raise OperandError(f"word_at: offset must be a multiple of 4 in [0, "
                               f"{len(self._code) * 4}), got {show(offset)}")
        return self._code[offset >> 2]

    def words(self, start: int = 0, end: int | None = None) -> array[int]:
        """A copy of the instruction words emitted in the byte range ``[start, end)``
        (``end`` None: to :attr:`offset`), one C copy: for a pass that reads back many
        of the words it emitted (:meth:`word_at` reads one)."""
        n = len(self._code) * 4
        stop = n if end is None else end
        if (type(start) is not int or type(stop) is not int or start & 3 or stop & 3
                or not 0 <= start <= stop <= n):
            raise OperandError(f"words: [{show(start)}, {show(end)}) is not a word range "
                               f"within the {n}-byte code")
        return self._code[start >> 2:stop >> 2]

    def replace_word(self, offset: int, word: int) -> None:
        """Replace the instruction word emitted at byte ``offset`` by ``word``: one
        instruction for another in place (no offset moves; labels stay bound where they
        are). For a peephole rewrite of a word without a label reference of its own:
        a pending forward reference or an address fixup at ``offset`` would later patch
        its field into ``word`` (a branch or ``adr`` to a label is not to be replaced
        before its label is bound)."""
        if type(word) is not int or not 0 <= word <= 0xFFFFFFFF:
            raise EncodingError(f"replace_word: instruction word {show(word)} cannot be "
                                "encoded; allowed: 0..0xffffffff")
        code = self._code
        if type(offset) is not int or offset & 3 or not 0 <= offset < len(code) * 4:
            raise OperandError(f"replace_word: offset must be a multiple of 4 in [0, "
                               f"{len(code) * 4}), got {show(offset)}")
        code[offset >> 2] = word

    def _own(self, label: object, insn: str) -> None:
        if not isinstance(label, Label):
            raise OperandError(f"{insn}: expected a Label, got {show(label)}")
        if label._home is _ADDRESS_HOME:
            raise LabelError(f"{insn}: label {label.name or label!r} stands for the address "
                             f"{label.offset:#x} (address_label): only b and bl take it")
        if label._home is not self._home:
            raise LabelError(f"{insn}: label {label.name or label!r} belongs to another assembler")

    def _emit_pcrel(self, word: int, target: Target, field: PcRelField, insn: str) -> None:
        """Emit ``word`` whose ``field`` refers to ``target`` (a label or a byte delta).

        ``word`` (its field zero or not: the field is replaced) and ``field`` must depend
        on the instruction's other operands only: the memo of position-dependent methods
        (memo.py) remembers them from ``_pcrel_last`` and replays them for any target."""
        self._pcrel_last = (word, field, insn)
        if type(target) is int:
            delta = as_int64(target)  # as LLVM reads it: #0xfffffffffffffff0 is -16
        elif isinstance(target, Label):
            if target._home is not self._home:
                if self._address_ref(target, self.offset, field, insn):
                    self._put(word & field.clear)
                    return
                self._own(target, insn)
            if target.offset is None:
                at = len(self._code)
                if type(field) is PcRelField:
                    word &= field.clear  # (see Label._refs)
                self._put(word)  # first: if it raises (unaligned), nothing is left pending
                refs = target._refs
                if refs is None:
                    target._refs = [(at, field, insn)]
                    self._npending += 1
                else:
                    refs.append((at, field, insn))
                return
            delta = target.offset - self.offset
        else:
            raise OperandError(
                f"{insn}: target must be a Label or an int offset, got {show(target)}"
                + _target_hint(insn, target))
        self._put(field.patch(insn, word, delta))

    def _address_ref(self, target: Label, at: int, field: PcRelField, insn: str) -> bool:
        """Record the b/bl word at byte ``at`` (its field zero) to ``target``, an
        :meth:`address_label`, for finalize; False when ``target`` is no such label (or
        the instruction no b/bl: the caller's own checks then say what is wrong)."""
        if target._home is not _ADDRESS_HOME or field is not BRANCH26:
            return False
        self._late.append(_Late(at, "branch26", target, insn))
        return True

    def _emit_adrp(self, word: int, target: Target, insn: str = "adrp") -> None:
        """adrp depends on the absolute address, so label targets resolve in finalize."""
        if type(target) is int:
            self._put(ADRP.patch(insn, word, as_int64(target)))
            return
        self._emit_late(word, "adrp", target, insn)

    def _emit_late(self, word: int, kind: str, label: object, insn: str, scale: int = 0) -> None:
        """Emit ``word`` whose field is filled in by ``finalize(address)``."""
        self._own(label, insn)
        assert isinstance(label, Label)
        self._late.append(_Late(self.offset, kind, label, insn, scale))
        self._put(word)

    # -- data ---------------------------------------------------------------------

    def data(self, raw: bytes | bytearray | memoryview) -> None:
        """Append raw bytes (need not be a multiple of 4)."""
        if not isinstance(raw, bytes | bytearray | memoryview):
            raise OperandError(f"data: expected bytes, bytearray or memoryview, got {show(raw)}")
        if self._sites is not None:
            self._record_site(self.offset, True)
        tail = self._tail
        tail += raw
        if len(tail) >= 4:
            whole = len(tail) & ~3
            self._code.frombytes(_to_native(bytes(tail[:whole])))
            del tail[:whole]
        self._bind_home = None if tail else self._home
        self._reroute()

    def byte(self, *values: int) -> None:
        """``.byte``: append 8-bit values (signed or unsigned)."""
        self.data(b"".join(_pack_int("byte", v, 1) for v in values))

    def hword(self, *values: int) -> None:
        """``.hword``: append 16-bit values."""
        self.data(b"".join(_pack_int("hword", v, 2) for v in values))

    def word(self, *values: int) -> None:
        """``.word``: append 32-bit values."""
        self.data(b"".join(_pack_int("word", v, 4) for v in values))

    def quad(self, *values: int | Label) -> None:
        """``.quad``: append 64-bit values; a Label stands for its absolute address."""
        for v in values:
            if isinstance(v, Label):
                self._own(v, "quad")
                self._late.append(_Late(self.offset, "abs64", v, "quad"))
                self.data(bytes(8))
            else:
                self.data(_pack_int("quad", v, 8))

    def align(self, alignment: int, fill: int | None = None) -> None:
        """Pad to a multiple of ``alignment`` bytes (a power of two).

        Like llvm-mc in a code section: without ``fill`` (or with fill 0) the padding
        is zero bytes up to the next 4-byte boundary, then NOPs; any other ``fill``
        byte (-128..255) fills the whole gap."""
        if type(alignment) is not int or alignment <= 0 or alignment & (alignment - 1):
            raise EncodingError(f"align: alignment {show(alignment)} is not a power of two")
        if alignment > MAX_ALIGNMENT:
            raise EncodingError(f"align: alignment {alignment} cannot be encoded; allowed: a "
                                f"power of two up to {MAX_ALIGNMENT} (64 KiB)")
        pad = -self.offset % alignment
        if not fill:
            if fill is not None and type(fill) is not int:
                raise OperandError(f"align: fill must be an int byte, got {show(fill)}")
            if pad % 4:
                self.data(bytes(pad % 4))
            if pad >= 4:
                self._code.extend(array("I", [NOP]) * (pad // 4))
            return
        if type(fill) is not int or not -128 <= fill <= 255:
            raise EncodingError(f"align: fill {show(fill)} cannot be encoded; allowed: -128..255")
        self.data(bytes([fill & 0xFF]) * pad)

    # -- finishing ------------------------------------------------------------------

    def finalize(self, address: int = 0) -> bytes:
        """Resolve every label and return the machine code.

        ``address`` is where the code will run; only address-dependent forms
        (adrp and ``:lo12:`` of a label, label addresses as data) depend on it.
        """
        if type(address) is not int:
            raise OperandError(f"finalize: address must be an int, got {show(address)}")
        if address < 0 or address % 4 or address + self.offset > 1 << 64:
            raise EncodingError(
                f"finalize: address {show(address)} cannot be used; allowed: a multiple of 4 "
                f"with the {self.offset}-byte code ending at or below 2**64")
        for hook in self._on_finalize:
            hook()
        unbound = self._pending_labels()
        unbound += [late.label for late in self._late if late.label.offset is None]
        if unbound:
            names = ", ".join(sorted({lbl.name or repr(lbl) for lbl in unbound}))
            raise LabelError(f"finalize: unbound label(s): {names}")
        late = self._late
        far = self._far
        if not late and not far:  # nothing to fill in: no copy but the one tobytes made
            raw = _to_native(self._code.tobytes())
            return raw + self._tail if self._tail else raw
        code = self._code
        if far:
            code = array("I", code)  # (finalize leaves the buffer as it is)
            for lbl, refs in far:  # (bind_address: the label's offset is the address)
                base = cast(int, lbl.offset) - address
                for index, _, insn in refs:
                    delta = base - index * 4
                    if not -(1 << 27) <= delta < 1 << 27:
                        raise _far_error(insn, lbl, delta, address + index * 4)
                    code[index] |= delta >> 2 & 0x3FFFFFF  # (the field is zero)
        rest: list[_Late] = []
        for fix in late:
            if fix.kind == "branch26":  # (a b/bl emitted to an address_label)
                if code is self._code:
                    code = array("I", code)
                offset = fix.offset
                delta = fix.label.offset - address - offset  # type: ignore[operator]
                if not -(1 << 27) <= delta < 1 << 27:
                    raise _far_error(fix.insn, fix.label, delta, address + offset)
                code[offset >> 2] |= delta >> 2 & 0x3FFFFFF  # (the field is zero)
            else:
                rest.append(fix)
        raw = _to_native(code.tobytes())
        if not rest:
            return raw + self._tail if self._tail else raw
        out = bytearray(raw + self._tail)
        for offset, kind, lbl, insn, scale in rest:
            assert lbl.offset is not None
            target = address + lbl.offset
            if kind == "abs64":
                out[offset:offset + 8] = target.to_bytes(8, "little")
                continue
            word = int.from_bytes(out[offset:offset + 4], "little")
            if kind == "lo12":
                word = _patch_lo12(insn, word, lbl, target & 0xFFF, scale)
            else:
                delta = (target & ~0xFFF) - ((address + offset) & ~0xFFF)
                word = ADRP.patch(insn, word, delta)
            out[offset:offset + 4] = word.to_bytes(4, "little")
        return bytes(out)


def _caller(asm: AssemblerCore) -> str:
    """The public method of ``asm`` the user called (the outermost one on the stack),
    for an error message only: walking the stack is never on the hot path."""
    frame = sys._getframe(1)
    name = "emit"
    cls = type(asm)
    while frame is not None:
        code_name = frame.f_code.co_name
        local = frame.f_locals
        if local.get("self") is asm and not code_name.startswith("_") and code_name != "emit":
            if callable(getattr(cls, code_name, None)):
                name = code_name
            else:  # made by a factory: its closure names the instruction
                for key in ("spelling", "mnemonic", "insn", "name"):
                    if type(local.get(key)) is str:
                        name = local[key]
                        break
        frame = frame.f_back  # type: ignore[assignment]
    return name.rstrip("_")


def _far_error(insn: str, label: Label, delta: int, at: int) -> EncodingError:
    """A b/bl at address ``at`` to an address_label ``delta`` bytes away, out of reach."""
    return EncodingError(f"{insn}: the address {label.offset:#x} (label "
                         f"{label.name or label!r}) is {delta:+#x} bytes from the branch at "
                         f"{at:#x}; allowed: within +-128 MiB")


def _patch_lo12(insn: str, word: int, label: Label, page_offset: int, scale: int) -> int:
    """Fill imm12 (bits 21..10, zero until now) of an add or a scaled load/store."""
    if page_offset & ((1 << scale) - 1):
        raise EncodingError(
            f"{insn}: :lo12:{label.name or repr(label)} is {page_offset:#x}, not a multiple of "
            f"{1 << scale} (the access size); allowed: a label aligned to {1 << scale} bytes")
    return word | (page_offset >> scale) << 10


def _pack_int(directive: str, value: int, size: int) -> bytes:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OperandError(f".{directive}: expected an int, got {show(value)}")
    bits = size * 8
    if not -(1 << (bits - 1)) <= value < (1 << bits):
        raise EncodingError(
            f".{directive}: value {show(value)} cannot be encoded; allowed: "
            f"{-(1 << (bits - 1))}..{(1 << bits) - 1}"
        )
    return (value & ((1 << bits) - 1)).to_bytes(size, "little")


def _to_native(raw: bytes) -> bytes:
    """array('I') holds native-endian words; A64 code is little-endian."""
    if sys.byteorder == "little":
        return raw
    swapped = array("I", raw)
    swapped.byteswap()
    return swapped.tobytes()
