"""One-for-one character replacements: traditional to simplified (OpenCC t2s), full-width forms to
ASCII, and the odd spaces. Each keeps the length of the text, so offsets need no map."""

from __future__ import annotations

import functools
from typing import Any

import opencc

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x3001: 0x3001})
WIDTH_TABLE = _WIDTH


@functools.cache
def _converter() -> Any:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """t2s, keeping the length: where a phrase conversion changes the length, convert that line
    character by character instead."""
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "\n".join(_line_to_simplified(line) for line in text.split("\n"))


def _line_to_simplified(line: str) -> str:
    converted: str = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    out = []
    for ch in line:
        one: str = _converter().convert(ch)
        out.append(one if len(one) == 1 else ch)
    return "".join(out)


def to_halfwidth(text: str) -> str:
    return text.translate(WIDTH_TABLE)
