"""Word's markup read as a reader of the printed page reads it: every run once, in reading order.

Each test writes the markup Word, WPS or LibreOffice leave in real reports, and the quirks of
spec/formats.md ("In published web pages (HTML) and office files") that apply to DOCX.
"""

from __future__ import annotations

import copy
import io
import random

import docx
import pytest
from docx.oxml import parse_xml
from docx.table import _Cell

from docx_xml import DECLARATIONS, body_docx, p, r, tbl, tc, tr
from docxgen import fill_template, render_docx, set_cell, text_of, to_bytes
from govdisclose_check import check_bytes, check_text, parse_bytes
from govdisclose_check.document import Document, Line, SourceTable
from govdisclose_check.ingest import docx_file
from govdisclose_check.model import Location
from reportgen import random_report
from test_docx import keys, lines, needs_template, tables, texts


def read_body(body: str) -> Document:
    return docx_file.read(body_docx(body), "t.docx")


def cell_of(*paragraphs: str) -> str:
    return texts(tables(read_body(tbl(tr(tc(*paragraphs)))))[0])[0][0]


# ------------------------------------------------------------------ runs read once


def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    box = f"<w:txbxContent>{p('五、存在的主要问题及改进情况')}</w:txbxContent>"
    drawing = (
        "<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>"
        f"{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    vml = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    alternate = (
        f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>"
    )
    document = read_body(
        f"<w:p>{r('前文')}<w:r>{alternate}</w:r>{r('后文')}</w:p>"
        f"<w:p><w:r>{vml}</w:r></w:p>"  # a text box in VML only (older Word, WPS)
    )
    assert lines(document) == ["前文后文", "五、存在的主要问题及改进情况", "五、存在的主要问题及改进情况"]
    assert [b.origin.paragraph for b in document.blocks if isinstance(b, Line) and b.origin] == [1, 2, 4]


def test_revisions_fields_and_hidden_text() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    document = read_body(
        "<w:p>"
        + r("本年")
        + '<w:del w:id="1" w:author="x"><w:r><w:delText>删去</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="x">'
        + r("新收")
        + "</w:ins>"
        + "<w:moveFrom>"
        + r("移走")
        + "</w:moveFrom><w:moveTo>"
        + r("申请")
        + "</w:moveTo>"
        + "</w:p>"
        + "<w:p>"
        + r("第")
        + field
        + r("页")
        + "</w:p>"
        + '<w:p><w:fldSimple w:instr=" DOCPROPERTY body ">'
        + r("某某市")
        + "</w:fldSimple><w:hyperlink>"
        + r("人民政府")
        + "</w:hyperlink></w:p>"
        + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
        + "<w:t>显示</w:t></w:r></w:p>"
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + p("控件中的段落")
        + "</w:sdtContent></w:sdt>"
    )
    assert lines(document) == ["本年新收申请", "第3页", "某某市人民政府", "显示", "控件中的段落"]


def test_tabs_and_line_breaks_in_a_paragraph() -> None:
    document = read_body(
        "<w:p>" + r("规章") + "<w:r><w:tab/><w:t>3</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
    )
    assert lines(document) == ["规章\t3", "第二行"]
    assert {b.origin for b in document.blocks if isinstance(b, Line)} == {Location(paragraph=1)}


# ------------------------------------------------------------------ cells (spec/formats.md quirks)


def test_numbers_split_into_runs_are_one_number() -> None:
    assert cell_of("<w:p>" + r("2") + r("0") + "</w:p>") == "20"
    assert cell_of("<w:p>" + r("\u00a0") + r("0") + r("\u00a0") + "</w:p>") == "0"  # &nbsp;0&nbsp;
    assert cell_of("<w:p>" + r(" ") + r("5") + "</w:p>") == "5"


def test_labels_wrapped_inside_a_cell_are_one_label() -> None:
    assert cell_of(p("结"), p("果"), p("纠"), p("正")) == "结果纠正"  # one character per paragraph
    assert cell_of(p("社会\u00a0\u00a0\u00a0\u00a0"), p("公益"), p("组织")) == "社会公益组织"
    assert cell_of("<w:p>" + r("结果") + "<w:r><w:br/></w:r>" + r("纠正") + "</w:p>") == "结果纠正"
    assert cell_of(p("Total"), p("count")) == "Total count"  # Latin words keep a space


def test_merged_cells_once() -> None:
    restart = '<w:vMerge w:val="restart"/>'
    document = read_body(
        tbl(
            tr(tc(p("三、本年度办理结果"), props=restart), tc(p("（一）予以公开")), tc(p("1"))),
            tr(tc(props="<w:vMerge/>"), tc(p("（二）部分公开")), tc(p("2"))),
            tr(
                tc(props='<w:vMerge w:val="continue"/>'), tc(p("（七）总计"), props='<w:gridSpan w:val="2"/>')
            ),
            tr(tc(), tc(), tc()),  # a ghost row
        )
    )
    (table,) = tables(document)
    assert texts(table) == [
        ["三、本年度办理结果", "（一）予以公开", "1"],
        ["（二）部分公开", "2"],
        ["（七）总计"],
        ["", "", ""],
    ]
    assert [c.location.source_cell for c in table.rows[1]] == [1, 2]
    assert [c.location.source_row for c in table.rows[2]] == [3]


