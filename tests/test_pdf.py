"""The PDF reader: the same report drawn as a PDF gives the same findings as its text rendering.

PDFs are drawn at test time by `pdfgen` (reportlab, CID font STSong-Light): ruled tables with the
official template's merged cells, labels wrapped inside their cells, table 三 broken across a page
with and without its header repeated, page numbers in the footer. Hostile files are refused with an
E finding within the bounds of docs/limits.md.
"""

from __future__ import annotations

import io
import random
import re
import signal
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from govdisclose_check import CheckResult, check_bytes, check_text, parse_bytes, parse_text
from govdisclose_check.document import Document, Line, SourceTable
from govdisclose_check.ingest import pdf_bounds
from govdisclose_check.ingest.pdf_file import read
from govdisclose_check.ingest.pdf_page import join_cell_lines
from govdisclose_check.model import Report
from pdfgen import Edits, raw_pdf, render_pdf, scan_pdf
from reportgen import HEADINGS, SyntheticReport, random_report, render, show, spec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
Key = tuple[str, str | None, str | None, str | None]


def keys(result: CheckResult) -> list[Key]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


def text_with(report: SyntheticReport, edits: Edits) -> str:
    """The tab-separated text rendering of the report with the same edits made to its lines."""
    lines = render(report, "tab").split("\n")
    for (table, row, col), raw in edits.cells.items():
        sp = spec(report.template, table)
        at = next(i for i, line in enumerate(lines) if line.startswith(sp.row(row).label + "\t"))
        cells = lines[at].split("\t")
        cells[1 + sp.row(row).columns.index(col)] = raw
        lines[at] = "\t".join(cells)
    for table, row in edits.drop_rows:
        label = spec(report.template, table).row(row).label
        lines = [line for line in lines if not line.startswith(label + "\t")]
    for key in edits.drop_headings:
        lines.remove(HEADINGS[key])
    return "\n".join(lines)


def tables(document: Document) -> list[SourceTable]:
    return [b for b in document.blocks if isinstance(b, SourceTable)]


# ------------------------------------------------------------------ same report, same findings


@pytest.mark.parametrize(
    ("seed", "template"), [(1, "2021"), (2, "2021"), (3, "2019"), (4, "2019"), (5, "2021")]
)
def test_a_consistent_report_is_clean(seed: int, template: str) -> None:
    report = random_report(random.Random(seed), template)
    assert keys(check_text(render(report, "tab"))) == []
    result = check_bytes(render_pdf(report, repeat_header=seed % 2 == 0), "report.pdf")
    assert keys(result) == []
    assert result.report is not None
    assert result.report.template == template
    assert set(result.report.tables) == {"table2", "table3", "table4"}


DEFECTS: dict[str, Edits] = {
    "changed cell": Edits(cells={("table3", "new", "commercial"): "999"}),
    "blank cell": Edits(cells={("table3", "not_processed.duplicate", "research"): ""}),
    "dash in table 2": Edits(cells={("table2", "penalty", "decisions"): "—"}),
    "missing row": Edits(drop_rows={("table3", "denied.third_party")}),
    "missing section": Edits(drop_headings={"problems"}),
    "two defects": Edits(
        cells={("table3", "carried_forward", "other"): "7"}, drop_rows={("table3", "unable.unclear")}
    ),
}


@pytest.mark.parametrize("name", list(DEFECTS))
@pytest.mark.parametrize(("seed", "template"), [(11, "2021"), (12, "2019")])
def test_a_defect_gives_the_findings_of_the_text(name: str, seed: int, template: str) -> None:
    report = random_report(random.Random(seed), template)
    edits = DEFECTS[name]
    expected = keys(check_text(text_with(report, edits)))
    assert expected, "the edit must make a finding in the text rendering"
    assert keys(check_bytes(render_pdf(report, edits, repeat_header=seed % 2 == 1), "r.pdf")) == expected


def test_a_cell_finding_names_its_page_table_row_and_cell() -> None:
    report = random_report(random.Random(7), "2021")
    data = render_pdf(report, Edits(cells={("table3", "results_total", "legal_service"): "x"}))
    found = [f for f in check_bytes(data, "r.pdf").findings if f.row == "results_total"]
    assert found
    document = read(data, "r.pdf")
    table3 = tables(document)[1]
    where = next(c.location for row in table3.rows for c in row if c.text == "（七）总计")
    location = found[0].location
    assert (location.page, location.source_table, location.source_row) == (2, 2, where.source_row)
    assert where.page == 2
    # The cell: the label, then the natural-person and four applicant columns before it.
    assert where.source_cell is not None
    assert location.source_cell == where.source_cell + 5


# ------------------------------------------------------------------ tables across pages, labels


