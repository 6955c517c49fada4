"""The audit summary as an XLSX workbook through openpyxl (the `summary` extra): one worksheet per
sheet, written in openpyxl's write-only (streaming) mode."""

from __future__ import annotations

import os

from ..summary import Audit
from .summary_sheets import sheets


class MissingExtra(RuntimeError):
    pass


def write_summary_xlsx(audit: Audit, path: str | os.PathLike[str]) -> None:
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - an optional dependency
    except ImportError as exc:
        raise MissingExtra("XLSX needs openpyxl: pip install 'govdisclose-check[summary]'") from exc
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    book = Workbook(write_only=True)
    for sheet in sheets(audit):
        page = book.create_sheet(title=sheet.title[:31])
        page.append(list(sheet.headers))
        for row in sheet.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(page, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: `=…` from a report is never a formula
                cells.append(cell)
            page.append(cells)
    book.save(os.fspath(path))
