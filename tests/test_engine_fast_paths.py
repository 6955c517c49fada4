"""More of the engine's fast paths (issue 14, second round), each against the plain way it replaces."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose_check.engine.prose import NOT_REGEX_SPACE, compact

_SPACE = regex.compile(r"\s+")
# Every white space of either kind, the four odd ones, and text around them.
_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
_pieces = st.sampled_from([*_SPACES, "a", "年", "申请", "，", "12", "\u200b", "\ufeff"])


def test_str_isspace_is_regex_space_and_four_more() -> None:
    """`compact` relies on it, for every code point (surrogates aside)."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    regex_spaces = set(regex.findall(r"\s", every))
    assert set(_SPACES) == regex_spaces | set(NOT_REGEX_SPACE)
    assert not regex_spaces & set(NOT_REGEX_SPACE)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=20).map("".join))
def test_compact_is_the_regex_removal_of_spaces(text: str) -> None:
    assert compact(text) == _SPACE.sub("", text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_pieces, max_size=8).map("".join), max_size=6))
def test_compacting_lines_joined_is_joining_them_compacted(texts: list[str]) -> None:
    """C507 compacts a section's lines joined, not each line."""
    assert compact("".join(texts)) == "".join(compact(t) for t in texts)
