"""The document as one stream of rows: a text line is a row, and so is each row of a real table.

Headings are looked for in text lines only; tables are read from any row, so a table that a DOCX,
HTML or PDF reader gives as cells goes through the same alignment as one written with tabs.
"""

from __future__ import annotations

import attrs

from ..document import Document, Line, SourceCell, SourceTable
from ..model import Location
from .tokens import Counts, Token, cell_tokens, line_parts, line_tokens


# Not frozen: one is made for every line of the document, and an anchor row keeps its tokens.
@attrs.define
class Row:
    text: str  # for anchors and format markers: a line's text, or a table row's cells joined by tabs
    line: Line | None = None
    cells: tuple[SourceCell, ...] = ()
    table: SourceTable | None = None
    _tokens: list[Token] | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def location(self) -> Location:
        if self.line is not None:
            return self.line.location(0, 0)
        if self.cells:
            return self.cells[0].location
        return self.table.location if self.table is not None else Location()

    def tokens(self, keep: bool = False) -> list[Token]:
        """The row's tokens (the list may be shared: not to be changed). `keep`: for a row read twice,
        as an anchor row is (when its table is found, and when it is read). The other rows' tokens
        are not kept: a region of many lines is read once, and its tokens freed as it is read."""
        tokens = self._tokens
        if tokens is None:
            tokens = line_tokens(self.line) if self.line is not None else cell_tokens(self.cells)
            if keep:
                self._tokens = tokens
        return tokens

    def parts(self) -> tuple[list[Token], Counts | None]:
        """As `tokens`, with the plain counts that end a text line apart (see `line_parts`): what a
        table is read from. A row's kept tokens are given as they are."""
        if self._tokens is not None:
            return self._tokens, None
        if self.line is not None:
            return line_parts(self.line)
        return cell_tokens(self.cells), None


def rows_of(document: Document) -> list[Row]:
    rows: list[Row] = []
    for block in document.blocks:
        if isinstance(block, Line):
            rows.append(Row(block.text, block))
        else:
            rows.extend(_table_rows(block))
    return rows


def _table_rows(table: SourceTable) -> list[Row]:
    return [Row("\t".join(c.text for c in cells), cells=cells, table=table) for cells in table.rows]
