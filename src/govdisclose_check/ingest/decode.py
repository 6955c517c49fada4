"""Bytes to text: find the encoding without being told.

Order: a byte-order mark; UTF-16 without a mark (recognised by its zero bytes); UTF-8; GB18030
(which covers GBK and GB2312). Text that decodes but is mostly control characters is binary.
"""

from __future__ import annotations

import re

import attrs

from ..errors import InputProblem
from ..patterns import compiled

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_UNUSUAL = compiled(r"[^\p{Han}\x09\x0a\x0d\x20-\x7e\u3000-\u303f\uff00-\uffef\u2000-\u206f·—“”‘’…]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# The same characters, each tested for with `in` (a memchr): most texts hold none, and 28 such
# tests cost less than half the scan of the regular expression.
_CONTROL_CHARS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))
_CONTROL_BYTES = _CONTROL_CHARS.encode("ascii")
_SAMPLE = 20000  # the characters at the start of a text that are looked at to tell binary data


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    if not data:
        raise InputProblem("E003", size=0)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], codec.removesuffix("-sig"), name), name)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputProblem("E002", "含有零字节，是二进制文件", "it contains NUL bytes (a binary file)")
        return Decoded(_plausible(_strict(data, utf16, "utf-16"), "utf-16"), "utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text if _no_control_bytes(data) else _checked(text), "utf-8")
    return Decoded(_plausible(_strict(data, "gb18030", "gb18030"), "gb18030"), "gb18030")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when zero bytes fall mostly on one parity, as in UTF-16 text where ASCII
    (digits, tabs, newlines) gives a zero high byte; Han characters such as 一 (U+4E00) give a zero
    low byte now and then, so the other parity is allowed a few."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    even = sample[0::2].count(0)  # high bytes of big-endian units
    odd = sample[1::2].count(0)  # high bytes of little-endian units
    half = len(sample) // 2
    if odd > half * 0.1 and even * 4 < odd:
        return "utf-16-le"
    if even > half * 0.1 and odd * 4 < even:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return _checked(data.decode(codec))
    except UnicodeDecodeError as exc:
        raise InputProblem(
            "E002", f"第{exc.start}字节处不是有效的{name}", f"not valid {name} at byte {exc.start}"
        ) from None


def _plausible(text: str, name: str) -> str:
    """A guessed encoding must give text that reads: mostly Han, ASCII, spaces and CJK punctuation."""
    sample = text[:_SAMPLE]
    odd = len(_UNUSUAL.findall(sample))
    if odd > len(sample) * 0.1:
        raise InputProblem(
            "E002",
            f"按{name}解码后有{odd}个字符不像文本",
            f"read as {name}, {odd} of {len(sample)} characters are not plausible text",
        )
    return text


def _no_control_bytes(data: bytes) -> bool:
    """True when UTF-8 `data` has no control character in the text `_checked` samples, told from
    the bytes: in UTF-8 a byte below 0x80 is always that ASCII character, so each test is a memchr
    over bytes, twice as fast as over a text of Han characters. The first 4 × `_SAMPLE` bytes hold
    at least the sample; when they hold a control byte, `_checked` counts the characters."""
    head = data[: 4 * _SAMPLE]
    return not any(byte in head for byte in _CONTROL_BYTES)


def _checked(text: str) -> str:
    sample = text[:_SAMPLE]
    if not any(ch in sample for ch in _CONTROL_CHARS):
        return text
    controls = len(_CONTROLS.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise InputProblem(
            "E002",
            f"前{len(sample)}个字符中有{controls}个控制字符，是二进制文件",
            f"{controls} control characters in the first {len(sample)} (a binary file)",
        )
    return text
