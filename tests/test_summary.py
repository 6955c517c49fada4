"""`govdisclose-check summary`: one row per report, totals per rule, the ranking; its counts are the
findings' counts (property); CSV, XLSX and HTML written safely (escaped, no formulas)."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from govdisclose_check.api import check_bytes, check_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.model import CheckResult, Severity
from govdisclose_check.render.summary_html import render_summary_html
from govdisclose_check.render.summary_sheets import render_csv, sheets
from govdisclose_check.render.summary_xlsx import write_summary_xlsx
from govdisclose_check.summary import Audit, input_format
from govdisclose_check.tally import Tally
from reportgen import LAYOUTS, random_report, render

DEFECTS = ("none", "wrong-cell", "row-left-out", "no-table4", "empty", "binary")


def report_text(seed: int, defect: str, template: str) -> bytes:
    report = random_report(random.Random(seed), template)
    if defect == "wrong-cell":
        report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 3
    text = render(report, LAYOUTS[seed % len(LAYOUTS)])
    if defect == "row-left-out":
        text = "\n".join(line for line in text.splitlines() if "结转下年度" not in line)
    if defect == "no-table4":
        text = text.split("五、")[0]
    if defect == "empty":
        return b""
    if defect == "binary":
        return bytes(range(256))
    return text.encode("utf-8")


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.sampled_from(DEFECTS), st.sampled_from(["2019", "2021"])),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["zh", "en"]),
)
def test_the_summary_counts_are_the_findings_counts(cases: list[tuple[int, str, str]], lang: str) -> None:
    results = [check_bytes(report_text(*case), f"r{i}.txt") for i, case in enumerate(cases)]
    audit, tally = Audit(default_catalog(), lang), Tally()
    for result in results:
        audit.add(result)
        tally.add(result)
    assert len(audit.rows) == len(results)
    assert sum(r.errors for r in audit.rows) == tally.errors
    assert sum(r.warnings for r in audit.rows) == tally.warnings
    assert sum(r.infos for r in audit.rows) == tally.infos
    for row, result in zip(audit.rows, results, strict=True):
        by_severity = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
        assert (row.errors, row.warnings, row.infos) == (
            by_severity[Severity.ERROR],
            by_severity[Severity.WARNING],
            by_severity[Severity.INFO],
        )
        assert sum(e for _, e, _ in row.by_family) == row.errors
        assert sum(w for _, _, w in row.by_family) == row.warnings
        if result.findings:
            worst = max(f.severity.rank for f in result.findings)
            assert row.worst_rule in {f.rule for f in result.findings if f.severity.rank == worst}
        else:
            assert row.worst_rule is None
    totals = audit.totals()
    assert sum(t.findings for t in totals) == tally.errors + tally.warnings + tally.infos
    for total in totals:
        assert total.reports == sum(1 for r in results if any(f.rule == total.code for f in r.findings))
    ranking = audit.ranking()
    assert [t.reports for t in ranking] == sorted((t.reports for t in ranking), reverse=True)
    assert all(t.severity is not Severity.INFO for t in ranking)  # notes are not defects here


def test_the_summary_command_agrees_with_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(EXAMPLES)]) == 1
    checked = json.loads(capsys.readouterr().out)
    out = tmp_path / "summary.csv"
    assert main(["summary", "--format", "csv", "-o", str(out), str(EXAMPLES)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["文件"] for r in rows] == [f["path"] for f in checked["files"]]
    for row, file in zip(rows, checked["files"], strict=True):
        assert int(row["错误"]) == sum(1 for f in file["findings"] if f["severity"] == "error")
        assert int(row["警告"]) == sum(1 for f in file["findings"] if f["severity"] == "warning")
        assert row["机关"] == (file["body"] or "")
        assert row["年度"] == str(file["year"] or "")
        assert row["文件类型"] == "text"
    assert sum(int(r["错误"]) for r in rows) == checked["summary"]["errors"]


def test_english_headers_and_the_text_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--lang", "en", str(EXAMPLES)]) == 0
    text = capsys.readouterr().out
    assert "## Reports" in text
    assert "## Most common defects" in text
    assert "file\tbody\tyear\ttemplate\tinput format\terrors" in text
    assert main(["summary", str(EXAMPLES)]) == 0
    assert "## 常见问题排名" in capsys.readouterr().out


def test_xlsx_has_a_sheet_per_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "summary.xlsx"
    assert main(["summary", "--format", "xlsx", "-o", str(out), str(EXAMPLES)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["各报告情况", "各规则合计", "常见问题排名"]
    reports = list(book["各报告情况"].iter_rows(values_only=True))
    assert len(reports) == 1 + 5
    assert reports[0][:3] == ("文件", "机关", "年度")
    assert isinstance(reports[1][5], int)
    assert main(["summary", "--format", "xlsx", str(EXAMPLES)]) == 2  # a workbook needs a file
    assert "--output" in capsys.readouterr().err


HOSTILE = '=HYPERLINK("http://x")<script>alert(1)</script>&"\''


def hostile_result() -> CheckResult:
    result = check_text(render(random_report(random.Random(2), "2021"), "tab"), f"{HOSTILE}.txt")
    assert result.report is not None
    return result


def test_html_escapes_every_value() -> None:
    audit = Audit(default_catalog(), "zh")
    audit.add(hostile_result())
    page = render_summary_html(audit)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#x27;" in page
    assert page.count("<table>") == 3


def test_csv_and_xlsx_never_make_a_formula(tmp_path: Path) -> None:
    audit = Audit(default_catalog(), "zh")
    audit.add(hostile_result())
    row = next(csv.reader(io.StringIO(render_csv(audit).splitlines()[1])))
    assert row[0] == "'" + HOSTILE + ".txt"
    out = tmp_path / "s.xlsx"
    write_summary_xlsx(audit, out)
    sheet = openpyxl.load_workbook(out)["各报告情况"]
    assert sheet["A2"].value == HOSTILE + ".txt"
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("a/b.TXT", "text"),
        ("b.md", "markdown"),
        ("x.shtml", "html"),
        ("r.docx", "docx"),
        ("r.pdf", "pdf"),
        ("https://gov.cn/art/2021/art_1.html?x=1", "html"),
        ("https://gov.cn/show?id=1", "url"),
        ("<stdin>", "text"),
    ],
)
def test_input_format(path: str, kind: str) -> None:
    assert input_format(path) == kind


def test_sheets_have_as_many_cells_as_headers() -> None:
    audit = Audit(default_catalog(), "en")
    for path in sorted(EXAMPLES.glob("*.txt")):
        audit.add(check_bytes(path.read_bytes(), str(path)))
    for sheet in sheets(audit):
        assert all(len(row) == len(sheet.headers) for row in sheet.rows)
