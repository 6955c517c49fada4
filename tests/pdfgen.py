"""Synthetic reports drawn as PDF the way Word, WPS and LibreOffice export them.

`render_pdf(report)` draws a `reportgen.SyntheticReport` on A4 pages with reportlab's built-in CID
font STSong-Light: every line of text and every line of every cell is its own positioned string,
the tables are ruled with the official template's merged cells (table 三's note and group labels
merged vertically, 法人或其他组织 over five columns, table 四's two-level header), long labels wrap
over two to four lines inside their cells, table 三 breaks across a page (its header repeated on
the next page or not), and every page has a page number in its footer.

`Edits` changes the drawn report the way the text tests change theirs: a cell written with other
text, a row left out, a section heading left out.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageDraw
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from govdisclose_check.catalog import RowSpec, TableSpec
from reportgen import HEADINGS, T3_NOTE, SyntheticReport, show, spec

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = 595.0, 842.0  # A4
LEFT, RIGHT, TOP, BOTTOM = 60.0, 535.0, 780.0, 72.0
WIDTH = RIGHT - LEFT
CELL_FONT, TEXT_FONT, PAD, LEADING = 9.0, 11.0, 3.0, 1.35

CellKey = tuple[str, str, str]  # (table, row, column)


@dataclass
class Edits:
    cells: dict[CellKey, str] = field(default_factory=dict)  # text written instead of the value
    drop_rows: set[tuple[str, str]] = field(default_factory=set)  # (table, row) left out
    drop_headings: set[str] = field(default_factory=set)  # section keys whose heading is left out


@dataclass
class Cell:
    text: str
    col: int
    span: int = 1
    rows: int = 1


@dataclass
class Grid:
    widths: list[float]
    rows: list[list[Cell]]
    header: int = 0  # the number of header rows (repeated on a new page if asked)


# ------------------------------------------------------------------------------------ tables


def _value(report: SyntheticReport, edits: Edits, table: str, row: str, col: str, kind: str) -> str:
    values = {"table2": report.table2, "table3": report.table3, "table4": report.table4}[table]
    return edits.cells.get((table, row, col), show(values[row][col], kind))


def table2_grid(report: SyntheticReport, edits: Edits) -> Grid:
    table = spec(report.template, "table2")
    width = max(len(r.columns) for r in table.value_rows)
    rows: list[list[Cell]] = []
    for group in (r for r in table.rows if r.group):
        children = [r for r in table.value_rows if r.parent == group.key]
        columns = children[0].columns
        rows.append([Cell(group.label, 0, width + 1)])
        spans = _spread(len(columns), width)
        rows.append([Cell("信息内容", 0), *_cells([table.column(c).label for c in columns], spans)])
        for child in children:
            if ("table2", child.key) in edits.drop_rows:
                continue
            texts = [_value(report, edits, "table2", child.key, c, table.column(c).kind) for c in columns]
            rows.append([Cell(child.label, 0), *_cells(texts, spans)])
    return Grid([145.0] + [(WIDTH - 145.0) / width] * width, rows)


def _spread(count: int, width: int) -> list[int]:
    """Spans of `count` cells over `width` grid columns: the last cell takes what is left."""
    return [1] * (count - 1) + [width - count + 1]


def _cells(texts: list[str], spans: list[int], first: int = 1) -> list[Cell]:
    out = []
    col = first
    for text, span in zip(texts, spans, strict=True):
        out.append(Cell(text, col, span))
        col += span
    return out


def table3_grid(report: SyntheticReport, edits: Edits) -> Grid:
    """The official template: three label columns (group, subgroup, item) and seven value columns."""
    table = spec(report.template, "table3")
    cols = [c.key for c in table.columns]
    rows: list[list[Cell]] = [
        [Cell(T3_NOTE, 0, 3, 3), Cell("申请人情况", 3, 7)],
        [Cell("自然人", 3, 1, 2), Cell("法人或其他组织", 4, 5), Cell("总计", 9, 1, 2)],
        [
            Cell(label, 4 + i)
            for i, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
        ],
    ]
    kept = [r for r in table.rows if r.group or ("table3", r.key) not in edits.drop_rows]
    depth = {
        r.key: 0 if r.parent is None else 1 + (0 if _parent(table, r).parent is None else 1) for r in kept
    }
    pending: dict[int, Cell] = {}  # group cells waiting for their first value row, by depth
    for row in kept:
        if row.group:
            children = _descendants(kept, row.key)
            pending[depth[row.key]] = Cell(row.label, depth[row.key], 1, len(children))
            continue
        cells = [pending.pop(d) for d in sorted(pending)]
        start = depth[row.key]
        cells.append(Cell(row.label, start, 3 - start))
        cells += [
            Cell(_value(report, edits, "table3", row.key, c, "count"), 3 + i) for i, c in enumerate(cols)
        ]
        rows.append(cells)
    return Grid([40.0, 62.0, 128.0] + [35.0] * 7, rows, header=3)


def _parent(table: TableSpec, row: RowSpec) -> RowSpec:
    assert row.parent is not None
    return table.row(row.parent)


def _descendants(rows: list[RowSpec], key: str) -> list[RowSpec]:
    """The value rows under the group `key`, at any depth."""
    out = []
    parents = {key}
    for row in rows:
        if row.parent in parents:
            if row.group:
                parents.add(row.key)
            else:
                out.append(row)
    return out


def table4_grid(report: SyntheticReport, edits: Edits) -> Grid:
    table = spec(report.template, "table4")
    cols = [c.key for c in table.columns]
    labels = [table.column(c).label for c in cols]
    rows = [
        [Cell("行政复议", 0, 5), Cell("行政诉讼", 5, 10)],
        [
            *(Cell(label, i, 1, 2) for i, label in enumerate(labels)),
            Cell("未经复议直接起诉", 5, 5),
            Cell("复议后起诉", 10, 5),
        ],
        [Cell(label, 5 + i) for i, label in enumerate(labels * 2)],
        [
            Cell(_value(report, edits, "table4", r.key, c, "count"), i * 5 + j)
            for i, r in enumerate(table.rows)
            for j, c in enumerate(cols)
        ],
    ]
    return Grid([WIDTH / 15] * 15, rows, header=3)


# ------------------------------------------------------------------------------------ drawing


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrapping by character (Chinese text breaks anywhere)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and pdfmetrics.stringWidth(current + char, FONT, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    return [*lines, current] if current or not lines else lines


class Painter:
    def __init__(self, footer: str, encrypt: StandardEncryption | None = None) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_W, PAGE_H), invariant=True, encrypt=encrypt)
        self.footer = footer
        self.page = 1
        self.y = TOP
        self.tops: dict[int, float] = {}  # the top of each row of the table being drawn
        self.ruled = True

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP

    def _footer(self) -> None:
        text = f"— {self.page} —" if self.footer == "dash" else f"第 {self.page} 页"
        self.canvas.setFont(FONT, 9)
        self.canvas.drawCentredString(PAGE_W / 2, 40, text)

    def finish(self) -> bytes:
        self._footer()
        self.canvas.save()
        return self.buffer.getvalue()

    def paragraph(self, text: str, size: float = TEXT_FONT, align: str = "left", indent: int = 2) -> None:
        first = size * indent
        for i, line in enumerate(wrap(text, WIDTH - first, size) if align == "left" else [text]):
            if self.y - size * LEADING < BOTTOM:
                self.new_page()
            self.y -= size * LEADING
            self.canvas.setFont(FONT, size)
            if align == "center":
                self.canvas.drawCentredString(PAGE_W / 2, self.y, line)
            elif align == "right":
                self.canvas.drawRightString(RIGHT, self.y, line)
            else:
                self.canvas.drawString(LEFT + (first if i == 0 else 0), self.y, line)
        self.y -= size * 0.4

    # -- tables

    def table(self, grid: Grid, repeat_header: bool) -> None:
        xs = [LEFT]
        for w in grid.widths:
            xs.append(xs[-1] + w)
        heights = _row_heights(grid, xs)
        owner = _owners(grid)
        lines = {
            id(c): wrap(c.text, xs[c.col + c.span] - xs[c.col] - 2 * PAD, CELL_FONT)
            for r in grid.rows
            for c in r
        }
        self.y -= 4
        self.tops = {}
        on_page: list[int] = []
        for r in range(len(grid.rows)):
            if on_page and self.y - heights[r] < BOTTOM and _may_break(grid, heights, lines, r):
                self._rule_rows(grid, xs, heights, owner, on_page)
                self.new_page()
                on_page = []
                if repeat_header and r >= grid.header:
                    for h in range(grid.header):
                        self._draw_row(grid, xs, heights, lines, h)
                        on_page.append(h)
                    self._rule_rows(grid, xs, heights, owner, on_page)
                    on_page = []
            self._draw_row(grid, xs, heights, lines, r)
            on_page.append(r)
        self._rule_rows(grid, xs, heights, owner, on_page)
        self.y -= 8

    def _draw_row(
        self, grid: Grid, xs: list[float], heights: list[float], lines: dict[int, list[str]], r: int
    ) -> None:
        top = self.y
        self.canvas.setFont(FONT, CELL_FONT)
        for cell in grid.rows[r]:
            left, right = xs[cell.col], xs[cell.col + cell.span]
            for i, line in enumerate(lines[id(cell)]):
                baseline = top - PAD - CELL_FONT * (i + 1) * LEADING + CELL_FONT * 0.3
                self.canvas.drawCentredString((left + right) / 2, baseline, line)
        self.y -= heights[r]
        self.tops[r] = top

    def _rule_rows(
        self, grid: Grid, xs: list[float], heights: list[float], owner: list[list[int]], rows: list[int]
    ) -> None:
        """The ruling lines of the rows drawn on this page: each cell's borders, cut at the page."""
        c = self.canvas
        if not self.ruled:
            return
        c.setLineWidth(0.6)
        for n, r in enumerate(rows):
            top = self.tops[r]
            bottom = top - heights[r]
            first, last = n == 0, n == len(rows) - 1
            for col in range(len(grid.widths)):
                cell_id = owner[r][col]
                left, right = xs[col], xs[col + 1]
                if col == 0 or owner[r][col - 1] != cell_id:
                    c.line(left, top, left, bottom)
                above = owner[r - 1][col] if r > 0 and not first else -1
                if above != cell_id:
                    c.line(left, top, right, top)
                below = owner[r + 1][col] if r + 1 < len(grid.rows) and not last else -1
                if below != cell_id:
                    c.line(left, bottom, right, bottom)
            c.line(xs[-1], top, xs[-1], bottom)


