"""The DOCX reader: the official template filled in and reports built with python-docx give the
findings their text gives; Word's markup (merges, runs, text boxes, revisions, fields) is read once;
hostile packages are refused with one E finding."""

from __future__ import annotations

import io
import random
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from docxgen import NONE, TEMPLATE, Defects, fill_template, render_docx, text_of
from govdisclose_check import CheckResult, check_bytes, check_file, check_text, parse_bytes, parse_text
from govdisclose_check.cli import main
from govdisclose_check.document import Document, Line, SourceTable
from govdisclose_check.ingest import docx_file
from govdisclose_check.model import Report
from reportgen import SyntheticReport, random_report

needs_template = pytest.mark.skipif(
    not TEMPLATE.is_file(),
    reason=f"the official blank template is read from {SHARED} at test time and is not there "
    "(set GOVDISCLOSE_SHARED to the shared directory)",
)

Key = tuple[str, str | None, str | None, str | None]


def keys(result: CheckResult) -> list[Key]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


def lines(document: Document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Line)]


def tables(document: Document) -> list[SourceTable]:
    return [b for b in document.blocks if isinstance(b, SourceTable)]


def texts(table: SourceTable) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


# ------------------------------------------------------------------ the official blank template


@needs_template
def test_the_blank_template_gives_each_text_once() -> None:
    document = docx_file.read(TEMPLATE.read_bytes(), "blank.docx")
    assert lines(document) == [
        "政府信息公开工作年度报告格式模板",
        "一、总体情况",
        "（文字描述）",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "（文字描述）",
        "六、其他需要报告的事项",
        "（文字描述，收取信息处理费情况在此处报告。）",
    ]
    table2, table3, table4 = tables(document)
    assert texts(table2)[:3] == [
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "", "", ""],
    ]
    assert texts(table2)[6] == ["行政许可", ""]  # one value cell spanning three grid columns
    # Merged cells once: the note spans three columns and three rows, 自然人 and 总计 two rows.
    assert texts(table3)[:3] == [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],  # 商业/企业: two paragraphs
    ]
    assert texts(table3)[5] == ["三、本年度办理结果", "（一）予以公开", *[""] * 7]
    assert texts(table3)[6] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", *[""] * 7]
    assert texts(table3)[8] == ["2.其他法律行政法规禁止公开", *[""] * 7]  # 三、 and （三） continue
    assert texts(table4)[1] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert texts(table4)[2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2  # 结果<br/>纠正
    assert texts(table4)[3] == [""] * 15


@needs_template
def test_cell_and_paragraph_locations() -> None:
    document = docx_file.read(TEMPLATE.read_bytes(), "blank.docx")
    table3 = tables(document)[1]
    assert table3.location.source_table == 2
    cell = table3.rows[7][1]
    assert cell.text == "1.属于国家秘密"
    assert (cell.location.source_table, cell.location.source_row, cell.location.source_cell) == (2, 8, 2)
    word = docx.Document(str(TEMPLATE))
    for line in (b for b in document.blocks if isinstance(b, Line)):
        assert line.origin is not None
        assert line.origin.paragraph is not None
        assert word.paragraphs[line.origin.paragraph - 1].text == line.text
    numbers = [b.number for b in document.blocks if isinstance(b, Line)]
    assert numbers == list(range(1, len(numbers) + 1))


# ------------------------------------------------------------------ the same report in DOCX and text

Generator = tuple[str, str]  # (which generator, template)
GENERATORS: list[Generator] = [("fill", "2021"), ("render", "2021"), ("render", "2019")]


def make(generator: str, report: SyntheticReport, defects: Defects = NONE) -> bytes:
    if generator == "fill":
        if not TEMPLATE.is_file():
            pytest.skip(f"the official blank template is not in {SHARED} (set GOVDISCLOSE_SHARED)")
        return fill_template(report, defects)
    return render_docx(report, defects)


def _bumped(report: SyntheticReport) -> SyntheticReport:
    new = report.table3["new"]
    new["natural_person"] = int(new["natural_person"]) + 1
    return report


def _t4_changed(report: SyntheticReport) -> SyntheticReport:
    report.table4["review"]["upheld"] = int(report.table4["review"]["upheld"]) + 2
    return report


def _numeral(report: SyntheticReport) -> SyntheticReport:
    report.headings = {"problems": "四、存在的主要问题及改进情况"}
    return report


DEFECTS: dict[str, tuple[Defects, object]] = {
    "changed cell": (Defects(), _bumped),
    "changed table 4 cell": (Defects(), _t4_changed),
    "blank cell": (Defects(cells={("table3", "denied.third_party", "research"): ""}), None),
    "slash cell": (Defects(cells={("table3", "unable.not_held", "natural_person"): "/"}), None),
    "unit in a cell": (Defects(cells={("table3", "granted", "commercial"): "3件"}), None),
    "missing row": (Defects(rows=frozenset({("table3", "denied.law_forbidden")})), None),
    "missing table 2 row": (Defects(rows=frozenset({("table2", "coercion")})), None),
    "missing section": (Defects(sections=frozenset({"problems"})), None),
    "wrong numeral": (Defects(), _numeral),
}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(("generator", "template"), GENERATORS, ids=["-".join(g) for g in GENERATORS])
def test_a_clean_report_is_clean(generator: str, template: str, seed: int) -> None:
    report = random_report(random.Random(seed), template)
    assert keys(check_text(text_of(report), "report.txt")) == []
    result = check_bytes(make(generator, report), "report.docx")
    assert keys(result) == []
    assert result.report is not None
    assert result.report.template == template


@pytest.mark.parametrize("defect", list(DEFECTS))
@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize(("generator", "template"), GENERATORS, ids=["-".join(g) for g in GENERATORS])
def test_a_defect_gives_the_findings_of_the_text(
    generator: str, template: str, seed: int, defect: str
) -> None:
    defects, edit = DEFECTS[defect]
    report = random_report(random.Random(seed), template)
    if callable(edit):
        report = edit(report)
    expected = keys(check_text(text_of(report, defects), "report.txt"))
    assert expected, "the defect must show in the text"
    assert keys(check_bytes(make(generator, report, defects), "report.docx")) == expected


def cell_values(report: Report) -> dict[tuple[str, str, str], tuple[str, int | Decimal | None]]:
    return {
        (table.key, row, col): (cell.kind.value, cell.value)
        for table in report.tables.values()
        for row, cells in table.rows.items()
        for col, cell in cells.items()
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), template=st.sampled_from(["2019", "2021"]), fill=st.booleans())
def test_docx_and_text_extract_the_same_cells(seed: int, template: str, fill: bool) -> None:
    report = random_report(random.Random(seed), template)
    generator = "fill" if fill and template == "2021" and TEMPLATE.is_file() else "render"
    from_docx = cell_values(parse_bytes(make(generator, report), "report.docx"))
    from_text = cell_values(parse_text(text_of(report), "report.txt"))
    assert from_docx == from_text
    assert len(from_docx) > 40


