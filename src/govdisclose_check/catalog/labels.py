"""The "core" of a label: what is left to compare once the form's decorations are gone.

Both the labels in `rules/templates/` and the texts read from reports go through `core`, so a
label matches whatever way a report wrote it: with or without its list number, spaces, quotes
of either width, or brackets of either width (normalisation already made them half-width).
"""

from __future__ import annotations

import functools
import re

from ..normalize.characters import to_halfwidth
from ..patterns import compiled

# The Chinese numerals of a list number ("三、", "(十二)"): with "(" and the digits, what one begins with.
NUMERALS = "一二三四五六七八九十"
_ENUMERATOR = compiled(
    rf"^(?:[{NUMERALS}]{{1,3}}\s*[、.,]|\(\s*[{NUMERALS}]{{1,3}}\s*\)[、.]?|\d{{1,2}}\s*[.、)](?!\d))\s*"
)
# White space (what `regex` matches with \s: Unicode White_Space, not the \x1c-\x1f that `re`
# adds), quotes and punctuation. Written out for `re`, which deletes them in half the time `regex`
# takes (tests/test_parse_fast.py compares the two over every character).
# Each character, for `parse.narrative` too, which takes them out with `str.replace`.
DROPPED = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\"'“”‘’「」《》<>*#_`:;。,、!?·…"
)
_DROP = re.compile("[" + "".join(map(re.escape, DROPPED)) + "]+")
_DIGIT = compiled(r"\d")  # as `_ENUMERATOR` knows digits (newer ones than str.isdigit knows)


@functools.lru_cache(maxsize=4096)
def _may_begin_list_number(first: str) -> bool:
    """Whether an `_ENUMERATOR` may begin with the character `first`."""
    return first in NUMERALS or first == "(" or _DIGIT.match(first) is not None


@functools.lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The label without list numbers ("三、", "(一)", "1."), spaces, quotes and punctuation."""
    s = to_halfwidth(text).strip()
    for _ in range(3):
        if not s or not _may_begin_list_number(s[0]):
            break  # no list number here: spare the regex
        stripped = _ENUMERATOR.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    result: str = _DROP.sub("", s)
    return result