def _owners(grid: Grid) -> list[list[int]]:
    """For each row and grid column, the number of the cell that covers it."""
    owner = [[-1] * len(grid.widths) for _ in grid.rows]
    number = 0
    for r, row in enumerate(grid.rows):
        for cell in row:
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    owner[r + dr][cell.col + dc] = number
            number += 1
    return owner


def _row_heights(grid: Grid, xs: list[float]) -> list[float]:
    def need(cell: Cell) -> float:
        count = len(wrap(cell.text, xs[cell.col + cell.span] - xs[cell.col] - 2 * PAD, CELL_FONT))
        return count * CELL_FONT * LEADING + 2 * PAD

    heights = [
        max([need(c) for c in row if c.rows == 1] + [CELL_FONT * LEADING + 2 * PAD]) for row in grid.rows
    ]
    for r, row in enumerate(grid.rows):
        for cell in row:
            if cell.rows > 1:
                short = need(cell) - sum(heights[r : r + cell.rows])
                if short > 0:
                    heights[r + cell.rows - 1] += short
    return heights


def _may_break(grid: Grid, heights: list[float], lines: dict[int, list[str]], r: int) -> bool:
    """A page may break before row `r` unless the text of a merged cell above would be cut."""
    for o, row in enumerate(grid.rows[:r]):
        for cell in row:
            if o + cell.rows > r and sum(heights[o:r]) < len(lines[id(cell)]) * CELL_FONT * LEADING + 2 * PAD:
                return False
    return True


