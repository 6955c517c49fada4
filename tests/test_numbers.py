"""Numbers in prose (parse/numbers.py): Arabic and Chinese numerals read exactly, with their spans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclose_check.document import Line
from govdisclose_check.model import Location
from govdisclose_check.parse.numbers import MAX_DIGITS, chinese_int, find_numbers, number_at

DIGITS = "零一二三四五六七八九"


def _group(n: int, two: str, zero: str, leading_ten: bool) -> str:
    """0 < n < 10000 in Chinese numerals: 两 or 二 before 千/百, 〇 or 零 for a gap."""
    out = ""
    gap = False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // size % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += zero
            gap = False
        if unit == "十" and digit == 1 and leading_ten and not out:
            out += "十"
            continue
        word = two if digit == 2 and unit in ("千", "百") else DIGITS[digit]
        out += word + unit
    return out


def write_chinese(n: int, two: str = "二", zero: str = "零", leading_ten: bool = True) -> str:
    """A writer independent of the reader: the number as a report writes it (一千二百零五万零三十)."""
    if n == 0:
        return zero
    high, low = divmod(n, 10_000)
    if not high:
        return _group(low, two, zero, leading_ten)
    text = _group(high, two, zero, leading_ten) + "万"
    if low:
        text += (zero if low < 1000 else "") + _group(low, two, zero, False)
    return text


@given(
    st.integers(min_value=0, max_value=99_999_999),
    st.sampled_from(["二", "两"]),
    st.sampled_from(["零", "〇"]),
    st.booleans(),
)
def test_any_integer_in_chinese_numerals_reads_back(n: int, two: str, zero: str, leading_ten: bool) -> None:
    written = write_chinese(n, two, zero, leading_ten)
    assert chinese_int(written) == n, written
    [found] = list(find_numbers(f"共{written}件。"))
    assert (found.value, found.start, found.end, found.unit) == (n, 1, 1 + len(written), "件")


@given(st.integers(min_value=0, max_value=10**MAX_DIGITS - 1), st.booleans(), st.booleans())
def test_any_arabic_integer_reads_back(n: int, wide: bool, grouped: bool) -> None:
    written = f"{n:,}" if grouped else str(n)
    if wide:
        written = written.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    [found] = list(find_numbers(f"收到{written}条"))
    assert found.value == n
    assert found.raw == written


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("廿一", 21),
        ("十二", 12),
        ("一十二", 12),
        ("二〇二一", 2021),
        ("一亿零五十万", 100_500_000),
        ("两千零五", 2005),
    ],
)
def test_forms_of_chinese_numerals(text: str, value: int) -> None:
    assert chinese_int(text) == value


@pytest.mark.parametrize("text", ["百", "十十", "一百二", "三千五", "一万二", "万", "零零", "二廿"])
def test_ambiguous_or_malformed_numerals_are_not_read(text: str) -> None:
    assert chinese_int(text) is None


def test_multipliers_units_and_approximations() -> None:
    found = list(find_numbers("共1.2万件，约300条，380余条，73.65万元，一级栏目"))
    assert [(m.value, m.unit, m.approximate) for m in found] == [
        (12000, "件", False),
        (300, "条", True),
        (380, "条", True),
        (Decimal("73.65"), "万元", False),
        (1, None, False),
    ]


def test_an_over_long_digit_string_is_not_read() -> None:
    assert list(find_numbers("账号1234567890123456")) == []
    assert number_at("x1234567890123456", 1) is None
    assert [m.value for m in find_numbers("电话123456789012345")] == [123456789012345]


def test_a_number_keeps_its_place_in_the_original_line() -> None:
    """Through normalisation's cuts (a gloss removed) and for an HTML run with its own column."""
    line = Line(5, "公开申请12件", "公開(kāi)申請12件", cuts=((2, 5),))
    [found] = list(find_numbers(line.text))
    location = line.location(found.start, found.end)
    assert (location.line, location.column, location.end_column) == (5, 10, 12)
    assert line.original[(location.column or 0) - 1 : (location.end_column or 0) - 1] == "12"
    html = Line(1, "收到申请5件", "收到申请5件", origin=Location(line=40, column=17))
    [found] = list(find_numbers(html.text))
    assert html.location(found.start, found.end) == Location(40, 21, 40, 22)
