"""A file name (or any text from the input) as UTF-8 bytes, for hashing and URIs.

A name read from the file system may hold bytes that are not UTF-8: Python gives them as lone
surrogates (os.fsdecode's `surrogateescape`), which `str.encode("utf-8")` refuses. They are given
back as the bytes they were; any other lone surrogate (from `check_text`) is kept as its code point.
"""

from __future__ import annotations


def utf8_bytes(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