def test_nested_tables_are_numbered_in_document_order() -> None:
    inner = tbl(tr(tc(p("甲")), tc(p("1"))))
    document = read_body(tbl(tr(tc(p("外层说明"), inner, "<w:p/>"))) + tbl(tr(tc(p("乙")))))
    blocks = document.blocks
    assert isinstance(blocks[0], Line)
    assert blocks[0].text == "外层说明"
    assert [(b.location.source_table, texts(b)) for b in blocks[1:] if isinstance(b, SourceTable)] == [
        (2, [["甲", "1"]]),
        (3, [["乙"]]),
    ]


def test_paragraph_ordinals_are_python_docx_paragraphs() -> None:
    document = docx.Document()
    for text in ("标题", "", "一、总体情况", "  ", "正文"):
        document.add_paragraph(text)
    data = to_bytes(document)
    read = docx_file.read(data, "t.docx")
    word = docx.Document(io.BytesIO(data))
    located = [(b.text, b.origin.paragraph or 0) for b in read.blocks if isinstance(b, Line) and b.origin]
    assert located == [("标题", 1), ("一、总体情况", 3), ("正文", 5)]
    assert all(word.paragraphs[n - 1].text == text for text, n in located)


# ------------------------------------------------------------------ whole reports


def test_a_report_inside_a_layout_table_reads_the_same() -> None:
    """Pages laid out in one big table (a common way to frame a report): the table holding the
    whole report is a layout, its paragraphs and tables read as if they stood in the body."""
    report = random_report(random.Random(11), "2021")
    word = docx.Document(io.BytesIO(render_docx(report)))
    body = word.element.body
    content = [child for child in body if not child.tag.endswith("sectPr")]
    frame = parse_xml(f"<w:tbl {DECLARATIONS}><w:tblPr/><w:tr><w:tc></w:tc></w:tr></w:tbl>")
    cell = frame[1][0]  # w:tbl / w:tr / w:tc
    for child in content:
        cell.append(child)  # moves it
    body.insert(0, frame)
    result = check_bytes(to_bytes(word), "framed.docx")
    assert keys(result) == []
    assert result.report is not None
    assert result.report.tables["table3"].cell("new", "total") is not None


def test_a_ghost_row_under_table_4_is_no_row() -> None:
    report = random_report(random.Random(12), "2021")
    word = docx.Document(io.BytesIO(render_docx(report)))
    last = word.tables[-1]._tbl.tr_lst[-1]
    ghost = copy.deepcopy(last)
    for t in ghost.iter("{*}t"):
        t.text = ""  # an empty copy of the last row
    last.addnext(ghost)
    data = to_bytes(word)
    assert texts(tables(docx_file.read(data, "ghost.docx"))[-1])[-1] == [""] * 15
    assert keys(check_bytes(data, "ghost.docx")) == []


@needs_template
def test_the_results_label_split_in_two_at_a_page_break() -> None:
    """三、本年度办理结果 as two vertically merged cells (the table broke across a page)."""
    report = random_report(random.Random(13), "2021")
    word = docx.Document(io.BytesIO(fill_template(report)))
    table = word.tables[1]
    tr_ = table._tbl.tr_lst[3 + 15]  # the row of （四）无法提供
    first = _Cell(tr_.tc_lst[0], table)
    assert first.text == ""
    first._tc.vMerge = "restart"
    set_cell(first, "三、本年度办理结果")
    data = to_bytes(word)
    read = tables(docx_file.read(data, "split.docx"))[1]
    assert sum(cell.text == "三、本年度办理结果" for row in read.rows for cell in row) == 2
    assert keys(check_bytes(data, "split.docx")) == []


@pytest.mark.parametrize("indent", ["\u3000\u3000", "\t", "\u00a0\u00a0"])
def test_headings_after_indentation(indent: str) -> None:
    report = random_report(random.Random(14), "2019")
    report.headings = {"overview": indent + "一、总体情况", "other": indent + "六、其他需要报告的事项"}
    data = render_docx(report)
    assert keys(check_bytes(data, "indented.docx")) == keys(check_text(text_of(report), "r.txt")) == []
    parsed = parse_bytes(data, "indented.docx")
    assert parsed.sections[0].key == "overview"


@needs_template
def test_the_filled_template_reads_every_value() -> None:
    report = random_report(random.Random(15), "2021")
    parsed = parse_bytes(fill_template(report), "t.docx")
    table3 = parsed.tables["table3"]
    assert len(table3.rows) == 25
    assert all(len(cells) == 7 for cells in table3.rows.values())
    for row, cells in table3.rows.items():
        assert {col: cell.value for col, cell in cells.items()} == report.table3[row]
