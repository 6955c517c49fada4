r"""Text from the input made safe to print: control characters shown escaped, never sent raw.

A report's cell, heading or file name can hold an escape sequence (`\x1b[2J` clears the screen,
`\x1b]0;…\x07` retitles the window), a C1 control or a newline that would forge a line of output.
`shown` writes each as a visible escape (`\x1b`, `\n`); `json_safe` does the same for the few
characters that JSON leaves raw but that still act on terminals or break JavaScript.
"""

from __future__ import annotations

import codecs
import functools
import re

# C0 and C1 controls and DEL; the line and paragraph separators; the bidirectional overrides and
# isolates (they reorder what a terminal shows); lone surrogates (a file name's undecodable bytes).
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# What JSON's encoder leaves raw among those (it escapes C0 itself).
_JSON_RAW = "[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# Each compiled by its first use (start-up time): a character class with the surrogates' range costs
# some 4 M instructions to compile, and a JSON output has no use for `shown`, a text output none for
# `json_safe`.


@functools.cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE)


@functools.cache
def _json_raw() -> re.Pattern[str]:
    return re.compile(_JSON_RAW)


def shown(text: str) -> str:
    """`text` with every unsafe character as a backslash escape: `\\x1b`, `\\n`, `\\u2028`; a file
    name's undecodable byte (a surrogate escape) as the byte it was: `\\xff`."""
    if text.isprintable():
        # A fast path (start-up time: no pattern to compile for the usual message or name): every
        # unsafe character is one `str.isprintable` refuses (tests/test_safe_fast.py checks them all).
        return text
    return _unsafe().sub(_escape, text)


def json_safe(document: str) -> str:
    """A JSON text with the unsafe characters JSON leaves raw written as `\\uXXXX` escapes (the
    same string for any JSON reader, since they only occur inside strings)."""
    if document.replace("\n", "").isprintable():  # a fast path, as in `shown`; a JSON text has newlines
        return document
    return _json_raw().sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}"


_NON_ASCII = "[^\x00-\x7f]"  # for a stream that is not UTF: compiled then


@functools.cache
def _non_ascii() -> re.Pattern[str]:
    return re.compile(_NON_ASCII)


def ascii_json(document: str) -> str:
    """A JSON text with every non-ASCII character as a `\\uXXXX` escape (a surrogate pair above
    U+FFFF), as `ensure_ascii` writes it: they only occur inside strings, so the value is the same."""
    return _non_ascii().sub(_json_escape, document)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def utf_stream(stream: object) -> bool:
    """Whether a text stream encodes every character (UTF-8, UTF-16 …); a file of ours always does."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def for_stream(document: str, stream: object, kind: str = "json") -> str:
    """A JSON (or XML) text as it should be written to `stream`: all ASCII when the stream is not
    UTF (GBK on a Chinese Windows console, ASCII), as `\\uXXXX` escapes (XML: `&#N;` references),
    so that nothing is lost or replaced. Any other text is written as it is: the stream replaces
    what it cannot encode (the command line sets it so)."""
    if utf_stream(stream):
        return document
    if kind == "json":
        return ascii_json(document)
    if kind == "xml":
        return document.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return document