# ------------------------------------------------------------------------------------ the report


def render_pdf(
    report: SyntheticReport,
    edits: Edits | None = None,
    *,
    repeat_header: bool = True,
    footer: str = "dash",
    ruled: bool = True,
    passwords: tuple[str, str] | None = None,
    cover: Sequence[str] = (),
) -> bytes:
    """The report as a PDF: headings and paragraphs as text lines, tables 二, 三 and 四 ruled (or,
    with `ruled=False`, the same cells without a line). `passwords` (user, owner) encrypt it, with
    copying forbidden; an empty user password opens it without asking, as many portals publish.
    `cover`: lines of a first page of their own, the title then on page 2."""
    edits = edits or Edits()
    h = {**HEADINGS, **report.headings}
    encrypt = None
    if passwords is not None:
        encrypt = StandardEncryption(passwords[0], passwords[1], canPrint=1, canCopy=0, canModify=0)
    p = Painter(footer, encrypt)
    p.ruled = ruled
    if cover:
        for line in cover:
            p.paragraph(line, 16, "center")
        p.new_page()
    p.paragraph(f"{report.body}{report.year}年政府信息公开工作年度报告", 16, "center")
    p.y -= 10
    p.paragraph(f"本报告所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。")
    for key, item in _sections(report):
        if key not in edits.drop_headings:
            p.paragraph(h[key], 12, indent=0)
        if isinstance(item, str):
            p.paragraph(item)
        else:
            p.table(item(report, edits), repeat_header)
    p.paragraph(report.body, align="right")
    p.paragraph(f"{report.year + 1}年1月20日", align="right")
    return p.finish()


