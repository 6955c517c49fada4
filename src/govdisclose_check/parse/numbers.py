"""Numbers written in prose: Arabic digits and Chinese numerals, with where they stand.

Arabic digits may be half- or full-width, carry thousands separators (`1,234`) and a multiplier
(`1.2万`, `3亿`); Chinese numerals are read with their units (`一百二十三`, `两千零五`, `廿一`,
`一亿零五十万`) or digit by digit (`二〇二一`). A number followed by 余/多/左右 or preceded by 约/近/
超过 is marked approximate. A digit string longer than `MAX_DIGITS` is not read (a telephone or an
account number is not a count). Positions are indices into the text given, so a caller holding a
`Line` gets the number's place in the original file with `line.location(start, end)`.

What a negative statement ("未收到政府信息公开申请") means is the caller's wording: a rule's pattern
says that its match states 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import attrs
import regex

from ..model import Number
from ..patterns import compiled

MAX_DIGITS = 15
DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
TENS = {"廿": 20}
WAN, YI = "万", "亿"
_FULL = str.maketrans("０１２３４５６７８９，．", "0123456789,.")

_ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
_CHINESE = r"[零〇○一二两三四五六七八九十百千万亿廿]+"
# A number in a rule's pattern: where it matches, `number_at` reads it (with 万/亿 and its unit).
NUMBER = rf"(?:{_ARABIC}|{_CHINESE})"
_FIND = compiled(rf"(?P<arabic>{_ARABIC})(?P<mult>\s*[万亿](?!元))?|(?P<chinese>{_CHINESE})")
_BEFORE_APPROX = compiled(r"(?:约|近|超过|逾|大约|将近|不到|不少于|不低于|达到约)\s*$")
_AFTER_APPROX = compiled(r"^\s*(?:[余多]|左右|以上|以下|上下|许)")
_UNIT = compiled(r"^\s*(?P<unit>万元|亿元|人次|件次|元|件|条|个|项|份|次|宗|起|篇|期|家|人|%|‰)")


@attrs.frozen
class Mention:
    """A number read in a text: its value, its span `[start, end)`, and what stands around it."""

    value: Number
    start: int
    end: int
    raw: str
    approximate: bool = False
    unit: str | None = None  # the unit written after it (件, 条, 万元 …), if any


def chinese_int(text: str) -> int | None:
    """The value of a Chinese numeral (`一百二十三`, `两千零五`, `二〇二一`), or None when the text is
    not one well-formed numeral (`十十`, `百`, or the colloquial `一百二`, which is left alone)."""
    if not text or any(
        ch not in DIGITS and ch not in SMALL_UNITS and ch not in TENS and ch not in (WAN, YI) for ch in text
    ):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        return (
            int("".join(str(DIGITS[ch]) for ch in text)) if text[0] not in "零〇○" or len(text) == 1 else None
        )
    return _with_units(text)


def _with_units(text: str) -> int | None:
    total = 0  # the completed 亿 groups
    wan = 0  # the completed 万 group within the current 亿 group
    section = 0  # below 万
    digit: int | None = None  # the digit read and not yet given a unit
    last_unit = 10**5  # units within a section must fall
    zero_before = False  # a 零 stands since the last unit: the next digit is ones or a lower unit
    after_big = False  # nothing but digits since 万 or 亿 (一万二 is colloquial: not read)
    for i, ch in enumerate(text):
        if ch in DIGITS:
            if digit is not None and not (digit == 0 and DIGITS[ch] != 0):
                return None  # two digits in a row (other than 零 then a digit)
            zero_before = zero_before or DIGITS[ch] == 0
            digit = DIGITS[ch]
        elif ch in TENS:
            if (digit is not None and digit != 0) or last_unit <= 10:
                return None
            section += TENS[ch]
            last_unit, digit = 10, None
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit or digit == 0:
                return None
            if (
                digit is None
                and not (unit == 10 and i == 0)
                and not (unit == 10 and text[i - 1] in (WAN, YI, "零", "〇", "○"))
            ):
                return None
            section += (1 if digit is None else digit) * unit
            last_unit, digit, zero_before, after_big = unit, None, False, False
        elif ch == WAN:
            if i == 0 or wan:
                return None
            wan = (section + (digit or 0)) * 10_000
            if wan == 0:
                return None
            section, digit, last_unit, zero_before, after_big = 0, None, 10**5, False, True
        else:  # 亿
            if i == 0:
                return None
            group = total + wan + section + (digit or 0)
            if group == 0:
                return None
            total = group * 100_000_000
            wan, section, digit, last_unit, zero_before, after_big = 0, 0, None, 10**5, False, True
    if digit and not zero_before and (after_big or last_unit not in (10, 10**5)):
        return None  # 一百二, 三千五, 一万二: colloquial for 120, 3500, 12000 — ambiguous, not read
    return total + wan + section + (digit or 0)


def arabic_value(raw: str, multiplier: str = "") -> Number | None:
    """The value of Arabic digits as written (full-width too, `1,234`, `1.5`), times 万 or 亿."""
    text = raw.translate(_FULL).replace(",", "")
    if len(text.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    value *= {"": 1, WAN: 10_000, YI: 100_000_000}[multiplier.strip()]
    return int(value) if value == value.to_integral_value() else value


def number_at(text: str, start: int) -> Mention | None:
    """The number that starts at `start` of `text` (where a pattern's `NUMBER` matched), read with
    its multiplier and unit; None if it is not one (`百`, an over-long digit string)."""
    match = _FIND.match(text, start)
    if match is None:
        return None
    return _read(text, match)


def find_numbers(text: str) -> Iterator[Mention]:
    """Every number in `text`, left to right. Chinese characters that do not form a numeral (the 一
    of 一是, 统一) are skipped; so is an Arabic run of more than `MAX_DIGITS` digits."""
    for match in _FIND.finditer(text):
        found = _read(text, match)
        if found is not None:
            yield found


def _read(text: str, match: regex.Match[str]) -> Mention | None:
    value: Number | None
    if match["chinese"]:
        value = chinese_int(match[0])
    else:
        digits = regex.sub(r"[^0-9０-９]", "", match["arabic"])
        if len(digits) > MAX_DIGITS or _adjacent_digit(text, match.start(), match.end()):
            return None
        value = arabic_value(match["arabic"], (match["mult"] or "").strip())
    return None if value is None else mention(text, match.start(), match.end(), value)


def _adjacent_digit(text: str, start: int, end: int) -> bool:
    """A run cut out of a longer one (`1234567890123456`): part of an over-long number."""
    return (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit())


def mention(text: str, start: int, end: int, value: Number) -> Mention:
    """The number at `[start, end)` with its unit (after 余/多 too: 380余条) and whether it is approximate."""
    after = text[end : end + 8]
    before = _AFTER_APPROX.match(after)
    unit = _UNIT.match(after[before.end() :] if before else after)
    approximate = before is not None or bool(_BEFORE_APPROX.search(text[max(0, start - 6) : start]))
    if unit is not None and not before and _AFTER_APPROX.match(after[unit.end() :]):
        approximate = True  # 300件左右
    return Mention(value, start, end, text[start:end], approximate, unit["unit"] if unit else None)


__all__ = ["MAX_DIGITS", "NUMBER", "Mention", "arabic_value", "chinese_int", "find_numbers", "number_at"]
