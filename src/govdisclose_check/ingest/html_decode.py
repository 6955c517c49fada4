"""The encoding of an HTML page: a byte-order mark, else the charset the server sent, else the one
the page declares in `<meta charset>` or `http-equiv`, else a guess (`decode.py`). A declared
GB2312 or GBK is read as GB18030, their superset (pages declared GB2312 use GBK characters)."""

from __future__ import annotations

import codecs
import re

from ..errors import InputProblem
from .decode import Decoded, decode

_META = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030"}
_SINGLE_BYTE = {"latin-1", "iso8859-1", "cp1252", "ascii"}  # servers' defaults, not the page's
_TRUNCATION = 4  # bytes: a character cut at the end of a truncated page


def declared_charset(data: bytes) -> str | None:
    match = _META.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def codec_of(name: str | None) -> str | None:
    """The Python codec that reads a declared charset, or None for an unknown or untrustworthy one."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in _SINGLE_BYTE:
        return None
    return _SUPERSETS.get(codec, codec)


def decode_html(data: bytes, sent: str | None = None) -> Decoded:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    for name in (sent, declared_charset(data)):
        codec = codec_of(name)
        if codec is not None and codec != "utf-16":
            text = _lenient(data, codec)
            if text is not None:
                return Decoded(text, codec)
    try:
        return decode(data)
    except InputProblem:
        for cut in range(1, _TRUNCATION):  # a truncated page: the last character is cut
            try:
                return decode(data[:-cut])
            except InputProblem:
                continue
        raise


def _lenient(data: bytes, codec: str) -> str | None:
    """`data` in `codec`, forgiving a character cut at the end; None when it is not that encoding."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - _TRUNCATION:
            return data[: exc.start].decode(codec, "replace")
        return None
