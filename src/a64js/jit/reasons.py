"""Why a compiled function's guard failed: the ``reason`` argument of the runtime's
``jit_guard`` (index = code), one table for the compiler, its template mixins and the
runtime's counters (``--stats``)."""

from __future__ import annotations

REASONS: tuple[str, ...] = ("not int32", "int32 overflow", "not a boolean or int32",
                            "not int32 or constant", "stress", "element miss",
                            "length miss", "call not direct", "property cache miss",
                            "let/const read before its declaration",
                            "int32 result not representable", "keyed cache miss",
                            "typeof string missing")
(R_NOT_INT, R_OVERFLOW, R_NOT_BOOL, R_NOT_SIMPLE, R_STRESS, R_ELEM, R_LENGTH, R_CALL,
 R_PROP, R_TDZ, R_INT_RESULT, R_KEYED, R_TYPEOF) = range(13)

__all__ = ["R_CALL", "R_ELEM", "R_INT_RESULT", "R_KEYED", "R_LENGTH", "R_NOT_BOOL", "R_NOT_INT",
           "R_NOT_SIMPLE", "R_OVERFLOW", "R_PROP", "R_STRESS", "R_TDZ", "R_TYPEOF", "REASONS"]
