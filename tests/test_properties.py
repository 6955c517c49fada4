"""Hypothesis properties of the whole checker.

(a) a consistent report, in any supported layout, parses back to the same numbers, with no finding;
(b) changing any one cell of a consistent table 三 or 四 gives an arithmetic finding naming that
    cell's row or column;
(c) arbitrary text and bytes never raise.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclose_check import check_bytes, check_text, parse_text
from govdisclose_check.catalog import default_catalog
from reportgen import LAYOUTS, SyntheticReport, random_report, render

TEMPLATES = st.sampled_from(["2019", "2021"])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def numbers(report: SyntheticReport) -> dict[tuple[str, str, str], object]:
    out: dict[tuple[str, str, str], object] = {}
    for table, values in (("table2", report.table2), ("table3", report.table3), ("table4", report.table4)):
        for row, cols in values.items():
            for col, value in cols.items():
                out[(table, row, col)] = value
    return out


@SETTINGS
@given(
    rng=st.randoms(use_true_random=False),
    template=TEMPLATES,
    layout=st.sampled_from(LAYOUTS),
    table4=st.sampled_from(["line", "groups"]),
)
def test_consistent_report_round_trips_in_every_layout(
    rng: random.Random, template: str, layout: str, table4: str
) -> None:
    synthetic = random_report(rng, template)
    text = render(synthetic, layout, table4)
    report = parse_text(text, "r.txt")
    assert (report.template, report.year) == (template, synthetic.year)
    parsed = {
        (key, row, col): cell.value
        for key, table in report.tables.items()
        for row, cols in table.rows.items()
        for col, cell in cols.items()
    }
    assert parsed == numbers(synthetic)
    assert check_text(text, "r.txt").findings == ()


CELLS_3 = [
    (row.key, col)
    for row in default_catalog().templates["2021"].tables["table3"].value_rows
    for col in row.columns
]
CELLS_4 = [
    (row.key, col)
    for row in default_catalog().templates["2021"].tables["table4"].value_rows
    for col in row.columns
]


@SETTINGS
@given(
    rng=st.randoms(use_true_random=False),
    layout=st.sampled_from(LAYOUTS),
    target=st.one_of(
        st.tuples(st.just("table3"), st.sampled_from(CELLS_3)),
        st.tuples(st.just("table4"), st.sampled_from(CELLS_4)),
    ),
    delta=st.integers(1, 40),
    up=st.booleans(),
)
def test_changing_one_cell_gives_an_arithmetic_finding_naming_it(
    rng: random.Random, layout: str, target: tuple[str, tuple[str, str]], delta: int, up: bool
) -> None:
    table, (row, col) = target
    synthetic = random_report(rng, "2021")
    values = synthetic.table3 if table == "table3" else synthetic.table4
    old = int(values[row][col])
    new = old + delta if up or old - delta < 0 else old - delta
    values[row][col] = new
    findings = check_text(render(synthetic, layout), "r.txt").findings
    arithmetic = [f for f in findings if f.rule in ("A301", "A302", "A303", "A304") and f.table == table]
    assert arithmetic, f"no arithmetic finding after changing {table} {row}/{col} from {old} to {new}"
    assert any(f.row == row or f.col == col for f in arithmetic)
    assert all(f.severity == "error" for f in arithmetic)
    # Nothing else is reported: the change breaks arithmetic, not the table's shape.
    assert {f.rule for f in findings} <= {"A301", "A302", "A303", "A304"}


RULES = {r.code for r in default_catalog().rules}


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = check_bytes(data, "x.txt")
    assert {f.rule for f in result.findings} <= RULES
    if result.report is None:
        assert [f.rule[0] for f in result.findings] == ["E"]


FRAGMENTS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、结转下年度继续办理",
    "（七）总计",
    "第二十条第（一）项",
    "信息内容",
    "本年制发件数",
    "规章",
    "行政许可",
    "行政复议",
    "结果维持",
    "1.属于国家秘密",
    "（六）其他处理",
    "增7",
    "减3",
    "-3",
    "/",
    "—",
    "无",
    "1,234",
    "8910.5",
    "251000元",
    "0",
    "12",
    "2021年政府信息公开工作年度报告",
    "勾稽关系",
    "自然人",
    "总计",
    "[bookmark: _GoBack]",
    "公開(kāi)",
    "|",
    "\t",
    " ",
    "\n",
    "\r\n",
    "**",
    "#",
    "（",
    "）",
]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=120))
def test_report_like_noise_never_raises(parts: list[str]) -> None:
    result = check_text("".join(parts), "x.txt")
    assert {f.rule for f in result.findings} <= RULES
    for finding in result.findings:
        assert finding.message
        assert finding.message_en
        assert finding.location.line is None or finding.location.line >= 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    result = check_text(text, "x.txt")
    assert {f.rule for f in result.findings} <= RULES
