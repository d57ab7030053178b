"""Minimal ELF64 (little-endian) writer and reader, no toolchain needed.

Writes two kinds of file for the GDB JIT interface (:mod:`a64jit.debug.gdbjit`):

* :func:`jit_object`: the in-memory object GDB reads for one JIT function --
  an ``ET_REL`` image whose ``.text`` is ``SHT_NOBITS`` placed at the code's
  real address (the bytes stay in the JitBuffer), a function symbol and, when
  source lines are given, a DWARF 4 compile unit with a line table;
* :func:`descriptor_library`: a tiny shared object exporting
  ``__jit_debug_register_code`` (one ``ret``) and ``__jit_debug_descriptor``
  (24 zeroed bytes but ``version = 1``) for ``dlopen`` -- code and data on
  separate pages, R-X and RW-, with ``PT_GNU_STACK`` so the stack stays
  non-executable.

The reader (:func:`read_elf`) parses sections, symbols and DWARF 2-4 line
tables; the tests use it on our files and on the ELF files ``perf inject``
writes.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

EM_X86_64 = 62
EM_AARCH64 = 183
ET_REL, ET_DYN = 1, 3
SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_HASH, SHT_DYNAMIC = 0, 1, 2, 3, 5, 6
SHT_NOBITS, SHT_DYNSYM = 8, 11
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
STB_LOCAL, STB_GLOBAL = 0, 1
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_FILE = 0, 1, 2, 4
SHN_ABS = 0xFFF1
PT_LOAD, PT_DYNAMIC, PT_GNU_STACK = 1, 2, 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4
DT_NULL, DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, DT_SONAME = 0, 4, 5, 6, 10, 11, 14

_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_SHDR = struct.Struct("<IIQQQQIIQQ")
_PHDR = struct.Struct("<IIQQQQQQ")
_SYM = struct.Struct("<IBBHQQ")

#: ``ret`` of each machine the descriptor library can be built for.
_RET = {EM_AARCH64: b"\xc0\x03\x5f\xd6", EM_X86_64: b"\xc3"}


def _ident() -> bytes:
    # ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_NONE
    return b"\x7fELF\x02\x01\x01\x00" + b"\0" * 8


class _Strings:
    """A string table under construction (offset 0 is the empty string)."""

    def __init__(self) -> None:
        self.data = bytearray(b"\0")
        self._seen: dict[str, int] = {"": 0}

    def add(self, text: str) -> int:
        if text not in self._seen:
            self._seen[text] = len(self.data)
            self.data += text.encode("utf-8", "backslashreplace").replace(b"\0", b"?") + b"\0"
        return self._seen[text]


@dataclass
class _Sec:
    name: str
    type: int
    flags: int = 0
    addr: int = 0
    data: bytes = b""
    size: int | None = None  # NOBITS: size without data
    link: int = 0
    info: int = 0
    align: int = 1
    entsize: int = 0
    offset: int = 0


def _layout(sections: list[_Sec], start: int) -> tuple[bytes, int]:
    """Place section data after ``start`` bytes; return (blob, section header offset)."""
    blob = bytearray()
    pos = start
    for s in sections[1:]:
        if s.type == SHT_NOBITS:
            s.offset = pos
            continue
        pad = -pos % max(s.align, 1)
        blob += b"\0" * pad
        pos += pad
        s.offset = pos
        blob += s.data
        pos += len(s.data)
    pad = -pos % 8
    blob += b"\0" * pad
    return bytes(blob), pos + pad


def _section_headers(sections: list[_Sec], shstr: _Strings) -> bytes:
    out = bytearray()
    for s in sections:
        size = s.size if s.size is not None else len(s.data)
        out += _SHDR.pack(shstr.add(s.name) if s.name else 0, s.type, s.flags, s.addr,
                          s.offset, size, s.link, s.info, s.align, s.entsize)
    return bytes(out)


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


# -- DWARF for one function ------------------------------------------------------------------

_LINE_BASE, _LINE_RANGE, _OPCODE_BASE = -5, 14, 13
_DW_LNS_copy, _DW_LNS_advance_pc, _DW_LNS_advance_line, _DW_LNS_set_file = 1, 2, 3, 4
_DW_LNE_end_sequence, _DW_LNE_set_address = 1, 2


def _line_program(address: int, size: int, lines: Sequence[tuple[int, str, int]]) -> bytes:
    """A DWARF 4 .debug_line unit: one sequence over ``[address, address+size)``."""
    files: list[str] = []
    for _, file, _ in lines:
        if file not in files:
            files.append(file)
    header = bytearray()
    # minimum_instruction_length 4 (A64), max ops 1, default_is_stmt 1: pc advances count words
    header += bytes([4, 1, 1, _LINE_BASE & 0xFF, _LINE_RANGE, _OPCODE_BASE])
    header += bytes([0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1])  # standard opcode lengths
    header += b"\0"  # no include directories
    for file in files:
        header += file.encode("utf-8", "backslashreplace") + b"\0" + b"\0\0\0"
    header += b"\0"
    prog = bytearray(b"\0" + _uleb(9) + bytes([_DW_LNE_set_address]) + struct.pack("<Q", address))
    cur_off, cur_line, cur_file = 0, 1, 1
    for offset, file, line in lines:
        fno = files.index(file) + 1
        if fno != cur_file:
            prog += bytes([_DW_LNS_set_file]) + _uleb(fno)
            cur_file = fno
        if offset != cur_off:
            prog += bytes([_DW_LNS_advance_pc]) + _uleb((offset - cur_off) // 4)
            cur_off = offset
        if line != cur_line:
            prog += bytes([_DW_LNS_advance_line]) + _sleb(line - cur_line)
            cur_line = line
        prog += bytes([_DW_LNS_copy])
    prog += bytes([_DW_LNS_advance_pc]) + _uleb((size - cur_off) // 4)
    prog += b"\0" + _uleb(1) + bytes([_DW_LNE_end_sequence])
    body = struct.pack("<H", 4) + struct.pack("<I", len(header)) + header + prog
    return struct.pack("<I", len(body)) + body


# Abbreviations: 1 = compile_unit (children), 2 = subprogram.
_DW_TAG_compile_unit, _DW_TAG_subprogram = 0x11, 0x2E
_DW_AT_name, _DW_AT_stmt_list, _DW_AT_low_pc, _DW_AT_high_pc = 0x03, 0x10, 0x11, 0x12
_DW_AT_language, _DW_AT_external = 0x13, 0x3F
_DW_FORM_addr, _DW_FORM_data2, _DW_FORM_data8, _DW_FORM_string = 0x01, 0x05, 0x07, 0x08
_DW_FORM_sec_offset, _DW_FORM_flag_present = 0x17, 0x19
_DW_LANG_Mips_Assembler = 0x8001


def _debug_abbrev() -> bytes:
    out = bytearray()
    out += _uleb(1) + _uleb(_DW_TAG_compile_unit) + b"\x01"
    for at, form in ((_DW_AT_name, _DW_FORM_string), (_DW_AT_language, _DW_FORM_data2),
                     (_DW_AT_stmt_list, _DW_FORM_sec_offset), (_DW_AT_low_pc, _DW_FORM_addr),
                     (_DW_AT_high_pc, _DW_FORM_data8)):
        out += _uleb(at) + _uleb(form)
    out += b"\0\0"
    out += _uleb(2) + _uleb(_DW_TAG_subprogram) + b"\x00"
    for at, form in ((_DW_AT_name, _DW_FORM_string), (_DW_AT_external, _DW_FORM_flag_present),
                     (_DW_AT_low_pc, _DW_FORM_addr), (_DW_AT_high_pc, _DW_FORM_data8)):
        out += _uleb(at) + _uleb(form)
    out += b"\0\0\0"
    return bytes(out)


def _debug_info(name: str, file: str, address: int, size: int) -> bytes:
    def cstr(text: str) -> bytes:
        return text.encode("utf-8", "backslashreplace").replace(b"\0", b"?") + b"\0"

    dies = bytearray()
    dies += _uleb(1) + cstr(file) + struct.pack("<H", _DW_LANG_Mips_Assembler)
    dies += struct.pack("<I", 0) + struct.pack("<QQ", address, size)
    dies += _uleb(2) + cstr(name) + struct.pack("<QQ", address, size)
    dies += b"\0"  # end of the compile unit's children
    body = struct.pack("<HIB", 4, 0, 8) + dies  # version 4, abbrev offset 0, 8-byte addresses
    return struct.pack("<I", len(body)) + body


def jit_object(name: str, address: int, size: int, *,
               lines: Sequence[tuple[int, str, int]] = (), machine: int = EM_AARCH64) -> bytes:
    """The ELF image GDB's JIT interface reads for one function (see module doc)."""
    strtab, shstr = _Strings(), _Strings()
    sections = [_Sec("", SHT_NULL),
                _Sec(".text", SHT_NOBITS, SHF_ALLOC | SHF_EXECINSTR, address, size=size,
                     align=4)]
    syms = bytearray(_SYM.pack(0, 0, 0, 0, 0, 0))
    syms += _SYM.pack(strtab.add("a64jit-jit"), STB_LOCAL << 4 | STT_FILE, 0, SHN_ABS, 0, 0)
    syms += _SYM.pack(strtab.add(name), STB_GLOBAL << 4 | STT_FUNC, 0, 1, 0, size)
    if lines:
        sections.append(_Sec(".debug_abbrev", SHT_PROGBITS, data=_debug_abbrev()))
        sections.append(_Sec(".debug_info", SHT_PROGBITS,
                             data=_debug_info(name, lines[0][1], address, size)))
        sections.append(_Sec(".debug_line", SHT_PROGBITS,
                             data=_line_program(address, size, lines)))
    symtab_index = len(sections)
    sections.append(_Sec(".symtab", SHT_SYMTAB, data=bytes(syms), link=symtab_index + 1,
                         info=2, align=8, entsize=_SYM.size))
    sections.append(_Sec(".strtab", SHT_STRTAB, data=bytes(strtab.data)))
    sections.append(_Sec(".shstrtab", SHT_STRTAB))
    for s in sections:
        shstr.add(s.name)
    sections[-1].data = bytes(shstr.data)
    blob, shoff = _layout(sections, _EHDR.size)
    ehdr = _EHDR.pack(_ident(), ET_REL, machine, 1, 0, 0, shoff, 0, _EHDR.size, 0, 0,
                      _SHDR.size, len(sections), len(sections) - 1)
    return ehdr + blob + _section_headers(sections, shstr)


