"""DOCX reports for the tests, written from a `reportgen.SyntheticReport`.

`fill_template(report)` fills the official blank template of 2021 (read from ../shared at test time,
never copied here): its real merged-cell tables get every value. `render_docx(report)` builds a
report of either format from scratch with python-docx, with the merges of the official layout made
by `cell.merge`, header labels wrapped with line breaks or spread over two paragraphs, and every
number written one digit per run. `text_of(report)` is the tab-separated text of the same report;
`Defects` edits the same defect into each of them.
"""

from __future__ import annotations

import copy
import io
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import docx
from docx.document import Document as WordDocument
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from conftest import SHARED
from reportgen import HEADINGS, T3_NOTE, SyntheticReport, random_report, render, show, spec

TEMPLATE = SHARED / "templates" / "blank-2021.docx"
CellKey = tuple[str, str, str]  # table, row, column


@dataclass(frozen=True)
class Defects:
    """What to spoil in a report, the same way in every rendering."""

    cells: Mapping[CellKey, str] = field(default_factory=dict)  # a cell's text instead of its value
    rows: frozenset[tuple[str, str]] = frozenset()  # (table, row) left out
    sections: frozenset[str] = frozenset()  # section keys whose heading is left out


NONE = Defects()


# ------------------------------------------------------------------ what each rendering writes


def cell_text(report: SyntheticReport, defects: Defects, table: str, row: str, col: str) -> str:
    raw = defects.cells.get((table, row, col))
    if raw is not None:
        return raw
    values = {"table2": report.table2, "table3": report.table3, "table4": report.table4}[table]
    return show(values[row][col], spec(report.template, table).column(col).kind)


def headings(report: SyntheticReport) -> dict[str, str]:
    return {**HEADINGS, **report.headings}


@dataclass(frozen=True)
class Narrative:
    title: str
    period: str
    overview: str
    problems: str
    closing: tuple[str, ...]  # section 六's text, the body's name and the date


def narrative(report: SyntheticReport) -> Narrative:
    """The prose of `reportgen.render`, taken from its output so that both always agree."""
    lines = render(report).splitlines()
    h = headings(report)

    def after(key: str) -> int:
        return lines.index(h[key]) + 1

    return Narrative(
        title=lines[0],
        period=next(line for line in lines if line.startswith("本报告所列数据")),
        overview=lines[after("overview")],
        problems=lines[after("problems")],
        closing=tuple(lines[after("other") :]),
    )


def text_of(report: SyntheticReport, defects: Defects = NONE) -> str:
    """`reportgen.render(report, "tab")` with the defects edited in."""
    spoiled = copy.deepcopy(report)
    sentinels: dict[str, str] = {}
    values = {"table2": spoiled.table2, "table3": spoiled.table3, "table4": spoiled.table4}
    for n, ((table, row, col), raw) in enumerate(defects.cells.items()):
        values[table][row][col] = 987_650_000 + n  # a number no report has, replaced below
        sentinels[str(987_650_000 + n)] = raw
    lines = render(spoiled, "tab").splitlines()
    for table, row in defects.rows:
        label = next(r.label for r in spec(report.template, table).rows if r.key == row)
        hits = [i for i, line in enumerate(lines) if line.startswith(label + "\t")]
        assert len(hits) == 1, (label, hits)
        del lines[hits[0]]
    h = headings(report)
    lines = [line for line in lines if not any(line == h[key] for key in defects.sections)]
    text = "\n".join(lines) + "\n"
    for sentinel, raw in sentinels.items():
        assert text.count(sentinel) == 1
        text = text.replace(sentinel, raw)
    return text


# ------------------------------------------------------------------ helpers on python-docx objects


