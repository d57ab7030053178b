"""native._near_candidates: the places near a chunk for the next one, from the free ranges
of /proc/self/maps (read from a fake file here: any host), against a plain statement of
the rule: in every free range within reach, the place nearest ``near``, nearest first."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest

from a64jit.runtime import native
from a64jit.runtime.backend import NEAR_REACH

PAGE = 1 << 12


def _expected(spans: list[tuple[int, int]], near: int, size: int) -> list[int]:
    """Each gap between sorted mappings (and after the last), clipped to where a
    ``size``-byte mapping within reach of ``near`` may start, above 64 KiB."""
    spans = sorted(spans)
    lo = max(near - NEAR_REACH + size, 1 << 16)
    hi = near + NEAR_REACH - size
    found = []
    prev_end = 0
    for start, end in [*spans, (1 << 64, 1 << 64)]:
        first, last = max(prev_end, lo), min(start - size, hi)
        if first <= last:
            at = min(max(near, first), last)
            found.append((abs(at - near), at))
        prev_end = max(prev_end, end)
    return [at for _, at in sorted(found)]


def _maps(spans: list[tuple[int, int]]) -> bytes:
    return b"".join(f"{a:x}-{b:x} r-xp 00000000 00:00 0   [x]\n".encode() for a, b in spans)


@pytest.mark.parametrize("seed", range(40))
def test_candidates_are_the_nearest_place_of_each_free_range(seed: int,
                                                             monkeypatch: Any) -> None:
    rng = random.Random(seed)
    spans = []
    at = rng.randrange(1 << 16, 1 << 30) // PAGE * PAGE
    for _ in range(rng.randrange(0, 300)):
        at += rng.choice((0, PAGE, 16 * PAGE, 1 << 20, 1 << 26, 1 << 28)) \
            + rng.randrange(4) * PAGE
        n = rng.randrange(1, 64) * PAGE
        spans.append((at, at + n))
        at += n
    rng.shuffle(spans)  # (the reader sorts them)
    text = _maps(spans)
    monkeypatch.setattr(native, "open", lambda *a, **k: io.BytesIO(text), raising=False)
    for _ in range(20):
        size = rng.choice((1 << 16, 1 << 17, 1 << 20))
        if spans and rng.random() < 0.7:
            near = rng.choice(spans)[0]
        else:
            near = rng.randrange(1 << 16, 1 << 40) // PAGE * PAGE
        assert native._near_candidates(near, size) == _expected(spans, near, size)


def test_unreadable_maps_give_fixed_steps(monkeypatch: Any) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no /proc")

    monkeypatch.setattr(native, "open", refuse, raising=False)
    got = native._near_candidates(1 << 32, 1 << 16)
    assert got[:2] == [(1 << 32) - (1 << 16), (1 << 32) + (1 << 16)]
    monkeypatch.setattr(native, "open", lambda *a, **k: io.BytesIO(b"garbage\n"),
                        raising=False)
    assert native._near_candidates(1 << 32, 1 << 16) == got  # (unparsable: the same)
