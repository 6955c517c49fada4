"""The "core" of a label: what is left to compare once the form's decorations are gone.

Both the labels in `rules/templates/` and the texts read from reports go through `core`, so a
label matches whatever way a report wrote it: with or without its list number, spaces, quotes
of either width, or brackets of either width (normalisation already made them half-width).
"""

from __future__ import annotations

import functools

import regex

from ..normalize.characters import to_halfwidth

_ENUMERATOR = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.,]|\(\s*[一二三四五六七八九十]{1,3}\s*\)[、.]?|\d{1,2}\s*[.、)](?!\d))\s*"
)
_DROP = regex.compile(r"[\s\"'“”‘’「」《》<>*#_`:;。,、!?·…]+")


@functools.lru_cache(maxsize=8192)
def core(text: str) -> str:
    """The label without list numbers ("三、", "(一)", "1."), spaces, quotes and punctuation."""
    s = to_halfwidth(text).strip()
    for _ in range(3):
        stripped = _ENUMERATOR.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    result: str = _DROP.sub("", s)
    return result