@pytest.mark.parametrize("repeat_header", [True, False])
def test_table_3_broken_across_a_page_is_one_table(repeat_header: bool) -> None:
    report = random_report(random.Random(1), "2021")
    document = read(render_pdf(report, repeat_header=repeat_header), "r.pdf")
    found = tables(document)
    assert len(found) == 3  # tables 二, 三, 四
    table3 = found[1]
    pages = [row[0].location.page for row in table3.rows]
    assert pages[0] == 1
    assert pages[-1] == 2
    texts = ["\t".join(c.text for c in row) for row in table3.rows]
    assert sum(t.startswith("（本列数据的勾稽关系") for t in texts) == 1  # the repeated header is dropped
    assert [row[0].location.source_row for row in table3.rows] == list(range(1, len(table3.rows) + 1))
    assert len(table3.rows) == 3 + len(spec("2021", "table3").value_rows)


def test_labels_wrapped_in_their_cells_are_one_label() -> None:
    report = random_report(random.Random(1), "2021")
    cells = {c.text for t in tables(read(render_pdf(report), None)) for row in t.rows for c in row}
    for label in [
        "三、本年度办理结果",  # three lines in a narrow merged cell
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "社会公益组织",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    ]:
        assert label in cells


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("商业企\n业", "商业企业"),
        ("三、本\n年度办\n理结果", "三、本年度办理结果"),
        ("page\n12", "page 12"),
        (" \n", ""),
    ],
)
def test_cell_lines_join(text: str, joined: str) -> None:
    assert join_cell_lines(text) == joined


def test_merged_cells_are_one_cell_each() -> None:
    report = random_report(random.Random(1), "2021")
    table3 = tables(read(render_pdf(report), None))[1]
    head = [[c.text for c in row] for row in table3.rows[:3]]
    assert head[0] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]
    assert head[1] == ["自然人", "法人或其他组织", "总计"]
    assert head[2] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    granted = next(row for row in table3.rows if any(c.text == "（一）予以公开" for c in row))
    assert [c.text for c in granted[:2]] == ["三、本年度办理结果", "（一）予以公开"]
    assert len(granted) == 9


@pytest.mark.parametrize("footer", ["dash", "page"])
def test_page_numbers_are_not_text(footer: str) -> None:
    report = random_report(random.Random(2), "2021")
    document = read(render_pdf(report, footer=footer), None)
    texts = [b.text for b in document.blocks if isinstance(b, Line)]
    assert not [t for t in texts if "页" in t or "—" in t]
    assert texts[0] == f"{report.body}{report.year}年政府信息公开工作年度报告"
    assert keys(check_bytes(render_pdf(report, footer=footer), "r.pdf")) == []


def test_lines_carry_page_and_line() -> None:
    report = random_report(random.Random(2), "2021")
    lines = [b for b in read(render_pdf(report), None).blocks if isinstance(b, Line)]
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert lines[0].origin is not None
    assert (lines[0].origin.page, lines[0].origin.line) == (1, 1)
    last = lines[-1]
    assert last.text == f"{report.year + 1}年1月20日"
    assert last.origin is not None
    assert last.origin.page == 2
    on_page_2 = [line for line in lines if line.origin is not None and line.origin.page == 2]
    assert [line.origin.line for line in on_page_2 if line.origin] == list(range(1, len(on_page_2) + 1))


def test_a_table_without_rules_is_read_from_the_text_layer() -> None:
    """The unruled tables come out as lines with tabs between their cells; tables 二 and 四, whose
    labels fit on one line, read to the same values as the text rendering."""
    report = random_report(random.Random(3), "2021")
    document = read(render_pdf(report, ruled=False), None)
    assert not tables(document)
    texts = [b.text for b in document.blocks if isinstance(b, Line)]
    row = "\t".join(["行政规范性文件", *(show(v) for v in report.table2["normative_docs"].values())])
    assert row in texts
    pdf, text = parse_bytes(render_pdf(report, ruled=False), "r.pdf"), parse_text(render(report, "tab"))
    for table in ("table2", "table4"):
        assert values(pdf, table) == values(text, table)


# ------------------------------------------------------------------ property


def values(report: Report, table: str) -> dict[tuple[str, str], object]:
    return {(r, c): cell.value for r, row in report.tables[table].rows.items() for c, cell in row.items()}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.sampled_from(["2021", "2019"]), st.booleans())
def test_a_pdf_reads_to_the_values_of_its_text(seed: int, template: str, repeat_header: bool) -> None:
    report = random_report(random.Random(seed), template)
    pdf = parse_bytes(render_pdf(report, repeat_header=repeat_header), "r.pdf")
    text = parse_text(render(report, "tab"))
    for table in ("table2", "table3", "table4"):
        assert values(pdf, table) == values(text, table)
        assert values(pdf, table)


# ------------------------------------------------------------------ scans and hostile files


def only(result: CheckResult) -> tuple[str, str]:
    (finding,) = result.findings
    assert finding.location.line == 1
    return finding.rule, finding.message_en


def test_a_scan_needs_ocr() -> None:
    rule, message = only(check_bytes(scan_pdf(3), "scan.pdf"))
    assert rule == "E007"
    assert "OCR" in message
    assert "3 of its 3 pages" in message


