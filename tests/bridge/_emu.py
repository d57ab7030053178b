"""Run a snippet of machine code on a bare Unicorn CPU (no a64jit runtime):
registers in, registers and memory out. For encoding-level checks of the
MacroAssembler's sequences; the runtime tests use the real backends."""

from __future__ import annotations

from typing import Any

from tests.runtime.conftest import needs_unicorn

unicorn = needs_unicorn()
from unicorn import arm64_const  # noqa: E402

A = arm64_const  # the tests' name for it

CODE = 0x10_0000
DATA = 0x4000_0000
DATA_SIZE = 0x20_0000
STACK = 0x7000_0000
STACK_SIZE = 0x1_0000


def xreg(n: int) -> int:
    return int(getattr(A, "UC_ARM64_REG_FP" if n == 29 else "UC_ARM64_REG_LR" if n == 30
                       else f"UC_ARM64_REG_X{n}"))


def run(code: bytes, regs: dict[int, int] | None = None, data: bytes = b"",
        fp: dict[int, int] | None = None) -> Any:
    """Execute ``code`` (must end in ``ret``); return the Unicorn instance."""
    uc = unicorn.Uc(unicorn.UC_ARCH_ARM64, unicorn.UC_MODE_ARM)
    size = (len(code) + 0xFFFF) & ~0xFFFF
    uc.mem_map(CODE, size)
    uc.mem_write(CODE, code)
    uc.mem_map(DATA, DATA_SIZE)
    if data:
        uc.mem_write(DATA, data)
    uc.mem_map(STACK, STACK_SIZE)
    uc.reg_write(A.UC_ARM64_REG_CPACR_EL1, 3 << 20)  # FP/SIMD on
    uc.reg_write(A.UC_ARM64_REG_SP, STACK + STACK_SIZE - 256)
    end = CODE + size - 4
    uc.reg_write(A.UC_ARM64_REG_LR, end)
    for n, v in (regs or {}).items():
        uc.reg_write(xreg(n), v & (2**64 - 1))
    for n, v in (fp or {}).items():
        uc.reg_write(getattr(A, f"UC_ARM64_REG_D{n}"), v)
    uc.emu_start(CODE, end, count=5_000_000)
    return uc


def x(uc: Any, n: int) -> int:
    value: int = uc.reg_read(xreg(n))
    return value


def d(uc: Any, n: int) -> int:
    value: int = uc.reg_read(getattr(A, f"UC_ARM64_REG_D{n}"))
    return value


def nzcv(uc: Any) -> int:
    value: int = uc.reg_read(A.UC_ARM64_REG_NZCV) >> 28
    return value
