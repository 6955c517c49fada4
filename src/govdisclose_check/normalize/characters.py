"""One-for-one character replacements: traditional to simplified (OpenCC t2s), full-width forms to
ASCII, and the odd spaces. Each keeps the length of the text, so offsets need no map."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import opencc

_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_WIDTH.update({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})
# The wide characters of the reports at hand, most used first (see to_halfwidth).
_USUAL = "，（）：；\u3000！？％\u00a0"


@functools.cache
def _wide() -> re.Pattern[str]:
    """Compiled on first use (start-up time: about 3 M instructions): only `to_halfwidth`'s scan for
    the rarer wide characters needs it."""
    return re.compile("[" + "".join(_WIDTH) + "]")


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
    """Full-width ASCII forms and odd spaces to ASCII. One `str.replace` per distinct wide
    character present: far faster than `str.translate`, which looks up every Han character.

    Fast path: the wide characters reports use most are replaced first, each tested for with `in`
    (about one instruction a character); then NFKC's quick check (a table lookup a character, at
    C speed) tells whether any other is left, as every one of them has a compatibility mapping.
    Together half the cost of the scan below, which is left for texts with other such characters
    (…, ①, ℃, Ⅱ): each search starts where the last wide character was, as all before it is
    narrow by then, so the text is scanned once however many wide characters it holds."""
    for ch in _USUAL:
        if ch in text:
            text = text.replace(ch, _WIDTH[ch])
    if unicodedata.is_normalized("NFKC", text):
        return text
    at = 0
    while (found := _wide().search(text, at)) is not None:
        ch = found.group()
        text = text.replace(ch, _WIDTH[ch])
        at = found.start()
    return text
