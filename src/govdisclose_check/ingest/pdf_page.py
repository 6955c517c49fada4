"""One PDF page as blocks in reading order: ruled tables, and the text lines outside them.

Tables are found from the page's ruling lines (pdfplumber's `lines` strategy): each cell is one
rectangle of the grid, and a merged cell is one cell (pdfplumber gives None for the grid places it
covers). A cell's text wrapped over several lines is joined back into one label. The text outside
tables is grouped into visual lines; where two pieces of a line stand far apart (the columns of a
table drawn without rules) they are separated by a tab, so that the text parser reads them as cells.
Page numbers in the top or bottom margin ("— 3 —", "第 3 页", "3/12") are left out.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from pdfplumber.page import Page
from pdfplumber.table import Table

from .pdf_bounds import MAX_EDGES, over_limit

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TAB_GAP = 1.5  # a gap wider than this many character widths separates two cells of a line
_SPACE_GAP = 0.2
_MARGIN = 0.1  # the top and bottom tenth of a page hold its running header and footer
_PAGE_NUMBER = re.compile(
    r"^[-—–－_~\s]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?|page\s*\d+(?:\s*of\s*\d+)?)"
    r"[-—–－_~\s]*$",
    re.IGNORECASE,
)


@attrs.frozen
class PageTable:
    rows: tuple[tuple[str | None, ...], ...]  # None: a grid place covered by a merged cell
    x0: float
    x1: float
    top: float
    bottom: float


@attrs.frozen
class PageLine:
    text: str
    top: float


PageBlock = PageTable | PageLine


@attrs.frozen
class PageContent:
    number: int
    blocks: tuple[PageBlock, ...]
    chars: int  # characters with a readable text
    unreadable: int  # characters of a font without a map to Unicode ("(cid:12)")
    images: int


def read_page(page: Page) -> PageContent:
    edges = len(page.lines) + len(page.rects) + len(page.curves)
    if edges > MAX_EDGES:
        raise over_limit(
            f"第{page.page_number}页有{edges}条线和矩形，上限为{MAX_EDGES}",
            f"page {page.page_number} has {edges} lines and rectangles; the bound is {MAX_EDGES}",
        )
    tables = [t for t in page.find_tables(_SETTINGS) if _real(t)]
    blocks: list[PageBlock] = [_table(t) for t in tables]
    boxes = [t.bbox for t in tables]
    chars = [c for c in page.chars if not c["text"].startswith("(cid:")]
    unreadable = len(page.chars) - len(chars)
    outside = [c for c in chars if not any(_inside(c, box) for box in boxes)]
    lines = _lines(outside)
    blocks += _without_page_numbers(lines, float(page.height))
    blocks.sort(key=lambda b: b.top)
    return PageContent(page.page_number, tuple(blocks), len(chars), unreadable, len(page.images))


def _real(table: Table) -> bool:
    """A table of at least two rows and two columns: a lone box around a paragraph is text."""
    return len(table.rows) >= 2 and max(len(r.cells) for r in table.rows) >= 2


def _table(table: Table) -> PageTable:
    rows = tuple(
        tuple(None if text is None else join_cell_lines(text) for text in row) for row in table.extract()
    )
    x0, top, x1, bottom = table.bbox
    return PageTable(rows, float(x0), float(x1), float(top), float(bottom))


def join_cell_lines(text: str) -> str:
    """A cell's lines as one text: wrapped Chinese joins without a space, words of Latin letters or
    digits split over two lines keep one."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        out += (
            " " if out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum() else ""
        ) + part
    return out


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _lines(chars: list[dict[str, Any]]) -> list[PageLine]:
    """Characters grouped into visual lines (by the vertical middle), each read left to right."""
    chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    groups: list[list[dict[str, Any]]] = []
    middle = -1e9
    for char in chars:
        mid = (char["top"] + char["bottom"]) / 2
        if groups and abs(mid - middle) <= max(char["size"], 1.0) * 0.5:
            groups[-1].append(char)
        else:
            groups.append([char])
            middle = mid
    return [line for group in groups if (line := _line(group)) is not None]


def _line(group: list[dict[str, Any]]) -> PageLine | None:
    group.sort(key=lambda c: c["x0"])
    text = ""
    end = None
    for char in group:
        if end is not None:
            gap = (char["x0"] - end) / max(char["size"], 1.0)
            if gap > _TAB_GAP:
                text = text.rstrip(" ") + "\t"
            elif gap > _SPACE_GAP and not text.endswith((" ", "\t")) and char["text"] != " ":
                text += " "
        text += char["text"]
        end = char["x1"] if end is None else max(end, char["x1"])
    text = text.strip(" ")
    if not text.strip():
        return None
    return PageLine(text, min(float(c["top"]) for c in group))


def _without_page_numbers(lines: list[PageLine], height: float) -> list[PageLine]:
    return [
        line
        for line in lines
        if not (
            (line.top < height * _MARGIN or line.top > height * (1 - _MARGIN))
            and _PAGE_NUMBER.match(line.text.replace("\t", " "))
        )
    ]
