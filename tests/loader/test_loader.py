"""a64jit.loader: sections placed RX / RW on separate pages, references between them,
external symbols, typed CodePtrs and data addresses."""

from __future__ import annotations

import ctypes

import pytest

from a64jit import AsmSyntaxError, JitFault, assemble, host_function
from a64jit.loader import load
from a64jit.runtime import HostFunction

pytest.importorskip("unicorn")

UNIT = """
    .text
    .globl  get_entry
get_entry:                      // x0 = table[x0]
    adrp    x1, table
    add     x1, x1, :lo12:table
    ldr     x0, [x1, x0, lsl #3]
    ret

    .globl  count
count:                          // ++counter (in .bss), returned
    adrp    x1, counter
    ldr     x0, [x1, :lo12:counter]
    add     x0, x0, #1
    str     x0, [x1, :lo12:counter]
    ret

    .globl  strlen_msg
strlen_msg:
    adrp    x1, msg
    add     x1, x1, :lo12:msg
    mov     x0, #0
1:  ldrb    w2, [x1, x0]
    cbz     w2, 2f
    add     x0, x0, #1
    b       1b
2:  ret

    .globl  call_host
call_host:                      // host_twice(x0) + 1, through a veneer
    stp     x29, x30, [sp, #-16]!
    bl      host_twice
    add     x0, x0, #1
    ldp     x29, x30, [sp], #16
    ret

    .globl  via_pointer
via_pointer:                    // calls the function whose address is in .data
    stp     x29, x30, [sp, #-16]!
    adrp    x1, fptr
    ldr     x1, [x1, :lo12:fptr]
    blr     x1
    ldp     x29, x30, [sp], #16
    ret

    .globl  big_constant
big_constant:
    ldr     x0, =0x123456789abcdef0
    ret

    .section .rodata
    .p2align 3
table:
    .quad   10, 20, 30, table_end - table
table_end:
msg:
    .asciz  "hello, loader"

    .data
    .p2align 3
fptr:
    .quad   strlen_msg

    .bss
    .p2align 3
counter:
    .zero   8
"""


@pytest.fixture
def host_twice() -> HostFunction:
    return host_function(lambda x: 2 * x, ctypes.c_int64, [ctypes.c_int64], backend="emulator")


def test_sections_symbols_and_calls(host_twice: HostFunction) -> None:
    with load(UNIT, {"host_twice": host_twice}, backend="emulator") as unit:
        i64 = ctypes.c_int64
        get = unit.function("get_entry", i64, [i64])
        assert [get(i) for i in range(4)] == [10, 20, 30, 32]
        count = unit.function("count")
        assert [count(), count(), count()] == [1, 2, 3]
        assert unit.function("strlen_msg")() == len("hello, loader")
        assert unit.function("call_host", i64, [i64])(20) == 41
        assert unit.function("via_pointer")() == len("hello, loader")
        assert unit.function("big_constant", ctypes.c_uint64)() == 0x123456789ABCDEF0
        assert unit.exported == ["big_constant", "call_host", "count", "get_entry",
                                 "strlen_msg", "via_pointer"]
        assert unit.address("fptr") % 8 == 0
        assert unit.address("count") == unit.address("get_entry") + 16


def test_code_and_data_are_on_separate_pages(host_twice: HostFunction) -> None:
    with load(UNIT, {"host_twice": host_twice}, backend="emulator") as unit:
        assert unit.data is not None
        code_pages = {unit.address("get_entry") >> 12, unit.address("big_constant") >> 12}
        data_pages = {unit.address(n) >> 12 for n in ("fptr", "counter")}
        ro_pages = {unit.address(n) >> 12 for n in ("table", "msg")}
        assert not code_pages & data_pages and not ro_pages & (code_pages | data_pages)
        # data is writable from Python: the .data pointer and .bss counter live there
        block = unit.data
        off = unit.address("counter") - block.address
        ctypes.c_int64.from_buffer(block, off).value = 41
        assert unit.function("count")() == 42
        # read-only data holds what the assembler wrote, outside the writable block
        assert not block.address <= unit.address("table") < block.address + len(block)
        table = (ctypes.c_int64 * 4).from_address(unit.address("table"))
        assert list(table) == [10, 20, 30, 32]