def set_text(paragraph: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping its paragraph and first run's formatting."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        remove(run._r)


def set_cell(cell: _Cell, *paragraphs: str, digit_runs: bool = False) -> None:
    """A cell's whole text: one paragraph per argument (a line break where one has `\\n`);
    numbers one digit per run if asked (as Word leaves them after editing)."""
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        remove(extra._p)
    for run in first.runs:
        remove(run._r)
    targets = [first, *(cell.add_paragraph() for _ in paragraphs[1:])]
    for target, text in zip(targets, paragraphs, strict=True):
        for n, part in enumerate(text.split("\n")):
            run = target.add_run()
            if n:
                run.add_break()
            if digit_runs and part.isdigit():
                run.text = part[:1]
                for digit in part[1:]:
                    target.add_run(digit)
            else:
                run.text = part


def remove(element: BaseOxmlElement) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def to_bytes(document: WordDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ the official template, filled


def fill_template(report: SyntheticReport, defects: Defects = NONE) -> bytes:
    """The official 2021 template with the report's title, prose and every cell written in."""
    assert report.template == "2021", "the official blank is the 2021 format"
    document = docx.Document(str(TEMPLATE))
    prose = narrative(report)
    h = headings(report)
    paragraphs = document.paragraphs
    numerals = {h_key: HEADINGS[h_key][:2] for h_key in HEADINGS}  # "一、" … as the blank has them
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if text.endswith("格式模板"):
            set_text(paragraph, prose.title)
            set_text(paragraphs[i + 1], prose.period)
            continue
        key = next((k for k, numeral in numerals.items() if text.startswith(numeral)), None)
        if key is None:
            continue
        if key in defects.sections:
            remove(paragraph._p)
        else:
            set_text(paragraph, h[key])
        if key == "overview":
            set_text(paragraphs[i + 1], prose.overview)
        elif key == "problems":
            set_text(paragraphs[i + 1], prose.problems)
        elif key == "other":
            set_text(paragraphs[i + 1], prose.closing[0])
            for line in prose.closing[1:]:
                paragraphs[i + 2].insert_paragraph_before(line)
    table2, table3, table4 = document.tables
    _fill_table2(report, defects, table2)
    _fill_table3(report, defects, table3)
    _fill_table4(report, defects, table4)
    return to_bytes(document)


def _cells(table: Table, tr: object) -> list[_Cell]:
    return [_Cell(tc, table) for tc in tr.tc_lst]  # type: ignore[attr-defined]


def _fill_table2(report: SyntheticReport, defects: Defects, table: Table) -> None:
    rows = spec(report.template, "table2").value_rows
    labels = {label for row in rows for label in row.labels}
    data = [tr for tr in table._tbl.tr_lst if _cells(table, tr)[0].text in labels]
    assert len(data) == len(rows)
    for row, tr in zip(rows, data, strict=True):
        cells = _cells(table, tr)[1:]
        assert len(cells) == len(row.columns)
        if ("table2", row.key) in defects.rows:
            remove(tr)
            continue
        for col, cell in zip(row.columns, cells, strict=True):
            set_cell(cell, cell_text(report, defects, "table2", row.key, col))


def _fill_table3(report: SyntheticReport, defects: Defects, table: Table) -> None:
    rows = spec(report.template, "table3").value_rows
    data = table._tbl.tr_lst[3:]
    assert len(data) == len(rows)
    for row, tr in zip(rows, data, strict=True):
        if ("table3", row.key) in defects.rows:
            remove(tr)
            continue
        for col, cell in zip(row.columns, _cells(table, tr)[-len(row.columns) :], strict=True):
            set_cell(cell, cell_text(report, defects, "table3", row.key, col))


def _fill_table4(report: SyntheticReport, defects: Defects, table: Table) -> None:
    t4 = spec(report.template, "table4")
    keys = [(r.key, c.key) for r in t4.rows for c in t4.columns]
    cells = _cells(table, table._tbl.tr_lst[3])
    assert len(cells) == len(keys)
    for (row, col), cell in zip(keys, cells, strict=True):
        set_cell(cell, cell_text(report, defects, "table4", row, col))


# ------------------------------------------------------------------ built from scratch


def render_docx(report: SyntheticReport, defects: Defects = NONE) -> bytes:
    """A report of either format built with python-docx, merged cells as in the official layout."""
    document = docx.Document()
    prose = narrative(report)
    h = headings(report)

    def heading(key: str) -> None:
        if key not in defects.sections:
            document.add_paragraph(h[key])

    document.add_paragraph(prose.title)
    document.add_paragraph(prose.period)
    heading("overview")
    document.add_paragraph(prose.overview)
    heading("proactive")
    _table2(document, report, defects)
    heading("requests")
    _table3(document, report, defects)
    heading("review_litigation")
    _table4(document, report, defects)
    heading("problems")
    document.add_paragraph(prose.problems)
    heading("other")
    for line in prose.closing:
        document.add_paragraph(line)
    return to_bytes(document)


def _table2(document: WordDocument, report: SyntheticReport, defects: Defects) -> None:
    t2 = spec(report.template, "table2")
    width = 1 + max(len(r.columns) for r in t2.value_rows)
    lines: list[tuple[str, list[str]]] = []  # (kind, texts)
    for group in (r for r in t2.rows if r.group):
        children = [r for r in t2.value_rows if r.parent == group.key]
        lines.append(("group", [group.label]))
        lines.append(("header", ["信息内容", *(t2.column(c).label for c in children[0].columns)]))
        for child in children:
            if ("table2", child.key) in defects.rows:
                continue
            texts = [cell_text(report, defects, "table2", child.key, c) for c in child.columns]
            lines.append(("values", [child.label, *texts]))
    table = document.add_table(rows=len(lines), cols=width)
    table.style = "Table Grid"
    for r, (kind, texts) in enumerate(lines):
        row = table.rows[r]
        cells = _spread(row.cells, len(texts))
        for cell, text in zip(cells, texts, strict=True):
            set_cell(cell, text, digit_runs=kind == "values")


def _spread(cells: tuple[_Cell, ...], count: int) -> list[_Cell]:
    """`count` cells over a row: the last one merged over the columns left (a group label spans
    the whole row), as the official table 二 does."""
    if count < len(cells):
        last = cells[count - 1].merge(cells[-1])
        return [*cells[: count - 1], last]
    return list(cells)


def _grid(table: Table) -> Callable[[int, int], _Cell]:
    """`table.cell` of a table not merged yet, without python-docx recomputing the whole grid on
    every call: each merge below takes cells that no earlier merge has taken."""
    grid = [_cells(table, tr) for tr in table._tbl.tr_lst]
    return lambda row, col: grid[row][col]


def _t3_rows(report: SyntheticReport, defects: Defects) -> Iterator[tuple[str, str | None, str | None]]:
    """Table 三's value rows as (key, group label, subgroup label)."""
    t3 = spec(report.template, "table3")
    labels = {r.key: r.label for r in t3.rows}
    parents = {r.key: r.parent for r in t3.rows}
    for row in t3.value_rows:
        if ("table3", row.key) in defects.rows:
            continue
        parent = row.parent
        grandparent = parents[parent] if parent is not None else None
        if parent is not None and grandparent is not None:
            yield row.key, labels[grandparent], labels[parent]
        elif parent is not None:
            yield row.key, labels[parent], None
        else:
            yield row.key, None, None


def _table3(document: WordDocument, report: SyntheticReport, defects: Defects) -> None:
    t3 = spec(report.template, "table3")
    rows = list(_t3_rows(report, defects))
    table = document.add_table(rows=3 + len(rows), cols=10)
    table.style = "Table Grid"
    c = _grid(table)
    set_cell(c(0, 0).merge(c(2, 2)), T3_NOTE)
    set_cell(c(0, 3).merge(c(0, 9)), "申请人情况")
    set_cell(c(1, 3).merge(c(2, 3)), "自然人")
    set_cell(c(1, 4).merge(c(1, 8)), "法人或其他组织")
    set_cell(c(1, 9).merge(c(2, 9)), "总计")
    for i, words in enumerate(("商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他")):
        set_cell(c(2, 4 + i), *words.split("\n"))  # two paragraphs, as in the official blank
    labels = {r.key: r.label for r in t3.rows}
    columns = {r.key: r.columns for r in t3.value_rows}
    spans: dict[str, list[int]] = {}  # a group label -> the table rows it spans
    for i, (key, group, subgroup) in enumerate(rows, 3):
        for label in (group, subgroup):
            if label is not None:
                spans.setdefault(label, []).append(i)
        first = 0 if group is None else 1 if subgroup is None else 2
        set_cell(c(i, first).merge(c(i, 2)), labels[key])
        for j, col in enumerate(columns[key]):
            set_cell(c(i, 3 + j), cell_text(report, defects, "table3", key, col), digit_runs=True)
    for label, span in spans.items():
        column = 0 if label == labels["results"] else 1
        set_cell(c(span[0], column).merge(c(span[-1], column)), label)


def _table4(document: WordDocument, report: SyntheticReport, defects: Defects) -> None:
    t4 = spec(report.template, "table4")
    table = document.add_table(rows=4, cols=15)
    table.style = "Table Grid"
    c = _grid(table)
    labels = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    set_cell(c(0, 0).merge(c(0, 4)), "行政复议")
    set_cell(c(0, 5).merge(c(0, 14)), "行政诉讼")
    for j, label in enumerate(labels):
        set_cell(c(1, j).merge(c(2, j)), label)
        set_cell(c(2, 5 + j), label)
        set_cell(c(2, 10 + j), label)
    set_cell(c(1, 5).merge(c(1, 9)), "未经复议直接起诉")
    set_cell(c(1, 10).merge(c(1, 14)), "复议后起诉")
    keys = [(r.key, col.key) for r in t4.rows for col in t4.columns]
    for j, (row, col) in enumerate(keys):
        set_cell(c(3, j), cell_text(report, defects, "table4", row, col), digit_runs=True)


def legacy_fixture_report() -> SyntheticReport:
    """The report of tests/fixtures/docx/report.doc and report.rtf (scripts/make_legacy_fixture.py):
    a 2021 report with one count of natural persons too many in row 一 (A301 and A303 fail)."""
    report = random_report(random.Random(31), "2021")
    new = report.table3["new"]
    new["natural_person"] = int(new["natural_person"]) + 1
    return report
