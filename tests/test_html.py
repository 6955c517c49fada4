"""The HTML reader: synthetic reports written as government web pages (`htmlgen`) give the same
findings as their text, the quirks of published pages (spec/formats.md) are read as one, and
hostile pages are refused within bounds."""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govdisclose_check import (
    CheckResult,
    Report,
    check_bytes,
    check_file,
    check_text,
    parse_bytes,
    parse_text,
)
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.document import Line, SourceTable
from govdisclose_check.ingest.html_page import read
from htmlgen import STYLES, article, render_html
from reportgen import SyntheticReport, random_report, render

Key = tuple[str, str | None, str | None, str | None]


def keys(result: CheckResult) -> list[Key]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


def values(report: Report) -> dict[tuple[str, str, str], tuple[str, int | Decimal | None]]:
    return {
        (t, r, c): (str(cell.kind), cell.value)
        for t, table in report.tables.items()
        for r, row in table.rows.items()
        for c, cell in row.items()
    }


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


# ------------------------------------------------------------------ same report, same findings

REPORTS = [(template, seed) for template in ("2021", "2019") for seed in (1, 2, 3)]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("template", "seed"), REPORTS)
def test_a_consistent_report_is_clean(style: str, template: str, seed: int) -> None:
    report = random_report(random.Random(seed), template)
    result = check_bytes(render_html(report, style), "report.html")
    assert keys(result) == []
    assert result.report is not None
    assert (result.report.template, result.report.year) == (template, report.year)
    assert values(result.report) == values(parse_text(render(report, "tab")))


def _text_without(text: str, start: str) -> str:
    return "".join(line for line in text.splitlines(True) if not line.startswith(start))


def _text_blank(text: str, label: str, index: int) -> str:
    out = []
    for line in text.splitlines(True):
        cells = line.rstrip("\n").split("\t")
        if cells[0] == label:
            cells[index + 1] = ""
            out.append("\t".join(cells) + "\n")
        else:
            out.append(line)
    return "".join(out)


def _defects(report: SyntheticReport) -> list[tuple[str, bytes, str]]:
    """(name, page, text) with one defect edited into both."""
    changed = random_report(random.Random(7), report.template, report.year)
    changed.table3["granted"]["research"] = int(changed.table3["granted"]["research"]) + 2
    headless = random_report(random.Random(7), report.template, report.year)
    headless.headings["problems"] = ""
    text = render(report, "tab")
    label_new = "一、本年新收政府信息公开申请数量"
    label_secret = "1.属于国家秘密"
    return [
        ("changed-cell", render_html(changed, "portal"), render(changed, "tab")),
        (
            "blank-cell",
            render_html(report, "word", blank=[("table3", "new", "research")]),
            _text_blank(text, label_new, 2),
        ),
        (
            "missing-row",
            render_html(report, "bare", drop=["denied.state_secret"]),
            _text_without(text, label_secret),
        ),
        ("missing-section", render_html(headless, "portal"), render(headless, "tab").replace("\n\n五", "\n")),
    ]


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_a_defect_gives_the_findings_of_the_text(template: str) -> None:
    report = random_report(random.Random(7), template)
    for name, html_bytes, text in _defects(report):
        expected = keys(check_text(text, "report.txt"))
        assert expected, name  # the edit is a defect
        assert keys(check_bytes(html_bytes, "report.html")) == expected, name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), template=st.sampled_from(["2021", "2019"]), style=st.sampled_from(STYLES))
def test_html_extracts_the_cells_of_the_text(seed: int, template: str, style: str) -> None:
    report = random_report(random.Random(seed), template)
    assert values(parse_bytes(render_html(report, style), "r.html")) == values(
        parse_text(render(report, "tab"))
    )


# ------------------------------------------------------------------ the article and its lines


def test_only_the_article_is_read() -> None:
    report = random_report(random.Random(1), "2021")
    document = read(render_html(report, "portal"), "r.html")
    text = "\n".join(b.text for b in document.lines)
    for outside in ("首页", "当前位置", "发布时间", "版权所有", "相关链接", "document.write", "var tpl"):
        assert outside not in text
    assert document.lines[0].text == f"{report.body}{report.year}年政府信息公开工作年度报告"  # the <h1>
    assert [b.location.source_table for b in document.blocks if isinstance(b, SourceTable)] == [1, 2, 3]
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))


def test_the_title_comes_from_the_page_title_when_the_article_lacks_it() -> None:
    report = random_report(random.Random(1), "2021")
    body = article(report, "portal", title_inside=False)
    title = f"{report.body}{report.year}年政府信息公开工作年度报告"
    data = page(
        f'<div class="nav">首页</div><div class="TRS_Editor">{body}</div>', f"<title>{title}_某某网</title>"
    )
    result = check_bytes(data, "r.html")
    assert keys(result) == []
    assert result.report is not None
    assert result.report.title == title


