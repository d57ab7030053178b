"""The ``a64jit`` command: assemble, run and disassemble AArch64 code.

Exit status: 0 success, 1 assembly error, 2 usage error (bad arguments, unreadable
file, argument count not matching the signature), 3 the generated code faulted,
4 it timed out, 5 a required extra (unicorn, capstone) or the runtime is unavailable,
70 a bug in a64jit itself, 130 interrupted (Ctrl-C), 141 the output pipe was closed
(``a64jit asm FILE | head``: stops quietly, as a command killed by SIGPIPE would).
Errors are one line on stderr (``FILE:LINE:COLUMN: error: ...`` for assembly errors,
followed by the source line), never a traceback.
"""

from __future__ import annotations

import argparse
import ctypes
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import AsmSyntaxError, BackendUnavailableError, JitFault, JitTimeout
from .text import ListingLine, assemble_listing

EXIT_OK = 0
EXIT_ASM = 1
EXIT_USAGE = 2
EXIT_FAULT = 3
EXIT_TIMEOUT = 4
EXIT_MISSING = 5
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in a64jit itself
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a command killed by a closed pipe

#: Type names of ``--sig`` and ``--ret``.
TYPES: dict[str, Any] = {
    "int64": ctypes.c_int64, "uint64": ctypes.c_uint64, "int32": ctypes.c_int32,
    "uint32": ctypes.c_uint32, "int16": ctypes.c_int16, "uint16": ctypes.c_uint16,
    "int8": ctypes.c_int8, "uint8": ctypes.c_uint8, "double": ctypes.c_double,
    "float": ctypes.c_float, "ptr": ctypes.c_void_p, "void": None,
}
#: Kept for compatibility: the result types ``--ret`` accepts.
RETURN_TYPES = {k: v for k, v in TYPES.items() if v is not None}

_SIG = re.compile(r"\s*(\w+)\s*\(\s*(.*?)\s*\)\s*\Z", re.ASCII)


class _UsageError(Exception):
    pass


def parse_signature(text: str) -> tuple[Any, list[Any]]:
    """``"double(double, float, int64)"`` -> (restype, argtypes)."""
    m = _SIG.match(text)
    if not m:
        raise _UsageError(f"--sig: expected 'RESULT(ARG, ...)', e.g. 'double(double, int64)', "
                          f"got {text!r}")
    inner = m.group(2)
    args = [a.strip() for a in inner.split(",")] if inner and inner != "void" else []
    names = [m.group(1), *args]  # 'int64(void)' is C's spelling of no arguments
    types = []
    for i, name in enumerate(names):
        if not name:
            raise _UsageError(f"--sig: argument {i} of {text.strip()!r} has no type; "
                              f"allowed: {', '.join(t for t in TYPES if t != 'void')}")
        if name not in TYPES or (i and name == "void"):
            allowed = ", ".join(t for t in TYPES if i == 0 or t != "void")
            what = "the result" if i == 0 else f"argument {i}"
            raise _UsageError(f"--sig: unknown type {name!r} ({what}); allowed: {allowed}")
        types.append(TYPES[name])
    return types[0], types[1:]


def _convert(text: str, ctype: Any, index: int) -> int | float:
    """One ``--args`` value as the declared type, checked."""
    text = text.strip()
    if ctype in (ctypes.c_double, ctypes.c_float):
        try:
            number = float(text)
        except ValueError:
            raise _UsageError(f"--args[{index}]: {text!r} is not a number (declared "
                              f"{_name(ctype)})") from None
        return _finite(text, number, ctype, index)
    _leading_zero(text, index)
    try:
        value = int(text, 0)
    except ValueError:
        raise _UsageError(f"--args[{index}]: {text!r} is not an integer (declared "
                          f"{_name(ctype)}; decimal, 0x hex, 0o octal or 0b binary)") from None
    bits = ctypes.sizeof(ctype) * 8
    signed = ctype not in (ctypes.c_uint64, ctypes.c_uint32, ctypes.c_uint16, ctypes.c_uint8,
                           ctypes.c_void_p)
    low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    if not low <= value <= high:
        raise _UsageError(f"--args[{index}]: {value} does not fit {_name(ctype)}; allowed: "
                          f"{low}..{high}")
    return value


_LEADING_ZERO = re.compile(r"\s*[+-]?0[0-9_]*[1-9][0-9_]*\s*\Z")
_FLOAT_LIMIT = {"double": 1.7976931348623157e308, "float": 3.4028234663852886e38}


