"""Suggested values (engine/suggest.py): one wrong cell of table 三 is reported once, at the cell,
with the value that makes every identity through it hold; table 四 stays without a guess."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclose_check import check_text
from govdisclose_check.catalog import default_catalog
from govdisclose_check.engine.suggest import suggest
from govdisclose_check.model import Finding, Severity
from reportgen import LAYOUTS, random_report, render, spec

IDENTITIES = {"A301", "A302", "A303", "A304", "A307"}


def identity_findings(text: str) -> list[Finding]:
    result = check_text(text)
    assert result.report is not None
    return [f for f in suggest(result.report, default_catalog(), result.findings) if f.rule in IDENTITIES]


@st.composite
def one_changed_cell(draw: st.DrawFn, table: str) -> tuple[str, str, str, str, int, int]:
    template = draw(st.sampled_from(["2021", "2019"]))
    seed = draw(st.integers(0, 10_000))
    rows = [r for r in spec(template, table).value_rows if r.columns]
    row = draw(st.sampled_from(rows))
    col = draw(st.sampled_from(row.columns))
    layout = draw(st.sampled_from(LAYOUTS))
    report = random_report(random.Random(seed), template)
    values = report.table3 if table == "table3" else report.table4
    original = int(values[row.key][col])
    changed = draw(st.integers(0, original + 40).filter(lambda v: v != original))
    values[row.key][col] = changed
    return render(report, layout), template, row.key, col, original, changed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_changed_cell("table3"))
def test_one_wrong_cell_of_table_3_is_one_finding_whose_suggestion_restores_it(
    case: tuple[str, str, str, str, int, int],
) -> None:
    text, _, row, col, original, changed = case
    found = identity_findings(text)
    assert len(found) == 1, [(f.rule, f.row, f.col) for f in found]
    (finding,) = found
    assert finding.severity is Severity.ERROR
    assert (finding.table, finding.row, finding.col) == ("table3", row, col)
    assert finding.suggestion == str(original)
    assert finding.rule in {"A301", "A302", "A303"}
    # every identity through the cell failed: the others are folded in, none is left outside
    assert {finding.rule, *(r.rule for r in finding.related)} <= {"A301", "A302", "A303"}
    assert all(r.table == "table3" for r in finding.related)
    assert changed != original


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_changed_cell("table4"))
def test_one_wrong_cell_of_table_4_is_one_finding_whose_suggestion_if_any_restores_it(
    case: tuple[str, str, str, str, int, int],
) -> None:
    """Each cell of table 四 stands in one identity only, so a value is suggested only when exactly
    one of the row's five cells could make it hold without going negative; that one is the changed
    cell, and the suggestion restores it. Otherwise the row total is reported without a guess."""
    text, _, row, col, original, _ = case
    report = check_text(text).report
    assert report is not None
    cells = {c: cell.value for c, cell in report.tables["table4"].rows[row].items()}
    parts = sum(int(v or 0) for c, v in cells.items() if c != "total")
    fixes = {c: int(v or 0) + int(cells["total"] or 0) - parts for c, v in cells.items() if c != "total"}
    fixes["total"] = parts
    possible = [c for c, v in fixes.items() if v >= 0 and v != cells[c]]
    found = identity_findings(text)
    assert [(f.rule, f.table, f.row, f.related) for f in found] == [("A304", "table4", row, ())]
    (finding,) = found
    if len(possible) == 1:
        assert possible == [col]
        assert (finding.col, finding.suggestion) == (col, str(original))
    else:
        assert (finding.col, finding.suggestion) == ("total", None)


def test_a_wrong_applicant_cell_is_reported_at_the_cell_with_the_row_total_related() -> None:
    report = random_report(random.Random(5), "2021")
    original = int(report.table3["new"]["natural_person"])
    report.table3["new"]["natural_person"] = original + 1
    text = render(report, "tab")
    (finding,) = identity_findings(text)
    assert (finding.rule, finding.row, finding.col, finding.suggestion) == (
        "A301",
        "new",
        "natural_person",
        str(original),
    )
    (related,) = finding.related
    assert (related.rule, related.row, related.col) == ("A303", "new", "total")
    line_no = next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith("一、本年新收"))
    assert finding.location.line == related.location.line == line_no
    assert finding.location.column is not None
    assert related.location.column is not None
    assert finding.location.column < related.location.column  # the applicant cell, not the total


def test_two_wrong_cells_in_one_row_get_no_suggestion() -> None:
    report = random_report(random.Random(6), "2021")
    report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
    report.table3["new"]["commercial"] = int(report.table3["new"]["commercial"]) + 2
    found = identity_findings(render(report, "tab"))
    assert len(found) >= 2
    assert all(f.suggestion is None and not f.related for f in found)


def test_an_inequality_alone_suggests_nothing() -> None:
    """现行有效 ≥ 制发 − 废止 fails: any larger figure would do, so there is no one value to suggest."""
    report = random_report(random.Random(7), "2021")
    row = report.table2["rules"]
    row["issued"], row["repealed"], row["in_force"] = 9, 1, 3
    found = identity_findings(render(report, "tab"))
    assert [(f.rule, f.row, f.suggestion) for f in found] == [("A307", "rules", None)]