GridMaker = Callable[[SyntheticReport, Edits], Grid]


def _sections(report: SyntheticReport) -> Iterator[tuple[str, str | GridMaker]]:
    yield (
        "overview",
        f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，做好政府信息公开工作。",
    )
    yield "proactive", table2_grid
    yield "requests", table3_grid
    yield "review_litigation", table4_grid
    yield "problems", "存在的问题是公开的及时性有待提高。下一步将加强培训，提高公开质量。"
    yield "other", report.fee_sentence


# ------------------------------------------------------------------------------------ scans, hostile files


def scan_pdf(pages: int = 2) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number in range(pages):
        image = Image.new("L", (300, 420), 255)
        ImageDraw.Draw(image).rectangle((30, 30 + number, 270, 60), fill=0)
        canvas.drawImage(ImageReader(image), 0, 0, 595, 842)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def raw_pdf(page_contents: list[bytes], *, compress: bool = True, count: int | None = None) -> bytes:
    """A minimal PDF written by hand: one page per content stream (pages may share one stream
    object when they are the same bytes), with a correct cross-reference table. `count` overrides
    the page count the page tree states."""
    streams: dict[bytes, int] = {}
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in page_contents:
        if content not in streams:
            body = zlib.compress(content, 9) if compress else content
            head = b"<< /Length %d%s >>" % (len(body), b" /Filter /FlateDecode" if compress else b"")
            objects.append(head + b"\nstream\n" + body + b"\nendstream")
            streams[content] = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % streams[content]
        )
        kids.append(b"%d 0 R" % len(objects))
    stated = len(kids) if count is None else count
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % stated
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
