"""Command line: ``a64jit asm FILE.s`` prints a listing; ``a64jit run FILE.s --args ...``
assembles, installs and calls the code, printing the result and the listing."""

from __future__ import annotations

import argparse
import ctypes
import sys
from collections.abc import Sequence

from .errors import AsmSyntaxError
from .text import ListingLine, assemble_listing

RETURN_TYPES: dict[str, type] = {
    "int64": ctypes.c_int64, "uint64": ctypes.c_uint64, "int32": ctypes.c_int32,
    "uint32": ctypes.c_uint32, "double": ctypes.c_double, "float": ctypes.c_float,
}


def format_listing(code: bytes, listing: list[ListingLine], address: int) -> str:
    """Render ``address  bytes  source`` lines, four bytes of code per row."""
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
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


def _cmd_asm(args: argparse.Namespace) -> int:
    code, listing = assemble_listing(_read(args.file), args.address)
    if args.binary:
        sys.stdout.buffer.write(code)
    else:
        print(format_listing(code, listing, args.address))
    return 0


def _parse_arg(text: str) -> int | float:
    try:
        return int(text, 0)
    except ValueError:
        return float(text)


class _SourceCode:
    """Assembly text that finalizes at the address it is installed at (for adrp)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def finalize(self, address: int = 0) -> bytes:
        return assemble_listing(self.source, address)[0]


def _cmd_run(args: argparse.Namespace) -> int:
    from . import runtime

    source = _read(args.file)
    values = [_parse_arg(v) for v in args.args]
    argtypes = [ctypes.c_double if isinstance(v, float) else ctypes.c_int64 for v in values]
    restype = RETURN_TYPES[args.ret]
    with runtime.JitBuffer(backend=args.backend) as buf:
        fn = buf.install(_SourceCode(source), restype=restype, argtypes=argtypes)
        code, listing = assemble_listing(source, fn.address)
        print(format_listing(code, listing, fn.address))
        result = fn(*values)
        print(f"backend: {runtime.current_backend()}")
        print(f"result: {result}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``a64jit`` command."""
    parser = argparse.ArgumentParser(prog="a64jit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_asm = sub.add_parser("asm", help="assemble a file and print a listing")
    p_asm.add_argument("file", help="assembly source (LLVM syntax), or - for stdin")
    p_asm.add_argument("--address", type=lambda s: int(s, 0), default=0,
                       help="address the code will run at (default 0)")
    p_asm.add_argument("--binary", action="store_true", help="write raw machine code to stdout")
    p_asm.set_defaults(func=_cmd_asm)
    p_run = sub.add_parser("run", help="assemble, install and call a function")
    p_run.add_argument("file", help="assembly source (LLVM syntax), or - for stdin")
    p_run.add_argument("--args", nargs="*", default=[],
                       help="arguments: ints go in x registers, floats in d registers")
    p_run.add_argument("--ret", choices=sorted(RETURN_TYPES), default="int64",
                       help="return type (default int64)")
    p_run.add_argument("--backend", choices=["native", "emulator"], default=None,
                       help="force a backend (default: native on AArch64, else emulator)")
    p_run.set_defaults(func=_cmd_run)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except AsmSyntaxError as exc:
        print(f"{args.file}:{exc.line}:{exc.column}: error: {exc.reason}", file=sys.stderr)
        if exc.text:
            print(f"    {exc.text}", file=sys.stderr)
        return 1
    except (OSError, ValueError, TypeError) as exc:
        print(f"a64jit: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