def rect_page(count: int, op: bytes = b"re f") -> bytes:
    return b"".join(b"%d %d 1 1 %s\n" % (i % 500, i // 500, op) for i in range(count))


def shifted_xref(data: bytes) -> bytes:
    """Every offset of the cross-reference table seven bytes off."""
    return re.sub(rb"(\d{10}) 00000 n ", lambda m: b"%010d 00000 n " % (int(m.group(1)) + 7), data)


def good_pdf() -> bytes:
    return render_pdf(random_report(random.Random(2), "2021"))


HOSTILE: dict[str, tuple[bytes, str, str]] = {
    # name: (file, rule, a part of the English message)
    "5,000 pages": (raw_pdf([b"BT ET"] * 5000), "E009", "5000 pages"),
    "5,000 pages, count understated": (raw_pdf([b"BT ET"] * 5000, count=3), "E009", "501 pages"),
    "100,000 rectangles": (raw_pdf([rect_page(100_000)]), "E009", "more than 20000 objects"),
    "5,000 stroked boxes": (raw_pdf([rect_page(5_000, b"re S")]), "E009", "5000 lines and rectangles"),
    "content that inflates to 200 MB": (raw_pdf([b" " * 200_000_000]), "E009", "inflates to more than 8 MB"),
    "truncated to half": (good_pdf()[: len(good_pdf()) // 2], "E008", "damaged"),
    "cross-reference offsets wrong": (shifted_xref(good_pdf()), "E008", "damaged"),
    "only a header": (b"%PDF-1.7\n", "E008", "damaged"),
    "user password": (
        render_pdf(random_report(random.Random(2)), passwords=("user", "owner")),
        "E006",
        "needs a password",
    ),
    "owner password, CID fonts without a Unicode map": (
        render_pdf(random_report(random.Random(2)), passwords=("", "owner")),
        "E007",
        "no map to Unicode",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_in_bounded_time(name: str) -> None:
    data, rule, message_part = HOSTILE[name]
    start = time.monotonic()
    found = only(check_bytes(data, "hostile.pdf"))
    assert time.monotonic() - start < 10
    assert found[0] == rule
    assert message_part in found[1]


def cyclic_pdf() -> bytes:
    """A file whose catalog is an object that refers to another that refers back: pdfminer follows
    the references forever while it opens the file (found by the fuzzer, which hung on it)."""
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in (b"1 0 obj\n2 0 R\nendobj\n", b"2 0 obj\n1 0 R\nendobj\n"):
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return body + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_references_in_a_circle_end_at_the_time_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_bounds, "TIME_BUDGET", 1.0)
    start = time.monotonic()
    found = only(check_bytes(cyclic_pdf(), "circle.pdf"))
    assert time.monotonic() - start < 5
    assert found[0] == "E009"
    assert "more than 1 seconds" in found[1]
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the timer and handler put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_program_s_own_alarm_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a SIGALRM handler of the program's own, the reader sets no timer: the handler and its
    timer stay as they were, and a good file reads as ever."""
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        assert keys(check_bytes(good_pdf(), "r.pdf")) == []
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30.0
        assert rang == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_broken_startxref_is_recovered() -> None:
    data = good_pdf().replace(b"startxref\n", b"startxref\n9")
    assert keys(check_bytes(data, "r.pdf")) == []


def test_an_owner_password_alone_does_not_stop_reading() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, encrypt=StandardEncryption("", "owner", canCopy=0))
    canvas.drawString(72, 700, "Annual report 2023")
    canvas.save()
    lines = [b.text for b in read(buffer.getvalue(), None).blocks if isinstance(b, Line)]
    assert lines == ["Annual report 2023"]


# ------------------------------------------------------------------ real exports


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("libreoffice-clean.pdf", []),
        (
            "libreoffice-defects.pdf",
            [
                ("A301", "table3", None, "commercial"),
                ("A303", "table3", "new", "total"),
                ("S101", None, None, None),
            ],
        ),
    ],
)
def test_libreoffice_exports(name: str, expected: list[Key]) -> None:
    """Exports made once by scripts/make_pdf_fixtures.py from DOCX files with real merged cells."""
    result = check_bytes((FIXTURES / name).read_bytes(), name)
    assert keys(result) == expected
    assert result.report is not None
    assert result.report.template == "2021"


def test_a_row_broken_by_the_page_is_one_row() -> None:
    """LibreOffice lets the row 1.申请人无正当理由逾期不补正… break: its last word 申请 and its empty
    value cells open page 3. They are the rest of that row, not a row of their own."""
    table3 = tables(read((FIXTURES / "libreoffice-clean.pdf").read_bytes(), None))[1]
    texts = [[c.text for c in row] for row in table3.rows]
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    (row,) = [t for t in texts if label in t]
    assert len(row) == 9
    assert not [t for t in texts if "申请" in t]
    assert {c.location.page for row in table3.rows for c in row} == {2, 3}