def test_lines_are_located_in_the_source() -> None:
    data = (
        '<html><head><meta charset="utf-8"></head><body>\n'
        '<div class="TRS_Editor">\n'
        "  <p>&nbsp;&nbsp;<strong>一、总体情况</strong></p><p>正文<span>第一段</span>。</p>\n"
        "<p>\u3000\u3000<b>二、主动公开政府信息情况</b></p>\n"
        "</div></body></html>"
    ).encode()
    lines = {line.text: line.origin for line in read(data, "r.html").lines}
    source = data.decode().split("\n")
    for text, origin in lines.items():
        assert origin is not None
        assert origin.line is not None
        assert origin.column is not None
        assert source[origin.line - 1][origin.column - 1 :].startswith(text[:2]), text
    heading = lines["一、总体情况"]
    assert heading is not None
    assert (heading.line, heading.column) == (3, 26)
    assert "正文第一段。" in lines


def test_a_finding_in_a_table_says_where_its_cell_is() -> None:
    report = random_report(random.Random(3), "2021")
    data = render_html(report, "portal", blank=[("table3", "new", "research")])
    result = check_bytes(data, "r.html")
    blank = next(f for f in result.findings if f.rule == "T205")
    loc = blank.location
    assert (loc.source_table, loc.source_row, loc.source_cell) == (2, 4, 4)
    assert loc.line is not None
    assert loc.column is not None
    assert data.decode().split("\n")[loc.line - 1][loc.column - 1 :].startswith("<td")


# ------------------------------------------------------------------ quirks of published pages


def _one_table(html: str) -> list[list[str]]:
    tables = [b for b in read(page(html), "t.html").blocks if isinstance(b, SourceTable)]
    assert len(tables) == 1
    return [[c.text for c in row] for row in tables[0].rows]


def test_split_and_padded_numbers_are_joined() -> None:
    rows = _one_table(
        "<table><tr><td>规章</td><td><span>2</span><span>0</span></td><td>&nbsp;0&nbsp;</td>"
        "<td><span>&nbsp;</span><span>1</span><span>&nbsp;</span></td><td><font face=宋体> 5</font></td>"
        "<td><p>1</p><o:p>&nbsp;</o:p></td></tr></table>"
    )
    assert rows == [["规章", "20", "0", "1", "5", "1"]]


def test_vertical_and_broken_header_text_is_one_label() -> None:
    rows = _one_table(
        "<table><tr><td><p>结</p><p>果</p><p>纠</p><p>正</p></td><td>社会<br>公益<br>组织</td>"
        "<td><p>法律服务&nbsp;&nbsp;&nbsp;&nbsp;</p><p>机构</p></td><td>\u3000其他\u3000</td></tr></table>"
    )
    assert rows == [["结果纠正", "社会公益组织", "法律服务机构", "其他"]]


def test_merged_cells_are_read_once() -> None:
    rows = _one_table(
        '<table><tr><td rowspan="3">三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td></tr>'
        "<tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>2</td></tr>"
        "<tr><td>2.其他法律行政法规禁止公开</td><td>3</td></tr>"
        "<tr><td></td><td></td></tr></table>"
    )
    assert rows == [
        ["三、本年度办理结果", "（一）予以公开", "1"],
        ["（三）不予公开", "1.属于国家秘密", "2"],
        ["2.其他法律行政法规禁止公开", "3"],
        ["", ""],
    ]


def test_absurd_spans_cost_nothing() -> None:
    report = random_report(random.Random(2), "2021")
    data = render_html(report, "portal").replace(b"<td colspan=5>", b'<td colspan="100000" rowspan="65534">')
    assert b'colspan="100000"' in data
    start = time.perf_counter()
    result = check_bytes(data, "r.html")
    assert time.perf_counter() - start < 2
    assert keys(result) == []


def test_nested_tables_and_layout_tables() -> None:
    report = random_report(random.Random(4), "2021")
    body = article(report, "portal")
    data = page(
        '<table><tr><td><table><tr><td><a href="/">首页</a></td></tr></table></td></tr>'
        f"<tr><td>{body}</td></tr></table>"
    )
    document = read(data, "r.html")
    numbers = [b.location.source_table for b in document.blocks if isinstance(b, SourceTable)]
    assert numbers == [3, 4, 5]  # the layout table (1) and the menu's (2) are counted, not read as data
    assert keys(check_bytes(data, "r.html")) == []


def test_hidden_content_and_comments_are_not_text() -> None:
    data = page(
        '<div class="TRS_Editor"><p>一、总体情况</p><!-- 三、隐藏 --><p style="display: none">不可见</p>'
        "<script>var s = '<p>脚本</p>';</script><p>可见<o:p>&nbsp;</o:p>文字</p>"
        "<noscript>请启用</noscript></div>"
    )
    assert [line.text for line in read(data, "r.html").lines] == ["一、总体情况", "可见文字"]


