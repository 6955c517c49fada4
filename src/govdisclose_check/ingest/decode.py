"""Bytes to text: find the encoding without being told.

Order: a byte-order mark; UTF-16 without a mark (recognised by its zero bytes); UTF-8; GB18030
(which covers GBK and GB2312). Text that decodes but is mostly control characters is binary.
"""

from __future__ import annotations

import attrs
import regex

from ..errors import InputProblem

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@attrs.frozen
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
        return Decoded(_strict(data, utf16, "utf-16"), "utf-16")
    try:
        return Decoded(_checked(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    return Decoded(_strict(data, "gb18030", "gb18030"), "gb18030")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when the zero bytes fall on one parity, as in CJK/ASCII UTF-16 text."""
    if len(data) % 2:
        return None
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even == 0:
        return "utf-16-le"
    if even > half * 0.2 and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return _checked(data.decode(codec))
    except UnicodeDecodeError as exc:
        raise InputProblem(
            "E002", f"第{exc.start}字节处不是有效的{name}", f"not valid {name} at byte {exc.start}"
        ) from None


def _checked(text: str) -> str:
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise InputProblem(
            "E002",
            f"前{len(sample)}个字符中有{controls}个控制字符，是二进制文件",
            f"{controls} control characters in the first {len(sample)} (a binary file)",
        )
    return text
