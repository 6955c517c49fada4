"""Rule E005's limits on what one input may cost, besides its bytes: the characters and lines of the
text read from it, whatever its format, and a string's length in UTF-8."""

from __future__ import annotations

import operator

import attrs

from ..document import Block, Document, Line, SourceTable
from ..errors import InputProblem

_ORIGINAL = operator.attrgetter("original")  # what was read, before normalising


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class TextLimits:
    """Rule E005's limits on the text read from a file of any format, or given as a string (the
    API passes the catalog's): its characters, and its lines (a table's row counts as one)."""

    max_chars: int | None = None
    max_lines: int | None = None

    def check(self, document: Document) -> None:
        blocks = document.blocks
        if set(map(type, blocks)) <= {Line}:
            # Only lines (a text file): counted at C speed, without a Python step per line.
            chars, lines = sum(map(len, map(_ORIGINAL, blocks))), len(blocks)
        else:
            chars, lines = _counts(blocks)
        if self.max_chars is not None and chars > self.max_chars:
            raise InputProblem("E005", size=chars, limit=self.max_chars, variant="chars")
        if self.max_lines is not None and lines > self.max_lines:
            raise InputProblem("E005", size=lines, limit=self.max_lines, variant="lines")


def _counts(blocks: tuple[Block, ...]) -> tuple[int, int]:
    """The characters and the lines of the text as read: a line's original text (a text file's
    lines are normalised as they are read, and normalising may delete characters)."""
    chars = lines = 0
    for block in blocks:
        if isinstance(block, Line):
            chars += len(block.original)
            lines += 1
        elif isinstance(block, SourceTable):
            chars += sum(len(cell.text) for row in block.rows for cell in row)
            lines += len(block.rows)
    return chars, lines


def utf8_length(text: str, stop: int | None = None, chunk: int = 1 << 20) -> int:
    """The length of `text` in UTF-8, a chunk at a time (never the whole encoding at once); with
    `stop`, counting ends as soon as the length is known to exceed it."""
    if len(text) * 4 <= (stop if stop is not None else -1):
        return len(text.encode("utf-8", "surrogatepass"))
    size = 0
    for start in range(0, len(text), chunk):
        size += len(text[start : start + chunk].encode("utf-8", "surrogatepass"))
        if stop is not None and size > stop:
            break
    return size
