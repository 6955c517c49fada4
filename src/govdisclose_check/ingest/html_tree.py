"""The walk of a parsed HTML page in document order: text runs into lines, `<table>`s into source
tables, every block remembering the element it came from (the page reader keeps only the article's).

The walk is iterative (no recursion, whatever the nesting) and follows the source with a
`SourceMap`, so that each line knows the line and column of its first character in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs
from lxml import etree

from ..errors import InputProblem
from ..model import Location
from .html_source import SourceMap
from .html_text import cell_text, line_text, literal_prefix

BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ]
)
# Elements whose content is no text of the page (or, for nav/header/footer, not of the article).
HIDDEN = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "textarea",
        "button",
        "svg",
        "math",
        "nav",
        "header",
        "footer",
        "aside",
        "o:p",
        "xml",
    ]
)
RAW = frozenset({"script", "style"})  # their content may hold '<': the source is skipped to their end
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
MAX_TABLE_PARTS = 50_000  # rows and cells of all tables of a page
MAX_LAYOUT_CELL = 1_000  # a cell with more text than this lays out the page: it is no data cell

Element = Any  # lxml's _Element (its stubs are not installed)


@attrs.frozen
class TextBlock:
    text: str
    origin: Location
    element: Element


@attrs.frozen
class TableBlock:
    rows: tuple[tuple[tuple[str, Location], ...], ...]
    location: Location
    element: Element


@attrs.define
class Walk:
    source: SourceMap
    blocks: list[TextBlock | TableBlock] = attrs.field(factory=list)
    title: TextBlock | None = None
    tables: int = 0  # every <table> of the page, layout ones included
    parts: int = 0
    _pieces: list[tuple[str, int, Element]] = attrs.field(factory=list)

    # -- lines
    def _add(self, text: str | None, fallback: int, owner: Element, emit: bool) -> None:
        if not text:
            return
        start, prefix = literal_prefix(text)
        if start == len(text):
            if emit:
                self._pieces.append((text, fallback, owner))
            return
        found = self.source.text_run(prefix)
        if emit:
            self._pieces.append((text, fallback if found is None else found - start, owner))

    def flush(self) -> None:
        pieces, self._pieces = self._pieces, []
        text = line_text("".join(p[0] for p in pieces))
        if not text:
            return
        for piece, offset, owner in pieces:
            start, _ = literal_prefix(piece)
            if start < len(piece):
                line, column = self.source.line_col(offset + start)
                self.blocks.append(TextBlock(text, Location(line=line, column=column), owner))
                return

    # -- the walk
    def run(self, root: Element) -> None:
        # (element, emit, entering) — on leaving, the element's tail follows.
        stack: list[tuple[Element, bool, bool]] = [(root, True, True)]
        owners: list[Element] = [root]
        while stack:
            el, emit, entering = stack.pop()
            if not entering:
                self._leave(el, emit, owners)
                continue
            tag = _tag(el)
            if tag is None:  # a comment or processing instruction
                self.source.skip_past("-->" if isinstance(el, etree._Comment) else ">")
                self._add(el.tail, self.source.cursor, owners[-1], emit)
                continue
            at = self.source.tag(tag, el.sourceline)
            if tag in RAW:
                self.source.skip_past(f"</{tag}")
            shown = emit and tag not in HIDDEN and not _DISPLAY_NONE.search(el.get("style") or "")
            if tag == "title" and self.title is None:
                text = line_text(el.text or "")
                if text:
                    self.title = TextBlock(text, _loc(self.source, at), el)
            if tag in BLOCK or tag == "br":
                self.flush()
            if tag == "table" and self._data_table(el):
                self.tables += 1
                self._table(el, at, shown)
                stack.append((el, emit, False))
                continue
            if tag == "table":
                self.tables += 1
            stack.append((el, emit, False))
            owners.append(el)
            if tag not in RAW:
                self._add(el.text, at, el, shown)
                stack.extend((child, shown, True) for child in reversed(el))
            continue

    def _leave(self, el: Element, emit: bool, owners: list[Element]) -> None:
        tag = _tag(el)
        if owners and owners[-1] is el:
            owners.pop()
        if tag in BLOCK:
            self.flush()
        self._add(el.tail, self.source.cursor, owners[-1] if owners else el, emit)

    def _data_table(self, table: Element) -> bool:
        """A table that holds tables, or a cell of a page's worth of text, lays the page out."""
        if next(table.iterdescendants("table"), None) is not None:
            return False
        return all(sum(map(len, cell.itertext())) <= MAX_LAYOUT_CELL for cell in _cells_of(table))

    def _table(self, table: Element, at: int, shown: bool) -> None:
        number = self.tables
        rows: list[tuple[tuple[str, Location], ...]] = []
        for r, tr in enumerate(_rows_of(table), 1):
            self._count()
            self.source.tag("tr", tr.sourceline)
            cells: list[tuple[str, Location]] = []
            for c, td in enumerate(_cells(tr), 1):
                self._count()
                line, column = self.source.line_col(self.source.tag(_tag(td) or "td", td.sourceline))
                location = Location(
                    line=line, column=column, source_table=number, source_row=r, source_cell=c
                )
                if len(td):
                    cells.append((cell_text("".join(_cell_runs(td))), location))
                    _skip_raw(self.source, td)
                else:
                    cells.append((cell_text(td.text or ""), location))
            rows.append(tuple(cells))
        if shown:
            self.blocks.append(TableBlock(tuple(rows), _loc(self.source, at, number), table))

    def _count(self) -> None:
        self.parts += 1
        if self.parts > MAX_TABLE_PARTS:
            raise InputProblem(
                "E009",
                f"表格的行和单元格超过{MAX_TABLE_PARTS}个",
                f"more than {MAX_TABLE_PARTS} table rows and cells",
                format="HTML网页",
                format_en="HTML page",
            )


