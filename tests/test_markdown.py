"""Markdown as PDF converters write it: a table cut per group under generic headers, labels
repeated as headings, labels torn from their numbers (issue 9, item 9: a table that cannot be read
is said once)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from govdisclose_check import check_file, check_text, parse_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.model import CheckResult, Unreadable
from govdisclose_check.parse.legibility import generic_header
from markdowngen import EXAMPLES, FIXTURES, STYLES, example, render_markdown
from reportgen import random_report, render, spec

TEMPLATES = ("2021", "2019")


def _codes(result: CheckResult) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted((f.rule, f.table, f.row, f.col) for f in result.findings)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_committed_examples_are_the_generators_output(name: str) -> None:
    """`python tests/markdowngen.py` wrote them; they stay what the generator makes."""
    assert (FIXTURES / name).read_text(encoding="utf-8") == example(name)


def test_split_example_reads_as_one_clean_table() -> None:
    result = check_file(FIXTURES / "split_heading_2021.md")
    assert result.findings == ()
    assert result.report is not None
    table = result.report.tables["table3"]
    report = random_report(random.Random(EXAMPLES["split_heading_2021.md"][1]), "2021")
    got = {row: {col: cell.value for col, cell in cells.items()} for row, cells in table.rows.items()}
    assert got == report.table3
    assert table.unreadable is None


def test_torn_example_is_one_t208_and_nothing_on_table3() -> None:
    result = check_file(FIXTURES / "torn_labels_2021.md")
    rows = len(spec("2021", "table3").value_rows)
    assert _codes(result) == [("T208", "table3", None, None)]
    (finding,) = result.findings
    assert (finding.expected, finding.actual, finding.section) == (rows, 0, "requests")
    assert f"{rows}行中只有0行" in finding.message
    assert "175个数值无法归入任何一行" in finding.message
    assert f"only 0 of the format's {rows} rows" in finding.message_en
    assert "175 values that belong to no row" in finding.message_en
    text = (FIXTURES / "torn_labels_2021.md").read_text(encoding="utf-8")
    assert (
        finding.location.line
        == text.split("\n").index("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") + 1
    )
    assert result.report is not None
    assert result.report.tables["table3"].unreadable == Unreadable(
        aligned=0, unaligned=rows, bare_labels=rows - 2, stray_values=rows * 7
    )


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("style", [s for s in STYLES if s != "torn"])
def test_split_styles_are_clean_and_read_the_same_cells(style: str, template: str) -> None:
    for seed in range(4):
        report = random_report(random.Random(seed), template)
        result = check_text(render_markdown(report, style))
        assert result.findings == (), f"seed {seed}: {_codes(result)}"
        got = parse_text(render_markdown(report, style)).tables["table3"]
        want = parse_text(render(report, "tab")).tables["table3"]
        assert {k: {c: v.value for c, v in r.items()} for k, r in got.rows.items()} == {
            k: {c: v.value for c, v in r.items()} for k, r in want.rows.items()
        }


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("style", [s for s in STYLES if s != "torn"])
def test_split_style_with_a_defect_gives_the_tab_layouts_findings(style: str, template: str) -> None:
    """A wrong row total in a split table: the same findings as in the plain tab layout."""
    report = random_report(random.Random(5), template)
    report.table3["granted"]["total"] = int(report.table3["granted"]["total"]) + 1
    markdown = check_text(render_markdown(report, style))
    tab = check_text(render(report, "tab"))
    assert _codes(markdown) == _codes(tab)
    assert ("A303", "table3", "granted", "total") in _codes(markdown)


@pytest.mark.parametrize("template", TEMPLATES)
def test_torn_table_is_said_once_and_the_other_tables_are_still_checked(template: str) -> None:
    report = random_report(random.Random(7), template)
    report.table4["review"]["total"] = int(report.table4["review"]["total"]) + 1
    report.table3["granted"]["total"] = int(report.table3["granted"]["total"]) + 1  # not evaluated
    result = check_text(render_markdown(report, "torn"))
    found = sorted((f.rule, f.table, f.row) for f in result.findings)
    assert found == [("A304", "table4", "review"), ("T208", "table3", None)]
    assert [f.rule for f in result.findings if f.table == "table3"] == ["T208"]
    assert "A304" in {f.rule for f in result.findings if f.table == "table4"}


def test_table_with_a_value_short_in_every_row_is_not_unreadable() -> None:
    """Rows that carry their labels are readable, whatever is wrong with them (seed 004's case)."""
    report = random_report(random.Random(2), "2021")
    lines = render(report, "tab").split("\n")
    table = spec("2021", "table3")
    labels = {r.label for r in table.value_rows}
    cut = ["\t".join(line.split("\t")[:-1]) if line.split("\t")[0] in labels else line for line in lines]
    result = check_text("\n".join(cut))
    t204 = [f.row or "" for f in result.findings if f.rule == "T204"]
    assert sorted(t204) == sorted(r.key for r in table.value_rows)
    assert "T208" not in {f.rule for f in result.findings}


def test_truncated_table_is_not_unreadable() -> None:
    """Table 三 cut off after a few rows (seed 002's case, worse): T201 per missing row."""
    report = random_report(random.Random(2), "2021")
    table = spec("2021", "table3")
    kept = {r.label for r in table.value_rows[:5]}
    labels = {r.label for r in table.value_rows}
    lines = [x for x in render(report, "tab").split("\n") if x.split("\t")[0] not in labels - kept]
    result = check_text("\n".join(lines))
    missing = sorted(f.row or "" for f in result.findings if f.rule == "T201")
    assert missing == sorted(r.key for r in table.value_rows[5:])
    assert "T208" not in {f.rule for f in result.findings}


def _tear_first(report_text: str, template: str, count: int) -> str:
    """Tab layout with the first `count` value rows of table 三 torn: labels stay, numbers follow."""
    labels = [r.label for r in spec(template, "table3").value_rows[:count]]
    lines = report_text.split("\n")
    numbers: list[str] = []
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] in labels:
            lines[i] = cells[0]
            numbers.append("\t".join(cells[1:]))
    last = lines.index(labels[-1])
    return "\n".join(lines[: last + 1] + numbers + lines[last + 1 :])


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_measure_is_half_the_rows(template: str) -> None:
    """Fewer than half of the value rows aligned: one T208; half or more: the rows are reported."""
    rows = len(spec(template, "table3").value_rows)
    text = render(random_report(random.Random(11), template), "tab")
    most = check_text(_tear_first(text, template, rows - rows // 2 + 1))
    assert _codes(most) == [("T208", "table3", None, None)]
    half = check_text(_tear_first(text, template, rows // 2))
    assert "T208" not in {f.rule for f in half.findings}
    assert {f.rule for f in half.findings} >= {"T204"}


def test_an_ignored_t208_leaves_the_table_unchecked_all_the_same() -> None:
    """--ignore T208 silences the one finding; it does not bring back the per-row guesses."""
    text = (FIXTURES / "torn_labels_2021.md").read_text(encoding="utf-8")
    result = check_text(text, ignore=("T208",))
    assert result.findings == ()


@pytest.mark.parametrize(
    ("cells", "header"),
    [
        (["数据1", "数据2", "数据3"], True),
        (["项目", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"], True),
        (["", "列1", "列2"], True),
        (["Column1", "column2", "COL3"], True),
        (["第1列", "第 2 列"], True),
        (["字段1", "栏2", "数值3"], True),
        (["数据1"], False),  # one alone is no header
        (["（一）予以公开", "数据1", "数据2"], False),  # a row label among them
        (["数据1", "3", "数据2"], False),
        (["数据12345", "数据2"], False),
    ],
)
def test_generic_header(cells: list[str], header: bool) -> None:
    index_headers = {"总计", "自然人"}
    assert generic_header(cells, index_headers.__contains__) is header


def test_the_rule_is_in_the_catalog_with_its_doc() -> None:
    rule = default_catalog().rule("T208")
    assert (rule.name, rule.severity, rule.kind) == ("table-unreadable", "error", "")
    doc = Path(__file__).resolve().parent.parent / "rules" / "docs" / "T208.md"
    assert doc.read_text(encoding="utf-8").startswith("# T208 table-unreadable")