#: Names exported by :func:`descriptor_library`.
REGISTER_CODE = "__jit_debug_register_code"
DESCRIPTOR = "__jit_debug_descriptor"


def descriptor_library(machine: int) -> bytes:
    """A shared object exporting the two GDB JIT interface symbols (see module doc)."""
    if machine not in _RET:
        raise ValueError(f"descriptor_library: no 'ret' known for ELF machine {machine}")
    page = 0x10000  # the largest page size of either machine: segments never share a page
    dynstr = _Strings()
    soname = dynstr.add("liba64jit-gdbjit.so")
    names = [dynstr.add(REGISTER_CODE), dynstr.add(DESCRIPTOR)]
    text_addr = page  # R-X segment: .text only
    data_addr = 2 * page  # RW- segment: .data (descriptor) and .dynamic
    ret = _RET[machine]
    # Read-only segment at 0: headers, .hash, .dynsym, .dynstr (filled in below).
    dynsym = bytearray(_SYM.pack(0, 0, 0, 0, 0, 0))
    # Section indexes 4 (.text) and 5 (.data): see the section list below.
    dynsym += _SYM.pack(names[0], STB_GLOBAL << 4 | STT_FUNC, 0, 4, text_addr, len(ret))
    dynsym += _SYM.pack(names[1], STB_GLOBAL << 4 | STT_OBJECT, 0, 5, data_addr, 24)
    # SysV hash: one bucket chaining symbols 1 -> 2.
    hash_ = struct.pack("<IIIIII", 1, 3, 1, 0, 2, 0)
    nphdr = 5
    ro_start = _EHDR.size + nphdr * _PHDR.size
    hash_off = ro_start
    dynsym_off = hash_off + len(hash_)
    dynstr_off = dynsym_off + len(dynsym)
    ro_end = dynstr_off + len(dynstr.data)
    descriptor = struct.pack("<IIQQ", 1, 0, 0, 0)  # version 1, no action, no entries
    dynamic_addr = data_addr + 32
    dynamic = b"".join(struct.pack("<qQ", tag, value) for tag, value in (
        (DT_HASH, hash_off), (DT_STRTAB, dynstr_off), (DT_SYMTAB, dynsym_off),
        (DT_STRSZ, len(dynstr.data)), (DT_SYMENT, _SYM.size), (DT_SONAME, soname),
        (DT_NULL, 0)))
    data_seg = descriptor + b"\0" * 8 + dynamic
    # File layout mirrors the address layout (offset == vaddr), so every
    # PT_LOAD's offset and address agree modulo the page size.
    image = bytearray(3 * page)
    image[hash_off:dynsym_off] = hash_
    image[dynsym_off:dynstr_off] = dynsym
    image[dynstr_off:ro_end] = dynstr.data
    image[text_addr:text_addr + len(ret)] = ret
    image[data_addr:data_addr + len(data_seg)] = data_seg
    del image[data_addr + len(data_seg):]
    phdrs = b"".join((
        _PHDR.pack(PT_LOAD, PF_R, 0, 0, 0, ro_end, ro_end, page),
        _PHDR.pack(PT_LOAD, PF_R | PF_X, text_addr, text_addr, text_addr, len(ret), len(ret),
                   page),
        _PHDR.pack(PT_LOAD, PF_R | PF_W, data_addr, data_addr, data_addr, len(data_seg),
                   len(data_seg), page),
        _PHDR.pack(PT_DYNAMIC, PF_R | PF_W, data_addr + 32, dynamic_addr, dynamic_addr,
                   len(dynamic), len(dynamic), 8),
        # Without PT_GNU_STACK, loading the library would make every stack executable.
        _PHDR.pack(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16),
    ))
    shstr = _Strings()
    sections = [
        _Sec("", SHT_NULL),
        _Sec(".hash", SHT_HASH, SHF_ALLOC, hash_off, hash_, link=2, align=8, entsize=4),
        _Sec(".dynsym", SHT_DYNSYM, SHF_ALLOC, dynsym_off, bytes(dynsym), link=3, info=1,
             align=8, entsize=_SYM.size),
        _Sec(".dynstr", SHT_STRTAB, SHF_ALLOC, dynstr_off, bytes(dynstr.data)),
        _Sec(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, text_addr, ret, align=4),
        _Sec(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, data_addr, descriptor, align=8),
        _Sec(".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, dynamic_addr, dynamic, link=3,
             align=8, entsize=16),
        _Sec(".shstrtab", SHT_STRTAB),
    ]
    for s in sections:
        shstr.add(s.name)
    sections[-1].data = bytes(shstr.data)
    for s in sections[1:-1]:
        s.offset = s.addr  # offset == vaddr (see above)
    shstrtab_off = len(image)
    image += sections[-1].data
    image += b"\0" * (-len(image) % 8)
    sections[-1].offset = shstrtab_off
    shoff = len(image)
    image += _section_headers(sections, shstr)
    ehdr = _EHDR.pack(_ident(), ET_DYN, machine, 1, 0, _EHDR.size, shoff, 0, _EHDR.size,
                      _PHDR.size, nphdr, _SHDR.size, len(sections), len(sections) - 1)
    image[:_EHDR.size] = ehdr
    image[_EHDR.size:_EHDR.size + len(phdrs)] = phdrs
    return bytes(image)


