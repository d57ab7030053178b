"""GetProp's out-of-line start as one array (COMP21): the same words as the runs
get_proto and get_held with a ``b.ne`` between that reaches past the held load and the
five words of the getter test (where the site calls its get subroutine)."""

from __future__ import annotations

from a64jit import branch_offset
from a64js.jit import t_props


def test_other_words_are_the_runs_with_the_branch_between() -> None:
    words = t_props._OTHER or t_props._other_words()
    proto = t_props._GET_PROTO.words()
    held = t_props._GET_HELD.words()
    i = t_props._OTHER_BNE
    assert list(words) == [*proto, words[i], *held]
    assert i == len(proto)
    assert len(held) + t_props._GOT_WORDS == t_props._OTHER_SUB
    # b.ne: condition NE (1) in bits 0-3, and it reaches the word after the five
    assert words[i] >> 24 == 0x54 and words[i] & 0x1F == 1
    assert branch_offset(words[i]) == 4 * (1 + len(held) + t_props._GOT_WORDS)
