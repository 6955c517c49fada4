"""The document as one stream of rows: a text line is a row, and so is each row of a real table.

Headings are looked for in text lines only; tables are read from any row, so a table that a DOCX,
HTML or PDF reader gives as cells goes through the same alignment as one written with tabs.
"""

from __future__ import annotations

import attrs

from ..document import Document, Line, SourceCell, SourceTable
from ..model import Location
from .tokens import Token, cell_tokens, line_tokens


# Not frozen: one is made for every line of the document, and it keeps its tokens once made (a row is
# tokenised when it could be an anchor and again when its table is read).
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

    def tokens(self) -> list[Token]:
        """The row's tokens (made on first use; the list is shared, not to be changed)."""
        if self._tokens is None:
            self._tokens = line_tokens(self.line) if self.line is not None else cell_tokens(self.cells)
        return self._tokens


def rows_of(document: Document) -> list[Row]:
    rows: list[Row] = []
    for block in document.blocks:
        if isinstance(block, Line):
            rows.append(Row(block.text, line=block))
        else:
            rows.extend(_table_rows(block))
    return rows


def _table_rows(table: SourceTable) -> list[Row]:
    return [Row("\t".join(c.text for c in cells), cells=cells, table=table) for cells in table.rows]