def _leading_zero(text: str, index: int) -> None:
    """'010' is 8 in C and an error in Python: ask which was meant rather than guess."""
    if _LEADING_ZERO.match(text):
        digits = text.strip().lstrip("+-").lstrip("0_")
        raise _UsageError(f"--args[{index}]: {text!r} has a leading zero; write {digits} "
                          f"(decimal), 0o{digits} (octal) or 0x{digits} (hex)")


def _finite(text: str, number: float, ctype: Any, index: int) -> float:
    """A number too large for the declared type is an error, not silently infinity
    (inf and nan given by name pass)."""
    name = _name(ctype)
    if abs(number) <= _FLOAT_LIMIT[name] or number != number or "inf" in text.lower():
        return number
    raise _UsageError(f"--args[{index}]: {text} overflows {name}; allowed: magnitudes up to "
                      f"{_FLOAT_LIMIT[name]:.7g}, inf or nan")


def _name(ctype: Any) -> str:
    return next(k for k, v in TYPES.items() if v is ctype)


def _infer(text: str, index: int) -> tuple[Any, int | float]:
    text = text.strip()
    _leading_zero(text, index)
    try:
        value = int(text, 0)
    except ValueError:
        pass
    else:
        if not -(1 << 63) <= value < 1 << 64:
            raise _UsageError(f"--args[{index}]: {text} does not fit 64 bits; allowed: "
                              f"{-(1 << 63)}..{(1 << 64) - 1} (declare other types with --sig)")
        # int64, or uint64 above its range, as the register holds it
        return (ctypes.c_int64 if value < 1 << 63 else ctypes.c_uint64), value
    try:
        number = float(text)
    except ValueError:
        raise _UsageError(f"--args[{index}]: {text!r} is neither an integer nor a number")\
            from None
    return ctypes.c_double, _finite(text, number, ctypes.c_double, index)


def format_listing(code: bytes, listing: list[ListingLine], address: int,
                   disassembly: bool = False,
                   labels: dict[int, list[str]] | None = None) -> str:
    """Render a listing: ``address  word  [disassembly]  line  source``; with
    ``disassembly``, ``labels`` (offset -> names) are shown where they are bound and
    after branches to them."""
    if disassembly:
        from .disasm import format_listing as render
        return render(code, [(e.offset, e.size, e.lineno, e.source) for e in listing], address,
                      labels)
    rows = []
    for entry in listing:
        chunk = code[entry.offset:entry.offset + entry.size]
        first = True
        for i in range(0, max(len(chunk), 1), 4):
            part = chunk[i:i + 4]
            hexpart = " ".join(f"{b:02x}" for b in part)
            src = entry.source.rstrip() if first else ""
            addr = f"{address + entry.offset + i:016x}" if part else " " * 16
            rows.append(f"{addr}  {hexpart:<11}  {src}".rstrip())
            first = False
    return "\n".join(rows)


def _read(path: str) -> str:
    try:
        # a byte-order mark some editors write first is not part of the source
        if path == "-":
            return sys.stdin.read().removeprefix("\ufeff")
        with open(path, encoding="utf-8-sig") as f:
            return f.read()
    except UnicodeDecodeError as exc:
        raise _UsageError(f"cannot read {path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} "
                          f"at offset {exc.start}); assembly source is text (raw machine code: "
                          "a64jit disasm)") from None
    except OSError as exc:
        raise _UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _cmd_asm(args: argparse.Namespace) -> int:
    source = _read(args.file)
    code, listing = assemble_listing(source, args.address)
    if args.binary:
        sys.stdout.buffer.write(code)
    else:
        text = format_listing(code, listing, args.address, True,
                              _labels(source, args.address)) if args.listing \
            else format_listing(code, listing, args.address)
        if text:  # an empty source lists nothing (not an empty line)
            print(text)
    return EXIT_OK


def _labels(source: str, address: int) -> dict[int, list[str]]:
    """Offsets (from ``address``) of the named labels of ``source`` (local numeric
    labels left out), as :func:`assemble` lays the sections out."""
    from .text.parser import assemble_unit
    unit = assemble_unit(source)
    bases = unit.layout(address)
    out: dict[int, list[str]] = {}
    for name, sym in unit.symbols.items():
        if "\x02" not in name and "\x00" not in name:
            out.setdefault(bases[sym.section] - address + sym.offset, []).append(name)
    return out