def _tag(el: Element) -> str | None:
    """The element's name (lxml's HTML parser gives it in lower case); None for a comment or PI."""
    tag = el.tag
    return tag if isinstance(tag, str) else None


def _loc(source: SourceMap, offset: int, table: int | None = None) -> Location:
    line, column = source.line_col(offset)
    return Location(line=line, column=column, source_table=table)


def _rows_of(table: Element) -> Iterator[Element]:
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _cells(tr: Element) -> Iterator[Element]:
    return (cell for cell in tr if _tag(cell) in ("td", "th"))


def _cells_of(table: Element) -> Iterator[Element]:
    for tr in _rows_of(table):
        yield from _cells(tr)


def _cell_runs(cell: Element) -> Iterator[str]:
    """The text of a cell in order, a line break for each block element and <br>; hidden content
    (scripts, Office's <o:p>, display:none) left out. Iterative: a cell may nest deeply."""
    stack: list[tuple[Element, bool]] = [(cell, True)]
    while stack:
        el, entering = stack.pop()
        tag = _tag(el)
        if not entering:
            if tag in BLOCK:
                yield "\n"
            if el is not cell and el.tail:
                yield el.tail
            continue
        stack.append((el, False))
        if tag is None or tag in HIDDEN or _DISPLAY_NONE.search(el.get("style") or ""):
            continue
        if tag in BLOCK or tag == "br":
            yield "\n"
        if el.text:
            yield el.text
        stack.extend((child, True) for child in reversed(el))


def _skip_raw(source: SourceMap, cell: Element) -> None:
    """Keep the source cursor out of scripts and comments inside a cell, where '<td' may be written."""
    for el in cell.iter(etree.Comment, "script", "style"):
        if isinstance(el, etree._Comment):
            source.skip_past("-->")
        else:
            source.tag(el.tag, el.sourceline)
            source.skip_past(f"</{el.tag}")
