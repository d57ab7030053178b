"""ldtr/sttr family (unprivileged) and RCPC2 ldapur/stlur family (unscaled)."""

from __future__ import annotations

from collections.abc import Iterator

from ._common import WZR, XSP, XZR, cycle

MATTR = "+v8.4a,+rcpc-immo"

# mnemonic suffix -> transfer register pools it takes
LOADS = {"": (XZR, WZR), "b": (WZR,), "h": (WZR,), "sb": (XZR, WZR), "sh": (XZR, WZR),
         "sw": (XZR,)}
STORES = {"": (XZR, WZR), "b": (WZR,), "h": (WZR,)}


def lines() -> Iterator[str]:
    for ld, st in (("ldtr", "sttr"), ("ldapur", "stlur")):
        for table, stem in ((LOADS, ld), (STORES, st)):
            for suffix, pools in table.items():
                op = stem + suffix
                for pool in pools:
                    for t, n in zip(cycle(pool, 32), cycle(XSP, 32, 1), strict=True):
                        yield f"{op} {t}, [{n}]"
                t = pools[0][5]
                for off in (0, 1, -1, 255, -256, 256, -257, 8, 100):
                    yield f"{op} {t}, [x7, #{off}]"
                yield f"{op} {t}, [sp, #-256]"
                yield f"{op} {t}, [x2, #8]!"
                yield f"{op} {t}, [x2], #8"
                yield f"{op} {t}, [x2, x3]"
                yield f"{op} {t}, [xzr]"
                yield f"{op} sp, [x2]"
                if len(pools) == 1:
                    other = "x5" if pools[0] is WZR else "w5"
                    yield f"{op} {other}, [x2]"
                yield f"{op} b0, [x2]"