def _cmd_disasm(args: argparse.Namespace) -> int:
    from .disasm import disassemble
    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as f:
                raw = f.read()
    except OSError as exc:
        raise _UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    for insn in disassemble(raw, args.address):
        text = insn.text if insn.text is not None else f".inst {insn.word:#010x}"
        print(f"{insn.address:016x}  {insn.word:08x}  {text}")
    if len(raw) % 4:
        tail = raw[len(raw) - len(raw) % 4:]
        print(f"{args.address + len(raw) - len(tail):016x}  "
              f"{' '.join(f'{b:02x}' for b in tail):<8}  "
              f".byte {', '.join(f'{b:#04x}' for b in tail)}")
    return EXIT_OK


class _SourceCode:
    """Assembly text that finalizes at the address it is installed at (for adrp)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def finalize(self, address: int = 0) -> bytes:
        return assemble_listing(self.source, address)[0]


def _cmd_run(args: argparse.Namespace) -> int:
    source = _read(args.file)
    if args.sig:
        if args.ret is not None:
            raise _UsageError("give the result type in --sig or --ret, not both")
        restype, argtypes = parse_signature(args.sig)
        if len(args.args) != len(argtypes):
            raise _UsageError(f"--sig {args.sig!r} declares {len(argtypes)} argument(s), "
                              f"--args gives {len(args.args)}")
        values = [_convert(v, t, i) for i, (v, t) in enumerate(zip(args.args, argtypes,
                                                                    strict=True))]
    else:
        pairs = [_infer(v, i) for i, v in enumerate(args.args)]
        argtypes = [t for t, _ in pairs]
        values = [v for _, v in pairs]
        restype = TYPES[args.ret or "int64"]
    _zero_unused_registers(argtypes, values)
    # assembly errors before any runtime work
    writable: list[str] = []  # the file's read-write data sections (placed as code here)
    if args.entry is None:
        if not assemble_listing(source, 0)[0]:
            raise _UsageError(f"{args.file}: nothing to run: it assembles to no code")
        from .text.parser import assemble_unit
        sections = assemble_unit(source).sections.values()
        if not any(sec.kind == "code" and sec.data for sec in sections):  # (it ran the data)
            raise _UsageError(f"{args.file}: nothing to run: no instructions, only data in "
                              + ", ".join(sec.name for sec in sections if sec.data))
        writable = [sec.name for sec in sections if sec.kind in ("data", "bss") and sec.data]
    from . import runtime
    backend: Any = args.backend
    if args.timeout is not None:
        if args.backend == "native":
            raise _UsageError("--timeout applies to the emulator backend only")
        from .runtime.emulator import EmulatorBackend
        backend = EmulatorBackend(timeout=args.timeout)
    if args.entry is not None:
        return _run_entry(args, source, backend, restype, argtypes, values)
    with runtime.JitBuffer(backend=backend) as buf:
        fn = buf.install(_SourceCode(source), restype=restype, argtypes=argtypes)
        if not args.quiet:
            code, listing = assemble_listing(source, fn.address)
            print(format_listing(code, listing, fn.address))
            print(f"backend: {_backend_name(backend)}")
        try:
            result = fn(*values)
        except JitFault as exc:
            # a store to the file's own data: placed with the code, which is never writable
            if writable and not isinstance(exc, JitTimeout) and exc.reason.startswith(
                    "write") and fn.address <= exc.address < fn.address + fn.size:
                exc.args = (f"{exc}; without --entry the whole file is placed as code, its "
                            f"{', '.join(writable)} not writable: --entry SYMBOL loads "
                            "data sections read-write",)
            raise
        print(f"result: {result}" if not args.quiet else result)
    return EXIT_OK


def _zero_unused_registers(argtypes: list[Any], values: list[int | float]) -> None:
    """Pass 0 in x0-x7 beyond the integer arguments given, so that code reading a
    register it was not given sees 0, the same on every run and backend (AAPCS64 leaves
    such registers undefined: ``run sum.s`` without ``--args`` looped on a leftover x0)."""
    ints = sum(1 for t in argtypes if t not in (ctypes.c_double, ctypes.c_float))
    for _ in range(ints, 8):
        argtypes.append(ctypes.c_int64)
        values.append(0)


def _run_entry(args: argparse.Namespace, source: str, backend: Any, restype: Any,
               argtypes: list[Any], values: list[int | float]) -> int:
    """``run --entry NAME``: load the whole unit (sections, symbols) and call NAME."""
    from .loader import load
    from .runtime import JitBuffer
    from .text.parser import assemble_unit
    unit = assemble_unit(source, allow_external=False)
    if args.entry not in unit.symbols:
        names = sorted(n for n in unit.symbols if chr(2) not in n)
        raise _UsageError(f"--entry: no symbol {args.entry!r} in {args.file}; "
                          + (f"defined: {', '.join(names)}" if names else
                             "it defines none (name the entry with a label, e.g. 'f:')"))
    with JitBuffer(backend=backend) as buf, load(unit, buffer=buf) as loaded:
        try:
            fn = loaded.function(args.entry, restype, argtypes)
        except ValueError as exc:  # e.g. a data symbol: say it in the option's words
            raise _UsageError(f"--entry: {_one_line(exc).removeprefix('function: ')}") \
                from None
        if not args.quiet:
            for name, address in sorted(loaded.symbols.items(), key=lambda kv: kv[1]):
                print(f"{address:016x}  {name}")
            print(f"backend: {_backend_name(backend)}")
        result = fn(*values)
        print(f"result: {result}" if not args.quiet else result)
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required: COMMAND"):
            message = "a command is required: asm, run or disasm"  # argparse's words name none
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _address(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer address") from None
    if not 0 <= value < 1 << 64:
        raise argparse.ArgumentTypeError(f"address {text} is out of range 0..2**64-1")
    if value & 3:
        raise argparse.ArgumentTypeError(f"address {text} is not a multiple of 4 (A64 "
                                         "instructions are 4-byte aligned)")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"timeout {text} must be positive")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``a64jit`` command."""
    from . import __version__
    parser = _Parser(
        prog="a64jit",
        description="Assemble, run and disassemble AArch64 machine code (LLVM syntax).",
        epilog="exit status: 0 ok, 1 assembly error, 2 usage error, 3 fault in the "
               "generated code, 4 timeout, 5 missing extra or runtime, 70 internal error, "
               "130 interrupted, 141 output pipe closed",
    )
    parser.add_argument("--version", action="version", version=f"a64jit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p_asm = sub.add_parser("asm", help="assemble a file and print a listing",
                           description="Assemble FILE and print address, bytes and source.")
    p_asm.add_argument("file", help="assembly source (LLVM syntax), or - for stdin")
    p_asm.add_argument("--address", type=_address, default=0,
                       help="address the code will run at (default 0)")
    form = p_asm.add_mutually_exclusive_group()  # (--binary silently won over --listing)
    form.add_argument("--binary", action="store_true", help="write raw machine code to stdout")
    form.add_argument("--listing", action="store_true",
                      help="show each word with its disassembly (needs capstone)")
    p_asm.set_defaults(func=_cmd_asm)
    p_run = sub.add_parser(
        "run", help="assemble, install and call a function",
        description="Assemble FILE, install it and call its first instruction (or "
                    "--entry SYMBOL). Declare "
                    "the C signature with --sig, e.g. --sig 'double(double, float, int64)'; "
                    "without it integers are int64 and other numbers double.")
    p_run.add_argument("file", help="assembly source (LLVM syntax), or - for stdin")
    p_run.add_argument("--args", nargs="*", default=[], metavar="VALUE",
                       help="argument values, in order (x0-x7 not given hold 0)")
    p_run.add_argument("--sig", default=None, metavar="SIGNATURE",
                       help="C signature RESULT(ARG, ...); types: " + ", ".join(TYPES))
    p_run.add_argument("--ret", choices=sorted(RETURN_TYPES), default=None,
                       help="result type when --sig is not given (default int64)")
    p_run.add_argument("--backend", choices=["native", "emulator"], default=None,
                       help="force a backend (default: native on AArch64, else emulator)")
    p_run.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                       help="emulator: stop the code after this many seconds")
    p_run.add_argument("--entry", default=None, metavar="SYMBOL",
                       help="load every section (code RX, data RW) and call SYMBOL "
                            "(default: the first instruction of the file)")
    p_run.add_argument("--quiet", action="store_true", help="print only the result")
    p_run.set_defaults(func=_cmd_run)
    p_dis = sub.add_parser("disasm", help="disassemble a raw machine-code file",
                           description="Disassemble FILE (raw little-endian A64 words); "
                                       "needs capstone.")
    p_dis.add_argument("file", help="binary file, or - for stdin")
    p_dis.add_argument("--address", type=_address, default=0,
                       help="address of the first byte (default 0)")
    p_dis.set_defaults(func=_cmd_disasm)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``a64jit`` command; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    commands = ("asm", "run", "disasm")
    if not any(w in commands for w in words):
        # argparse would only say that a command is missing, not which option is wrong
        unknown = [w for w in words if w.startswith("-") and w != "-"
                   and w not in ("-h", "--help", "--version")]
        if unknown:
            _Parser(prog="a64jit").error(f"unknown option {unknown[0]!r}; a command comes "
                                         f"first: {', '.join(commands)}")
    args = build_parser().parse_args(_protect_negative_args(words))
    where = getattr(args, "file", "-")
    try:
        return int(args.func(args))
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except AsmSyntaxError as exc:
        for err in exc.errors:
            print(f"{where}:{err.line}:{err.column}: error: {err.reason}", file=sys.stderr)
            if err.text:
                print(f"    {err.text}", file=sys.stderr)
        if len(exc.errors) >= AsmSyntaxError.MAX_ERRORS:
            print(f"{where}: too many errors ({AsmSyntaxError.MAX_ERRORS}); the rest of the "
                  "file was not read", file=sys.stderr)
        return EXIT_ASM
    except _UsageError as exc:
        print(f"a64jit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except JitTimeout as exc:
        # the limit is this command's --timeout, not the library's setting it names
        text = _one_line(exc).replace("(EmulatorBackend.timeout)", "(--timeout SECONDS)")
        print(f"a64jit: {text if text.startswith('timeout') else 'timeout: ' + text}",
              file=sys.stderr)
        return EXIT_TIMEOUT
    except JitFault as exc:
        print(f"a64jit: fault: {exc}", file=sys.stderr)
        return EXIT_FAULT
    except ImportError as exc:
        print(f"a64jit: error: {_missing(exc)}", file=sys.stderr)
        return EXIT_MISSING
    except BackendUnavailableError as exc:
        import os
        import platform
        host = platform.machine() or "not AArch64"
        if getattr(args, "backend", None) == "native":
            print(f"a64jit: error: --backend native runs AArch64 code on this CPU, but this "
                  f"host is {host}; use --backend emulator, or run on an AArch64 host",
                  file=sys.stderr)
        elif os.environ.get("A64JIT_BACKEND") == "native":  # (the API's words name no option)
            print(f"a64jit: error: A64JIT_BACKEND=native runs AArch64 code on this CPU, but "
                  f"this host is {host}; use --backend emulator or A64JIT_BACKEND=emulator, "
                  "or run on an AArch64 host", file=sys.stderr)
        else:
            print(f"a64jit: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_MISSING
    except (OSError, ValueError, TypeError) as exc:
        print(f"a64jit: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_MISSING if isinstance(exc, OSError) else EXIT_USAGE
    except KeyboardInterrupt:
        print("a64jit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        print(f"a64jit: internal error: {type(exc).__name__}: {_one_line(exc)} (please report "
              "it with the command line)", file=sys.stderr)
        return EXIT_INTERNAL


def _protect_negative_args(words: list[str]) -> list[str]:
    """argparse takes ``-inf``, ``-1e5`` or ``-0x10`` after ``--args`` for options; a
    leading space keeps them values (stripped again where they are read)."""
    out, in_args = [], False
    for w in words:
        if w.startswith("-") and in_args and len(w) > 1:
            try:
                float(w)
            except ValueError:
                if not re.match(r"-\s*(0[xob]|[0-9])", w, re.IGNORECASE):
                    in_args = False  # the next option
            if in_args:
                w = " " + w
        elif w == "--args":
            in_args = True
        out.append(w)
    return out


def _quiet_stdout() -> None:
    """The reader of stdout went away (``| head``): nothing more to say, and Python's
    flush at exit must not report the closed pipe either."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _backend_name(backend: Any) -> str:
    """The backend a call runs on: the default, a name given, or a backend object's name."""
    from .runtime import current_backend
    if backend is None:
        return current_backend()
    return str(getattr(backend, "name", backend))


def _missing(exc: ImportError) -> str:
    name = getattr(exc, "name", None) or ""
    if name.startswith("unicorn"):
        return ("the emulator backend needs the unicorn extra: pip install 'a64jit[emulator]' "
                "(or run on AArch64 with --backend native)")
    if name.startswith("capstone"):
        return "disassembly needs the capstone extra: pip install 'a64jit[disasm]'"
    return _one_line(exc)


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror and exc.filename is None:
        text = exc.strerror  # without the "[Errno N]" prefix
    return " ".join(text.split()) or type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
