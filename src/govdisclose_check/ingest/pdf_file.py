"""PDF reports (pdfplumber): ruled tables as `SourceTable`s, the rest as text lines, page by page.

A table that ends a page and goes on as the first table of the next page, with the same columns
and the same width, is one table (a header row repeated at the top of the next page is dropped);
its rows are counted through the joined table and each cell keeps the page it stands on. A PDF
without a text layer (a scan) is E007; damage is E008; the bounds of `pdf_bounds` are E009.
"""

from __future__ import annotations

import io
import logging
import re

import attrs
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..document import Block, Document, Line, SourceCell, SourceTable
from ..errors import InputProblem
from ..model import Location
from .pdf_bounds import Budget, alarm, lay_out, pages
from .pdf_page import PageContent, PageLine, PageTable, join_cell_lines, read_page

_EDGE = 3.0  # points: how far apart the sides of a table's two parts may be


@attrs.define
class _Table:
    """A table being assembled: its rows, each with the page it stands on."""

    first: PageTable
    last: PageTable
    rows: list[tuple[int, tuple[str | None, ...]]]


def read(data: bytes, path: str | None) -> Document:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # warnings of damaged files become E008
    try:
        contents = _read_pages(data)
    except InputProblem:
        raise
    except _FAILURES as exc:
        raise _problem(exc) from exc
    if not any(c.chars for c in contents):
        images = sum(1 for c in contents if c.images)
        if images:
            raise InputProblem(
                "E007",
                f"{len(contents)}页中有{images}页只有图片，没有文字，应是扫描件",
                f"{images} of its {len(contents)} pages hold images and no text: a scan",
            )
        if any(c.unreadable for c in contents):
            raise InputProblem(
                "E007",
                "文字所用的字体没有到Unicode的对照表，取不出文字",
                "the fonts of its text have no map to Unicode, so the text cannot be taken out",
            )
    return Document(path, None, _blocks(contents))


_FAILURES = (
    PdfminerException,
    MalformedPDFException,  # pdfplumber's: a page's box that is not four numbers
    PSException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    OverflowError,
    ZeroDivisionError,
    RecursionError,
)


def _problem(exc: BaseException) -> InputProblem:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, InputProblem):  # the time bound (pdf_bounds.alarm), wrapped by pdfplumber
        return cause
    if isinstance(cause, PDFEncryptionError):  # a password is needed to open it
        return InputProblem(
            "E006",
            "文件已加密，需要密码才能打开",
            "it is encrypted and needs a password to open",
            format="PDF",
            format_en="PDF",
        )
    name = type(cause).__name__
    return InputProblem(
        "E008",
        f"文件结构无法解析（{name}）",
        f"its structure cannot be parsed ({name})",
        format="PDF",
        format_en="PDF",
    )


def _read_pages(data: bytes) -> list[PageContent]:
    budget = Budget()
    with alarm(budget):
        return _pages_within(data, budget)


def _pages_within(data: bytes, budget: Budget) -> list[PageContent]:
    contents = []
    # Not `with pdfplumber.open(…)`: its close() builds every page of the file, past the page
    # bound (20,000 pages took 6 s to refuse), and raises on a damaged one. The pages read are
    # closed one by one; the stream is ours.
    stream = io.BytesIO(data)
    pdf = pdfplumber.open(stream)
    try:
        for page in pages(pdf):
            budget.check()
            lay_out(page, budget)
            contents.append(read_page(page))
            page.close()
    finally:
        pdf.flush_cache()
        stream.close()
    if not contents:
        raise InputProblem("E008", "没有页面", "it has no pages", format="PDF", format_en="PDF")
    return contents


def _blocks(contents: list[PageContent]) -> tuple[Block, ...]:
    items: list[_Table | tuple[int, int, PageLine]] = []
    open_table: _Table | None = None  # the last table, while nothing has followed it
    for content in contents:
        line_on_page = 0
        for index, block in enumerate(content.blocks):
            if isinstance(block, PageLine):
                line_on_page += 1
                items.append((content.number, line_on_page, block))
                open_table = None
                continue
            if open_table is not None and index == 0 and _continues(open_table.last, block):
                rows = list(_without_repeated_header(open_table.first, block))
                if rows and _split_row(open_table.rows[-1][1], rows[0]):
                    page, last = open_table.rows[-1]
                    open_table.rows[-1] = (page, _joined_row(last, rows.pop(0)))
                open_table.rows += [(content.number, r) for r in rows]
                open_table.last = block
            else:
                open_table = _Table(block, block, [(content.number, r) for r in block.rows])
                items.append(open_table)
            if index != len(content.blocks) - 1:
                open_table = None
    out: list[Block] = []
    number = tables = 0
    for item in items:
        if isinstance(item, _Table):
            tables += 1
            out.append(_source_table(item, tables))
        else:
            page, on_page, line = item
            number += 1
            out.append(Line(number, line.text, line.text, origin=Location(page=page, line=on_page)))
    return tuple(out)


def _continues(previous: PageTable, table: PageTable) -> bool:
    """The same columns and the same sides: the next part of a table broken by the page."""
    return (
        _width(previous) == _width(table)
        and abs(previous.x0 - table.x0) <= _EDGE
        and abs(previous.x1 - table.x1) <= _EDGE
    )


def _width(table: PageTable) -> int:
    return max(len(r) for r in table.rows)


def _without_repeated_header(first: PageTable, table: PageTable) -> tuple[tuple[str | None, ...], ...]:
    repeated = 0
    while (
        repeated < min(len(first.rows), len(table.rows) - 1) and first.rows[repeated] == table.rows[repeated]
    ):
        repeated += 1
    return table.rows[repeated:]


_VALUE = re.compile(r"^[\d\s,.+\-/—]+$")
_ENUMERATED = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、])")
Row = tuple[str | None, ...]


def _split_row(last: Row, first: Row) -> bool:
    """Whether the first row of a table's next part is the rest of the row that ended the page: it
    has the same cells, only label text (no value, no new row number) and an empty cell where the
    row above has a value, as Word and LibreOffice draw a row that is allowed to break."""
    if len(last) != len(first):
        return False
    texts = [t for t in first if t]
    if not texts or any(_VALUE.match(t) or _ENUMERATED.match(t) for t in texts):
        return False
    return all((above is not None or not below) for above, below in zip(last, first, strict=True)) and any(
        above and _VALUE.match(above) and below == "" for above, below in zip(last, first, strict=True)
    )


def _joined_row(last: Row, rest: Row) -> Row:
    return tuple(
        above if not below or above is None else join_cell_lines(f"{above}\n{below}")
        for above, below in zip(last, rest, strict=True)
    )


def _source_table(table: _Table, number: int) -> SourceTable:
    rows = []
    for r, (page, row) in enumerate(table.rows, 1):
        cells = [text for text in row if text is not None]
        rows.append(
            tuple(
                SourceCell(text, Location(page=page, source_table=number, source_row=r, source_cell=c))
                for c, text in enumerate(cells, 1)
            )
        )
    first_page = table.rows[0][0] if table.rows else None
    return SourceTable(tuple(rows), Location(page=first_page, source_table=number))
