"""Word (DOCX) into a `Document`: paragraphs and tables in reading order, merged cells given once.

python-docx's packaging layer finds the main part through the package relationships; that part
alone is parsed (entities left unresolved, no DTD, no network: styles,
themes and images are never read) and its body walked here, because python-docx's own views repeat
a merged cell in every grid column and row it spans, and its paragraph text leaves out runs inside
insertions, content controls and fields.

Each run is read once: deleted text (`w:del`, `w:delText`), field instructions (`w:instrText`) and
the VML copy of a text box (`mc:Fallback`) are skipped; a text box's paragraphs come after the
paragraph that anchors it. A table cell is one `SourceCell` whatever its paragraphs and runs; the
continuation of a vertical merge is omitted. A table with a table inside one of its cells is a
layout table: its cells' paragraphs and tables are read as blocks of their own.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import NoReturn

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.oxml.ns import qn
from lxml import etree

from ..document import Block, Document, Line, SourceCell, SourceTable
from ..errors import InputProblem
from ..model import Location
from .archive import open_zip

FORMAT_ZH = "Word（DOCX）"
FORMAT_EN = "Word (DOCX)"

MAX_XML_PART = 16_000_000  # bytes of one inflated XML part
MAX_PARAGRAPHS = 100_000
MAX_CELLS = 200_000
MAX_NESTING = 32  # tables in tables, text boxes in text boxes

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _TAB, _PTAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_TCPR, _VMERGE, _VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
_RPR, _VANISH = qn("w:rPr"), qn("w:vanish")
_TXBX = qn("w:txbxContent")
_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees with no text a reader sees: deleted or moved-away runs, properties, the VML fallback.
_SKIP = frozenset(
    qn(t) for t in ("w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:sectPr", "w:tblGrid")
) | {_FALLBACK}
# Containers whose children are blocks (paragraphs and tables), or rows, or cells.
_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo"))
_FALSE = frozenset(("0", "false", "off"))
# No entity is expanded, no DTD or external resource loaded; libxml2's default depth and size
# limits stay on (no huge_tree).
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read(data: bytes, path: str | None) -> Document:
    root = _main_part(data)
    body = root.find(qn("w:body"))
    if body is None:
        _damaged("主文档部件缺少正文（w:body）", "the main part has no body (w:body)")
    try:
        blocks = tuple(_Walker().blocks(body, 0))
    except RecursionError:  # not reached while libxml2 bounds the depth of the XML at 256
        _over("XML嵌套过深", "the XML is nested too deep")
    return Document(path=path, encoding=None, blocks=blocks)


def _main_part(data: bytes) -> etree._Element:
    """The main document part, found through the package relationships as python-docx finds it,
    and parsed with entities left unresolved, no network and no DTD; no other part is parsed."""
    archive = open_zip(data, FORMAT_ZH, FORMAT_EN)  # also applied when the format was detected
    try:
        partname = _main_partname(archive)
        size = archive.getinfo(partname.membername).file_size
        if size > MAX_XML_PART:
            _over(
                f"主文档部件解压后{size}字节，上限{MAX_XML_PART}",
                f"the main part inflates to {size} bytes, limit {MAX_XML_PART}",
            )
        blob = archive.read(partname.membername)
    except InputProblem:
        raise
    except Exception as exc:  # zipfile, python-docx and lxml each raise their own kinds
        _damaged(
            f"无法找到或读取主文档部件（{_why(exc)}）", f"the main part cannot be found or read ({_why(exc)})"
        )
    prolog = blob[:4096]
    if any(mark in prolog for mark in _DOCTYPE_MARKS):
        _refuse_dtd()
    try:
        root = etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        _damaged(
            f"主文档部件不是完好的XML（{_why(exc)}）", f"the main part is not well-formed XML ({_why(exc)})"
        )
    if root.getroottree().docinfo.doctype:
        _refuse_dtd()
    return root


def _refuse_dtd() -> NoReturn:
    _over(
        "正文的XML带有文档类型声明（DTD，可用于实体扩展或外部实体），Word从不写入，拒绝读取",
        "the main part's XML declares a DTD (entity expansion or external entities), which Word "
        "never writes; refused",
    )


def _main_partname(archive: zipfile.ZipFile) -> PackURI:
    """The target of the package's officeDocument relationship; word/document.xml, where Word puts
    it, if the package has no relationships."""
    rels = PACKAGE_URI.rels_uri.membername
    if rels not in archive.namelist():
        return PackURI("/word/document.xml")
    if archive.getinfo(rels).file_size > MAX_XML_PART:
        _over(f"部件{rels}过大", f"part {rels} is too large")
    for rel in etree.fromstring(archive.read(rels), _PARSER):
        if rel.get("Type") == RT.OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            return PackURI.from_rel_ref(PACKAGE_URI.baseURI, rel.get("Target", ""))
    _damaged("包关系中没有主文档", "the package relationships name no main document")


def _why(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:120]}" if text else type(exc).__name__


def _over(zh: str, en: str) -> NoReturn:
    raise InputProblem("E009", zh, en, format=FORMAT_ZH, format_en=FORMAT_EN)


def _damaged(zh: str, en: str) -> NoReturn:
    raise InputProblem("E008", zh, en, format=FORMAT_ZH, format_en=FORMAT_EN)


class _Walker:
    """Walks the body once, numbering lines, paragraphs and tables in reading order."""

    def __init__(self) -> None:
        self.lines = 0
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    def blocks(self, parent: etree._Element, depth: int) -> Iterator[Block]:
        """The blocks of a body, a cell of a layout table, or a text box."""
        if depth > MAX_NESTING:
            _over(
                f"表格或文本框嵌套超过{MAX_NESTING}层",
                f"tables or text boxes nested more than {MAX_NESTING} deep",
            )
        for child in parent:
            tag = child.tag
            if tag == _P:
                yield from self.paragraph(child, depth)
            elif tag == _TBL:
                yield from self.table(child, depth)
            elif tag in _WRAPPERS:
                yield from self.blocks(child, depth)

    def paragraph(self, p: etree._Element, depth: int) -> Iterator[Block]:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            _over(f"段落超过{MAX_PARAGRAPHS}个", f"more than {MAX_PARAGRAPHS} paragraphs")
        boxes: list[etree._Element] = []
        text = "".join(_runs(p, boxes))
        origin = Location(paragraph=self.paragraphs)
        for part in text.split("\n"):
            if part.strip():
                self.lines += 1
                yield Line(number=self.lines, text=part, original=part, origin=origin)
        for box in boxes:
            yield from self.blocks(box, depth + 1)

    def table(self, tbl: etree._Element, depth: int) -> Iterator[Block]:
        self.tables += 1
        number = self.tables
        rows = list(_children(tbl, _TR))
        grid = [[tc for tc in _children(tr, _TC) if not _continues(tc)] for tr in rows]
        self.cells += sum(len(row) for row in grid)
        if self.cells > MAX_CELLS:
            _over(f"表格单元格超过{MAX_CELLS}个", f"more than {MAX_CELLS} table cells")
        if any(tc.find(_TBL) is not None for row in grid for tc in row):
            for row in grid:
                for tc in row:
                    yield from self.blocks(tc, depth + 1)
            return
        boxes: list[etree._Element] = []
        out_rows = tuple(
            tuple(
                SourceCell(
                    _cell_text(tc, boxes),
                    Location(source_table=number, source_row=r, source_cell=c),
                )
                for c, tc in enumerate(row, 1)
            )
            for r, row in enumerate(grid, 1)
        )
        yield SourceTable(out_rows, Location(source_table=number))
        for box in boxes:
            yield from self.blocks(box, depth + 1)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The children with `tag`, also those wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _continues(tc: etree._Element) -> bool:
    """A cell that continues a vertical merge from the row above (`<w:vMerge/>` without restart)."""
    merge = _property(tc, _TCPR, _VMERGE)
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _property(element: etree._Element, properties: str, name: str) -> etree._Element | None:
    """A child of the element's properties (`w:tcPr`, `w:rPr`: the first child by the schema);
    looked up by hand, which is several times faster than `find` with a namespaced tag."""
    if not len(element) or element[0].tag != properties:
        return None
    for child in element[0]:
        if child.tag == name:
            return child
    return None


def _cell_text(tc: etree._Element, boxes: list[etree._Element]) -> str:
    """A cell's paragraphs and runs as one text: a label wrapped over lines or paragraphs reads as
    one label (pieces joined without a space, except between two Latin letters or digits), digits
    in separate runs as one number."""
    text = ""
    for p in _children(tc, _P):
        for line in "".join(_runs(p, boxes)).replace("\t", "\n").split("\n"):
            piece = line.strip()
            if not piece:
                continue
            if text and _word_char(text[-1]) and _word_char(piece[0]):
                text += " "
            text += piece
    return text


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _runs(p: etree._Element, boxes: list[etree._Element]) -> Iterator[str]:
    """The text of a paragraph, each run once; text boxes met on the way are added to `boxes`."""
    for child in p:
        tag = child.tag
        if tag == _R:
            if not _hidden(child):
                yield from _run_text(child, boxes)
        elif tag in (_P, _TBL):  # a cell's paragraph inside p (never valid, but seen)
            continue
        elif tag not in _SKIP:
            yield from _runs(child, boxes)  # hyperlinks, fields, insertions, smart tags, controls


def _run_text(r: etree._Element, boxes: list[etree._Element]) -> Iterator[str]:
    for child in r:
        tag = child.tag
        if tag == _T:
            if child.text:
                yield child.text
        elif tag in (_TAB, _PTAB):
            yield "\t"
        elif tag in (_BR, _CR):
            yield "\n"
        elif tag == _NO_BREAK_HYPHEN:
            yield "-"
        elif tag not in _SKIP:
            _find_boxes(child, boxes)


def _find_boxes(element: etree._Element, boxes: list[etree._Element]) -> None:
    """The text boxes in a drawing or picture, the first choice of an alternate content only."""
    for child in element:
        tag = child.tag
        if tag == _TXBX:
            boxes.append(child)
        elif tag == _CHOICE:
            _find_boxes(child, boxes)
            return  # a later Choice or the Fallback is another rendering of the same content
        elif tag not in _SKIP:
            _find_boxes(child, boxes)


def _hidden(r: etree._Element) -> bool:
    vanish = _property(r, _RPR, _VANISH)
    return vanish is not None and vanish.get(_VAL, "true") not in _FALSE
