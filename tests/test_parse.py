"""The parser's parts: headings, title, cells, label alignment, source tables, format detection."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from govdisclose_check import CellKind, check_text, parse_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.catalog.labels import core
from govdisclose_check.document import Document, Line, SourceCell, SourceTable
from govdisclose_check.model import Location
from govdisclose_check.normalize import normalize
from govdisclose_check.parse import parse_document
from govdisclose_check.parse.cells import read_cell
from govdisclose_check.parse.labels import LabelIndex
from govdisclose_check.parse.tokens import Token, TokenKind, line_tokens
from reportgen import T3_NOTE, random_report, render, spec

# ------------------------------------------------------------------ headings


@pytest.mark.parametrize(
    "heading",
    [
        "一、总体情况",
        "## 一、总体情况",
        "**一、总体情况**",
        "    一、总体情况",
        "### 一. 总体情况",
        "一、 总 体 情 况",
    ],
)
def test_heading_variants_are_found(heading: str) -> None:
    report = parse_text(f"某局2021年政府信息公开工作年度报告\n{heading}\n正文。\n二、主动公开政府信息情况\n")
    assert [(s.key, s.numeral) for s in report.sections] == [("overview", "一"), ("proactive", "二")]


def test_dash_for_one_is_section_one_with_its_numeral_kept() -> None:
    report = parse_text("某局2021年政府信息公开工作年度报告\n—、总体情况\n二、主动公开政府信息情况\n")
    assert [(s.key, s.numeral) for s in report.sections] == [("overview", "—"), ("proactive", "二")]


@pytest.mark.parametrize(
    "line",
    [
        "（四）行政复议、行政诉讼情况",
        "#### （四）行政复议、行政诉讼情况",
        "四、结转下年度继续办理",
        "三、本年度办理结果",
    ],
)
def test_sub_headings_and_table_rows_are_not_sections(line: str) -> None:
    report = parse_text(f"某局2021年政府信息公开工作年度报告\n一、总体情况\n{line}\n")
    assert [s.key for s in report.sections] == ["overview"]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("五、存在的主要问题和改进情况", "problems"),
        ("五、存在问题及改进情况", "problems"),
        ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "review_litigation"),
    ],
)
def test_title_variants_seen_in_the_wild(heading: str, key: str) -> None:
    assert [s.key for s in parse_text(f"{heading}\n").sections] == [key]


# ------------------------------------------------------------------ title


@pytest.mark.parametrize(
    ("text", "body", "year"),
    [
        ("# 某市卫健委 2021 年 政府信息公开工作年度报告\n", "某市卫健委", 2021),
        ("某区卫生健康局\n2022年政府信息公开工作年度报告\n", "某区卫生健康局", 2022),
        ("某县人民政府2020年度政府信息公开年度报告\n", "某县人民政府", 2020),
        ("年度报告\n本报告统计期限自2023年1月1日起至2023年12月31日止。\n", None, 2023),
    ],
)
def test_title_body_and_year(text: str, body: str | None, year: int) -> None:
    report = parse_text(text + "一、总体情况\n")
    assert (report.body, report.year) == (body, year)


# ------------------------------------------------------------------ cells


def _cell(raw: str) -> tuple[CellKind, object, str | None]:
    cell = read_cell(Token(raw, TokenKind.VALUE, cell=Location(line=1, column=1)))
    return cell.kind, cell.value, cell.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", (CellKind.NUMBER, 12, None)),
        ("1,234", (CellKind.NUMBER, 1234, None)),
        ("增7", (CellKind.NUMBER, 7, "增")),
        ("减3", (CellKind.NUMBER, -3, "减")),
        ("+2", (CellKind.NUMBER, 2, None)),
        ("-3", (CellKind.NUMBER, -3, None)),
        ("8910.5", (CellKind.NUMBER, Decimal("8910.5"), None)),
        ("251000元", (CellKind.NUMBER, 251000, "元")),
        ("/", (CellKind.NA, None, None)),
        ("—", (CellKind.NA, None, None)),
        ("无", (CellKind.NA, None, None)),
        ("不适用", (CellKind.NA, None, None)),
        ("", (CellKind.BLANK, None, None)),
        ("1O", (CellKind.UNPARSEABLE, None, None)),
        ("+增3", (CellKind.UNPARSEABLE, None, None)),
    ],
)
def test_cells_are_read_with_their_kind(raw: str, expected: tuple[CellKind, object, str | None]) -> None:
    assert _cell(raw) == expected


def test_a_line_splits_into_a_label_and_values() -> None:
    line = Line(1, "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1", "")
    tokens = line_tokens(line)
    assert [t.kind for t in tokens] == [TokenKind.LABEL] + [TokenKind.VALUE] * 7
    assert tokens[0].text == "一、本年新收政府信息公开申请数量"
    assert [t.text for t in line_tokens(Line(1, "3. 危及“三安全一 稳定”\t0", ""))] == [
        "3. 危及“三安全一 稳定”",
        "0",
    ]


# ------------------------------------------------------------------ labels


@pytest.mark.parametrize(
    ("label", "row"),
    [
        ("2.其他法律行政法规禁止公开", "denied.law_forbidden"),
        ("2. 其他法律行政", "denied.law_forbidden"),  # wrapped: the rest is on the next line
        ("2.其他法律行政止公开", "denied.law_forbidden"),  # garbled by a PDF text layer
        ("(二)部分公开", "partly_granted"),
        ("（七）总计", "results_total"),
        ("3.其他", "other_handling.other"),
    ],
)
def test_labels_match_their_row(label: str, row: str) -> None:
    index = LabelIndex.of(spec("2021", "table3"))
    found = index.match(core(label))
    assert found is not None
    assert found.key == row


@pytest.mark.parametrize("label", ["属于", "其他处理办法不明的一行", "信息"])
def test_unclear_labels_match_no_row(label: str) -> None:
    index = LabelIndex.of(spec("2021", "table3"))
    found = index.match(core(label))
    assert found is None or found.group


def test_a_header_repeated_mid_table_is_not_a_row() -> None:
    text = render(random_report(random.Random(7), "2021"), "tab")
    repeat = "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    anchor = "1.属于国家秘密"
    text = text.replace(anchor, repeat + anchor, 1)
    assert check_text(text).findings == ()


def test_a_2019_single_other_handling_row_in_a_2021_table() -> None:
    synthetic = random_report(random.Random(8), "2021")
    text = render(synthetic, "tab")
    start = text.index("（六）其他处理")
    end = text.index("（七）总计")
    merged = [
        sum(
            int(synthetic.table3[k][c])
            for k in ("other_handling.no_correction", "other_handling.no_fee", "other_handling.other")
        )
        for c in (
            "natural_person",
            "commercial",
            "research",
            "public_interest",
            "legal_service",
            "other",
            "total",
        )
    ]
    text = text[:start] + "（六）其他处理\t" + "\t".join(map(str, merged)) + "\n" + text[end:]
    result = check_text(text)
    assert sorted((f.rule, f.row) for f in result.findings if f.severity == "error") == [
        ("T201", "other_handling.no_correction"),
        ("T201", "other_handling.no_fee"),
        ("T201", "other_handling.other"),
        ("T203", "other_handling"),
    ]


# ------------------------------------------------------------------ source tables


def test_real_table_cells_go_through_the_same_alignment() -> None:
    """A table given as cells (as DOCX/HTML readers will give it) reads like its text form."""
    synthetic = random_report(random.Random(9), "2021")
    text = render(synthetic, "tab")
    start, end = text.index(T3_NOTE), text.index("四、政府信息公开行政复议")
    table_lines = text[start:end].rstrip("\n").split("\n")
    before = text[:start].split("\n")[:-1]
    after = text[end:].split("\n")
    blocks: list[Line | SourceTable] = [Line(i, s, s) for i, s in enumerate(before, 1)]
    rows = tuple(
        tuple(
            SourceCell(c, Location(page=1, source_table=0, source_row=r, source_cell=k))
            for k, c in enumerate(line.split("\t"))
        )
        for r, line in enumerate(table_lines)
    )
    blocks.append(SourceTable(rows, Location(page=1, source_table=0)))
    blocks += [Line(len(before) + 100 + i, s, s) for i, s in enumerate(after)]
    report = parse_document(normalize(Document("r.docx", None, tuple(blocks))), default_catalog())
    table3 = report.tables["table3"]
    assert {(r, c): cell.value for r, cols in table3.rows.items() for c, cell in cols.items()} == {
        (r, c): v for r, cols in synthetic.table3.items() for c, v in cols.items()
    }
    cell = table3.rows["new"]["total"]
    assert (cell.location.page, cell.location.source_row, cell.location.source_cell) == (1, 3, 7)


# ------------------------------------------------------------------ format detection


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_format_is_told_by_its_tables(template: str) -> None:
    report = parse_text(render(random_report(random.Random(2), template), "tab"))
    assert report.template == template
    assert report.template_votes[template] > 0
    other = "2021" if template == "2019" else "2019"
    assert report.template_votes[other] == 0


def test_a_number_split_in_two_is_named() -> None:
    """'1 2' for 12 gives the row one value too many; joining that pair makes the row total hold."""
    synthetic = random_report(random.Random(11), "2021")
    row = synthetic.table3["granted"]
    row["natural_person"], row["total"] = 12, int(row["total"]) - int(row["natural_person"]) + 12
    synthetic.table3["results_total"]["natural_person"] = sum(
        int(synthetic.table3[k]["natural_person"])
        for k in synthetic.table3
        if k not in ("new", "carried_over", "results_total", "carried_forward")
    )
    text = render(synthetic, "tab")
    line = next(x for x in text.split("\n") if x.startswith("（一）予以公开\t"))
    text = text.replace(line, line.replace("\t12\t", "\t1\t2\t", 1))
    t204 = [f for f in check_text(text).findings if f.rule == "T204"]
    assert [(f.row, f.expected, f.actual, f.suggestion) for f in t204] == [("granted", 7, 8, "12")]
    assert "“1”“2”" in t204[0].message
    assert "12" in t204[0].message_en


def test_a_row_with_an_unexplained_extra_value_gets_no_suggestion() -> None:
    text = render(random_report(random.Random(12), "2021"), "tab")
    line = next(x for x in text.split("\n") if x.startswith("（一）予以公开\t"))
    text = text.replace(line, line + "\t999")
    t204 = [f for f in check_text(text).findings if f.rule == "T204"]
    assert [(f.row, f.actual, f.suggestion) for f in t204] == [("granted", 8, None)]
    assert "无法确定" in t204[0].message
