"""The document as one stream of rows: a text line is a row, and so is each row of a real table.

Headings are looked for in text lines only; tables are read from any row, so a table that a DOCX,
HTML or PDF reader gives as cells goes through the same alignment as one written with tabs.
"""

from __future__ import annotations

import operator
from typing import cast

import attrs

from ..document import Document, Line, SourceCell, SourceTable
from ..model import Location
from .tokens import Counts, Token, cell_tokens, line_parts


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
# Not frozen: one is made for every line of the document, and an anchor row keeps its parts.
@attrs.define(repr=False)
class Row:
    text: str  # for anchors and format markers: a line's text, or a table row's cells joined by tabs
    line: Line | None = None
    cells: tuple[SourceCell, ...] = ()
    table: SourceTable | None = None
    _parts: tuple[list[Token], Counts | None] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def location(self) -> Location:
        if self.line is not None:
            return self.line.location(0, 0)
        if self.cells:
            return self.cells[0].location
        return self.table.location if self.table is not None else Location()

    def tokens(self) -> list[Token]:
        """The row's tokens, its plain counts among them (see `parts`)."""
        tokens, counts = self.parts()
        return tokens if counts is None else [*tokens, *counts.tokens()]

    def parts(self, keep: bool = False) -> tuple[list[Token], Counts | None]:
        """The row's tokens, with the plain counts that end a text line apart (see `line_parts`):
        what a table is read from (the list may be shared: not to be changed). `keep`: for a row read
        twice, as an anchor row is (when its table is found, and when it is read). The other rows'
        parts are not kept: a region of many lines is read once, and freed as it is read."""
        parts = self._parts
        if parts is None:
            parts = line_parts(self.line) if self.line is not None else (cell_tokens(self.cells), None)
            if keep:
                self._parts = parts
        return parts


def rows_of(document: Document) -> list[Row]:
    blocks = document.blocks
    if set(map(type, blocks)) <= {Line}:
        # A text file's document, only lines: a row each, made at C speed (100,000 for 10 MB).
        lines = cast(tuple[Line, ...], blocks)
        return list(map(Row, map(_TEXT, lines), lines))
    rows: list[Row] = []
    append = rows.append  # a row for every line
    for block in document.blocks:
        if isinstance(block, Line):
            append(Row(block.text, block))
        else:
            rows.extend(_table_rows(block))
    return rows


_TEXT = operator.attrgetter("text")


def _table_rows(table: SourceTable) -> list[Row]:
    return [Row("\t".join(c.text for c in cells), cells=cells, table=table) for cells in table.rows]