# -- reader ------------------------------------------------------------------------------------


@dataclass
class Section:
    name: str
    type: int
    flags: int
    addr: int
    offset: int
    size: int
    link: int
    info: int
    data: bytes


@dataclass
class ElfSymbol:
    name: str
    value: int
    size: int
    type: int
    bind: int
    shndx: int


@dataclass
class Segment:
    type: int
    flags: int
    offset: int
    vaddr: int
    filesz: int
    memsz: int


@dataclass
class ElfFile:
    """A parsed ELF64 little-endian file (see :func:`read_elf`)."""

    type: int
    machine: int
    sections: list[Section] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    symbols: list[ElfSymbol] = field(default_factory=list)

    def section(self, name: str) -> Section:
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(f"ELF: no section {name!r}")

    def line_rows(self) -> list[tuple[int, str, int]]:
        """``(address, file, line)`` rows of every .debug_line unit (end rows left out)."""
        try:
            data = self.section(".debug_line").data
        except KeyError:
            return []
        rows: list[tuple[int, str, int]] = []
        pos = 0
        while pos < len(data):
            pos = _decode_line_unit(data, pos, rows)
        return rows


def read_elf(data: bytes) -> ElfFile:
    """Parse an ELF64 little-endian image; ValueError if it is not one."""
    if len(data) < _EHDR.size or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("ELF: not a 64-bit little-endian ELF file")
    try:
        (_, etype, machine, _, _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum,
         shstrndx) = _EHDR.unpack_from(data)
        out = ElfFile(etype, machine)
        raw = [_SHDR.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
        names = raw[shstrndx] if shnum else None
        for name, stype, flags, addr, offset, size, link, info, _, _ in raw:
            body = b"" if stype == SHT_NOBITS else data[offset:offset + size]
            label = ""
            if names is not None:
                start = names[4] + name
                label = data[start:data.index(b"\0", start)].decode()
            out.sections.append(Section(label, stype, flags, addr, offset, size, link, info,
                                        body))
        for i in range(phnum):
            ptype, pflags, poff, vaddr, _, filesz, memsz, _ = _PHDR.unpack_from(
                data, phoff + i * phentsize)
            out.segments.append(Segment(ptype, pflags, poff, vaddr, filesz, memsz))
        for sec in out.sections:
            if sec.type in (SHT_SYMTAB, SHT_DYNSYM):
                strings = out.sections[sec.link].data
                for k in range(len(sec.data) // _SYM.size):
                    sname, info, _, shndx, value, size = _SYM.unpack_from(sec.data, k * _SYM.size)
                    text = strings[sname:strings.index(b"\0", sname)].decode()
                    out.symbols.append(ElfSymbol(text, value, size, info & 15, info >> 4, shndx))
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise ValueError(f"ELF: malformed file: {exc}") from None
    return out


def _read_uleb(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _read_sleb(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if byte & 0x40:
                value -= 1 << shift
            return value, pos


def _decode_line_unit(data: bytes, pos: int, rows: list[tuple[int, str, int]]) -> int:
    """Run one DWARF 2-4 line number program; append rows; return the next unit's offset."""
    length: int = struct.unpack_from("<I", data, pos)[0]
    end = pos + 4 + length
    (version,) = struct.unpack_from("<H", data, pos + 4)
    if not 2 <= version <= 4:
        raise ValueError(f"ELF: .debug_line version {version} is not supported (2-4)")
    (header_length,) = struct.unpack_from("<I", data, pos + 6)
    p = pos + 10
    program = p + header_length
    min_inst = data[p]
    p += 2 if version >= 4 else 1  # v4 adds maximum_operations_per_instruction
    p += 1  # default_is_stmt
    line_base = struct.unpack_from("<b", data, p)[0]
    line_range, opcode_base = data[p + 1], data[p + 2]
    lengths = list(data[p + 3:p + 3 + opcode_base - 1])
    p += 3 + opcode_base - 1
    while data[p]:  # include directories
        p = data.index(b"\0", p) + 1
    p += 1
    files: list[str] = []
    while data[p]:
        nul = data.index(b"\0", p)
        files.append(data[p:nul].decode("utf-8", "backslashreplace"))
        p = nul + 1
        for _ in range(3):
            _, p = _read_uleb(data, p)
    p = program
    address, file, line = 0, 1, 1

    def name() -> str:
        return files[file - 1] if 0 < file <= len(files) else f"<file {file}>"

    while p < end:
        op = data[p]
        p += 1
        if op >= opcode_base:
            adj = op - opcode_base
            address += (adj // line_range) * min_inst
            line += line_base + adj % line_range
            rows.append((address, name(), line))
        elif op == 0:
            size, p = _read_uleb(data, p)
            sub, body = data[p], p + 1
            if sub == _DW_LNE_end_sequence:
                address, file, line = 0, 1, 1
            elif sub == _DW_LNE_set_address:
                (address,) = struct.unpack_from("<Q", data, body)
            elif sub == 3:  # DW_LNE_define_file (DWARF 2-4): name, dir, mtime, length
                nul = data.index(b"\0", body)
                files.append(data[body:nul].decode("utf-8", "backslashreplace"))
            p += size
        elif op == _DW_LNS_copy:
            rows.append((address, name(), line))
        elif op == _DW_LNS_advance_pc:
            delta, p = _read_uleb(data, p)
            address += delta * min_inst
        elif op == _DW_LNS_advance_line:
            delta, p = _read_sleb(data, p)
            line += delta
        elif op == _DW_LNS_set_file:
            file, p = _read_uleb(data, p)
        elif op == 8:  # const_add_pc
            address += ((255 - opcode_base) // line_range) * min_inst
        elif op == 9:  # fixed_advance_pc
            (delta,) = struct.unpack_from("<H", data, p)
            address += delta
            p += 2
        else:  # other standard opcodes: skip their ULEB operands
            for _ in range(lengths[op - 1]):
                _, p = _read_uleb(data, p)
    return end
