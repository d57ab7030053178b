"""CI-sized misuse fuzzing of the text front-end: random token soups (instructions,
directives, expressions, labels, sections, strings, control characters) must either
assemble or raise ValueError/TypeError (AsmSyntaxError) -- never another exception.
The same generator with a larger count is a tool: ``python tests/text/test_fuzz_text.py
COUNT SEED``."""

from __future__ import annotations

import random
import sys

from a64jit import assemble
from a64jit.text.parser import assemble_unit

PIECES = [
    "add", "x0", ",", "#", "(", ")", "[", "]", "!", ":lo12:", "=", ".quad", ".byte", ".equ",
    ".set", "foo", "1f", "1b", "1:", "foo:", ".", "-", "+", "*", "/", "%", "<<", ">>", "~",
    "0x10", "7", "'", '"', "\\", ".section", ".data", ".text", ".ltorg", "ldr", "b", "b.eq",
    "adrp", "lsl", "#1", "\n", ";", "//", " ", "\r", "\x0c", "\u2028", ".p2align", ".balign",
    ".fill", ".ascii", ".asciz", ".float", ".double", "1e400", "nan", "{", "}", "v0.4s",
    ".uleb128", ".inst", ".comm", ".popsection", ".pushsection", "w1", "sp", "mov", "movz",
    "fmov", "d0", ":", "::", ".previous", "tbz", "#63", "cbz", "bl", "ret", "9" * 30,
    "-0x8000000000000000", ".set foo, foo", "foo = foo + 1", "\uff11", "x32", "csel", "eq",
]


def fuzz(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    problems: list[str] = []
    for _ in range(count):
        src = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        try:
            assemble(src)
        except (ValueError, TypeError):
            pass
        except Exception as exc:  # what the fuzzer looks for
            problems.append(f"assemble({src!r}): {type(exc).__name__}: {exc}")
        try:
            unit = assemble_unit(src)
            unit.link(unit.layout(0x10000), {n: 0x20000 for n in unit.externals()})
        except (ValueError, TypeError):
            pass
        except Exception as exc:
            problems.append(f"assemble_unit({src!r}): {type(exc).__name__}: {exc}")
    return problems


def test_random_sources_raise_only_value_or_type_errors() -> None:
    problems = fuzz(1500, 11)
    assert not problems, "\n".join(problems[:20])


if __name__ == "__main__":
    found = fuzz(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
                 int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print("\n".join(found[:50]) or "nothing found")
    sys.exit(1 if found else 0)