RODATA_STORE = """
    .text
load_it:                        // reads the constant
    adrp    x1, konst
    ldr     x0, [x1, :lo12:konst]
    ret
store_it:                       // writes x0 into it: must fault
    adrp    x1, konst
    str     x0, [x1, :lo12:konst]
    ret
store_var:                      // writes x0 into .data: allowed
    adrp    x1, var
    str     x0, [x1, :lo12:var]
    ldr     x0, [x1, :lo12:var]
    ret
    .section {section}
    .p2align 3
konst:
    .quad   1234
    .data
    .p2align 3
var:
    .quad   0
"""


@pytest.mark.parametrize("section", [".rodata", '.rodata.cst8,"aM",@progbits,8',
                                     ".rodata.str1.1"])
def test_store_to_rodata_faults_in_the_emulator(section: str) -> None:
    i64 = ctypes.c_int64
    with load(RODATA_STORE.format(section=section), backend="emulator") as unit:
        assert unit.function("load_it")() == 1234
        assert unit.function("store_var", i64, [i64])(77) == 77
        with pytest.raises(JitFault) as info:
            unit.function("store_it", i64, [i64])(5)
        assert "write to read-only data" in str(info.value)
        assert f"fault address {unit.address('konst'):#x}" in str(info.value)
        assert unit.function("load_it")() == 1234  # unchanged


def test_missing_external_is_reported_where_it_is_used() -> None:
    with pytest.raises(AsmSyntaxError) as info:
        load(UNIT, backend="emulator")
    assert "undefined symbol 'host_twice'" in str(info.value)
    assert info.value.line == UNIT.split("\n").index("    bl      host_twice") + 1


def test_external_data_address_and_errors(host_twice: HostFunction) -> None:
    from a64jit import alloc_data
    block = alloc_data(64, backend="emulator")
    ctypes.c_int64.from_buffer(block, 8).value = 1234
    src = "f: adrp x0, ext\nadd x0, x0, :lo12:ext\nldr x0, [x0, #8]\nret"
    with load(src, {"ext": block}, backend="emulator") as unit:
        assert unit.function("f")() == 1234
        with pytest.raises(KeyError, match="no symbol 'g'"):
            unit.function("g")
    with pytest.raises(TypeError, match="symbol 'ext'"):
        load(src, {"ext": "nowhere"}, backend="emulator")  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="out of range"):
        load(src, {"ext": -1}, backend="emulator")
    unit.close()
    with pytest.raises(ValueError, match="closed"):
        unit.function("f")


def test_data_symbol_is_not_a_function() -> None:
    with (load(".text\nf: ret\n.data\nd: .word 1", backend="emulator") as unit,
          pytest.raises(ValueError, match="data section")):
        unit.function("d")


def test_assemble_lays_sections_out_one_after_another() -> None:
    code = assemble(".data\nd: .word 7\n.text\nf: adr x0, f\nldr w0, 1f\nret\n1: .word 5\n"
                    ".section .rodata\n.p2align 4\nr: .quad d")
    # .text first (12 bytes + literal 4), then .data (4), then .rodata aligned to 16
    assert len(code) == 16 + 4 + 12 + 8
    assert code[32:40] == (16).to_bytes(8, "little")  # .quad d: d is at offset 16


def test_symbol_plus_offset_in_every_reference_kind() -> None:
    from a64jit import alloc_data
    ext = alloc_data(32, backend="emulator")
    (ctypes.c_int64 * 4).from_buffer(ext)[:] = [7, 8, 9, 10]
    src = """
    .text
    third:                          // tbl[2] through adrp/:lo12: with an addend
        adrp    x0, tbl + 16
        ldr     x0, [x0, :lo12:tbl + 16]
        ret
    ext_second:                     // ext[1] through a pointer stored as .quad ext + 8
        adrp    x0, ptr
        ldr     x0, [x0, :lo12:ptr]
        ldr     x0, [x0]
        ret
    skip:                           // b to a label plus 4 skips one instruction
        mov     x0, #1
        b       over + 4
    over:
        mov     x0, #2
        ret
    diff:
        ldr     x0, size
        ret
    size:
        .quad   tbl_end - tbl
    .section .rodata
    .p2align 3
    tbl:    .quad 100, 200, 300
    tbl_end:
    .data
    .p2align 3
    ptr:    .quad ext + 8
    """
    with load(src, {"ext": ext}, backend="emulator") as unit:
        assert unit.function("third")() == 300
        assert unit.function("ext_second")() == 8
        assert unit.function("skip")() == 1
        assert unit.function("diff")() == 24
