"""Plain text and Markdown into a `Document` of lines."""

from __future__ import annotations

import itertools

from ..document import Document, Line
from ..errors import InputProblem
from ..normalize import normalized_lines
from .decode import decode


def read(data: bytes, path: str | None) -> Document:
    decoded = decode(data)
    if not decoded.text.strip():
        raise InputProblem("E003", size=len(data))
    return normalized_text_document(decoded.text, path, decoded.encoding)


def text_document(text: str, path: str | None, encoding: str | None) -> Document:
    """One `Line` per line of the text, as written (not normalised)."""
    parts = line_texts(text)
    # Positional arguments and `map`: a `Line` per line is most of the cost of reading a text file.
    return Document(path=path, encoding=encoding, blocks=tuple(map(Line, itertools.count(1), parts, parts)))


def normalized_text_document(text: str, path: str | None, encoding: str | None) -> Document:
    """What `normalize(text_document(text, path, encoding))` gives, with each line's `Line` made once,
    not once as read and again as normalised: how a text file is read. The document says that it is
    normalised, and `normalize` leaves it as it is."""
    return Document(path, encoding, normalized_lines(line_texts(text)), normalized=True)


def line_texts(text: str) -> list[str]:
    """The lines of the text, split on CR, LF and CRLF only, as editors count them (a final line
    break ends the last line; it does not start another)."""
    parts = split_lines(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


def split_lines(text: str) -> list[str]:
    """The text split on CRLF, CR and LF (not on the other breaks `str.splitlines` knows). CR is
    made LF first, CRLF before lone CR, so that CRLF is one break: three C-speed passes where a
    regular expression `\\r\\n|\\r|\\n` costs ten times as much."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")
