"""The exact assembler: one method per A64 instruction, labels and data.

:class:`Assembler` is assembled from one mixin per instruction group, each in
its own module; they all sit on :class:`~a64jit.assembler.core.AssemblerCore`.
"""

from __future__ import annotations

from .arith import ArithMixin
from .atomic import AtomicMixin
from .bitfield import BitfieldMixin
from .bits import BitsMixin
from .branch import BranchMixin
from .conditional import ConditionalMixin
from .core import AssemblerCore, Label, Target
from .crc import CrcMixin
from .crypto import CryptoMixin
from .flagm import FlagMixin
from .floating import FloatMixin
from .logic import LogicMixin
from .memo import memoize_methods
from .memory import MemoryMixin
from .mops import MopsMixin
from .moves import MoveMixin
from .mte import MteMixin
from .multiply import MultiplyMixin
from .pauth import PauthMixin
from .simd import SimdFloatMixin, SimdFloatShared, SimdLongMixin, SimdMixin
from .simdext import SimdExtMixin
from .system import SystemMixin
from .unpriv import UnprivMixin

__all__ = ["Assembler", "AssemblerCore", "Label", "Target"]


class Assembler(
    ArithMixin,
    LogicMixin,
    MoveMixin,
    BitfieldMixin,
    MultiplyMixin,
    ConditionalMixin,
    BitsMixin,
    MemoryMixin,
    AtomicMixin,
    BranchMixin,
    SystemMixin,
    SimdFloatShared,
    FloatMixin,
    CrcMixin,
    PauthMixin,
    FlagMixin,
    UnprivMixin,
    SimdMixin,
    SimdFloatMixin,
    SimdLongMixin,
    SimdExtMixin,
    MteMixin,
    MopsMixin,
    CryptoMixin,
    AssemblerCore,
):
    """Emit AArch64 machine code, one method per instruction.

    >>> from a64jit import Assembler, x0, x1
    >>> a = Assembler()
    >>> a.add(x0, x0, x1)
    >>> a.ret()
    >>> a.finalize().hex()
    '0000018bc0035fd6'
    """


# Every instruction group gets the memo (see memo.py): repeated instructions skip the
# operand checks and encoders. The groups are the mixins between Assembler and the core.
for _group in Assembler.__mro__[1:]:
    if _group is not AssemblerCore and issubclass(_group, AssemblerCore):
        memoize_methods(_group)
del _group