# ------------------------------------------------------------------ where findings point


@needs_template
def test_a_cell_finding_names_table_row_and_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = random_report(random.Random(7), "2021")
    defects = Defects(cells={("table3", "denied.state_secret", "research"): "/"})
    path = tmp_path / "report.docx"
    path.write_bytes(fill_template(report, defects))
    result = check_file(path)
    t205 = [f for f in result.findings if f.rule == "T205"]
    assert len(t205) == 1
    location = t205[0].location
    # Row 8 of the Word table (three header rows, 一, 二, （一）, （二）, then this one) has the cells
    # （三）不予公开, 1.属于国家秘密, 自然人, 商业企业, 科研机构: 三、本年度办理结果 is merged from above.
    assert (location.source_table, location.source_row, location.source_cell) == (2, 8, 5)
    assert location.line is None
    assert location.paragraph is None
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:表三第8行第5格" in out


def test_a_heading_finding_names_its_paragraph() -> None:
    report = _numeral(random_report(random.Random(8), "2021"))
    data = render_docx(report)
    s103 = [f for f in check_bytes(data, "report.docx").findings if f.rule == "S103"]
    assert len(s103) == 1
    paragraph = s103[0].location.paragraph
    assert paragraph is not None
    assert docx.Document(io.BytesIO(data)).paragraphs[paragraph - 1].text == "四、存在的主要问题及改进情况"


def test_a_directory_is_searched_for_word_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _bumped(random_report(random.Random(9), "2019"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report.docx").write_bytes(render_docx(report))
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "report.docx" in out
    assert '"A303"' in out
