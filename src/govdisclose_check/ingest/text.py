"""Plain text and Markdown into a `Document` of lines."""

from __future__ import annotations

import re

from ..document import Document, Line
from ..errors import InputProblem
from .decode import decode

_NEWLINE = re.compile(r"\r\n|\r|\n")


def read(data: bytes, path: str | None) -> Document:
    decoded = decode(data)
    if not decoded.text.strip():
        raise InputProblem("E003", size=len(data))
    return text_document(decoded.text, path, decoded.encoding)


def text_document(text: str, path: str | None, encoding: str | None) -> Document:
    """One `Line` per line of the text; lines are split on CR, LF and CRLF only, as editors count them."""
    parts = _NEWLINE.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return Document(
        path=path,
        encoding=encoding,
        blocks=tuple(Line(number=i, text=part, original=part) for i, part in enumerate(parts, 1)),
    )
