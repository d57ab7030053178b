"""Built-ins a64js runs only part of: outside that part, a clear error in both VMs.

String.prototype.localeCompare follows node's default ICU collation for ASCII strings
(tests/js/programs/feat_builtins_added.js checks those against node); a string beyond
ASCII, or locales and options, would need ICU's tables: a TypeError naming what is not
supported, never a made-up order.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

VMS = {"python": ["--vm", "python"], "heap": ["--no-jit"]}
CASES = {
    "beyond ASCII": "console.log('\u00e9'.localeCompare('e'));",
    "locales": "console.log('a'.localeCompare('b', 'de'));",
    # (numeric, sensitivity, caseFirst, ignorePunctuation are node's since session 19)
    "options": "console.log('a'.localeCompare('b', undefined, { usage: 'search' }));",
}


@pytest.mark.parametrize("vm", sorted(VMS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_locale_compare_outside_ascii_is_a_clear_error(vm: str, case: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "a64js", *VMS[vm], "--no-cache", "-"],
                          input=CASES[case], capture_output=True, text=True, timeout=120,
                          check=False)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith("Uncaught TypeError: String.prototype.localeCompare"), first
    assert "not supported by a64js" in first, first
    assert proc.stdout == ""


def test_locale_compare_ascii_matches_node_order() -> None:
    """The collation key's order, pairs node was asked about (v20, ICU root): control
    characters ignored, punctuation before digits before letters, case last."""
    from a64js.builtins import locale_compare

    node = {("a", "b"): -1, ("a", "A"): -1, ("A", "b"): -1, ("aB", "Ab"): -1,
            ("a b", "ab"): -1, ("_", "-"): -1, ("$", "0"): -1, ("9", "a"): -1,
            ("a\u0001b", "ab"): 0, ("ab", "AB"): -1, ("10", "9"): -1, ("", "\t"): -1,
            ("~", "$"): -1, ("Zebra", "zebra"): 1, ("", ""): 0}
    for (x, y), want in node.items():
        assert locale_compare(x, y) == want, (x, y)
        assert locale_compare(y, x) == -want, (y, x)


@pytest.mark.parametrize("vm", sorted(VMS))
def test_date_objects_are_a_clear_error(vm: str) -> None:
    """Date.now() runs (benchmarks time themselves with it); Date() and new Date() are a
    TypeError naming what is supported, where Date() returned a made-up string."""
    src = ("console.log(typeof Date.now());\n"
           "for (const f of [() => new Date(), () => Date(), () => new Date(0)]) {\n"
           "  try { console.log(f()); } catch (e) { console.log(e.name, e.message); }\n"
           "}\n")
    proc = subprocess.run([sys.executable, "-m", "a64js", *VMS[vm], "--no-cache", "-"],
                          input=src, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    msg = "TypeError Date objects are not supported by a64js (only Date.now() is)"
    assert proc.stdout == "number\n" + f"{msg}\n" * 3


@pytest.mark.parametrize("vm", [*sorted(VMS), "jit"])
def test_freeze_of_an_object_is_a_clear_error(vm: str) -> None:
    """Object.freeze of an object is a TypeError naming it, where it returned the object
    unfrozen (a later write landed silently: node refuses it); a primitive is returned as
    node returns it."""
    src = ("console.log(Object.freeze(5), Object.freeze('s'), Object.freeze(undefined));\n"
           "for (const x of [{a: 1}, [1, 2], function f() {}]) {\n"
           "  try { Object.freeze(x); x.a = 2; console.log('wrote', x.a); }\n"
           "  catch (e) { console.log(e.name, e.message); }\n"
           "}\n")
    flags = ["--jit-threshold", "0"] if vm == "jit" else VMS[vm]
    proc = subprocess.run([sys.executable, "-m", "a64js", *flags, "--no-cache", "-"],
                          input=src, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    msg = ("TypeError Object.freeze of an object is not supported by a64js (its writes "
           "would not be refused)")
    assert proc.stdout == "5 s undefined\n" + f"{msg}\n" * 3
