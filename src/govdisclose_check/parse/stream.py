"""The document as one stream of rows: a text line is a row, and so is each row of a real table.

Headings are looked for in text lines only; tables are read from any row, so a table that a DOCX,
HTML or PDF reader gives as cells goes through the same alignment as one written with tabs.
"""

from __future__ import annotations

import attrs

from ..document import Document, Line, SourceCell, SourceTable
from ..model import Location
from .tokens import Token, cell_tokens, line_tokens


@attrs.frozen
class Row:
    text: str  # for anchors and format markers: a line's text, or a table row's cells joined by tabs
    line: Line | None = None
    cells: tuple[SourceCell, ...] = ()
    table: SourceTable | None = None

    @property
    def location(self) -> Location:
        if self.line is not None:
            return self.line.location(0, 0)
        if self.cells:
            return self.cells[0].location
        return self.table.location if self.table is not None else Location()

    def tokens(self) -> list[Token]:
        if self.line is not None:
            return line_tokens(self.line)
        return cell_tokens(self.cells)


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