def test_block_elements_make_lines_and_inline_ones_do_not() -> None:
    data = page(
        "<div><p>一、<b>总体</b><i>情况</i></p>甲<br>乙<ul><li>丙</li><li>丁</li></ul><h2>戊</h2></div>"
    )
    assert [line.text for line in read(data, "r.html").lines] == [
        "一、总体情况",
        "甲",
        "乙",
        "丙",
        "丁",
        "戊",
    ]


# ------------------------------------------------------------------ encodings

REPORT = random_report(random.Random(9), "2021")
UTF8_PAGE = render_html(REPORT, "portal")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (UTF8_PAGE, "utf-8"),
        (b"\xef\xbb\xbf" + UTF8_PAGE.replace(b'<meta charset="utf-8">', b""), "utf-8"),
        (render_html(REPORT, "word"), "gb18030"),  # http-equiv gb2312
        (render_html(REPORT, "bare"), "gb18030"),  # undeclared GBK
        (UTF8_PAGE.decode().replace('charset="utf-8"', 'charset="gbk"').encode("gbk"), "gb18030"),
        (UTF8_PAGE.decode().replace('charset="utf-8"', 'charset="gbk"').encode("utf-8"), "utf-8"),  # lies
    ],
    ids=["meta-utf8", "bom", "http-equiv-gb2312", "undeclared-gbk", "meta-gbk", "wrong-declaration"],
)
def test_encodings(data: bytes, encoding: str) -> None:
    result = check_bytes(data, "r.html")
    assert keys(result) == []
    assert result.report is not None
    assert result.report.encoding == encoding


def test_declared_gb2312_reads_gbk_characters() -> None:
    name = "喆镕"  # in GBK, not in GB2312
    data = page(f"<p>{name}</p>", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8").encode("gbk").decode("gb2312")
    assert [line.text for line in read(data.decode("utf-8").encode("gbk"), "r.html").lines] == [name]


# ------------------------------------------------------------------ hostile and broken pages


def _timed(data: bytes) -> CheckResult:
    start = time.perf_counter()
    result = check_bytes(data, "r.html")
    assert time.perf_counter() - start < 5
    return result


def test_deep_nesting_is_refused() -> None:
    result = _timed(page("<div>" * 100_000 + "x" + "</div>" * 100_000))
    assert [f.rule for f in result.findings] == ["E009"]
    assert "256" in result.findings[0].message


def test_too_many_tags_are_refused() -> None:
    result = _timed(page("<b>" * 500_000))
    assert [f.rule for f in result.findings] == ["E009"]


def test_too_many_table_cells_are_refused() -> None:
    result = _timed(page("<table>" + "<tr>" + "<td>1</td>" * 60_000 + "</tr></table>"))
    assert [f.rule for f in result.findings] == ["E009"]


def test_a_truncated_page_reads_what_it_has() -> None:
    data = render_html(REPORT, "bare")  # GBK on one line
    cut = data[: data.index("四、政府信息公开".encode("gbk")) + 3]  # inside a two-byte character
    result = _timed(cut)
    assert result.report is not None
    assert {"table2", "table3"} <= set(result.report.tables)
    assert {f.rule for f in result.findings} >= {"S101", "T202"}  # sections and table 四 missing
    assert values(result.report).keys() >= {k for k in values(parse_text(render(REPORT))) if k[0] == "table3"}


@pytest.mark.parametrize(
    ("data", "rule"),
    [(b"<html></html>", "E003"), (b"<html><body>   </body></html>", "E003"), (b"<p>hello</p>", "E004")],
)
def test_empty_and_foreign_pages(data: bytes, rule: str) -> None:
    assert [f.rule for f in _timed(data).findings] == [rule]


def test_a_text_file_named_html_is_text() -> None:
    text = render(REPORT, "tab")
    result = check_bytes(text.encode("utf-8"), "report.html")
    assert keys(result) == keys(check_text(text))
    assert all(isinstance(b, Line) for b in read(b"<p>x</p>", None).blocks)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(max_size=400).map(lambda t: f"<html><body><p>{t}</p>".encode()))
@example("<html><body><p>申请人情况</p>".encode())  # a report's words: ordinary findings, no input rule
def test_arbitrary_pages_never_raise(data: bytes) -> None:
    """Any page is checked without an exception and something is said about it: either one
    input-rule finding alone (it could not be read as a report), or the report's own findings."""
    result = check_bytes(data, "page.html")
    assert result.path == "page.html"
    assert result.findings  # no 400 characters make a whole report
    input_rules = {r.code for r in default_catalog().rules if r.kind == "input"}
    given = [f for f in result.findings if f.rule in input_rules]
    if given:
        assert len(result.findings) == 1
        assert result.input_error
    else:
        assert not result.input_error
        assert result.report is not None


def test_directories_are_searched_for_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html").write_bytes(UTF8_PAGE)
    (tmp_path / "b.htm").write_bytes(render_html(REPORT, "bare"))
    status = main(["check", str(tmp_path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [Path(f["path"]).name for f in out["files"]] == ["a.html", "b.htm"]
    assert all(f["findings"] == [] for f in out["files"])
    assert check_file(tmp_path / "a.html").findings == ()
